import { describe, expect, it } from 'vitest';
import { TraceHash } from '../../src/sim-engine';

type Ev = [time: number, kind: number, target: number, a: number];

function digest(events: Ev[]): string {
  const h = new TraceHash();
  for (const [t, k, target, a] of events) h.add(t, k, target, a);
  return h.digest();
}

describe('TraceHash', () => {
  const base: Ev[] = Array.from({ length: 50 }, (_, i) => [i * 0.37, (i % 7) + 1, i % 5, i * 3]);

  it('is a pure function of the event sequence', () => {
    expect(digest(base)).toBe(digest(base.map((e) => [...e] as Ev)));
    expect(digest(base)).toMatch(/^[0-9a-f]{16}$/);
  });

  it('changes when any one field of any one event changes, even by one ulp of time', () => {
    const seen = new Set([digest(base)]);
    for (const i of [0, 17, 49]) {
      for (let field = 0; field < 4; field++) {
        const changed = base.map((e) => [...e] as Ev);
        changed[i][field] = field === 0 ? changed[i][0] + Number.EPSILON * Math.max(1, changed[i][0]) : changed[i][field] + 1;
        seen.add(digest(changed));
      }
    }
    expect(seen.size).toBe(1 + 3 * 4);
  });

  it('changes when two events swap places, or one is dropped', () => {
    const swapped = base.map((e) => [...e] as Ev);
    [swapped[10], swapped[11]] = [swapped[11], swapped[10]];
    expect(digest(swapped)).not.toBe(digest(base));
    expect(digest(base.slice(0, -1))).not.toBe(digest(base));
  });

  it('tells kind apart from target although both share one word', () => {
    expect(digest([[1, 2, 3, 0]])).not.toBe(digest([[1, 3, 2, 0]]));
  });
});
