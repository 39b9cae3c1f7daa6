import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SimHost } from '../../src/workers/SimHost';
import { insertAction, justBefore, withoutInjected, type LiveAction } from '../../src/workers/liveActions';
import { Counter, type Frame } from '../../src/workers/protocol';

const text = (name: string) => readFileSync(fileURLToPath(new URL(`../../scenarios/${name}.json`, import.meta.url)), 'utf8');
const helloText = text('hello-mesh');

/** A wall clock that moves `perRead` ms each time it is read, so budgets are deterministic. */
function fakeClock(perRead: number) {
  let t = 0;
  return () => (t += perRead);
}

function loaded(scenario = helloText, clock = fakeClock(1e-6)) {
  const host = new SimHost(clock);
  const r = host.load(scenario);
  if (!r.ok) throw new Error('load failed');
  return host;
}

/** What must repeat: counters, failures by cause and the trace hash. */
function moment(f: Frame) {
  return { t: f.simTime, hash: f.traceHash, sent: f.counters[Counter.sent], ok: f.counters[Counter.ok], failed: f.counters[Counter.failed], inFlight: f.counters[Counter.inFlight], events: f.counters[Counter.events], failures: f.failures };
}

/** Plays like the app: uneven slices of simulated time, so points fall between events. */
function play(host: SimHost, toMs: number): Frame {
  let f = host.advance(0, 12);
  for (let i = 0; f.simTime < toMs; i++) f = host.advance(Math.min(toMs - f.simTime, 37.3 + (i % 7) * 11.1), 12);
  return f;
}

const KILL = { type: 'kill-service', service: 'catalog', for: '4s' };
const ABORT = { type: 'http-abort', service: 'cart', percent: 50 };

describe('a run is a recipe: live faults replay at their points', () => {
  it('injecting at t1, running to t2, seeking back before t1 and forward to t2 gives the same trace hash and failures', () => {
    const host = loaded();
    play(host, 10_000.5);
    const inj = host.injectFault(KILL);
    expect(inj.ok).toBe(true);
    play(host, 15_123.25);
    const abort = host.injectFault(ABORT);
    expect(abort.ok).toBe(true);
    const before = moment(play(host, 20_000));
    expect(before.failures['connect-refused'] ?? 0).toBeGreaterThan(0);

    const back = host.seekTo(5_000, 60_000);
    expect(back.simTime).toBe(5_000);
    expect(back.counters[Counter.failed]).toBeLessThan(before.failed);
    expect(moment(host.seekTo(20_000, 60_000))).toEqual(before);
    // Back again, and forward by playing instead of seeking: the same.
    host.seekTo(9_000, 60_000);
    expect(moment(play(host, 20_000))).toEqual(before);
  });

  it('the fault changes the run, so the same hash after a seek is not a coincidence', () => {
    const host = loaded();
    play(host, 10_000.5);
    host.injectFault(KILL);
    const faulted = moment(play(host, 20_000));
    const plain = moment(loaded().seekTo(20_000, 60_000));
    expect(plain.hash).not.toBe(faulted.hash);
    expect(plain.failures['connect-refused'] ?? 0).toBe(0);
  });

  it('a fresh host given the live actions (a reloaded link) reaches the same moment, and so does reset then play', () => {
    const host = loaded();
    play(host, 3_000.75);
    host.injectFault({ type: 'kill-replica', service: 'frontend', replica: 0 });
    play(host, 7_000);
    const { id } = host.injectFault(ABORT) as { id: number };
    play(host, 8_500);
    expect(host.clearFault(id)).toMatchObject({ kind: 'clear', id });
    const before = moment(play(host, 12_000));

    const actions = JSON.parse(JSON.stringify(host.liveActions())) as LiveAction[];
    expect(actions.map((a) => a.kind)).toEqual(['inject', 'inject', 'clear']);
    const fresh = loaded();
    expect(fresh.setActions(actions)).toEqual([]);
    expect(moment(fresh.seekTo(12_000, 60_000))).toEqual(before);

    host.reset();
    expect(moment(play(host, 12_000))).toEqual(before);
  });

  it('a seek whose wall budget runs out goes on from where it stopped to the same moment', () => {
    const host = loaded(helloText, fakeClock(0.5));
    play(host, 6_000);
    host.injectFault(KILL);
    const before = moment(play(host, 9_000));
    let f = host.seekTo(1_000, 60_000);
    let calls = 0;
    // 0.5 ms per clock read and 256 events per read: about 1,000 events per call.
    while (f.simTime < 9_000) {
      f = host.seekTo(9_000, 2);
      calls++;
    }
    expect(calls).toBeGreaterThan(3);
    expect(moment(f)).toEqual(before);
  });

  it('an advance cut short by its wall budget can stop inside an instant; an advance of 0 finishes it, as a link to that time does', () => {
    // 2,000 users with a constant think time and service time: thousands of events at each instant.
    const crowd = JSON.stringify({
      name: 'crowd',
      duration: '20s',
      clients: [{ name: 'users', type: 'closed', users: 2000, thinkTime: '1s', target: 'api' }],
      services: [{ name: 'api', concurrency: 4000, serviceTime: '5ms' }],
    });
    const host = loaded(crowd, fakeClock(0.5));
    let cutInside = 0;
    for (let i = 0; i < 40 && cutInside < 3; i++) {
      // 1 ms of budget at 0.5 ms per clock read: about 512 events per call, wherever they stop.
      const f = host.advance(1_000, 1);
      const link = loaded(crowd).seekTo(f.simTime, 60_000);
      if (link.traceHash === f.traceHash) continue;
      cutInside++;
      const finished = host.advance(0, 60_000);
      expect(finished.simTime).toBe(f.simTime);
      expect(moment(finished)).toEqual(moment(link));
    }
    expect(cutInside).toBeGreaterThan(0);
  });

  it('stepping one event at a time passes the injection point exactly as a run does', () => {
    const host = loaded();
    play(host, 2_000.5);
    host.injectFault(KILL);
    const before = moment(play(host, 2_400));
    host.seekTo(2_000, 60_000);
    let f = host.stepEvent();
    while (f.simTime < 2_400) f = host.stepEvent();
    // Stepping stops at the first event past 2.4 s; run the clock on to 2.4 s to compare.
    const at = host.seekTo(2_400, 60_000);
    expect(at.counters[Counter.events]).toBeGreaterThanOrEqual(before.events);
    host.seekTo(1_000, 60_000);
    expect(moment(host.seekTo(2_400, 60_000))).toEqual(before);
  });

  it('"Clear injected faults" gives the run without them, keeping clears of the scenario\'s own faults', () => {
    const scenario = text('gateway-only');
    const host = loaded(scenario);
    play(host, 5_000.25);
    host.injectFault({ type: 'kill-service', service: 'frontend', for: '3s' });
    play(host, 10_000);
    // The scenario's own fault 0 (inventory slows at 20 s) is cancelled before it starts.
    const cancel = host.clearFault(0)!;
    const withBoth = moment(play(host, 25_000));

    const onlyCancel = loaded(scenario);
    // The clear's event count was of the run with the injection: here it is known by its time.
    expect(onlyCancel.setActions([{ ...cancel, ev: -1 }])).toEqual([]);
    const expected = moment(onlyCancel.seekTo(25_000, 60_000));
    expect(expected.hash).not.toBe(withBoth.hash);
    expect(expected.failed).toBeLessThan(withBoth.failed);
    expect(expected.hash).not.toBe(moment(loaded(scenario).seekTo(25_000, 60_000)).hash);

    host.clearInjected();
    expect(host.liveActions()).toEqual([{ ...cancel, ev: -1 }]);
    expect(moment(host.seekTo(25_000, 60_000))).toEqual(expected);
    // Reached once, the point is pinned, and a seek back and forth repeats it.
    expect(host.liveActions()[0].ev).toBe(expected.events > 0 ? onlyCancel.liveActions()[0].ev : -2);
    host.seekTo(2_000, 60_000);
    expect(moment(host.seekTo(25_000, 60_000))).toEqual(expected);
  });

  it('a fault injected while paused starts with an advance of 0 (the app\'s frame after an injection), as a seek to that moment starts it', () => {
    const host = loaded();
    play(host, 16_000);
    host.injectFault({ type: 'kill-service', service: 'catalog' });
    // Its start is an event due now: listed as to come until the run stands at this moment again.
    expect(host.faults()).toMatchObject([{ startMs: 16_000, endMs: null, pending: true }]);
    const here = host.advance(0, 60_000);
    expect(here.simTime).toBe(16_000);
    expect(host.faults()).toEqual([{ id: 0, type: 'kill-service', target: 'catalog', amount: '', startMs: 16_000, endMs: null, untilMs: null, pending: false, owner: 'yours', effect: { failed: 1, retried: 0, ended: 0 } }]);
    host.seekTo(9_000, 60_000);
    expect(moment(host.seekTo(16_000, 60_000))).toEqual(moment(here));
    expect(host.faults()).toMatchObject([{ startMs: 16_000, pending: false }]);
  });

  it('a fault still to come after a seek back is listed as pending and can be cancelled before it starts', () => {
    const host = loaded();
    play(host, 10_000);
    host.injectFault(KILL);
    const faulted = moment(play(host, 16_000));
    host.seekTo(6_000, 60_000);
    expect(host.faults()).toEqual([{ id: 0, type: 'kill-service', target: 'catalog', amount: '', startMs: 10_000, endMs: null, untilMs: 14_000, pending: true, owner: 'yours' }]);
    expect(host.clearFault(0)).toMatchObject({ kind: 'clear', id: 0, ms: 6_000 });
    expect(host.clearFault(1)).toBeNull();
    const cancelled = moment(host.seekTo(16_000, 60_000));
    expect(cancelled.hash).not.toBe(faulted.hash);
    expect(cancelled.failures['connect-refused'] ?? 0).toBe(0);
    // The cancel is part of the recipe: back and forth again gives the same.
    host.seekTo(2_000, 60_000);
    expect(moment(host.seekTo(16_000, 60_000))).toEqual(cancelled);
  });

  it("each listed fault carries its owner, also an injection still to come after a seek back (trial N11, 3)", () => {
    // gateway-only has one fault of its own (inventory slows at 20 s).
    const host = loaded(text('gateway-only'));
    play(host, 12_000);
    host.injectFault({ type: 'kill-service', service: 'frontend', for: '5s' });
    play(host, 30_000);
    const owners = () => host.faults().map((f) => [f.id, f.owner, f.pending]);
    expect(owners()).toEqual([[0, 'scenario', false], [1, 'yours', false]]);
    // Back at 8 s the injection is to come, listed after the scenario's own fault, and still the person's.
    host.seekTo(8_000, 60_000);
    expect(owners()).toEqual([[0, 'scenario', true], [1, 'yours', true]]);
  });

  it('a fault injected after seeking back, before one injected earlier, replays both the same way every time', () => {
    const host = loaded();
    play(host, 12_000);
    host.injectFault(KILL);
    play(host, 14_000);
    host.seekTo(5_000.5, 60_000);
    host.injectFault(ABORT);
    const both = moment(host.seekTo(20_000, 60_000));
    expect(both.failures['connect-refused'] ?? 0).toBeGreaterThan(0);
    expect(Object.keys(both.failures).length).toBeGreaterThan(1);
    const actions = host.liveActions();
    expect(actions.map((a) => [a.kind, a.ms])).toEqual([['inject', 5_000.5], ['inject', 12_000]]);
    expect(actions[1].ev).toBeGreaterThan(0);
    host.seekTo(1_000, 60_000);
    expect(moment(host.seekTo(20_000, 60_000))).toEqual(both);
    const fresh = loaded();
    expect(fresh.setActions(actions)).toEqual([]);
    expect(moment(fresh.seekTo(20_000, 60_000))).toEqual(both);
  });

  it('refuses a link\'s bad actions by their place in the list and keeps the good ones', () => {
    const host = loaded();
    const problems = host.setActions([
      { kind: 'inject', ms: 1000, ev: 100, fault: { type: 'kill-service', service: 'nope' } },
      { kind: 'clear', ms: 2000, ev: 200, id: 9 },
      { kind: 'inject', ms: 500_000, ev: 300, fault: KILL },
      { kind: 'inject', ms: 3000, ev: 400, fault: KILL },
      { kind: 'inject', ms: 2500, ev: 50, fault: KILL },
    ]);
    expect(problems.map((p) => p.path)).toEqual(['faults.0.fault.service', 'faults.1', 'faults.2', 'faults.4']);
    expect(problems[0].message).toMatch(/nope/);
    expect(problems[1].message).toBe('clears fault 9, but the run has only 0 faults by then');
    expect(problems[2].message).toMatch(/after the run ends \(duration 2m\)|after the run ends/);
    expect(problems[3].message).toMatch(/before the one before it/);
    expect(host.liveActions()).toHaveLength(1);
  });
});

describe('live actions, pure', () => {
  const inj = (ev: number): LiveAction => ({ kind: 'inject', ms: ev, ev, fault: {} });
  const clr = (ev: number, id: number): LiveAction => ({ kind: 'clear', ms: ev, ev, id });

  it('an injection placed before later ones renumbers the later clears of faults from its number on, and unpins them', () => {
    // Scenario has 1 fault (0); injections later at 10 (fault 1) and a clear of it at 20, and a clear of the scenario's fault.
    const list = [inj(10), clr(20, 1), clr(30, 0)];
    const out = insertAction(list, 0, inj(5), 1);
    const unpinned = (a: LiveAction) => ({ ...a, ev: -1 });
    expect(out).toEqual([inj(5), unpinned(inj(10)), unpinned(clr(20, 2)), unpinned(clr(30, 0))]);
    expect(insertAction(list, 3, clr(40, 1), 2)).toEqual([...list, clr(40, 1)]);
  });

  it('"Clear injected faults" keeps only clears of the scenario\'s own faults', () => {
    expect(withoutInjected([inj(1), clr(2, 3), clr(3, 0), clr(4, 1)], 2)).toEqual([
      { ...clr(3, 0), ev: -1 },
      { ...clr(4, 1), ev: -1 },
    ]);
    expect(withoutInjected([clr(3, 0)], 2)).toEqual([clr(3, 0)]);
  });

  it('justBefore is the next double down', () => {
    expect(justBefore(1)).toBe(1 - Number.EPSILON / 2);
    expect(justBefore(10_000)).toBeLessThan(10_000);
    expect(justBefore(10_000) + 1e-12).toBe(10_000);
    expect(justBefore(0)).toBe(0);
  });
});
