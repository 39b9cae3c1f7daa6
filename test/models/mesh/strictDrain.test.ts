import { describe, expect, it } from 'vitest';
import { deepCopy } from '../../../src/sim-engine';
import { World, summarize } from '../../../src/models';
import { ISTIO_DRAIN_TIME_MS } from '../../../src/models/proxy/calibration';
import { PlaintextDrain } from '../../../src/models/mesh/PlaintextDrain';
import { scenario } from '../helpers';

/*
 * PERMISSIVE -> STRICT drains the plaintext connections into the switched pods (mesh/ConfigChanges.ts):
 * the push removes the plaintext filter chain of the sidecar's inbound listener, Envoy drains the
 * connections on it (Istio's --drain-strategy immediate: every answer says Connection: close) and
 * closes what is left at the end of the 45 s drain time. A plain caller's next request needs a new
 * connection, which STRICT refuses (tls-plaintext-rejected). STRICT -> PERMISSIVE drains nothing.
 * Pushes: db-0 gets the change 200 ms after it, db-1 300 ms after (pushBase + k x perProxy).
 */

const mesh = [{ name: 'm', controlPlane: { pushBase: '100ms', perProxy: '100ms' } }];
const db = (mtls: 'STRICT' | 'PERMISSIVE') => [{ name: 'db', replicas: 2, serviceTime: '1ms', sidecar: true, mtls }];

/** Runs `s` to its end, noting each request's send time and fate. */
function run(input: unknown, seed = 1) {
  const w = new World(scenario(input), seed);
  const fates: { sentAt: number; latency: number; cause: string }[] = [];
  w.observer = { transmit() {}, requestEnded: (_c, cause, latency) => fates.push({ sentAt: w.sim.now - latency, latency, cause }) };
  return { w, fates };
}

describe('a switch to STRICT drains plaintext connections', () => {
  it("a plain client's kept-alive connections close at their next answer once db's sidecars have STRICT: refusals from 5.22 s, the last one through sent at 5.31 s on db-1's idle connection, all 468 from 5.32 s on refused; the meshed client's 500 untouched", () => {
    const { w, fates } = run({
      name: 'drain',
      duration: '10s',
      meshes: mesh,
      clients: [{ name: 'users', type: 'open', rate: 100, target: 'db', arrival: 'constant' }],
      services: db('PERMISSIVE'),
      changes: [{ type: 'mtls', service: 'db', mode: 'STRICT', at: '5s' }],
    });
    const meshed = run({
      name: 'drain-meshed',
      duration: '10s',
      meshes: mesh,
      clients: [{ name: 'meshed', type: 'open', rate: 50, target: 'db', arrival: 'constant', sidecar: true }],
      services: db('PERMISSIVE'),
      changes: [{ type: 'mtls', service: 'db', mode: 'STRICT', at: '5s' }],
    });
    w.runUntil();
    meshed.w.runUntil();
    // Before the first push everything gets through; the pushes reach db-0 at 5.2 s, db-1 at 5.3 s.
    expect(fates.filter((f) => f.sentAt < 5_200).map((f) => f.cause)).toEqual(new Array(520).fill('ok'));
    const refused = fates.filter((f) => f.cause !== 'ok');
    expect(refused[0].sentAt).toBe(5_220);
    expect(new Set(refused.map((f) => f.cause))).toEqual(new Set(['tls-plaintext-rejected']));
    // db-1's connection, idle when its drain began at 5.3 s, carries one more request and closes
    // with its answer; from then on no plaintext connection is left and every request is refused.
    expect(fates.filter((f) => f.sentAt >= 5_290 && f.sentAt < 5_320).map((f) => f.cause)).toEqual(['ok', 'tls-plaintext-rejected', 'ok']);
    const late = fates.filter((f) => f.sentAt >= 5_320);
    expect(late.length).toBe(468);
    expect(late.every((f) => f.cause === 'tls-plaintext-rejected')).toBe(true);
    const s = summarize(w, 0);
    expect(s.requests).toEqual({ sent: 1000, ok: 527, failed: 473, inFlight: 0 });
    // One kept-alive connection per replica, each closed by the drain at its next answer.
    expect(s.edges['users->db'].connections).toEqual({ opened: 475, failed: 473, reused: 525, drained: 2 });
    // mTLS connections are on the chain STRICT keeps: not drained.
    const m = summarize(meshed.w, 0);
    expect(m.requests).toEqual({ sent: 500, ok: 500, failed: 0, inFlight: 0 });
    expect(m.edges['meshed->db'].connections.drained).toBe(0);
  });

  it('idle plaintext connections left unused are closed when the 45 s drain time ends (96.2 s, 96.3 s): 20 users back at 100 s are all refused', () => {
    expect(ISTIO_DRAIN_TIME_MS).toBe(45_000);
    const { w, fates } = run({
      name: 'drain-idle',
      duration: '110s',
      meshes: mesh,
      // 20 users send at 50 s (20 connections, 10 per replica), then think until 100 s.
      clients: [{ name: 'users', type: 'closed', users: 20, thinkTime: { type: 'constant', value: '50s' }, target: 'db' }],
      services: db('PERMISSIVE'),
      changes: [{ type: 'mtls', service: 'db', mode: 'STRICT', at: '51s' }],
    });
    const route = w.routes.find((r) => r.sidecar === null)!;
    const idle = () => route.hosts.map((_, i) => route.pool.idleCount(i));
    w.runUntil(51_350);
    // Draining, but idle: nothing tells the client yet.
    expect(idle()).toEqual([10, 10]);
    expect(Array.from(route.pool.drainingSince!)).toEqual([51_200, 51_300]);
    w.runUntil(96_199);
    expect(idle()).toEqual([10, 10]);
    w.runUntil(96_200);
    expect(idle()).toEqual([0, 10]);
    expect(route.connections).toBe(10);
    w.runUntil(96_300);
    expect(idle()).toEqual([0, 0]);
    expect(route.connections).toBe(0);
    w.runUntil();
    expect(fates.filter((f) => f.sentAt < 51_000).map((f) => f.cause)).toEqual(new Array(20).fill('ok'));
    expect(fates.filter((f) => f.sentAt >= 100_000).map((f) => f.cause)).toEqual(new Array(20).fill('tls-plaintext-rejected'));
    expect(summarize(w, 0).edges['users->db'].connections).toEqual({ opened: 40, failed: 20, reused: 0, drained: 20 });
  });

  it('an idle plaintext connection used during the drain carries its request, then closes: 20 users back at 90 s get through, at 120 s are refused', () => {
    const { w, fates } = run({
      name: 'drain-reuse',
      duration: '125s',
      meshes: mesh,
      clients: [{ name: 'users', type: 'closed', users: 20, thinkTime: { type: 'constant', value: '30s' }, target: 'db' }],
      services: db('PERMISSIVE'),
      changes: [{ type: 'mtls', service: 'db', mode: 'STRICT', at: '61s' }],
    });
    w.runUntil();
    const at = (from: number, to: number) => fates.filter((f) => f.sentAt >= from && f.sentAt < to).map((f) => f.cause);
    expect(at(30_000, 31_000)).toEqual(new Array(20).fill('ok'));
    expect(at(60_000, 61_000)).toEqual(new Array(20).fill('ok'));
    // Sent at 90 s, 29 s into the drain: each takes an idle connection, whose answer closes it.
    expect(at(90_000, 91_000)).toEqual(new Array(20).fill('ok'));
    expect(at(120_000, Infinity)).toEqual(new Array(20).fill('tls-plaintext-rejected'));
    expect(summarize(w, 0).edges['users->db'].connections.drained).toBe(20);
  });

  it("an HTTP/2 gateway outside the mesh gets GOAWAY: its idle connections close at once (4: 2 gateway replicas x 2 db replicas) and every request from 5.3 s on is refused", () => {
    const { w, fates } = run({
      name: 'drain-h2',
      duration: '10s',
      meshes: mesh,
      clients: [{ name: 'users', type: 'open', rate: 100, target: 'api', arrival: 'constant' }],
      gateways: [{ name: 'api', routes: [{ service: 'db', policy: { protocol: 'HTTP/2' } }] }],
      services: db('PERMISSIVE'),
      changes: [{ type: 'mtls', service: 'db', mode: 'STRICT', at: '5s' }],
    });
    w.runUntil();
    const routes = w.routes.filter((r) => w.sim.actor(r.service).name === 'db');
    expect(routes.length).toBe(2);
    for (const r of routes) expect(r.pool.h2!.map((c) => c.length)).toEqual([0, 0]);
    const late = fates.filter((f) => f.sentAt >= 5_300);
    expect(late.length).toBe(470);
    expect(late.every((f) => f.cause === 'tls-plaintext-rejected')).toBe(true);
    expect(fates.filter((f) => f.sentAt < 5_200).every((f) => f.cause === 'ok')).toBe(true);
    expect(summarize(w, 0).edges['api->db'].connections.drained).toBe(4);
  });
});

describe('a drain under way', () => {
  it("survives a snapshot: a copy at 5.25 s (db-0 draining, db-1 not yet) ends with the original's trace hash and its 2 drained connections", () => {
    const { w } = run({
      name: 'drain-copy',
      duration: '10s',
      meshes: mesh,
      clients: [{ name: 'users', type: 'open', rate: 100, target: 'db', arrival: 'constant' }],
      services: db('PERMISSIVE'),
      changes: [{ type: 'mtls', service: 'db', mode: 'STRICT', at: '5s' }],
    });
    w.observer = null;
    w.runUntil(5_250);
    const route = w.routes.find((r) => r.sidecar === null)!;
    expect(Array.from(route.pool.drainingSince!)).toEqual([5_200, -1]);
    const copy = deepCopy(w).value;
    w.runUntil();
    copy.runUntil();
    expect(copy.sim.traceHash()).toBe(w.sim.traceHash());
    expect(summarize(copy, 0).edges['users->db'].connections).toEqual({ opened: 475, failed: 473, reused: 525, drained: 2 });
  });
});

describe('a switch back to PERMISSIVE drains nothing', () => {
  it("STRICT -> PERMISSIVE at 5 s: plain requests refused until db's sidecars have it, all 470 from 5.3 s on get through, no connection drained", () => {
    const { w, fates } = run({
      name: 'undrain',
      duration: '10s',
      meshes: mesh,
      clients: [
        { name: 'users', type: 'open', rate: 100, target: 'db', arrival: 'constant' },
        { name: 'meshed', type: 'open', rate: 50, target: 'db', arrival: 'constant', sidecar: true },
      ],
      services: db('STRICT'),
      changes: [{ type: 'mtls', service: 'db', mode: 'PERMISSIVE', at: '5s' }],
    });
    w.runUntil();
    const s = summarize(w, 0);
    expect(s.edges['users->db'].connections.drained).toBe(0);
    expect(s.edges['meshed->db'].connections.drained).toBe(0);
    expect(s.edges['meshed->db'].failed).toBe(0);
    expect(s.edges['users->db'].failures).toEqual({ 'tls-plaintext-rejected': s.edges['users->db'].failed });
    const late = fates.filter((f) => f.sentAt >= 5_300);
    expect(late.filter((f) => f.cause !== 'ok')).toEqual([]);
    expect(late.length).toBe(705);
  });
});

/*
 * STRICT at `at`, then PERMISSIVE again before the drain's 45 s end: the update adds a plaintext
 * chain back, but a connection owned by the removed chain stays with it (Envoy never hands a
 * connection to a new filter chain), so it keeps draining: it closes at its next answer or at the
 * drain's end. Connections opened after the call-off are on the new chain and stay.
 */
/** db with 20 workers a replica: a round of 20 requests is served at once. */
const wideDb = [{ name: 'db', replicas: 2, serviceTime: '1ms', concurrency: 20, sidecar: true, mtls: 'PERMISSIVE' }];
const calledOff = (strictAt: string, permissiveAt: string) => [
  { type: 'mtls', service: 'db', mode: 'STRICT', at: strictAt },
  { type: 'mtls', service: 'db', mode: 'PERMISSIVE', at: permissiveAt },
];

describe('a drain called off within its 45 s', () => {
  it('keeps draining the connections it had: 20 idle ones reused at 40 s (PERMISSIVE again since 30.3 s) each carry their request and close; the 19 opened at 60 s are on the new chain and carry the 80 s requests', () => {
    const { w, fates } = run({
      name: 'called-off-reuse',
      duration: '85s',
      meshes: mesh,
      // 20 users send at 20 s (20 connections, 10 per replica), then every ~20 s.
      clients: [{ name: 'users', type: 'closed', users: 20, thinkTime: { type: 'constant', value: '20s' }, target: 'db' }],
      services: wideDb,
      changes: calledOff('21s', '30s'),
    });
    const route = w.routes.find((r) => r.sidecar === null)!;
    const idle = () => route.hosts.map((_, i) => route.pool.idleCount(i));
    w.runUntil(39_000);
    // PERMISSIVE again on both replicas; the connections opened at 20 s are still the removed chain's.
    expect(idle()).toEqual([10, 10]);
    expect(Array.from(route.pool.drainingSince!)).toEqual([-1, -1]);
    expect(Array.from(route.pool.drainBefore!)).toEqual([30_200, 30_300]);
    w.runUntil(50_000);
    // Each carried one request and closed with its answer (Connection: close).
    expect(idle()).toEqual([0, 0]);
    expect(route.connections).toBe(0);
    w.runUntil(70_000);
    // New connections at 60 s, accepted on the new chain: the drain's end (66.2 s, 66.3 s) leaves them.
    expect(idle()).toEqual([10, 9]);
    w.runUntil();
    expect(fates.length).toBe(80);
    expect(fates.every((f) => f.cause === 'ok')).toBe(true);
    expect(summarize(w, 0).edges['users->db'].connections).toEqual({ opened: 39, failed: 0, reused: 41, drained: 20 });
  });

  it('closes the idle connections it had when its 45 s end (96.2 s, 96.3 s), though PERMISSIVE is back since 60.3 s: the 20 users back at 100 s open new ones and get through', () => {
    const { w, fates } = run({
      name: 'called-off-idle',
      duration: '110s',
      meshes: mesh,
      clients: [{ name: 'users', type: 'closed', users: 20, thinkTime: { type: 'constant', value: '50s' }, target: 'db' }],
      services: wideDb,
      changes: calledOff('51s', '60s'),
    });
    const route = w.routes.find((r) => r.sidecar === null)!;
    const idle = () => route.hosts.map((_, i) => route.pool.idleCount(i));
    w.runUntil(96_199);
    expect(idle()).toEqual([10, 10]);
    w.runUntil(96_200);
    expect(idle()).toEqual([0, 10]);
    w.runUntil(96_300);
    expect(idle()).toEqual([0, 0]);
    expect(route.connections).toBe(0);
    w.runUntil();
    expect(fates.map((f) => f.cause)).toEqual(new Array(40).fill('ok'));
    expect(summarize(w, 0).edges['users->db'].connections).toEqual({ opened: 40, failed: 0, reused: 0, drained: 20 });
  });
});

/*
 * At the drain's end the listener closes what is left on the removed chain: a request on such a
 * connection whose answer has not left the server is reset. Its caller's Envoy reports 503 UC
 * (connection termination) and retries it where retry_on allows (`reset`; not Istio's default).
 * db answers in 2 s (20 workers a replica); 20 users send at 45 s (connections open), STRICT at
 * 48 s (drains from 48.2 s, 48.3 s, ending 93.2 s, 93.3 s), the users' next requests go at 92 s.
 */
const slowDb = [{ name: 'db', replicas: 2, serviceTime: '2s', concurrency: 20, sidecar: true, mtls: 'PERMISSIVE' }];
const users = (target: string) => [{ name: 'users', type: 'closed', users: 20, thinkTime: { type: 'constant', value: '45s' }, target }];

describe('the end of a drain', () => {
  it('resets the requests in flight on the connections it closes: a plain client\'s 20 requests sent at 92 s end at 93.2 s and 93.3 s with reset (seen by the plain client socket: no Envoy flag, no 503), once each, rather than ok at 94 s', () => {
    const { w, fates } = run({
      name: 'drain-end-reset',
      duration: '100s',
      meshes: mesh,
      clients: users('db'),
      services: slowDb,
      changes: [{ type: 'mtls', service: 'db', mode: 'STRICT', at: '48s' }],
    });
    w.runUntil();
    expect(fates.filter((f) => f.sentAt < 48_000).map((f) => f.cause)).toEqual(new Array(20).fill('ok'));
    const late = fates.filter((f) => f.sentAt >= 92_000);
    expect(late.map((f) => f.cause)).toEqual(new Array(20).fill('reset'));
    expect(late.map((f) => Math.round(f.sentAt + f.latency))).toEqual([...new Array(10).fill(93_200), ...new Array(10).fill(93_300)]);
    const s = summarize(w, 0);
    expect(s.requests).toEqual({ sent: 40, ok: 20, failed: 20, inFlight: 0 });
    // users has no sidecar: its socket saw the resets, no Envoy flagged them (trial N12, 3).
    expect(s.edges['users->db'].responseFlags).toEqual({});
    expect(s.edges['users->db']).toMatchObject({ callerProxy: false, socketErrors: { reset: 20 }, httpErrors: {} });
    expect(s.edges['users->db'].connections).toEqual({ opened: 20, failed: 0, reused: 20, drained: 20 });
  });

  it("has a gateway retry a reset where its retry_on says `reset` (PERMISSIVE back at 60 s: a retry's new connection is accepted): of 18 reset, 6 retried and got through (the retry breaker's 3 a gateway replica), 12 failed; under Istio's default retry_on all 18 fail", () => {
    const gw = (policy: object) =>
      run({
        name: 'drain-end-retry',
        duration: '100s',
        meshes: mesh,
        clients: users('api'),
        gateways: [{ name: 'api', routes: [{ service: 'db', policy }] }],
        services: slowDb,
        changes: calledOff('48s', '60s'),
      });
    const retried = gw({ retries: { attempts: 2, retryOn: ['reset'] } });
    const plain = gw({});
    retried.w.runUntil();
    plain.w.runUntil();
    const s = summarize(retried.w, 0);
    // Each request ends once: 40 fates for 40 sent.
    expect(retried.fates.length).toBe(40);
    expect(s.requests).toEqual({ sent: 40, ok: 28, failed: 12, inFlight: 0 });
    expect(s.edges['api->db'].retries).toBe(6);
    expect(s.edges['api->db'].failures).toEqual({ reset: 12 });
    // Envoy's router sets UO beside the failure's own flag when the breaker refuses the retry (f1ec48b).
    expect(s.edges['api->db'].responseFlags).toEqual({ UC: 12, UO: 12 });
    expect(s.edges['api->db'].retryOverflows).toBe(12);
    // 18 requests at 92 s took the removed chain's idle connections, 2 opened new ones (ok at 94 s).
    expect(s.edges['api->db'].connections).toEqual({ opened: 28, failed: 0, reused: 18, drained: 20 });
    const p = summarize(plain.w, 0);
    expect(plain.fates.length).toBe(40);
    expect(p.requests).toEqual({ sent: 40, ok: 22, failed: 18, inFlight: 0 });
    expect(p.edges['api->db'].retries).toBe(0);
    expect(p.edges['api->db'].failures).toEqual({ reset: 18 });
  });
});

describe('the end of a drain, HTTP/2', () => {
  /** 4 closed users through an HTTP/2 gateway outside the mesh to db (2 replicas, `serviceTime` each), STRICT at 2 s. */
  const h2Gateway = (name: string, serviceTime: string) =>
    run({
      name,
      duration: '60s',
      meshes: mesh,
      clients: [{ name: 'users', type: 'closed', users: 4, thinkTime: { type: 'constant', value: '1s' }, target: 'api', timeout: '100s' }],
      gateways: [{ name: 'api', routes: [{ service: 'db', policy: { protocol: 'HTTP/2', timeout: '100s' } }] }],
      services: [{ name: 'db', replicas: 2, serviceTime, concurrency: 20, sidecar: true, mtls: 'PERMISSIVE' }],
      changes: [{ type: 'mtls', service: 'db', mode: 'STRICT', at: '2s' }],
    });

  it("resets the streams still open on a connection that had GOAWAY: an HTTP/2 gateway's 4 requests of 50 s sent at 1 s end at 47.2 s and 47.3 s with reset (UC), and its 4 connections close then, counted drained", () => {
    const { w, fates } = h2Gateway('drain-end-h2', '50s');
    w.runUntil();
    const first = fates.filter((f) => f.sentAt < 2_000);
    expect(first.map((f) => [f.sentAt, Math.round(f.sentAt + f.latency), f.cause])).toEqual([
      [1_000, 47_200, 'reset'],
      [1_000, 47_200, 'reset'],
      [1_000, 47_300, 'reset'],
      [1_000, 47_300, 'reset'],
    ]);
    // The users' next requests need new connections, which STRICT refuses.
    expect(new Set(fates.filter((f) => f.sentAt >= 2_000).map((f) => f.cause))).toEqual(new Set(['tls-plaintext-rejected']));
    const s = summarize(w, 0);
    expect(s.edges['api->db'].responseFlags).toEqual({ UC: 4, UF: 48 });
    expect(s.edges['api->db'].connections.drained).toBe(4);
    const routes = w.routes.filter((r) => w.sim.actor(r.service).name === 'db');
    for (const r of routes) expect([r.pool.h2!.map((c) => c.length), r.connections]).toEqual([[0, 0], 0]);
  });

  it("counts a connection that closes with its last stream once GOAWAY'd: an HTTP/2 gateway's 4 requests of 5 s sent at 1 s end ok at 6.2-6.3 s, their 4 connections close then and count drained, and none again at the drain's end (47 s)", () => {
    const { w, fates } = h2Gateway('drain-h2-last-stream', '5s');
    w.runUntil(10_000);
    const first = fates.filter((f) => f.sentAt < 2_000);
    expect(first.map((f) => f.cause)).toEqual(['ok', 'ok', 'ok', 'ok']);
    expect(first.every((f) => f.sentAt + f.latency > 6_000 && f.sentAt + f.latency < 6_500)).toBe(true);
    const routes = w.routes.filter((r) => w.sim.actor(r.service).name === 'db');
    const drained = () => routes.reduce((n, r) => n + r.pool.drained, 0);
    expect(drained()).toBe(4);
    for (const r of routes) expect([r.pool.h2!.map((c) => c.length), r.connections]).toEqual([[0, 0], 0]);
    w.runUntil();
    expect(summarize(w, 0).edges['api->db'].connections.drained).toBe(4);
  });
});

describe('drains that overlap', () => {
  it("STRICT at 21 s, PERMISSIVE at 30 s, STRICT again at 50 s: the first drain's end (66 s) closes the 2 connections opened before 30 s, the second's (95 s) the one opened at 35 s", () => {
    // The users first send at 1,000 s: db-0's connections here are put in its pool by hand.
    const w = new World(scenario({
      name: 'overlap',
      duration: '100s',
      meshes: mesh,
      clients: [{ name: 'users', type: 'closed', users: 1, thinkTime: { type: 'constant', value: '1000s' }, target: 'db' }],
      services: db('PERMISSIVE'),
    }), 1);
    const route = w.routes.find((r) => r.sidecar === null)!;
    const host = route.hosts[0];
    const drain = new PlaintextDrain(w);
    const open = (at: number) => {
      route.pool.pushIdle(0, at, at, 1);
      route.resources.connections++;
    };
    const openedAt = () => route.pool.idleOf(0).filter((_, k) => k % 3 === 0);
    w.runUntil(10_000);
    open(10_000);
    open(10_000);
    w.runUntil(21_000);
    expect(drain.chainChanged(host, true)).toBe(true);
    w.runUntil(30_000);
    expect(drain.chainChanged(host, false)).toBe(false);
    w.runUntil(35_000);
    open(35_000);
    w.runUntil(50_000);
    expect(drain.chainChanged(host, true)).toBe(true);
    w.runUntil(66_000);
    drain.end(host);
    expect(openedAt()).toEqual([35_000]);
    expect(route.pool.drained).toBe(2);
    w.runUntil(95_000);
    drain.end(host);
    expect(openedAt()).toEqual([]);
    expect(route.pool.drained).toBe(3);
    expect(route.connections).toBe(0);
  });
});
