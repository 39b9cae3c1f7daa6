import { describe, expect, it } from 'vitest';
import { sampler, streamFor } from '../../../src/sim-engine';
import { ProxyRecords, Rec, Sidecar, recordDraw } from '../../../src/models/proxy/Sidecar';
import { DEFAULT_PASS_CPU, DEFAULT_PASS_LATENCY } from '../../../src/models/proxy/calibration';
import { backlogMs, heldAt, waitAt } from '../../../src/models/proxy/sidecarBacklog';

const constant = (ms: number) => () => ms;
const proxy = (concurrency: number, cpu: () => number) => new Sidecar(0, 'p/sidecar', 0, true, concurrency, cpu, constant(0), null);

/**
 * The same arrivals simulated the long way: arrival and departure events in time order, a
 * waiting line, and a queued job starting when a worker frees. Returns each job's end time.
 */
function fifoQueue(arrivals: number[], cpu: number[], c: number): number[] {
  const ends = new Array<number>(arrivals.length);
  const running: { end: number; job: number }[] = [];
  const waiting: number[] = [];
  const start = (job: number, at: number) => {
    ends[job] = at + cpu[job];
    running.push({ end: ends[job], job });
  };
  const departUntil = (t: number) => {
    for (;;) {
      running.sort((x, y) => x.end - y.end);
      if (running.length === 0 || running[0].end > t) return;
      const { end } = running.shift()!;
      if (waiting.length > 0) start(waiting.shift()!, end);
    }
  };
  arrivals.forEach((t, job) => {
    departUntil(t);
    if (running.length < c) start(job, t);
    else waiting.push(job);
  });
  departUntil(Infinity);
  return ends;
}

/** `p` claims a worker for a pass arriving at `now`; returns when its CPU ends (`lastEnd`). */
function claimAt(p: Sidecar, now: number): number {
  p.claim({ now });
  return p.lastEnd;
}

describe('Sidecar workers (a FIFO queue solved by Lindley recursion)', () => {
  it('starts a pass at once on a free worker and queues it behind the first to free when all are busy', () => {
    const p = proxy(2, constant(1));
    expect([claimAt(p, 0), claimAt(p, 0), claimAt(p, 0), claimAt(p, 0.5)]).toEqual([1, 1, 2, 2]);
    expect(p.passes).toBe(4);
    expect(p.busyAt(0.5)).toBe(2);
    expect(p.busyAt(2)).toBe(0);
  });

  it('counts CPU only up to the clock: work already claimed but still ahead is not used yet', () => {
    const p = proxy(2, constant(1));
    for (const t of [0, 0, 0, 0.5]) p.claim({ now: t });
    // Both workers busy from 0 to 0.5.
    expect(p.cpuMs(0.5)).toBeCloseTo(1, 12);
    expect(p.cpuMs(3)).toBeCloseTo(4, 12);
    expect(p.utilization(4)).toBeCloseTo(4 / (2 * 4), 12);
  });

  it('ends every pass when a FIFO queue in front of the same workers would', () => {
    // Three workers at 90% load: long queues form and drain.
    const draw = sampler({ type: 'exponential', mean: 0.3 }, streamFor(9, 'sidecar-fifo'));
    const cpu = Array.from({ length: 2000 }, () => draw());
    let t = 0;
    const arrivals = cpu.map(() => (t += draw() / 2.7));
    let i = 0;
    const p = proxy(3, () => cpu[i++]);
    const ends = arrivals.map((a) => claimAt(p, a));
    expect(ends).toEqual(fifoQueue(arrivals, cpu, 3));
    // The load really queued: some passes waited.
    expect(ends.filter((e, k) => e > arrivals[k] + cpu[k] + 1e-9).length).toBeGreaterThan(500);
  });
});

describe('a proxy record (issue 14: hot per-proxy state in one block)', () => {
  it('lays proxies made one after another side by side, 24 doubles (192 bytes: three cache lines) each for 2 workers, 32 for 10', () => {
    const records = new ProxyRecords();
    const [a, b, c] = [records.alloc(2), records.alloc(10), records.alloc(2)];
    expect(b.f).toBe(a.f);
    expect([a.o, b.o, c.o]).toEqual([0, 24, 56]);
  });

  it("claims with the CPU drawn from its record exactly as with its stream's sampler: the same ends, lastStart, CPU and busy workers", () => {
    const records = new ProxyRecords();
    const rec = records.alloc(2);
    const cpu = recordDraw(rec, Rec.cpu, DEFAULT_PASS_CPU, 3, 'a-0/sidecar');
    const lat = recordDraw(rec, Rec.latency, DEFAULT_PASS_LATENCY, 3, 'a-0/sidecar-latency');
    const inRecord = new Sidecar(0, 'a-0/sidecar', 0, true, 2, cpu, lat, null, false, rec);
    const bySampler = new Sidecar(0, 'a-0/sidecar', 0, true, 2, sampler(DEFAULT_PASS_CPU, streamFor(3, 'a-0/sidecar')), sampler(DEFAULT_PASS_LATENCY, streamFor(3, 'a-0/sidecar-latency')), null);
    const run = (p: Sidecar) => Array.from({ length: 2000 }, (_, i) => [claimAt(p, i * 0.05), p.lastStart, p.passLatency()]);
    expect(run(inRecord)).toEqual(run(bySampler));
    expect(inRecord.cpuMs(100)).toBe(bySampler.cpuMs(100));
    expect(inRecord.busyAt(99.99)).toBe(bySampler.busyAt(99.99));
    expect(inRecord.passes).toBe(2000);
  });

  it.each([
    ['lognormal draws (the default)', DEFAULT_PASS_CPU],
    ['an exponential CPU beside lognormal ones', { type: 'exponential', mean: 0.08 } as const],
  ])('passes a message as a claim, then its handling latency, then its loopback: the same draws in that order, the delay the same sum (%s)', (_, cpuDistribution) => {
    // Twins whose draws all come from their record (as in a built world) or all through samplers.
    const make = (fromRecord: boolean) => {
      const rec = new ProxyRecords().alloc(2);
      const cpu = recordDraw(rec, Rec.cpu, cpuDistribution, 3, 'a-0/sidecar');
      const lat = recordDraw(rec, Rec.latency, DEFAULT_PASS_LATENCY, 3, 'a-0/sidecar-latency');
      const p = new Sidecar(0, 'a-0/sidecar', 0, true, 2, cpu, lat, null, false, fromRecord ? rec : null);
      const loop = fromRecord ? recordDraw(rec, Rec.loopback, DEFAULT_PASS_LATENCY, 3, 'a-0/loopback') : sampler(DEFAULT_PASS_LATENCY, streamFor(3, 'a-0/loopback'));
      p.setLoopback(loop);
      return p;
    };
    // One by one, as the data plane drew them before `pass`.
    const byParts = (p: Sidecar) =>
      Array.from({ length: 3000 }, (_, i) => {
        const now = i * 0.05;
        p.claim({ now });
        const d = i % 3 === 0 ? p.lastEnd - now + p.passLatency() : p.lastEnd - now + p.passLatency() + p.loopbackDelay();
        return [d, p.lastStart, p.lastEnd];
      });
    const byPass = (p: Sidecar) =>
      Array.from({ length: 3000 }, (_, i) => {
        p.pass({ now: i * 0.05 }, i % 3 !== 0);
        return [p.lastPassDelay, p.lastStart, p.lastEnd];
      });
    const expected = byParts(make(true));
    expect(expected[1][0]).toBeGreaterThan(expected[1][2] - 0.05); // the latency and loopback are in it
    expect(byPass(make(true))).toEqual(expected);
    expect(byPass(make(false))).toEqual(expected);
  });
});

describe('a sidecar backlog', () => {
  it('counts the work taken ahead of now, the wait a new pass would have, and about how many passes it holds', () => {
    // Two workers, 1 ms a pass, five passes at t = 0: workers free at 3 and 2 ms.
    const p = proxy(2, constant(1));
    for (let i = 0; i < 5; i++) claimAt(p, 0);
    expect([backlogMs(p, 0), waitAt(p, 0), heldAt(p, 0)]).toEqual([5, 2, 5]);
    // At 1 ms two passes are done: 3 ms of work left, one worker frees in 1 ms.
    expect([backlogMs(p, 1), waitAt(p, 1), heldAt(p, 1)]).toEqual([3, 1, 3]);
    // At 2.5 ms the last pass is half run: 0.5 ms left, a worker free now, about one pass held.
    expect([backlogMs(p, 2.5), waitAt(p, 2.5), heldAt(p, 2.5)]).toEqual([0.5, 0, 1]);
    expect([backlogMs(p, 3), waitAt(p, 3), heldAt(p, 3)]).toEqual([0, 0, 0]);
  });

  it('holds nothing before its first pass', () => {
    const p = proxy(2, constant(1));
    expect([backlogMs(p, 0), waitAt(p, 0), heldAt(p, 0)]).toEqual([0, 0, 0]);
  });
});
