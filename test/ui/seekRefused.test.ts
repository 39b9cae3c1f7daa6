// A single-view seek asked for before a run is open (or after it crashed) is refused, and the target it put in
// the store goes with it: it stayed, so "seeking to …" said so for good (H1, session 38; pairSeek.ts likewise).
import { expect, test } from 'vitest';
import type { SimBridge } from '../../src/ui/bridge/simBridge';
import { createController } from '../../src/ui/sim/controller';
import { createFrameChannel } from '../../src/ui/state/frameChannel';
import { createAppStore } from '../../src/ui/state/store';

test('a seek with no run open is refused and leaves no target behind', async () => {
  const store = createAppStore([]);
  const controller = createController(store, new Proxy({}, { get: (_, key) => (key === 'then' ? undefined : () => {}) }) as unknown as SimBridge, createFrameChannel());
  await controller.seek(5_000);
  expect(store.getState().seekingTo).toBe(null);
});
