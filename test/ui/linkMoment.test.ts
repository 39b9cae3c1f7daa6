import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SimHost } from '../../src/workers/SimHost';
import { Counter } from '../../src/workers/protocol';
import { formatT } from '../../src/ui/recipe';
import { parseDuration } from '../../src/scenario';

const hello = readFileSync(fileURLToPath(new URL('../../scenarios/hello-mesh.json', import.meta.url)), 'utf8');

function loaded() {
  let t = 0;
  const host = new SimHost(() => (t += 1e-6));
  if (!host.load(hello).ok) throw new Error('load failed');
  host.setSnapshotPolicy(null);
  return host;
}

describe("a share link's rounded t reaches the same moment", () => {
  it('played in float slices (frames of 16.7 ms at 0.3x speed) to a noisy time, the short t written for it seeks to the same hash and counters', () => {
    const host = loaded();
    let f = host.advance(0, 12);
    while (f.simTime < 13_999) f = host.advance(16.7 * 0.3, 1e9);
    // Played to whole microseconds (SimHost.advance): adding up float slices leaves no noise.
    expect(String(f.simTime).replace(/^\d+\.?/, '').length).toBeLessThanOrEqual(3);
    // A noisy time, as an old link or a frame cut short by its budget leaves: more than a
    // nanosecond's decimals.
    f = host.seekTo(f.simTime + 0.000123456789, 1e9);
    expect(String(f.simTime).replace(/^\d+\.?/, '').length).toBeGreaterThan(6);
    const t = formatT(f.simTime, f.nextEventMs);
    expect(t.length).toBeLessThan(15);
    const r = parseDuration(t);
    if (!r.ok) throw new Error(r.message);
    expect(r.ms).toBeGreaterThanOrEqual(f.simTime);
    expect(r.ms).toBeLessThan(f.nextEventMs);
    const again = loaded().seekTo(r.ms, 1e9);
    expect(again.traceHash).toBe(f.traceHash);
    expect(again.counters[Counter.events]).toBe(f.counters[Counter.events]);
    expect(Array.from(again.edges)).toEqual(Array.from(f.edges));
  });
});
