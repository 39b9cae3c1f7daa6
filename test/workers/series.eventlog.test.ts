import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Ev, World } from '../../src/models';
import { parseScenarioText } from '../../src/scenario';
import { SimHost } from '../../src/workers/SimHost';
import { EventLog } from '../../src/workers/eventLog';

const text = (name: string) => readFileSync(fileURLToPath(new URL(`../../scenarios/${name}`, import.meta.url)), 'utf8');

function host(name: string) {
  let t = 0;
  const h = new SimHost(() => (t += 1e-6));
  const r = h.load(text(name));
  if (!r.ok) throw new Error(`${name} did not load`);
  return { h, info: r.info };
}

describe('the event log', () => {
  it('records every event without changing the run: same trace hash and event count as a world without it', () => {
    const { h, info } = host('retry-storm.json');
    const frame = h.advance(12_000, 1e9);
    const r = parseScenarioText(text('retry-storm.json'));
    if (!r.ok) throw new Error('invalid');
    const w = new World(r.scenario, info.seed);
    w.runUntil(12_000);
    expect(w.sim.recorder).toBeNull();
    expect(frame.traceHash).toBe(w.sim.traceHash());
    const rows = h.eventLogQuery(0, 10)!;
    expect(rows.recorded).toBe(w.sim.events);
    expect(rows.total).toBe(Math.min(w.sim.events, rows.capacity));
    expect(rows.time).toEqual([...rows.time].sort((a, b) => a - b));
  });

  it("filters by request number: one request's events, from its Send to its end, as the inspector numbers it", () => {
    const { h } = host('retry-storm.json');
    h.advance(12_000, 1e9);
    // A kept failed request of the storm (the tracer numbers requests as the log does).
    const kept = h.sampledRequests({ failedOnly: true, limit: 1 })[0];
    const rows = h.eventLogQuery(0, 1000, { request: kept.id })!;
    expect(rows.total).toBeGreaterThan(27);
    expect(rows.request.every((n) => n === kept.id)).toBe(true);
    const names = h.eventLogNames();
    expect(names.kinds[rows.kind[0]]).toBe('Send');
    expect(rows.time[0]).toBe(h.requestSpans(kept.id)!.start);
    expect(names.actors[rows.actor[0]]).toBe('shoppers');
    // The last is the one that ended it, when its fate came back to the client.
    expect(rows.time[rows.time.length - 1]).toBe(h.requestSpans(kept.id)!.end);
    // Its tries reached payments: Arrive events there.
    const payments = names.actors.indexOf('payments');
    expect(rows.kind.filter((k, i) => k === Ev.Arrive && rows.actor[i] === payments).length).toBeGreaterThanOrEqual(9);
  });

  it('filters by kind and actor, pages through the matches, and starts afresh after a reset', () => {
    const { h } = host('hello-mesh.json');
    h.advance(5000, 1e9);
    const names = h.eventLogNames();
    const all = h.eventLogQuery(0, 0)!;
    const sends = h.eventLogQuery(0, 1000, { kind: Ev.Send })!;
    expect(sends.total).toBeGreaterThan(100);
    expect(sends.total).toBeLessThan(all.total);
    expect(new Set(sends.kind)).toEqual(new Set([Ev.Send]));
    const page2 = h.eventLogQuery(50, 10, { kind: Ev.Send })!;
    expect(page2.index).toEqual(sends.index.slice(50, 60));
    const frontend = names.actors.indexOf('frontend');
    const atFrontend = h.eventLogQuery(0, 1000, { actors: [frontend], kind: Ev.Arrive })!;
    expect(atFrontend.total).toBeGreaterThan(0);
    expect(atFrontend.actor.every((a) => a === frontend)).toBe(true);
    // New events extend the same filter's matches.
    h.advance(1000, 1e9);
    expect(h.eventLogQuery(0, 0, { kind: Ev.Send })!.total).toBeGreaterThan(sends.total);
    h.reset();
    const after = h.eventLogQuery(0, 10)!;
    expect(after.epoch).not.toBe(all.epoch);
    expect(after.recorded).toBeLessThan(all.recorded);
  });

  it('keeps only the newest events of its capacity and counts the dropped ones', () => {
    const log = new EventLog(1, 8);
    for (let e = 0; e < 20; e++) log.record(e * 10, e % 2 ? Ev.Arrive : Ev.Send, e % 3, e);
    const rows = log.query(0, 100);
    expect(rows).toMatchObject({ total: 8, recorded: 20, dropped: 12, capacity: 8 });
    expect(rows.index).toEqual([12, 13, 14, 15, 16, 17, 18, 19]);
    expect(rows.time).toEqual([120, 130, 140, 150, 160, 170, 180, 190]);
    const sends = log.query(0, 100, { kind: Ev.Send });
    expect(sends.index).toEqual([12, 14, 16, 18]);
    for (let e = 20; e < 24; e++) log.record(e * 10, Ev.Send, 0, e);
    expect(log.query(0, 100, { kind: Ev.Send }).index).toEqual([16, 18, 20, 21, 22, 23]);
    expect(log.query(0, 100, { request: 999 }).total).toBe(0);
  });
});

describe('the event log ring', () => {
  it('grows from its first rows to its capacity, then wraps, keeping every row in order', () => {
    const cap = (1 << 16) * 4;
    const log = new EventLog(1, cap);
    const n = cap + 12345;
    for (let e = 0; e < n; e++) log.record(e, e % 20, e % 7, e + 1);
    const rows = log.query(0, 3);
    expect(rows).toMatchObject({ total: cap, recorded: n, dropped: 12345 });
    expect(rows.index).toEqual([12345, 12346, 12347]);
    expect(rows.request).toEqual([12346, 12347, 12348]);
    const last = log.query(cap - 2, 5);
    expect(last.time).toEqual([n - 2, n - 1]);
    // A filter counts only the kept rows: kind 3 is every 20th event from 3 on.
    let kept3 = 0;
    for (let e = 12345; e < n; e++) if (e % 20 === 3) kept3++;
    const threes = log.query(0, 2, { kind: 3 });
    expect(threes.total).toBe(kept3);
    expect(threes.index).toEqual([12363, 12383]);
  });
});

describe("the event log's actors", () => {
  const named = (file: string, request: number) => {
    const { h } = host(file);
    h.advance(3000, 1e9);
    const names = h.eventLogNames();
    const rows = h.eventLogQuery(0, 1000, { request })!;
    const all = h.eventLogQuery(0, 1000)!;
    return { names, steps: rows.kind.map((k, i) => `${names.kinds[k]} @ ${names.actors[rows.actor[i]]}`), all };
  };

  it("name each proxy event's proxy as Envoy's access log would: the caller's sidecar out, the callee replica's in, never 'data-plane'", () => {
    const { names, steps, all } = named('hello-mesh.json', 5);
    expect(all.actor.some((a) => names.actors[a] === 'data-plane')).toBe(false);
    // Request 5: shoppers (no sidecar) -> frontend -> cart -> catalog; each hop's proxies in turn.
    expect(steps.slice(0, 8)).toEqual([
      'Send @ shoppers',
      'ProxyArrive @ sidecar of frontend-0',
      'Arrive @ frontend',
      'WorkDone @ frontend',
      'ProxyDone @ sidecar of frontend-0',
      'ProxyDone @ sidecar of frontend-0',
      'ProxyArrive @ sidecar of cart-0',
      'Arrive @ cart',
    ]);
    // The answer reaches the client's own router: a caller with no proxy is named so.
    expect(steps[steps.length - 1]).toBe('AttemptResponse @ shoppers (no proxy)');
    // The actor filter finds a replica's sidecar by its service's name.
    expect(names.actors.filter((n) => n.startsWith('sidecar of cart'))).toEqual(['sidecar of cart-0', 'sidecar of cart-1']);
  });

  it("name a gateway's own proxy by the gateway replica", () => {
    const { steps } = named('retry-storm.json', 5);
    expect(steps.slice(0, 4)).toEqual(['Send @ shoppers', 'ProxyDone @ gateway api-0', 'WorkDone @ api', 'ProxyArrive @ sidecar of web-1']);
    expect(steps).toContain('ProxyArrive @ sidecar of payments-0');
  });
});
