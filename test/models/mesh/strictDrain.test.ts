import { describe, expect, it } from 'vitest';
import { deepCopy } from '../../../src/sim-engine';
import { World, summarize } from '../../../src/models';
import { ISTIO_DRAIN_TIME_MS } from '../../../src/models/proxy/calibration';
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
  const fates: { sentAt: number; cause: string }[] = [];
  w.observer = { transmit() {}, requestEnded: (_c, cause, latency) => fates.push({ sentAt: w.sim.now - latency, cause }) };
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
    const idle = () => route.pool.idle.map((x) => x.length / 3);
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
