import { describe, expect, it } from 'vitest';
import { World, summarize } from '../../src/models';
import { scenario } from './helpers';

/** Builds a world from an inline scenario and records every request's fate and latency. */
function world(input: unknown, seed?: number) {
  const s = scenario(input);
  const w = new World(s, seed ?? s.seed);
  const ended: { cause: string; latency: number; at: number }[] = [];
  w.observer = { transmit() {}, requestEnded: (_c, cause, latency) => ended.push({ cause, latency, at: w.sim.now }) };
  return { w, ended };
}

/** A sidecar whose passes cost nothing, so tests can count round trips exactly. */
const freeSidecar = { cpuPerPass: '0ms', passLatency: '0ms' };
const instantPod = { samePod: '0ms' };

describe('TCP connections', () => {
  it('connect adds one round trip and keep-alive avoids it on later requests', () => {
    const { w, ended } = world({
      name: 'tcp',
      duration: '1s',
      network: { latency: '5ms' },
      clients: [{ name: 'c', type: 'open', arrival: 'constant', rate: 10, target: 'svc' }],
      services: [{ name: 'svc', serviceTime: '0ms' }],
    });
    w.runUntil(2000);
    expect(ended.map((e) => e.latency)).toEqual([20, 10, 10, 10, 10, 10, 10, 10, 10, 10]);
    expect(w.routes[0].connections).toBe(1);
  });

  it('a killed host refuses the connection after one round trip', () => {
    const { w, ended } = world({
      name: 'refused',
      duration: '1ms',
      network: { latency: '5ms' },
      clients: [{ name: 'c', type: 'open', arrival: 'constant', rate: 10, target: 'svc' }],
      services: [{ name: 'svc', serviceTime: '0ms' }],
    });
    w.network.hosts[w.services[0].hosts[0]].up = false;
    w.runUntil(1000);
    expect(ended).toEqual([{ cause: 'connect-refused', latency: 10, at: 10 }]);
  });

  it('a partition turns a connect into a connect timeout after 10 s (Istio default)', () => {
    const { w, ended } = world({
      name: 'partitioned',
      duration: '1ms',
      network: { latency: '5ms' },
      clients: [{ name: 'c', type: 'open', arrival: 'constant', rate: 10, target: 'svc' }],
      services: [{ name: 'svc', serviceTime: '0ms' }],
    });
    const clientHost = w.network.hosts.find((h) => h.name === 'c')!.id;
    w.network.partition([clientHost], w.services[0].hosts);
    w.runUntil(20_000);
    expect(ended).toEqual([{ cause: 'connect-timeout', latency: 10_000, at: 10_000 }]);
  });

  it('a message lost in a partition on an open connection ends as a reset when TCP gives up (~924.6 s)', () => {
    const { w, ended } = world({
      name: 'give-up',
      duration: '150ms',
      network: { latency: '5ms' },
      clients: [{ name: 'c', type: 'open', arrival: 'constant', rate: 10, target: 'svc' }],
      services: [{ name: 'svc', serviceTime: '0ms' }],
    });
    w.runUntil(50); // the first request opens the connection and finishes
    const clientHost = w.network.hosts.find((h) => h.name === 'c')!.id;
    w.network.partition([clientHost], w.services[0].hosts);
    w.runUntil(1_000_000);
    expect(ended.map((e) => e.cause)).toEqual(['ok', 'reset']);
    expect(ended[1].latency).toBe(924_600);
  });

  describe('an answer crossing a partition is judged when it leaves the callee, after its response pass (issue 13.7c)', () => {
    // One request: connect 10 ms, request 5 ms, the callee's inbound pass 20 ms (15-35), its
    // response pass 20 ms (35-55), 5 ms back: the answer leaves at 55 and lands at 60.
    const partitioned = (callerSidecar: unknown, from: number, until: number | null) => {
      const { w, ended } = world({
        name: 'judged-on-leaving',
        duration: '1ms',
        network: { latency: '5ms', ...instantPod },
        clients: [{ name: 'c', type: 'open', arrival: 'constant', rate: 10, target: 'svc', sidecar: callerSidecar }],
        services: [{ name: 'svc', serviceTime: '0ms', sidecar: { cpuPerPass: '0ms', passLatency: '20ms' } }],
      });
      const caller = w.network.hosts.find((h) => h.name === 'c')!.id;
      w.runUntil(from);
      const p = w.network.partition([caller], w.services[0].hosts, w.sim.now);
      if (until !== null) {
        w.runUntil(until);
        w.network.heal(p, w.sim.now);
      }
      w.runUntil(2_000_000);
      return ended;
    };

    // A caller with a sidecar first makes an mTLS handshake: 10 ms of round trip and 2 x 0.5 ms of CPU.
    const callers = [
      ['a plain caller', false, 0],
      ['a caller with a sidecar', freeSidecar, 11],
    ] as const;

    it.each(callers)('with no partition the answer lands at 60 ms (%s; + its handshake)', (_, sc, tls) => {
      const { w, ended } = world({
        name: 'no-partition',
        duration: '1ms',
        network: { latency: '5ms', ...instantPod },
        clients: [{ name: 'c', type: 'open', arrival: 'constant', rate: 10, target: 'svc', sidecar: sc }],
        services: [{ name: 'svc', serviceTime: '0ms', sidecar: { cpuPerPass: '0ms', passLatency: '20ms' } }],
      });
      w.runUntil(1000);
      expect(ended).toEqual([{ cause: 'ok', latency: 60 + tls, at: 60 + tls }]);
    });

    it.each(callers)('a partition that starts while the response pass runs cuts the answer: a reset when TCP gives up, counted from its leaving at 55 ms (%s)', (_, sc, tls) => {
      const left = 55 + tls;
      expect(partitioned(sc, 45 + tls, null)).toEqual([{ cause: 'reset', latency: left + 924_600, at: left + 924_600 }]);
    });

    it.each(callers)('a partition that ends while the response pass runs lets the answer through (%s)', (_, sc, tls) => {
      expect(partitioned(sc, 20 + tls, 45 + tls)).toEqual([{ cause: 'ok', latency: 60 + tls, at: 60 + tls }]);
    });

    it('a partition that ends just as the answer leaves lets it through; one that starts just then cuts it', () => {
      expect(partitioned(false, 20, 55)).toEqual([{ cause: 'ok', latency: 60, at: 60 }]);
      expect(partitioned(false, 55, null)).toEqual([{ cause: 'reset', latency: 55 + 924_600, at: 55 + 924_600 }]);
    });
  });

  it('random loss costs a 200 ms retransmission timeout per lost segment', () => {
    const { w, ended } = world({
      name: 'loss',
      duration: '200s',
      network: { latency: '1ms', loss: 0.1 },
      clients: [{ name: 'c', type: 'open', arrival: 'constant', rate: 50, target: 'svc' }],
      services: [{ name: 'svc', concurrency: 100, serviceTime: '0ms' }],
    });
    w.runUntil(400_000);
    // Two traversals per request on a kept-alive connection: P(no loss) = 0.9^2 = 0.81. (A
    // request that finds every connection busy behind a lost segment opens another: +2 ms.)
    const clean = ended.filter((e) => e.latency < 100).length / ended.length;
    expect(Math.abs(clean - 0.81)).toBeLessThan(0.012);
    // Every other latency is a few ms plus whole retransmission timeouts (200, 200 + 400, ...),
    // but for a rare request whose new connection lost a segment while opening: it takes
    // whichever connection is ready first, here one freed by a request that lost one earlier.
    const offGrid = ended.filter((e) => e.latency % 200 >= 10);
    expect(offGrid.length).toBeLessThan(0.001 * ended.length);
    expect(ended.some((e) => e.latency >= 600)).toBe(true);
  });
});

describe('mutual TLS', () => {
  const meshed = (svc: Record<string, unknown>, client: Record<string, unknown> = {}) => ({
    name: 'mtls',
    duration: '1s',
    network: { latency: '5ms', ...instantPod },
    clients: [{ name: 'c', type: 'open', arrival: 'constant', rate: 10, target: 'svc', sidecar: freeSidecar, ...client }],
    services: [{ name: 'svc', serviceTime: '0ms', sidecar: freeSidecar, ...svc }],
  });

  it('the TLS 1.3 handshake adds one more round trip plus CPU at both ends', () => {
    const { w, ended } = world(meshed({ mtls: 'STRICT' }));
    w.runUntil(2000);
    // 10 ms TCP + 10 ms TLS + 2 x 0.5 ms handshake CPU, then the 10 ms request itself.
    expect(ended.map((e) => e.latency)).toEqual([31, 10, 10, 10, 10, 10, 10, 10, 10, 10]);
  });

  it("the handshake's CPU runs on a worker of each proxy and counts in its CPU", () => {
    const { w, ended } = world(meshed({ mtls: 'STRICT', sidecar: { cpuPerPass: '2ms', passLatency: '0ms', concurrency: 1 } }));
    w.runUntil(2000);
    const proxy = (name: string) => w.sidecars.find((sc) => sc.name === name)!;
    expect([proxy('c/sidecar').handshakes, proxy('svc-0/sidecar').handshakes]).toEqual([1, 1]);
    // The server's proxy: 0.5 ms of handshake and 10 requests' two 2 ms passes.
    expect(proxy('svc-0/sidecar').cpuMs(2000)).toBeCloseTo(40.5, 9);
    expect(proxy('c/sidecar').cpuMs(2000)).toBeCloseTo(0.5, 9);
    // 10 TCP + 5 ClientHello + 0.5 CPU + 5 back + 0.5 CPU, then 5 + 2 + 2 + 5 for the request.
    expect(ended[0].latency).toBeCloseTo(35, 9);
  });

  it('STRICT rejects plaintext callers; PERMISSIVE lets them in', () => {
    const strict = world(meshed({ mtls: 'STRICT' }, { sidecar: false }));
    strict.w.runUntil(2000);
    expect(strict.w.failures.toObject()).toEqual({ 'tls-plaintext-rejected': 10 });
    expect(strict.w.services[0].arrivals).toBe(0);
    const permissive = world(meshed({ mtls: 'PERMISSIVE' }, { sidecar: false }));
    permissive.w.runUntil(2000);
    expect(permissive.w.ok).toBe(10);
  });

  it('an expired certificate fails new handshakes from its expiry time on; an open connection lives on', () => {
    // A certificate nobody renews (renewals through the control plane are tested elsewhere).
    const kept = world(meshed({ mtls: 'STRICT', certificate: { ttl: '450ms', renew: false } }));
    kept.w.runUntil(2000);
    // Sends at 0, 100, ..., 900 ms on one kept-alive connection, opened before the expiry: TLS
    // checks certificates at the handshake only, so every request is fine.
    expect(kept.ended.every((e) => e.cause === 'ok')).toBe(true);
    // Connections that live at most 250 ms: the one opened at 450 ms or later cannot handshake.
    const recycled = world(meshed({ mtls: 'STRICT', certificate: { ttl: '450ms', renew: false }, policy: { maxConnectionDuration: '250ms' } }));
    recycled.w.runUntil(2000);
    // 0-200 ms on the first connection (ready at 21 ms), 300-500 ms on the second (opened at
    // 300 ms, before the expiry); at 600 ms it is too old, and every new handshake fails.
    expect(recycled.ended.map((e) => e.cause)).toEqual([...Array(6).fill('ok'), ...Array(4).fill('tls-expired-cert')]);
    expect(recycled.w.routes[0].opened).toBeGreaterThan(2);
  });

  it('a peer signed by a CA the caller does not trust fails with tls-unknown-ca, until both trust both roots', () => {
    // A second mesh only to name its CA: the service is in the first, with a certificate from it.
    const twoCas = { meshes: [{ name: 'mesh', ca: { name: 'mesh-ca' } }, { name: 'other', ca: { name: 'other-ca' } }] };
    const other = world({ ...meshed({ certificate: { ca: 'other-ca' } }), ...twoCas });
    other.w.runUntil(2000);
    expect(other.w.failures.toObject()).toEqual({ 'tls-unknown-ca': 10 });
    const bridged = world({
      ...meshed({ certificate: { ca: 'other-ca', trust: ['other-ca', 'mesh-ca'] } }, { certificate: { trust: ['mesh-ca', 'other-ca'] } }),
      ...twoCas,
    });
    bridged.w.runUntil(2000);
    expect(bridged.w.ok).toBe(10);
  });
});

describe('Envoy router', () => {
  /** One meshed client calling `svc` through free sidecars with zero latency. */
  const routed = (svc: Record<string, unknown>, client: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) => ({
    name: 'router',
    duration: '1ms',
    network: instantPod,
    clients: [{ name: 'c', type: 'open', arrival: 'constant', rate: 1000, target: 'svc', sidecar: freeSidecar, ...client }],
    services: [{ name: 'svc', concurrency: 100, serviceTime: '0ms', sidecar: freeSidecar, ...svc }],
    ...extra,
  });

  it('per-try timeouts end each try and retry; the call fails after the last try', () => {
    const { w, ended } = world(
      routed({ serviceTime: '100ms', policy: { retries: { attempts: 2, perTryTimeout: '30ms', retryOn: ['5xx'], backoff: { base: '0.001ms' } } } }),
    );
    w.runUntil(1000);
    expect(ended).toHaveLength(1);
    expect(ended[0].cause).toBe('timeout');
    // Each try gets a new connection (a timeout resets the old one): 1 ms of handshake CPU, then
    // its 30 ms per-try timer, which starts only once the request is on the connection.
    expect(ended[0].latency).toBeGreaterThanOrEqual(93);
    expect(ended[0].latency).toBeLessThan(93.01);
    expect(w.services[0].arrivals).toBe(3);
  });

  it('the overall route timeout spans the retries and cuts them short', () => {
    const { w, ended } = world(
      routed({ serviceTime: '100ms', policy: { timeout: '50ms', retries: { attempts: 2, perTryTimeout: '30ms', retryOn: ['5xx'], backoff: { base: '0.001ms' } } } }),
    );
    w.runUntil(1000);
    expect(ended).toEqual([{ cause: 'timeout', latency: 50, at: 50 }]);
    expect(w.services[0].arrivals).toBe(2);
  });

  it('retries a 503 by default (Istio: 2 retries on connect-failure, refused-stream and 503) but not a 500', () => {
    const r503 = world(routed({ queueCapacity: 0, concurrency: 1, serviceTime: '10ms' }, { rate: 100_000 }, { duration: '0.02ms' }));
    r503.w.runUntil(1000);
    // Two requests at once into one worker with no queue: the second gets 503 queue-full and retries.
    expect(r503.w.ok).toBe(2);
    const r500 = world(routed({ errorRate: 1 }));
    r500.w.runUntil(1000);
    expect(r500.w.failures.toObject()).toEqual({ 'http-5xx': 1 });
    expect(r500.w.services[0].arrivals).toBe(1);
  });

  it('retries stop at the budget: never more than max(3, 20% of active requests) at once', () => {
    const { w } = world(
      routed(
        { serviceTime: '50ms', errorRate: 1, policy: { retries: { attempts: 3, retryOn: ['5xx'], budget: { percent: 20, minConcurrency: 3 } } } },
        { rate: 1000 },
        { duration: '10ms' },
      ),
    );
    const r = w.routes[0];
    w.start();
    let most = 0;
    while (w.sim.peek() <= 10_000 && w.sim.step()) most = Math.max(most, r.activeRetries);
    expect(most).toBe(3);
    expect(r.retryOverflows).toBeGreaterThan(0);
    expect(w.failures.toObject()).toEqual({ 'http-5xx': 10 });
  });

  it('a tripped circuit breaker answers 503 overflow at once, without reaching the upstream', () => {
    const { w, ended } = world(
      routed({ serviceTime: '10ms', policy: { circuitBreaker: { maxConnections: 1, maxPendingRequests: 1 } } }, { rate: 500 }, { duration: '5ms' }),
    );
    w.runUntil(1000);
    // At 0 ms the first request waits (pending) while the only connection opens (1 ms of
    // handshake CPU), then works 10 ms on it. At 2 ms the second finds no idle connection and
    // may not open another: it is the one pending request. At 4 ms the third finds no room to
    // wait: overflow at once. The second takes the connection when the first is done.
    expect(ended.map((e) => [e.cause, e.at, e.latency])).toEqual([
      ['overflow', 4, 0],
      ['ok', 11, 11],
      ['ok', 21, 19],
    ]);
    expect(w.services[0].arrivals).toBe(2);
  });

  it('a host with no connection gets one even past max connections, so no request waits forever', () => {
    // Envoy's pools are per host: one whose only slot is held by another host's idle
    // connection still opens one (conn_pool_base.cc), or its requests would queue for good.
    const { w } = world(
      routed(
        { replicas: 2, serviceTime: '1ms', policy: { loadBalancer: 'round-robin', circuitBreaker: { maxConnections: 1 } } },
        { rate: 1 },
        { duration: '10s' },
      ),
    );
    w.runUntil(60_000);
    expect(w.sent).toBe(10);
    expect(w.ok).toBe(10);
    expect(w.services[0].replicas.map((r) => r.served)).toEqual([5, 5]);
  });

  it('max requests counts requests on a connection, not those waiting for one', () => {
    // Three requests at once, one connection: one works and two wait (pending), never more
    // than one on a connection, so none overflows.
    const { w, ended } = world(
      routed({ serviceTime: '10ms', policy: { circuitBreaker: { maxConnections: 1, maxRequests: 1, maxPendingRequests: 100 } } }, { rate: 1000 }, { duration: '3ms' }),
    );
    w.runUntil(1000);
    expect(ended.map((e) => [e.cause, e.at])).toEqual([
      ['ok', 11],
      ['ok', 21],
      ['ok', 31],
    ]);
  });

  it("the per-try timer starts once the request has a connection: a partition's connects time out at 10 s each, retried", () => {
    const { w, ended } = world(
      routed({ serviceTime: '1ms', policy: { timeout: '60s', retries: { attempts: 2, perTryTimeout: '1s', backoff: { base: '1ms' } } } }, {}, { duration: '1ms' }),
    );
    const client = w.network.hosts.find((h) => h.name === 'c')!.id;
    w.network.partition([client], w.services[0].hosts);
    w.runUntil(100_000);
    // Istio's default retryOn retries connect failures: three connects of 10 s, and backoffs.
    expect(ended).toHaveLength(1);
    expect(ended[0].cause).toBe('connect-timeout');
    expect(ended[0].latency).toBeGreaterThanOrEqual(30_000);
    expect(ended[0].latency).toBeLessThan(30_003);
  });

  it('maxRequests caps requests in flight to the cluster', () => {
    const { w } = world(routed({ serviceTime: '10ms', policy: { circuitBreaker: { maxRequests: 2 } } }, { rate: 1000 }, { duration: '5ms' }));
    w.runUntil(1000);
    expect(w.ok).toBe(2);
    expect(w.failures.toObject()).toEqual({ overflow: 3 });
  });

  it('ring hash sends each key to one replica, spreads many keys evenly, and moves only a lost replica\'s keys', () => {
    const { w } = world(routed({ replicas: 4, policy: { loadBalancer: 'ring-hash' } }));
    w.runUntil(1000); // the client's proxy learns the endpoints
    const r = w.routes[0];
    const keys = Array.from({ length: 4000 }, (_, k) => k);
    const before = keys.map((k) => r.pick(0, k));
    expect(keys.map((k) => r.pick(0, k))).toEqual(before);
    const share = [0, 1, 2, 3].map((h) => before.filter((x) => x === h).length / keys.length);
    for (const s of share) expect(Math.abs(s - 0.25)).toBeLessThan(0.05);
    // Replica 2 leaves: its keys spread over all three others; no other key moves.
    r.known[2] = 0;
    w.membershipChanges[0]++; // as every writer of a caller's endpoints does (World.membershipChanges)
    const after = keys.map((k) => r.pick(0, k));
    expect(keys.filter((k) => before[k] !== 2 && after[k] !== before[k])).toEqual([]);
    expect(new Set(keys.filter((k) => before[k] === 2).map((k) => after[k]))).toEqual(new Set([0, 1, 3]));
  });

  it('ring hash keeps a closed-loop user on one replica across its requests', () => {
    const { w } = world({
      ...routed({ replicas: 4, serviceTime: '1ms', policy: { loadBalancer: 'ring-hash' } }),
      duration: '10s',
      clients: [{ name: 'c', type: 'closed', users: 1, thinkTime: '100ms', target: 'svc', sidecar: freeSidecar }],
    });
    w.runUntil(20_000);
    expect(w.ok).toBeGreaterThan(50);
    expect(w.services[0].replicas.map((r) => r.served).filter((n) => n > 0)).toEqual([w.ok]);
  });

  it("Istio's retries go to another replica than the one that failed (previous_hosts)", () => {
    const run = (via: 'sidecar' | 'gateway') => {
      const { w } = world({
        name: 'previous-hosts',
        duration: '20s',
        network: instantPod,
        clients: [{ name: 'c', type: 'open', rate: 100, target: via === 'sidecar' ? 'svc' : 'gw', sidecar: via === 'sidecar' ? freeSidecar : false }],
        services: [{ name: 'svc', replicas: 2, serviceTime: '1ms', sidecar: freeSidecar, policy: { loadBalancer: 'random', retries: { attempts: 1, retryOn: ['5xx'] } } }],
        gateways: [{ name: 'gw', replicas: 1, cpuPerRequest: '0ms', routes: [{ service: 'svc', policy: { loadBalancer: 'random', retries: { attempts: 1, retryOn: ['5xx'] } } }] }],
      });
      w.services[0].replicas[0].errorRate = 1;
      w.runUntil(30_000);
      return w;
    };
    // Half the first tries fail on replica 0. Their retries pick again while they land on it,
    // at most 5 more times (host_selection_retry_max_attempts), so 1 in 2^6 still does.
    const sidecar = run('sidecar');
    expect(sidecar.failed / sidecar.sent).toBeLessThan(0.02);
    expect(sidecar.routes[0].retriesStarted).toBeGreaterThan(0.4 * sidecar.sent);
    // A gateway's own Envoy has no such predicate: half its retries go back to replica 0.
    const gateway = run('gateway');
    expect(gateway.failed / gateway.sent).toBeGreaterThan(0.2);
    expect(gateway.failed / gateway.sent).toBeLessThan(0.3);
  });

  it('outlier detection ejects a failing replica after 5 consecutive 5xx and brings it back after base ejection time', () => {
    const { w } = world(
      routed(
        { replicas: 3, serviceTime: '1ms', policy: { loadBalancer: 'round-robin', retries: { attempts: 0 }, outlierDetection: { maxEjectionPercent: 50 } } },
        { rate: 100 },
        { duration: '200s' },
      ),
    );
    const bad = w.services[0].replicas[0];
    bad.errorRate = 1;
    const r = w.routes[0];
    w.runUntil(1000);
    // Round robin: replica 0 gets every third request; its 5th failure (the 13th request, 120 ms) ejects it.
    expect(r.ejections[0]).toBe(1);
    expect(bad.served).toBe(5);
    // Ejected for 30 s x 1, returning at the next 10 s detection interval: t = 40 s.
    w.runUntil(39_990);
    expect(bad.served).toBe(5);
    expect(r.isEjected(0, w.sim.now)).toBe(true);
    w.runUntil(41_000);
    expect(bad.served).toBe(10);
    // Ejected again, now for 2 x 30 s: back at ceil((40.12 + 60) / 10) x 10 = 110 s.
    expect(r.ejections[0]).toBe(2);
    w.runUntil(109_990);
    expect(bad.served).toBe(10);
    w.runUntil(111_000);
    expect(bad.served).toBe(15);
  });

  it('outlier detection never ejects past the cap, the host about to go counted (Envoy 1.36: 10% of 3 ejects none; always_eject_one_host: one)', () => {
    const ejected = (outlierDetection: object) => {
      const { w } = world(
        routed({ replicas: 3, serviceTime: '1ms', errorRate: 1, policy: { retries: { attempts: 0 }, outlierDetection } }, { rate: 100 }, { duration: '5s' }),
      );
      w.runUntil(5000);
      return w.routes[0].ejectedCount;
    };
    expect(ejected({})).toBe(0);
    expect(ejected({ alwaysEjectOneHost: true })).toBe(1);
    expect(ejected({ maxEjectionPercent: 67 })).toBe(2);
  });

  it('an http-abort fault on one replica gets it ejected by outlier detection', () => {
    const { w } = world(
      routed(
        { replicas: 3, serviceTime: '1ms', policy: { retries: { attempts: 0 }, outlierDetection: { maxEjectionPercent: 50 } } },
        { rate: 100 },
        { duration: '10s', faults: [{ type: 'http-abort', service: 'svc', replica: 1, percent: 100, status: 500, at: '2s' }] },
      ),
    );
    w.runUntil(2000);
    const served = w.services[0].replicas[1].served;
    w.runUntil(10_000);
    expect(w.routes[0].ejections).toEqual(new Int32Array([0, 1, 0]));
    // Five errors eject it; nothing more reaches it during the 30 s ejection.
    expect(w.services[0].replicas[1].served - served).toBe(5);
    expect(w.httpErrors.toObject()).toEqual({ '500': 5 });
  });

  it('a request that times out while waiting for a connection does not count against the host', () => {
    // Connects take 10 ms (5 ms each way) and the route gives up at 8 ms: no request ever
    // reaches a replica, so outlier detection (one error ejects) has nothing to say.
    const { w } = world(
      routed(
        {
          replicas: 2,
          serviceTime: '1ms',
          policy: { timeout: '8ms', retries: { attempts: 0 }, outlierDetection: { consecutive5xx: 1, maxEjectionPercent: 100 } },
        },
        { rate: 1000 },
        { duration: '5ms', network: { latency: '5ms', samePod: '0ms' } },
      ),
    );
    w.runUntil(1000);
    expect(w.failures.toObject()).toEqual({ timeout: 5 });
    expect(w.routes[0].ejections).toEqual(new Int32Array([0, 0]));
  });

  it("a killed replica's idle connections close with it: the next request is refused and retried elsewhere", () => {
    const { w } = world({
      ...routed({ replicas: 3, serviceTime: '1ms', policy: { loadBalancer: 'round-robin' } }, { rate: 100 }, { duration: '2s' }),
      network: { latency: '1ms', samePod: '0ms' },
      faults: [{ type: 'kill-replica', service: 'svc', replica: 0, at: '1005ms' }],
    });
    w.runUntil(5000);
    // Nothing was in flight on replica 0 when it died; its callers learn from a refused connect.
    expect(w.failed).toBe(0);
    expect(w.routes[0].connectFailures).toBeGreaterThan(0);
  });

  it('a connect slower than the connect timeout fails as connect-timeout at the timeout', () => {
    const { w, ended } = world(
      routed({ serviceTime: '1ms', policy: { connectTimeout: '100ms', retries: { attempts: 0 } } }, {}, { network: { latency: '80ms', samePod: '0ms' } }),
    );
    w.runUntil(5000);
    expect(ended).toEqual([{ cause: 'connect-timeout', latency: 100, at: 100 }]);
  });

  it('an ejection lasts base time x ejections, but never more than 300 s', () => {
    const { w } = world(
      routed(
        { replicas: 2, serviceTime: '1ms', policy: { loadBalancer: 'round-robin', retries: { attempts: 0 }, outlierDetection: { baseEjectionTime: '100s', maxEjectionPercent: 50 } } },
        { rate: 100 },
        { duration: '2000s' },
      ),
    );
    w.services[0].replicas[0].errorRate = 1;
    const r = w.routes[0];
    const returns: number[] = [];
    let wasEjected = false;
    for (let t = 0; t <= 1_000_000; t += 1000) {
      w.runUntil(t);
      const ejected = r.isEjected(0, t);
      if (wasEjected && !ejected) returns.push(t);
      wasEjected = ejected;
    }
    // Ejected near 0 s for 100 s, then for 200 s, then 300 s, and 300 s from then on (each
    // return rounded up to the 10 s detection interval, and about 50 ms of failures between).
    const gaps = returns.map((t, k) => (k === 0 ? t : t - returns[k - 1]));
    expect(gaps).toEqual([110_000, 210_000, 310_000, 310_000]);
  });

  it('with every host ejected the router answers no-healthy-upstream', () => {
    const { w } = world(
      routed(
        { replicas: 1, serviceTime: '1ms', errorRate: 1, policy: { retries: { attempts: 0 }, outlierDetection: { maxEjectionPercent: 100 } } },
        { rate: 100 },
        { duration: '1s' },
      ),
    );
    w.runUntil(2000);
    expect(w.failures.toObject()).toEqual({ 'http-5xx': 5, 'no-healthy-upstream': 95 });
  });

  it('least request beats round robin at p99 when one replica is slow', () => {
    const p99 = (lb: string) => {
      const { w } = world(
        {
          name: 'lb',
          duration: '120s',
          warmup: '5s',
          network: instantPod,
          clients: [{ name: 'c', type: 'open', rate: 120, target: 'svc', sidecar: freeSidecar, policy: { loadBalancer: lb } }],
          services: [{ name: 'svc', replicas: 4, concurrency: 1, sidecar: freeSidecar, serviceTime: { type: 'exponential', mean: '5ms' } }],
        },
        3,
      );
      w.services[0].replicas[0].slowdown = 5;
      w.runUntil();
      return w.latency.quantile(0.99);
    };
    const rr = p99('round-robin');
    const lr = p99('least-request');
    // Round robin sends a quarter of the load to the slow replica (utilisation 0.75 there).
    // Envoy's two choices are drawn with replacement, so 1 pick in 16 is the slow replica alone.
    expect(lr).toBeLessThan(0.65 * rr);
  });

  it('injected aborts and delays hit their percentages within tolerance', () => {
    const { w, ended } = world({
      name: 'faults',
      duration: '200s',
      network: instantPod,
      clients: [
        {
          name: 'c',
          type: 'open',
          rate: 100,
          target: 'svc',
          sidecar: freeSidecar,
          policy: { fault: { abort: { percent: 10, status: 503 }, delay: { percent: 20, fixed: '50ms' } } },
        },
      ],
      services: [{ name: 'svc', concurrency: 100, serviceTime: '1ms', sidecar: freeSidecar }],
    });
    w.runUntil(300_000);
    const n = ended.length;
    expect(n).toBeGreaterThan(19_000);
    const aborted = ended.filter((e) => e.cause === 'fault-abort').length / n;
    const delayed = ended.filter((e) => e.latency >= 50).length / n;
    // Three standard deviations of a binomial share over ~20k requests is under 1%.
    expect(Math.abs(aborted - 0.1)).toBeLessThan(0.01);
    expect(Math.abs(delayed - 0.2)).toBeLessThan(0.01);
    // Aborts happen at the caller's sidecar: they never reach the service.
    expect(w.services[0].arrivals).toBe(w.ok);
  });
});

describe('retry amplification', () => {
  /** client -> a -> b -> c, every hop meshed with `r` retries on 5xx; c always fails. */
  const layers = (retries: Record<string, unknown>, rate: number, duration: string) => {
    const policy = { retries: { attempts: 2, retryOn: ['5xx'], backoff: { base: '0.001ms' }, ...retries }, circuitBreaker: { maxRetries: 100_000 } };
    return world({
      name: 'storm',
      duration,
      network: instantPod,
      clients: [{ name: 'user', type: 'open', arrival: 'constant', rate, target: 'a', sidecar: freeSidecar }],
      services: [
        { name: 'a', concurrency: 10_000, serviceTime: '1ms', sidecar: freeSidecar, policy, calls: [{ service: 'b' }] },
        { name: 'b', concurrency: 10_000, serviceTime: '1ms', sidecar: freeSidecar, policy, calls: [{ service: 'c' }] },
        { name: 'c', concurrency: 10_000, serviceTime: '1ms', sidecar: freeSidecar, policy, errorRate: 1 },
      ],
    });
  };

  it('with 2 retries at each of three layers and no budget, one failing request becomes (1+2)^3 = 27 attempts', () => {
    const { w } = layers({}, 1000, '1ms');
    w.runUntil(10_000);
    const [a, b, c] = w.services;
    expect(w.sent).toBe(1);
    expect([a.arrivals, b.arrivals, c.arrivals]).toEqual([3, 9, 27]);
  });

  it('a retry budget at every layer caps the storm far below (1+r)^k', () => {
    // A burst of 100 requests at once, all failing at the bottom.
    const open = layers({}, 100_000, '1ms');
    open.w.runUntil(10_000);
    const capped = layers({ budget: { percent: 20, minConcurrency: 3 } }, 100_000, '1ms');
    capped.w.runUntil(10_000);
    const perRequest = (w: World) => w.services[2].arrivals / w.sent;
    expect(open.w.sent).toBe(100);
    expect(perRequest(open.w)).toBe(27);
    // Each layer retries at most 20% of its active requests at once (at least 3), so the storm
    // stays near (1 + 0.2 x a few)^3 instead of 27: about 2 attempts per request at the bottom.
    expect(perRequest(capped.w)).toBeLessThan(3);
  });
});

describe('the sidecar calibration', () => {
  it('two sidecars add about 2.65 ms at p90 at 1000 req/s and use about 0.35 vCPU per 1000 req/s each (Istio load test)', () => {
    const run = (sidecar: boolean) => {
      const { w } = world({
        name: 'calibration',
        duration: '30s',
        warmup: '2s',
        network: { placement: {} },
        clients: [{ name: 'fortio', type: 'open', rate: 1000, target: 'svc', sidecar }],
        services: [{ name: 'svc', concurrency: 16, sidecar, serviceTime: { type: 'exponential', mean: '1ms' } }],
      });
      w.runUntil();
      return w;
    };
    const plain = run(false);
    const mesh = run(true);
    const added = mesh.latency.quantile(0.9) - plain.latency.quantile(0.9);
    expect(Math.abs(added - 2.65) / 2.65).toBeLessThan(0.1);
    for (const sc of mesh.sidecars) {
      const vcpu = (sc.cpuMs(mesh.sim.now) / mesh.sim.now) * (1000 / (mesh.sent / (mesh.sim.now / 1000)));
      expect(Math.abs(vcpu - 0.35) / 0.35).toBeLessThan(0.1);
    }
  });
});

describe('mixed meshes', () => {
  it('services without a sidecar call and are called in plaintext, with no retries', () => {
    const { w } = world({
      name: 'mixed',
      duration: '10s',
      network: instantPod,
      clients: [{ name: 'c', type: 'open', rate: 100, target: 'meshed', sidecar: true }],
      services: [
        { name: 'meshed', sidecar: true, concurrency: 10, serviceTime: '1ms', calls: [{ service: 'legacy' }] },
        { name: 'legacy', concurrency: 10, serviceTime: '1ms', errorRate: 0.5, calls: [{ service: 'meshed-db' }] },
        { name: 'meshed-db', sidecar: true, concurrency: 10, serviceTime: '1ms' },
      ],
    });
    w.runUntil(20_000);
    const legacyRoute = w.routes.find((r) => r.service === w.services[2].id)!;
    expect(legacyRoute.mtls).toBe(false);
    expect(legacyRoute.policy.retries).toBe(0);
    // meshed -> legacy: a 500 is not retried by Istio's default policy (only 503).
    expect(w.failures.get('http-5xx') / w.sent).toBeGreaterThan(0.45);
  });

  it("a TCP service gets mTLS from the mesh but none of the L7 policies, not even Istio's default retries", () => {
    const { w } = world({
      name: 'l4',
      duration: '10s',
      network: instantPod,
      clients: [{ name: 'c', type: 'open', rate: 100, target: 'app', sidecar: true }],
      services: [
        { name: 'app', sidecar: true, concurrency: 10, serviceTime: '1ms', calls: [{ service: 'db' }] },
        // (An L7 policy on it is refused by the scenario's validation.)
        { name: 'db', protocol: 'tcp', sidecar: true, mtls: 'STRICT', concurrency: 10, serviceTime: '1ms' },
      ],
    });
    w.runUntil(20_000);
    const dbRoute = w.routes.find((r) => r.service === w.services[1].id)!;
    expect(dbRoute.mtls).toBe(true);
    expect(dbRoute.policy.l7).toBe(false);
    expect(dbRoute.policy.retries).toBe(0);
    expect(w.ok).toBe(w.sent);
  });
});

describe('conservation under faults', () => {
  it('every request ends exactly once and nothing leaks, whatever fails', () => {
    for (const seed of [1, 2, 3]) {
      const { w } = world(
        {
          name: 'chaos',
          duration: '20s',
          network: { placement: {}, loss: 0.02 },
          clients: [{ name: 'user', type: 'open', rate: 400, target: 'a', sidecar: true, timeout: '300ms' }],
          services: [
            {
              name: 'a',
              replicas: 2,
              concurrency: 4,
              queueCapacity: 5,
              sidecar: true,
              serviceTime: { type: 'exponential', mean: '4ms' },
              calls: [{ service: 'b' }, { service: 'c', probability: 0.5 }],
              policy: { timeout: '250ms', retries: { attempts: 2, perTryTimeout: '80ms', retryOn: ['5xx', 'reset', 'connect-failure'] } },
            },
            {
              name: 'b',
              replicas: 3,
              concurrency: 2,
              queueCapacity: 3,
              sidecar: true,
              errorRate: 0.1,
              serviceTime: { type: 'lognormal', median: '3ms', sigma: 1 },
              policy: {
                retries: { attempts: 3, perTryTimeout: '20ms', retryOn: ['5xx', 'gateway-error'], budget: {} },
                circuitBreaker: { maxConnections: 4, maxPendingRequests: 2 },
                outlierDetection: { consecutive5xx: 3, baseEjectionTime: '2s', interval: '1s' },
                fault: { abort: { percent: 2 }, delay: { percent: 5, fixed: '30ms' } },
              },
            },
            { name: 'c', replicas: 2, concurrency: 2, serviceTime: { type: 'exponential', mean: '2ms' } },
          ],
        },
        seed,
      );
      w.start();
      while (w.sim.peek() <= w.duration) {
        w.sim.step();
        if (w.sim.events % 997 === 0) expect(w.ok + w.failed + w.inFlight).toBe(w.sent);
      }
      // Drain: no new sends; everything in flight gets its fate.
      w.sim.runUntil(w.duration + 2_000_000);
      expect(w.inFlight).toBe(0);
      expect(w.failures.total).toBe(w.failed);
      expect(w.calls.inUse).toBe(0);
      expect(w.attempts.inUse).toBe(0);
      expect(w.requests.inUse).toBe(0);
      expect(w.failed).toBeGreaterThan(0);
      for (const r of w.routes) {
        expect(r.activeRequests).toBe(0);
        expect(r.pendingRequests).toBe(0);
        expect(r.activeRetries).toBe(0);
      }
    }
  });
});

describe('retry decisions follow Envoy: local failures by kind, upstream answers by status', () => {
  it('a 504 answered by an upstream (its own route timeout) is not retried by the default policy', () => {
    const { w } = world({
      name: 'upstream-504',
      duration: '1ms',
      network: instantPod,
      clients: [{ name: 'c', type: 'open', arrival: 'constant', rate: 1000, target: 'a', sidecar: freeSidecar }],
      services: [
        { name: 'a', sidecar: freeSidecar, concurrency: 10, serviceTime: '0ms', calls: [{ service: 'b' }], policy: { retries: { attempts: 2, perTryTimeout: '1s' } } },
        { name: 'b', sidecar: freeSidecar, concurrency: 10, serviceTime: '100ms', policy: { timeout: '20ms', retries: { attempts: 0 } } },
      ],
    });
    w.runUntil(5000);
    // a's router times out its call to b (local, not retried: 0 attempts) and answers 504 to
    // the client's router, which must not take that for its own timeout or a reset.
    expect(w.failures.toObject()).toEqual({ timeout: 1 });
    expect(w.serviceByName('a').arrivals).toBe(1);
  });

  it('a callee that finishes work its caller gave up on does not count it as failed', () => {
    const { w } = world({
      name: 'abandoned',
      duration: '1ms',
      network: instantPod,
      clients: [{ name: 'c', type: 'open', arrival: 'constant', rate: 1000, target: 'svc', sidecar: freeSidecar, policy: { timeout: '10ms' } }],
      services: [{ name: 'svc', sidecar: freeSidecar, serviceTime: '50ms' }],
    });
    w.runUntil(1000);
    expect(w.failures.toObject()).toEqual({ timeout: 1 });
    const svc = w.serviceByName('svc');
    expect([svc.ok, svc.failed]).toEqual([1, 0]);
  });

  it("a sidecar's circuit breakers default to Istio's (effectively unlimited), a gateway's to Envoy's 1024 pending", () => {
    const burst = (via: 'sidecar' | 'gateway') =>
      world({
        name: 'burst',
        duration: '1ms',
        network: instantPod,
        clients: [{ name: 'c', type: 'open', arrival: 'constant', rate: 3_000_000, target: via === 'sidecar' ? 'svc' : 'gw', sidecar: via === 'sidecar' ? freeSidecar : false }],
        services: [{ name: 'svc', sidecar: freeSidecar, concurrency: 10_000, serviceTime: '100ms', policy: { circuitBreaker: { maxConnections: 1 } } }],
        gateways: [{ name: 'gw', replicas: 1, concurrency: 10_000, cpuPerRequest: '0ms', routes: [{ service: 'svc', policy: { circuitBreaker: { maxConnections: 1 } } }] }],
      });
    const s = burst('sidecar');
    s.w.runUntil(10_000);
    expect(s.w.sent).toBeGreaterThan(2000);
    expect(s.w.failed).toBe(0);
    const g = burst('gateway');
    g.w.runUntil(10_000);
    // One request on the one connection and 1024 waiting for it (Envoy's max pending); the
    // rest overflow at once.
    expect(g.w.failures.get('overflow')).toBe(g.w.sent - 1025);
  });
});

describe('each hop has one fate, counted where it happened', () => {
  const chain = (client: Record<string, unknown> = {}) =>
    scenario({
      name: 'fates',
      duration: '10s',
      network: instantPod,
      clients: [{ name: 'users', type: 'open', arrival: 'constant', rate: 10, target: 'a', ...client }],
      services: [
        { name: 'a', serviceTime: '1ms', sidecar: freeSidecar, calls: [{ service: 'b' }] },
        { name: 'b', serviceTime: '1ms', sidecar: freeSidecar, calls: [{ service: 'c' }] },
        { name: 'c', serviceTime: '1ms', sidecar: freeSidecar, errorRate: 1, policy: { retries: { attempts: 0 } } },
      ],
    });

  it('a failure is counted by cause on the hop where it happened, and as from further down above it', () => {
    const w = new World(chain(), 1);
    w.services[2].replicas.forEach((r) => (r.errorStatus = 500));
    w.runUntil();
    const s = summarize(w, 0);
    expect(s.edges['b->c']).toMatchObject({ failed: 100, failures: { 'http-5xx': 100 }, httpErrors: { '500': 100 }, failedDownstream: 0, latencyMs: null });
    expect(s.edges['a->b']).toMatchObject({ failed: 100, failures: {}, failedDownstream: 100 });
    expect(s.edges['users->a']).toMatchObject({ failed: 100, failures: {}, failedDownstream: 100 });
    expect(s.failures).toEqual({ 'http-5xx': 100 });
    expect(s.httpErrors).toEqual({ '500': 100 });
  });

  it("a client's own timeout fails its first hop as a timeout then, and the late answer is not counted again", () => {
    const w = new World(chain({ timeout: '50ms' }), 1);
    w.services[2].replicas.forEach((r) => ((r.errorRate = 0), (r.slowdown = 100)));
    w.runUntil(20_000);
    const s = summarize(w, 0);
    expect(s.failures).toEqual({ timeout: 100 });
    // The client gave up on users->a; the hops below it finished ok, later.
    expect(s.edges['users->a']).toMatchObject({ requests: 100, ok: 0, failed: 100, failures: { timeout: 100 } });
    expect(s.edges['a->b']).toMatchObject({ requests: 100, ok: 100, failed: 0 });
  });

  it('an edge reports the connections its callers opened and reused', () => {
    const w = new World(chain(), 1);
    w.services[2].replicas.forEach((r) => (r.errorRate = 0));
    w.runUntil();
    const s = summarize(w, 0);
    // One caller host per hop, one connection per upstream replica it used, kept alive.
    expect(s.edges['a->b'].connections).toEqual({ opened: 1, failed: 0, reused: 99, drained: 0 });
    expect(s.edges['a->b'].mtls).toBe(true);
    expect(s.edges['users->a'].mtls).toBe(false);
  });
});
