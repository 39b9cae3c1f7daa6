import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SimHost } from '../../src/workers/SimHost';
import { DEFAULT_SNAPSHOT_POLICY, SnapshotShelf, type SnapshotPolicy } from '../../src/workers/snapshots';
import { Counter, type Frame } from '../../src/workers/protocol';

const text = (name: string) => readFileSync(fileURLToPath(new URL(`../../scenarios/${name}.json`, import.meta.url)), 'utf8');

/** A wall clock that moves `perRead` ms each time it is read, so budgets are deterministic. */
function fakeClock(perRead: number) {
  let t = 0;
  return () => (t += perRead);
}

/** Snapshots every 5 simulated s (the fake clock barely moves, so wall time never calls one). */
const EVERY_5S: SnapshotPolicy = { ...DEFAULT_SNAPSHOT_POLICY, simMs: 5_000 };

function host(name: string, policy: SnapshotPolicy | null) {
  const h = new SimHost(fakeClock(1e-6));
  const r = h.load(text(name));
  if (!r.ok) throw new Error('load failed');
  h.setSnapshotPolicy(policy);
  return h;
}

/** Plays like the app: uneven slices of simulated time, so points fall between events. */
function play(h: SimHost, toMs: number): Frame {
  let f = h.advance(0, 12);
  for (let i = 0; f.simTime < toMs; i++) f = h.advance(Math.min(toMs - f.simTime, 37.3 + (i % 7) * 11.1), 12);
  return f;
}

/** Everything a frame shows, but its sequence number. */
function shown(f: Frame) {
  const { seq: _seq, ...rest } = f;
  return { ...rest, counters: [...f.counters], dots: [...f.dots], nodes: [...f.nodes], edges: [...f.edges], passed: [...f.passed] };
}

const KILL = { type: 'kill-service', service: 'catalog', for: '4s' };
const ABORT = { type: 'http-abort', service: 'cart', percent: 50 };

describe('SimHost seeks through snapshots', () => {
  it('takes a snapshot every 5 simulated s while playing, at those times', () => {
    const h = host('hello-mesh', EVERY_5S);
    play(h, 21_000);
    expect(h.snapshots().map((s) => s.ms)).toEqual([5_000, 10_000, 15_000, 20_000]);
  });

  it('while playing, copies a snapshot that would hold the worker past playMs a slice per advance, the run standing still at its point until it is on the shelf; seeking back through it gives the frame of a run from zero', () => {
    // Each clock read moves 12 ms once the copy is due: a 12 ms advance then copies a few hundred objects
    // (gateway-and-mesh: hello-mesh's world, its spans recorded as numbers since session 9, is copied in one).
    let t = 0;
    let perRead = 1e-6;
    const h = new SimHost(() => (t += perRead));
    if (!h.load(text('gateway-and-mesh')).ok) throw new Error('load failed');
    // A budget no copy meets: every snapshot is copied in slices.
    h.setSnapshotPolicy({ ...EVERY_5S, playMs: -1 });
    play(h, 4_990);
    perRead = 12;
    const times: number[] = [];
    let f = h.advance(37, 12);
    for (let i = 0; i < 1000 && h.snapshots().length === 0; i++) {
      expect(h.snapshotCosts().copyingAtMs).toBe(5_000);
      times.push(f.simTime);
      f = h.advance(37, 12);
    }
    // Copied over several advances, each answering with the run at the snapshot's point.
    expect(times.length).toBeGreaterThan(2);
    expect(times.every((x) => x === 5_000)).toBe(true);
    expect(h.snapshots().map((s) => s.ms)).toEqual([5_000]);
    expect(h.snapshotCosts().copyingAtMs).toBeNull();
    perRead = 1e-6;
    play(h, 12_000);
    const zero = host('gateway-and-mesh', null);
    play(zero, 12_000);
    expect(shown(h.seekTo(7_000, 1e9))).toEqual(shown(zero.seekTo(7_000, 1e9)));
  });

  it('a pause (an advance of no time) finishes a snapshot being copied in slices; a seek back or an injected fault abandons it, and the run goes on as a run from zero', () => {
    let t = 0;
    let perRead = 1e-6;
    const slowHost = () => {
      const h = new SimHost(() => (t += perRead));
      if (!h.load(text('hello-mesh')).ok) throw new Error('load failed');
      h.setSnapshotPolicy({ ...EVERY_5S, playMs: -1 });
      perRead = 1e-6;
      play(h, 4_990);
      perRead = 3;
      h.advance(37, 12);
      expect(h.snapshotCosts().copyingAtMs).toBe(5_000);
      perRead = 1e-6;
      return h;
    };
    const paused = slowHost();
    paused.advance(0, 12);
    expect(paused.snapshots().map((s) => s.ms)).toEqual([5_000]);
    expect(paused.snapshotCosts().copyingAtMs).toBeNull();

    const sought = slowHost();
    const zero = host('hello-mesh', null);
    play(zero, 6_000);
    expect(shown(sought.seekTo(2_500, 1e9))).toEqual(shown(zero.seekTo(2_500, 1e9)));
    expect(sought.snapshotCosts().copyingAtMs).toBeNull();
    expect(sought.snapshots()).toEqual([]);

    const injected = slowHost();
    expect(injected.injectFault(KILL).ok).toBe(true);
    expect(injected.snapshotCosts().copyingAtMs).toBeNull();
    play(injected, 9_000);
    const zeroKill = host('hello-mesh', null);
    zeroKill.seekTo(5_000, 1e9);
    expect(zeroKill.injectFault(KILL).ok).toBe(true);
    play(zeroKill, 9_000);
    expect(shown(injected.seekTo(8_000, 1e9))).toEqual(shown(zeroKill.seekTo(8_000, 1e9)));
  });

  it("takes a snapshot by wall time only past wallMinEvents of the run's own events: a busy machine's clock (one that runs fast) copies no more often than that", () => {
    // Only the wall spacing acts here; the clock moves 20 ms a read (the engine reads it every few hundred events), so 500 ms pass every few thousand events.
    const byWall = (wallMinEvents: number) => {
      const h = new SimHost(fakeClock(20));
      if (!h.load(text('two-meshes-direct')).ok) throw new Error('load failed');
      h.setSnapshotPolicy({ ...DEFAULT_SNAPSHOT_POLICY, simMs: Number.POSITIVE_INFINITY, wallMinEvents });
      for (let f = h.seekTo(7_000, 150); f.simTime < 7_000 && !f.done; ) f = h.seekTo(7_000, 150);
      const ev = h.snapshots().map((s) => s.ev);
      return { ev, gaps: ev.map((e, i) => e - (i === 0 ? 0 : ev[i - 1])) };
    };
    // Wall time alone: a snapshot every few thousand events.
    const wallOnly = byWall(0);
    expect(wallOnly.ev.length).toBeGreaterThan(3);
    expect(Math.min(...wallOnly.gaps)).toBeLessThan(10_000);
    const paced = byWall(12_000);
    expect(paced.ev.length).toBeGreaterThan(0);
    expect(paced.ev.length).toBeLessThan(wallOnly.ev.length);
    for (const gap of paced.gaps) expect(gap).toBeGreaterThanOrEqual(12_000);
    // The default waits for FILL_EVENTS (50,000): none in the 35,000 events to 7 s.
    expect(DEFAULT_SNAPSHOT_POLICY.wallMinEvents).toBe(50_000);
  });

  it('while playing, takes snapshots whose copy fits within playMs as they come due', () => {
    const h = host('hello-mesh', { ...EVERY_5S, playMs: 30 });
    play(h, 11_000);
    expect(h.snapshots().map((s) => s.ms)).toEqual([5_000, 10_000]);
  });

  it('a seek back through a snapshot shows the frame a seek from zero shows, with live faults before and after the snapshot', () => {
    const make = (policy: SnapshotPolicy | null) => {
      const h = host('hello-mesh', policy);
      play(h, 7_000.5);
      expect(h.injectFault(KILL).ok).toBe(true);
      play(h, 12_345.25);
      expect(h.injectFault(ABORT).ok).toBe(true);
      play(h, 30_000);
      return h;
    };
    const snap = make(EVERY_5S);
    const zero = make(null);
    expect(snap.snapshots().map((s) => s.ms)).toEqual([5_000, 10_000, 15_000, 20_000, 25_000, 30_000]);
    expect(zero.snapshots()).toEqual([]);
    // 18 s: from the 15 s snapshot, after both faults; 11 s: from the 10 s one, between them; 3 s: from zero.
    for (const t of [18_000, 11_000, 3_000]) {
      const a = shown(snap.seekTo(t, 1e9));
      const b = shown(zero.seekTo(t, 1e9));
      expect(a.simTime).toBe(t);
      expect(a).toEqual(b);
    }
    // Forward from 3 s: one jumps to the 25 s snapshot (a jump counts nothing as passed), the other runs there.
    const a = shown(snap.seekTo(26_500.5, 1e9));
    const b = shown(zero.seekTo(26_500.5, 1e9));
    expect(a.passed.every((x) => x === 0)).toBe(true);
    expect(b.passed.some((x) => x > 0)).toBe(true);
    expect({ ...a, passed: [] }).toEqual({ ...b, passed: [] });
    const f = snap.seekTo(26_500.5, 1e9);
    expect(f.failures['connect-refused'] ?? 0).toBeGreaterThan(0);
    expect(Object.keys(f.failures).length).toBeGreaterThan(1);
  });

  it('a seek back and forward again reaches the frame of a run that never went back (hash, counters, dots, nodes)', () => {
    const h = host('retry-storm', EVERY_5S);
    const straight = shown(play(h, 24_000));
    h.seekTo(7_500, 1e9);
    const again = shown(h.seekTo(24_000, 1e9));
    expect(again.traceHash).toBe(straight.traceHash);
    expect({ ...again, passed: [] }).toEqual({ ...straight, passed: [] });
    expect(again.counters[Counter.failed]).toBeGreaterThan(0);
  });

  it("a restored world shares the scenario's objects (a service's spec) instead of copies, and its run leaves the scenario as it was", () => {
    const h = host('config-rollout', EVERY_5S);
    const inside = h as unknown as { scenario: { services: object[] }; world: { services: { spec: object }[] } };
    const before = JSON.stringify(inside.scenario);
    play(h, 21_000);
    h.seekTo(12_000, 1e9);
    expect(h.snapshotCosts().copyMs).toBeGreaterThan(0);
    expect(inside.world.services[0].spec).toBe(inside.scenario.services[0]);
    h.seekTo(40_000, 1e9);
    expect(JSON.stringify(inside.scenario)).toBe(before);
  });

  it('restoring one snapshot twice gives the same frames: the snapshot does not run on', () => {
    const h = host('control-plane-outage', EVERY_5S);
    play(h, 40_000);
    const first = shown(h.seekTo(33_000, 1e9));
    h.seekTo(39_000, 1e9);
    expect(shown(h.seekTo(33_000, 1e9))).toEqual(first);
  });

  it('a seek forward past a snapshot jumps to it and shows what running there shows', () => {
    const h = host('hello-mesh', EVERY_5S);
    const end = shown(play(h, 40_000));
    h.seekTo(2_000, 1e9);
    const ev = h.seekTo(2_000, 1e9).counters[Counter.events];
    expect(ev).toBeLessThan(end.counters[Counter.events]);
    const f = shown(h.seekTo(40_000, 1e9));
    expect(f.traceHash).toBe(end.traceHash);
    // It jumped (a frame after a jump counts nothing as passed; running 2 s to 40 s would have).
    expect(f.passed.every((x) => x === 0)).toBe(true);
    expect(shown(h.seekTo(35_000, 1e9)).traceHash).not.toBe(end.traceHash);
    expect(shown(h.seekTo(40_000, 1e9)).passed.some((x) => x > 0)).toBe(false);
    h.seekTo(36_000, 1e9);
    expect(shown(h.seekTo(39_000, 1e9)).passed.some((x) => x > 0)).toBe(true);
  });

  it('injecting a fault drops the snapshots after it, and a seek then replays the new fault', () => {
    const h = host('hello-mesh', EVERY_5S);
    play(h, 30_000);
    h.seekTo(12_000, 1e9);
    expect(h.injectFault(KILL).ok).toBe(true);
    expect(h.snapshots().map((s) => s.ms)).toEqual([5_000, 10_000]);
    const ahead = shown(h.seekTo(20_000, 1e9));
    const zero = host('hello-mesh', null);
    expect(zero.setActions(h.liveActions())).toEqual([]);
    // Passed counts differ: they count since each host's last frame (12 s here, 0 there).
    expect({ ...shown(zero.seekTo(20_000, 1e9)), passed: [] }).toEqual({ ...ahead, passed: [] });
    expect(ahead.failures['connect-refused'] ?? 0).toBeGreaterThan(0);
  });

  it('clearing injected faults, replacing the actions or reseeding drops every snapshot; a reset with the same seed keeps them', () => {
    const h = host('hello-mesh', EVERY_5S);
    play(h, 12_000);
    expect(h.snapshots().length).toBe(2);
    h.reset();
    expect(h.snapshots().length).toBe(2);
    h.reset(99);
    expect(h.snapshots()).toEqual([]);
    play(h, 12_000);
    h.setActions([]);
    expect(h.snapshots()).toEqual([]);
    play(h, 12_000);
    h.clearInjected();
    expect(h.snapshots()).toEqual([]);
  });

  it('the series and the event log after a seek through a snapshot are those of a seek from zero, in a new epoch', () => {
    const snap = host('retry-storm', EVERY_5S);
    const zero = host('retry-storm', null);
    play(snap, 30_000);
    const before = snap.seriesSince(0, 0).epoch;
    snap.seekTo(22_250, 1e9);
    zero.seekTo(22_250, 1e9);
    const a = snap.seriesSince(0, 0);
    expect(a.epoch).not.toBe(before);
    expect(a.buckets).toEqual(zero.seriesSince(0, 0).buckets);
    expect(a.buckets.length).toBe(22);
    const rows = (h: SimHost) => {
      const { epoch: _e, ...r } = h.eventLogQuery(0, 1000, { kind: 1 })!;
      return r;
    };
    expect(rows(snap)).toEqual(rows(zero));
    expect(rows(snap).total).toBe(899);
    // Every row after the snapshot too, each proxy's events under the proxy (not the data plane).
    const all = (h: SimHost) => {
      const { epoch: _e, ...r } = h.eventLogQuery(Math.max(0, h.eventLogQuery(0, 1)!.total - 1000), 1000)!;
      return r;
    };
    expect(all(snap)).toEqual(all(zero));
    expect(snap.sampledRequests({ limit: 20 })).toEqual(zero.sampledRequests({ limit: 20 }));
  });

  it('keeps its snapshots within the memory budget, thinned evenly, the newest kept', () => {
    const h = host('hello-mesh', { ...EVERY_5S, simMs: 2_000, budgetBytes: 12_000_000 });
    play(h, 100_000);
    const list = h.snapshots();
    const total = list.reduce((n, s) => n + s.bytes, 0);
    expect(total).toBeLessThanOrEqual(12_000_000);
    expect(list.length).toBeGreaterThan(2);
    // Even: every other one went each time, and new ones came as far apart as those left.
    const spacing = list[1].ms - list[0].ms;
    expect(spacing).toBeGreaterThanOrEqual(8_000);
    for (let i = 1; i < list.length; i++) expect(list[i].ms - list[i - 1].ms).toBe(spacing);
    expect(list[list.length - 1].ms).toBeGreaterThan(100_000 - spacing);
  });
});

describe('SnapshotShelf', () => {
  const snap = (ms: number, bytes = 10) => ({ ms, ev: ms, nextAction: 0, state: null, bytes });

  it('over its budget, drops every other snapshot counting back from the newest, and says how many times', () => {
    const s = new SnapshotShelf<null>();
    expect([10, 20, 30, 40].map((ms) => s.add(snap(ms), 40))).toEqual([0, 0, 0, 0]);
    expect(s.add(snap(50), 40)).toBe(1);
    expect(s.all.map((x) => x.ms)).toEqual([10, 30, 50]);
    expect(s.bytes).toBe(30);
    expect(s.add(snap(60), 15)).toBe(2);
    expect(s.all.map((x) => x.ms)).toEqual([60]);
  });

  it('finds the latest snapshot at or before a time, and drops those after a point', () => {
    const s = new SnapshotShelf<null>();
    for (const ms of [10, 20, 30]) s.add(snap(ms), 1e9);
    expect(s.latestAtOrBefore(25)?.ms).toBe(20);
    expect(s.latestAtOrBefore(20)?.ms).toBe(20);
    expect(s.latestAtOrBefore(5)).toBeNull();
    s.dropAfter({ ms: 20, ev: 20 });
    expect(s.all.map((x) => x.ms)).toEqual([10, 20]);
  });
});

describe('a seek on a busy machine (session 38: a seek to the end hung in CI and in the compare view)', () => {
  /**
   * A wall clock as a busy host's: 0.01 ms a read, and one read in 20 a stall of up to 50 ms,
   * from a fixed sequence. Snapshots then fall due by wall time at uneven simulated times.
   */
  function busyClock(seed: number) {
    let x = seed;
    let t = 0;
    let reads = 0;
    const next = () => (x = (x * 1103515245 + 12345) % 2147483648) / 2147483648;
    return () => {
      // A seek that stopped moving reads the clock for ever: fail, do not hang.
      if (++reads > 1_000_000) throw new Error('the seek stopped moving: a million clock reads');
      return (t += next() < 0.05 ? 50 * next() : 0.01);
    };
  }

  it('reaches retry-storm\'s end when a snapshot taken by wall time puts the next one due where now - basis reads 9,999.999999999998 ms', () => {
    // The third snapshot (by wall time) at 23,591.207694236222 ms; the next due at 33,591.20769423622, where the
    // seek used to stop its slice and find none due, for ever. The same hash as a run with no snapshots.
    const h = new SimHost(busyClock(3 * 7919));
    const r = h.load(text('retry-storm'));
    if (!r.ok) throw new Error('load failed');
    const f = h.seekTo(r.info.durationMs, Number.POSITIVE_INFINITY);
    expect([f.simTime, f.traceHash]).toEqual([40_000, '9562ddebce6ca1ed']);
  });
});
