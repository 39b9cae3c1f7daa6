import { faultOwner, faultsOf, scenarioFaultCount } from '../../../src/ui/faults/faultOwner';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Tracer, World } from '../../../src/models';
import { parseScenarioText } from '../../../src/scenario';
import { CAUSE_WORDS, FAULT_WORDS, causeInWords, failureOrigin, faultInWords, faultNames, faultsOn, hopCauseLabel, requestWhy } from '../../../src/ui/inspector/why';
import { faultState } from '../../../src/ui/components/faultState';
import { faultStatuses } from '../../../src/workers/recipe';
import { Cause } from '../../../src/models/events';
import { FAULT_TYPES } from '../../../src/ui/faults/faultForm';
import type { FaultStatus } from '../../../src/workers/protocol';

/** A shipped scenario run to `ms` with the app's tracer (one request in 20, the last 200 failed). */
function runTo(file: string, ms: number) {
  const text = readFileSync(new URL(`../../../scenarios/${file}.json`, import.meta.url), 'utf8');
  const r = parseScenarioText(text);
  if (!r.ok) throw new Error(r.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
  const world = new World(r.scenario, r.scenario.seed);
  world.tracer = new Tracer(world, { sampleEvery: 20, maxSampled: 200, maxFailed: 200, maxRecording: 500 });
  world.start();
  world.runUntil(ms);
  return { world, faults: faultStatuses(world, JSON.parse(text) as Record<string, unknown>, [], 0, r.scenario.faults.length) };
}

const fault = (f: Partial<FaultStatus>): FaultStatus => ({ id: 0, type: 'http-abort', target: 'payments', amount: '100% → 503', startMs: 10_000, endMs: null, untilMs: 25_000, pending: false, ...f });

describe('why a request failed, in words', () => {
  it("retry-storm at 15 s: a failed request's failure began at payments, 503 on every try, with the HTTP errors fault named in the form's words", () => {
    const { world, faults } = runTo('retry-storm', 15_000);
    const failed = world.tracer!.list(true, 5);
    expect(failed.length).toBe(5);
    for (const row of failed) {
      const trace = world.tracer!.get(row.id)!;
      const o = failureOrigin(trace)!;
      expect(o.node).toBe('payments');
      expect(o.span.role).toBe('server');
      expect(o.host).toMatch(/^payments-[01]$/);
      expect(o.cause).toBe('http-5xx');
      // (1 + 2)^3 = 27 tries reach payments for one user request, each answered 503.
      expect(o.times).toBe(27);
      // The HTTP errors are retry-storm's own (fault 0 of its 1): the scenario's, not the person's (trial N10, 7b).
      const why = requestWhy(trace, faults)!;
      expect(why).toMatch(/^Failed at payments \(payments-[01]\): the service answered HTTP 503, a server error; 27 tries failed there the same way\./);
      expect(why).toContain("The scenario's fault was on there then: HTTP errors on payments, 100% → 503 (from 10.0 s to 25.0 s).");
      expect(why).not.toContain('Your');
      // Without an owner (a hand-made list), it is the person's.
      expect(requestWhy(trace, faults.map(({ owner: _, ...f }) => f))!).toContain('Your fault was on there then: HTTP errors on payments');
    }
  });

  it('names no fault for a failure outside every fault, and nothing for an ok request', () => {
    const { world } = runTo('retry-storm', 15_000);
    const trace = world.tracer!.get(world.tracer!.list(true, 1)[0].id)!;
    // The same trace against a fault list whose abort had ended before the request.
    expect(requestWhy(trace, [fault({ startMs: 1_000, endMs: 2_000 })])).not.toContain('fault');
    const ok = world.tracer!.list(false, 1000).find((t) => t.cause === null)!;
    expect(requestWhy(world.tracer!.get(ok.id)!, [])).toBeNull();
  });

  it("writes a fault's moments as the fault list does, cut down to the clock's last digit: 4,165 ms reads 4.16 s, never 4.17 s", () => {
    const injected = fault({ startMs: 4_165, untilMs: null });
    expect(faultInWords(injected)).toBe('HTTP errors on payments, 100% → 503 (since 4.16 s)');
    expect(faultState(injected, false).text).toBe('active since 4.16 s');
    const timed = fault({ startMs: 4_165, untilMs: 9_999 });
    expect(faultInWords(timed)).toContain('(from 4.16 s to 9.99 s)');
    expect(faultState(timed, false).text).toBe('from 4.16 s to 9.99 s');
    expect(faultInWords(fault({ startMs: 12_345, endMs: 12_345, untilMs: null }))).toContain('(at 12.3 s)');
  });

  it("says a fault's kind once: its amount says what it does, its words only where it has none (the why sentence read 'HTTP errors ..., 100% → 503: answers requests with an HTTP error')", () => {
    expect(faultInWords(fault({ startMs: 10_000, untilMs: 25_000 }))).toBe('HTTP errors on payments, 100% → 503 (from 10.0 s to 25.0 s)');
    const outage = faultInWords(fault({ type: 'control-plane-outage', target: 'shop', amount: '', startMs: 5_000, untilMs: null }));
    expect(outage).toContain(': the control plane is down: no config reaches the proxies (since 5.00 s)');
  });

  it('has words for every cause the engine gives', () => {
    for (const c of Object.values(Cause)) if (c !== 'ok') expect(CAUSE_WORDS[c], c).toBeTruthy();
    expect(causeInWords('something-new')).toBe('something-new');
    for (const t of FAULT_TYPES) expect(FAULT_WORDS[t.type], t.type).toBeTruthy();
  });
});

describe('faults acting on a node', () => {
  it('a fault names its service, its replicas and links into or out of it, and both sides of a partition', () => {
    expect(faultNames('payments', 'payments')).toBe(true);
    expect(faultNames('payments-1', 'payments')).toBe(true);
    expect(faultNames('payments-bridge', 'payments')).toBe(false);
    expect(faultNames('orders->payments', 'payments')).toBe(true);
    expect(faultNames('orders->payments', 'web')).toBe(false);
    expect(faultNames('web,orders | payments', 'orders')).toBe(true);
    expect(faultNames('web,orders | payments', 'api')).toBe(false);
  });

  it('lists those on now, or those on at a moment, and a mesh-wide fault for its mesh', () => {
    const list = [fault({ id: 0 }), fault({ id: 1, target: 'web', startMs: 1_000, endMs: 5_000 }), fault({ id: 2, target: 'shop', type: 'ca-outage', untilMs: null }), fault({ id: 3, pending: true, startMs: 30_000 })];
    expect(faultsOn(list, ['payments'], null).map((f) => f.id)).toEqual([0]);
    expect(faultsOn(list, ['payments'], null, 'shop').map((f) => f.id)).toEqual([0, 2]);
    expect(faultsOn(list, ['web'], 3_000).map((f) => f.id)).toEqual([1]);
    expect(faultsOn(list, ['web'], 6_000)).toEqual([]);
    // One replica meant: a fault on another replica of its service does not act there.
    const kill = fault({ id: 4, type: 'kill-replica', target: 'orders-0', startMs: 0, untilMs: null });
    expect(faultsOn([kill], ['orders'], 1_000, null, 'orders-1')).toEqual([]);
    expect(faultsOn([kill], ['orders'], 1_000, null, 'orders-0')).toEqual([kill]);
    expect(faultsOn([kill], ['orders'], 1_000)).toEqual([kill]);
  });
});

describe("whose a fault is: the scenario's or the person's (trial N10, 7b)", () => {
  it("reads each fault's owner as the worker tagged it; a fault without one is the person's", () => {
    expect(scenarioFaultCount([{ owner: 'scenario' }, { owner: 'yours' }, {}])).toBe(1);
    expect(scenarioFaultCount([])).toBe(0);
    expect(faultOwner({ owner: 'scenario' })).toBe('scenario');
    expect(faultOwner({ owner: 'yours' })).toBe('yours');
    expect(faultOwner({})).toBe('yours');
  });
  it('words each owner with its count', () => {
    expect(faultsOf('scenario', 1, 'was')).toBe("The scenario's fault was");
    expect(faultsOf('yours', 2, 'was')).toBe('Your 2 faults were');
    expect(faultsOf('yours', 1, 'acts')).toBe('Your fault acts');
    expect(faultsOf('scenario', 3, 'acts')).toBe("The scenario's 3 faults act");
  });
});

describe("a hop's failure causes as the link inspector lists them", () => {
  it("a caller with a proxy gets Envoy's flag; a caller with no sidecar gets what its socket saw, not UF (trial N12, 3)", () => {
    expect(hopCauseLabel('tls-plaintext-rejected', true)).toBe('tls-plaintext-rejected [UF]');
    expect(hopCauseLabel('tls-plaintext-rejected', false)).toBe('tls-plaintext-rejected (connection reset)');
    expect(hopCauseLabel('connect-refused', false)).toBe('connect-refused (connection refused)');
    expect(hopCauseLabel('connect-timeout', false)).toBe('connect-timeout (connect timed out)');
    // An HTTP answer is the service's own, with or without a proxy on the caller's side.
    expect(hopCauseLabel('http-5xx', false)).toBe('http-5xx');
    expect(hopCauseLabel('tls-expired-cert', true)).toBe('tls-expired-cert [UF]');
  });
});
