import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SimHost } from '../../src/workers/SimHost';
import { faultListOrder, faultState } from '../../src/ui/components/faultState';
import type { FaultStatus } from '../../src/workers/protocol';
import { formatClock } from '../../src/ui/format';

const kill: FaultStatus = { id: 0, type: 'kill-service', target: 'catalog', amount: '', startMs: 12_000, endMs: null, untilMs: 17_000, pending: false };

describe('a fault in the list says when it starts and ends', () => {
  it('one injected "for 5s" at 12 s reads "from 12.0 s to 17.0 s", then "…, ended" once past', () => {
    expect(faultState({ ...kill, pending: true }, false)).toEqual({ key: 'pending', text: 'starts at 12.0 s, ends at 17.0 s' });
    expect(faultState(kill, false)).toEqual({ key: 'active', text: 'from 12.0 s to 17.0 s' });
    expect(faultState({ ...kill, endMs: 17_000 }, false)).toEqual({ key: 'ended', text: 'from 12.0 s to 17.0 s, ended' });
  });

  it('cleared early, it ends where it was cleared; without a duration it is active since its start', () => {
    // Cleared where the clock read 14.2 s (14,250 ms), it ends at 14.2 s, as the clock said then (it read 14.3 s).
    expect(faultState({ ...kill, endMs: 14_250 }, true)).toEqual({ key: 'ended', text: 'from 12.0 s to 14.2 s, ended' });
    expect(faultState({ ...kill, untilMs: null }, false)).toEqual({ key: 'active', text: 'active since 12.0 s' });
    expect(faultState({ ...kill, untilMs: null }, true)).toEqual({ key: 'ending', text: 'ends at the next step' });
    expect(faultState({ ...kill, type: 'http-abort', endMs: 12_000, untilMs: null }, false)).toEqual({ key: 'ended', text: 'at 12.0 s' });
  });

  // New user, session 23: paused where the clock read 4.16 s (4,165.3 ms: the clock cuts down to
  // its last digit), a kill injected then read 'active since 4.17 s', a time the clock had not
  // reached; its times are now written as the clock writes them.
  it('injected while paused where the clock reads 4.16 s, it reads "active since 4.16 s", the clock\'s words, not 4.17 s', () => {
    const at = 4_165.3;
    expect(formatClock(at)).toBe('4.16 s');
    expect(faultState({ ...kill, startMs: at, untilMs: null }, false).text).toBe(`active since ${formatClock(at)}`);
    expect(faultState({ ...kill, startMs: at, untilMs: at + 3_000 }, false).text).toBe('from 4.16 s to 7.16 s');
    expect(faultState({ ...kill, startMs: 29_950, untilMs: null, pending: true }, false).text).toBe('starts at 29.9 s');
  });
});

describe('a fault shorter than a second says its length', () => {
  // New user, session 33: a file's `for: 10` is 10 ms (a bare number is milliseconds), and
  // "from 20.0 s to 20.0 s" alone hid that the kill lasted no time.
  it('a kill of orders-0 at 20 s "for: 10" reads "from 20.0 s to 20.0 s (10.0 ms)", where the clock alone read no length; one of 5 s says nothing more', () => {
    const short: FaultStatus = { ...kill, startMs: 20_000, untilMs: 20_010 };
    expect(faultState({ ...short, pending: true }, false).text).toBe('starts at 20.0 s, ends at 20.0 s (10.0 ms)');
    expect(faultState(short, false).text).toBe('from 20.0 s to 20.0 s (10.0 ms)');
    expect(faultState({ ...short, endMs: 20_010 }, false).text).toBe('from 20.0 s to 20.0 s (10.0 ms), ended');
    expect(faultState(kill, false).text).toBe('from 12.0 s to 17.0 s');
  });
});

describe("the worker's fault list carries a duration's end", () => {
  it('kill-service catalog for 5s injected at 12 s in hello-mesh: until 17 s while it lasts, ended at 17 s after', () => {
    let t = 0;
    const host = new SimHost(() => (t += 1e-6));
    if (!host.load(readFileSync(fileURLToPath(new URL('../../scenarios/hello-mesh.json', import.meta.url)), 'utf8')).ok) throw new Error('load failed');
    host.seekTo(12_000, 1e9);
    expect(host.injectFault({ type: 'kill-service', service: 'catalog', for: '5s' }).ok).toBe(true);
    host.advance(1_000, 1e9);
    const [f] = host.faults();
    expect(f).toMatchObject({ startMs: 12_000, untilMs: 17_000, endMs: null, pending: false });
    expect(faultState(f, false).text).toBe('from 12.0 s to 17.0 s');
    host.advance(5_000, 1e9);
    expect(faultState(host.faults()[0], false).text).toBe('from 12.0 s to 17.0 s, ended');
  });

  it('says how much each fault does: a latency of "100ms" and one of "2s" read apart', () => {
    let t = 0;
    const host = new SimHost(() => (t += 1e-6));
    if (!host.load(readFileSync(fileURLToPath(new URL('../../scenarios/hello-mesh.json', import.meta.url)), 'utf8')).ok) throw new Error('load failed');
    host.seekTo(2_000, 1e9);
    for (const fault of [
      { type: 'latency', service: 'catalog', delay: '100ms' },
      { type: 'latency', service: 'catalog', delay: '2s' },
      { type: 'latency', service: 'catalog', delay: { type: 'uniform', min: '5ms', max: '50ms' } },
      { type: 'slow-replica', service: 'catalog', replica: 0, factor: 3 },
      { type: 'http-abort', service: 'catalog', percent: 50 },
      { type: 'packet-loss', rate: 0.05 },
      { type: 'kill-replica', service: 'catalog', replica: 0 },
    ])
      expect(host.injectFault(fault).ok, JSON.stringify(fault)).toBe(true);
    expect(host.faults().map((f) => `${f.type} ${f.target} ${f.amount}`.trim())).toEqual([
      'latency catalog +100 ms',
      'latency catalog +2.00 s',
      'latency catalog +5.00 ms to 50.0 ms',
      'slow-replica catalog-0 3× slower',
      'http-abort catalog 50% → 503',
      'packet-loss network 5% lost',
      'kill-replica catalog-0',
    ]);
  });
});

describe('the fault list keeps one order: by start time, then the order the faults were added', () => {
  // retry-storm's own http-abort (10 s to 25 s, id 0), a latency injected at 5 s (id 1) and a kill at 12 s (id 2).
  const abort: FaultStatus = { id: 0, type: 'http-abort', target: 'payments', amount: '100% → 503', startMs: 10_000, endMs: null, untilMs: 25_000, pending: false };
  const latency: FaultStatus = { id: 1, type: 'latency', target: 'web', amount: '+250 ms', startMs: 5_000, endMs: null, untilMs: null, pending: false };
  const kill: FaultStatus = { id: 2, type: 'kill-replica', target: 'payments-0', amount: '', startMs: 12_000, endMs: null, untilMs: null, pending: false };
  const names = (l: FaultStatus[]) => l.map((f) => `${f.type}@${f.startMs}`);

  it('at 15 s (all active), at 7 s (two pending) and at the end (all ended) the list reads the same', () => {
    const at15 = [abort, latency, kill];
    const at7 = [{ ...abort, pending: true }, latency, { ...kill, pending: true }];
    const atEnd = [{ ...abort, endMs: 25_000 }, { ...latency, endMs: 40_000 }, { ...kill, endMs: 40_000 }];
    for (const l of [at15, at7, atEnd]) expect(names(faultListOrder(l))).toEqual(['latency@5000', 'http-abort@10000', 'kill-replica@12000']);
  });

  it('two faults starting at one time keep the order they were added; the input is left as it was', () => {
    const input = [{ ...kill, id: 3, startMs: 5_000 }, latency];
    expect(faultListOrder(input).map((f) => f.id)).toEqual([1, 3]);
    expect(input.map((f) => f.id)).toEqual([3, 1]);
  });
});
