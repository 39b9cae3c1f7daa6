// A compare seek asked for when the pair cannot seek (no pair open yet, or the runs failed) is refused, and the
// target it put in the store goes with it: it stayed, so the header said "seeking to …" for good and the keys
// held while a link opens (openingKeys.ts) waited for good (H1, session 38, reading pairSeek.ts for N8 finding 1).
import { expect, test } from 'vitest';
import type { SimBridge } from '../../src/ui/bridge/simBridge';
import { createCompareController } from '../../src/ui/compare/compareController';

test('a seek with no pair open is refused and leaves no target behind', async () => {
  const pair = createCompareController({ spawn: () => { throw new Error('no worker in this test'); } } as unknown as SimBridge, []);
  await pair.seek(5_000);
  expect(pair.store.getState().seekingTo).toBe(null);
  pair.dispose();
});

test('a seek after the runs failed is refused and leaves no target behind', async () => {
  const pair = createCompareController({ spawn: () => { throw new Error('no worker in this test'); } } as unknown as SimBridge, []);
  pair.store.setState((d) => void (d.status = 'failed'));
  await pair.seek(5_000);
  expect(pair.store.getState().seekingTo).toBe(null);
  pair.dispose();
});
