// Snapshots filled in while the run stands still (SimHost.idle, backfill.ts): more of them,
// evenly spread within the budget, each the one a run from zero would pass through.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SimHost } from '../../src/workers/SimHost';
import { DEFAULT_SNAPSHOT_POLICY, type SnapshotPolicy } from '../../src/workers/snapshots';
import type { Frame } from '../../src/workers/protocol';

const text = (name: string) => readFileSync(fileURLToPath(new URL(`../../scenarios/${name}.json`, import.meta.url)), 'utf8');

/**
 * A wall clock that moves `step` ms (0.01 by default) each time it is read, so the run's speed is
 * known and budgets deterministic; a larger step is a slower machine, or one under load.
 */
function fakeClock(step = 0.01) {
  let t = 0;
  return () => (t += step);
}

/**
 * Snapshots every 10 simulated s while running; while idle, gaps of over 2,000 events are split
 * (hello-mesh runs about 830 events a simulated s: gaps end up 2.4 s or less).
 */
const POLICY: SnapshotPolicy = { ...DEFAULT_SNAPSHOT_POLICY, wallMs: Number.POSITIVE_INFINITY, simMs: 10_000, fillEvents: 2_000, fillRunEvents: 0 };

function host(name: string, policy: SnapshotPolicy | null, clockStep = 0.01) {
  const h = new SimHost(fakeClock(clockStep));
  if (!h.load(text(name)).ok) throw new Error('load failed');
  h.setSnapshotPolicy(policy);
  return h;
}

/** Plays like the app: uneven slices of simulated time. */
function play(h: SimHost, toMs: number): Frame {
  let f = h.advance(0, 12);
  for (let i = 0; f.simTime < toMs; i++) f = h.advance(Math.min(toMs - f.simTime, 37.3 + (i % 7) * 11.1), 12);
  return h.advance(0, 12);
}

/** Idle work until there is none (at most `calls` slices of `budgetMs`); the number of slices. */
function idleAll(h: SimHost, budgetMs = 1e9, calls = 10_000): number {
  let n = 0;
  while (n < calls && h.idle(budgetMs)) n++;
  return n;
}

/** Everything a frame shows but its sequence number and passed counts (they count since each host's last frame). */
function shown(f: Frame) {
  const { seq: _seq, passed: _passed, ...rest } = f;
  return { ...rest, counters: [...f.counters], dots: [...f.dots], nodes: [...f.nodes], edges: [...f.edges] };
}

const bytesOf = (h: SimHost) => h.snapshots().reduce((n, s) => n + s.bytes, 0);

describe('SimHost fills in snapshots while the run stands still', () => {
  it('splits the widest gaps in their middles until its share of the budget is used, and a seek into a filled gap shows the frame of a run from zero', () => {
    // Any gap of more than an event is worth splitting here: the budget stops the fills.
    const h = host('control-plane-outage', { ...POLICY, fillEvents: 1 });
    play(h, 40_000);
    expect(h.snapshots().map((s) => s.ms)).toEqual([10_000, 20_000, 30_000, 40_000]);
    // Room for a few times as many (a snapshot ahead holds the log's chunks since the one it
    // starts from): the fills stop at 3/4 of the budget.
    const budget = Math.round((bytesOf(h) * 4) / 0.75);
    h.setSnapshotPolicy({ ...POLICY, fillEvents: 1, budgetBytes: budget });
    // Each fill splits the widest gap in its middle (ties go to the earliest), counting the one
    // from the newest snapshot to the run's end (100 s), ahead of where the run stands.
    for (let i = 0; i < 3; i++) expect(h.idle(1e9)).toBe(true);
    expect(h.snapshots().map((s) => Math.round(s.ms))).toEqual([10_000, 20_000, 30_000, 40_000, 55_000, 70_000, 85_000]);
    idleAll(h);
    const times = h.snapshots().map((s) => Math.round(s.ms));
    expect(times.length).toBeGreaterThanOrEqual(9);
    expect(bytesOf(h)).toBeLessThanOrEqual(0.75 * budget);
    // Evenly: the widest gap left (to the end too) is at most twice the narrowest.
    const gaps = [...times.slice(1), 100_000].map((t, i) => t - times[i]);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(2 * Math.min(...gaps));
    const zero = host('control-plane-outage', null);
    // Back into a filled gap, and forward past where the run stood (it jumps to a snapshot ahead).
    for (const t of [15_250, 25_500, 71_000]) expect(shown(h.seekTo(t, 1e9))).toEqual(shown(zero.seekTo(t, 1e9)));
    // It went back to the filled snapshot: no more than 5 s of events re-run from 15 s.
    expect(h.snapshotCosts().copyMs).toBeGreaterThan(0);
  });

  it('does nothing while play goes on, and fills once play pauses', () => {
    const h = host('hello-mesh', { ...POLICY, fillEvents: 8_000 });
    play(h, 30_000);
    h.advance(500, 12);
    const before = h.snapshots().length;
    expect(h.idle(1e9)).toBe(false);
    expect(h.snapshots().length).toBe(before);
    h.advance(0, 12);
    idleAll(h);
    expect(h.snapshots().length).toBeGreaterThan(before);
  });

  it('a fault injected while a fill is half done drops that fill: the snapshots filled in later replay the fault, as a run from zero with the same actions', () => {
    const h = host('hello-mesh', { ...POLICY, fillEvents: 8_000 });
    play(h, 40_000);
    h.seekTo(12_000, 1e9);
    // A slice too short to finish the fill (from the snapshot at 10 s to 15 s): it is under way.
    expect(h.idle(0.05)).toBe(true);
    expect(h.injectFault({ type: 'kill-service', service: 'catalog', for: '4s' }).ok).toBe(true);
    expect(h.snapshots().map((s) => s.ms)).toEqual([10_000]);
    h.seekTo(40_000, 1e9);
    idleAll(h);
    expect(h.snapshots().filter((s) => s.ms > 12_000).length).toBeGreaterThan(3);
    const zero = host('hello-mesh', null);
    expect(zero.setActions(h.liveActions())).toEqual([]);
    for (const t of [15_500, 24_000, 31_000]) expect(shown(h.seekTo(t, 1e9))).toEqual(shown(zero.seekTo(t, 1e9)));
    expect(shown(h.seekTo(15_000, 1e9)).failures['connect-refused'] ?? 0).toBeGreaterThan(0);
  });
  it('a scenario just opened gets a snapshot where it stands, then snapshots ahead to its end: a seek forward jumps to one and shows the frame of a run from zero', () => {
    const h = host('hello-mesh', { ...POLICY, fillEvents: 8_000 });
    h.advance(0, 12);
    expect(h.snapshots()).toEqual([]);
    idleAll(h);
    const times = h.snapshots().map((s) => Math.round(s.ms));
    expect(times[0]).toBe(0);
    expect(times.length).toBeGreaterThanOrEqual(4);
    expect(Math.max(...times)).toBeGreaterThan(90_000);
    const zero = host('hello-mesh', null);
    const f = h.seekTo(100_500, 1e9);
    expect(f.passed.every((x) => x === 0)).toBe(true);
    expect(shown(f)).toEqual(shown(zero.seekTo(100_500, 1e9)));
  });

  it('a run of fillRunEvents events or fewer from zero to its end gets no fill once it has moved', () => {
    // hello-mesh: 99,788 events in its 120 s; 25,313 by 30 s, which makes 101,252 by the end.
    const h = host('hello-mesh', { ...POLICY, fillEvents: 8_000, fillRunEvents: 102_000 });
    play(h, 30_000);
    const kept = h.snapshots().length;
    expect(h.idle(1e9)).toBe(false);
    expect(h.snapshots().length).toBe(kept);
    h.setSnapshotPolicy({ ...POLICY, fillEvents: 8_000, fillRunEvents: 100_000 });
    idleAll(h);
    expect(h.snapshots().length).toBeGreaterThan(kept);
  });

  it('fills the same snapshots on a fast machine as on one 20 times slower (a load of 20): gaps count events, not wall time, and the fill stops once none holds over fillEvents', () => {
    const fills = (clockStep: number) => {
      const h = host('hello-mesh', { ...POLICY, fillEvents: 8_000 }, clockStep);
      play(h, 30_000);
      // As the worker: slices of 10 wall ms.
      let slices = 0;
      while (slices < 100_000 && h.idle(10)) slices++;
      return { slices, points: h.snapshots().map((s) => ({ ms: Math.round(s.ms), ev: s.ev })) };
    };
    const fast = fills(0.01);
    const slow = fills(0.2);
    expect(slow.points).toEqual(fast.points);
    // The slower machine took more slices for the same work.
    expect(slow.slices).toBeGreaterThan(fast.slices);
    // Every gap, the last one to the run's end (99,788 events) too, holds 8,000 events or fewer,
    // and most hold over half that (each was split in its middle from one over 8,000).
    const evs = [...fast.points.map((p) => p.ev), 99_788];
    const gaps = evs.slice(1).map((e, i) => e - evs[i]);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(8_000);
    expect(gaps.filter((g) => g > 3_000).length).toBeGreaterThan(gaps.length / 2);
    expect(fast.points.length).toBeGreaterThanOrEqual(13);
  });

  it('without a snapshot policy there is no idle work', () => {
    const h = host('hello-mesh', null);
    play(h, 20_000);
    expect(h.idle(1e9)).toBe(false);
    expect(h.snapshots()).toEqual([]);
  });
});
