import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { pauseMoment } from '../../src/ui/sim/pauseMoment';
import { formatT } from '../../src/ui/recipe';
import { formatClock } from '../../src/ui/format';
import { parseDuration } from '../../src/scenario';
import { SimHost } from '../../src/workers/SimHost';

const gatewayAndMesh = readFileSync(fileURLToPath(new URL('../../scenarios/gateway-and-mesh.json', import.meta.url)), 'utf8');

function loaded() {
  let t = 0;
  const host = new SimHost(() => (t += 1e-6));
  if (!host.load(gatewayAndMesh).ok) throw new Error('load failed');
  host.setSnapshotPolicy(null);
  return host;
}

describe('a pause stands on a round moment just after the one it was pressed at', () => {
  it('8000.003 ms at 1x stands at 8001 ms; 15000.003 ms at 15001 ms; a whole ms stays', () => {
    expect(pauseMoment(8000.003, 1)).toBe(8001);
    expect(pauseMoment(15000.003, 1)).toBe(15001);
    expect(pauseMoment(15000.003, Number.POSITIVE_INFINITY)).toBe(15001);
    expect(pauseMoment(8001, 1)).toBe(8001);
    expect(pauseMoment(15000, 1)).toBe(15000);
  });

  it('at 0.01x (a frame is 0.17 ms of simulated time) it runs on a tenth of a ms at most: 8000.003 ms stands at 8000.1 ms', () => {
    expect(pauseMoment(8000.003, 0.01)).toBe(8000.1);
    expect(pauseMoment(8000.1, 0.01)).toBe(8000.1);
  });

  it("never onto another clock reading: under 1 s the clock reads whole ms, so 866.23 ms stands at 866.3 ms; 9999.5 ms stays short of 10.0 s", () => {
    expect(pauseMoment(866.4, 1)).toBe(866.4);
    expect(pauseMoment(866.23, 1)).toBe(866.3);
    expect(formatClock(pauseMoment(866.23, 1))).toBe('0.866 s');
    // 866.5 ms would read 0.867 s where the moment is written rounded (formatSimTime).
    expect(pauseMoment(866.43, 1)).toBe(866.43);
    expect(pauseMoment(9999.5, 1)).toBe(9999.5);
    expect(pauseMoment(9998.25, 1)).toBe(9999);
  });

  it('gateway-and-mesh played to 8000.003 ms and paused: the link says t=8001ms, which reopens on the same counters, links and trace hash', () => {
    const host = loaded();
    host.advance(0, 12);
    let f = host.advance(8000.003, 1e9);
    expect(f.simTime).toBe(8000.003);
    // What the link said before: the paused moment to the microsecond.
    expect(formatT(f.simTime, f.nextEventMs)).toBe('8000.003ms');
    // The pause (sim/controller.ts): finish the instant, run on to the round moment, finish it.
    f = host.advance(0, 1e9);
    const to = pauseMoment(f.simTime, 1);
    expect(to).toBe(8001);
    host.advance(to - f.simTime, 1e9);
    f = host.advance(0, 1e9);
    expect(f.simTime).toBe(8001);
    const t = formatT(f.simTime, f.nextEventMs);
    expect(t).toBe('8001ms');
    const r = parseDuration(t);
    if (!r.ok) throw new Error(r.message);
    const again = loaded().seekTo(r.ms, 1e9);
    expect(again.simTime).toBe(8001);
    expect(again.traceHash).toBe(f.traceHash);
    expect(Array.from(again.counters)).toEqual(Array.from(f.counters));
    expect(Array.from(again.edges)).toEqual(Array.from(f.edges));
    expect(Array.from(again.recent)).toEqual(Array.from(f.recent));
  });
});
