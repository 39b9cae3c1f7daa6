import { describe, expect, it } from 'vitest';
import { World } from '../../../src/models';
import { Tracer } from '../../../src/models/spans/Tracer';
import { scenario } from '../helpers';

/** client -> front -> back (2 replicas, round robin), sidecars; `back` retried per `retries`, front's calls not. */
function world(backPolicy: object, faults: object[], backErrorRate = 0) {
  const s = scenario({
    name: 'marks',
    duration: '6s',
    meshes: [{ name: 'm' }],
    clients: [{ name: 'c', type: 'open', arrival: 'constant', rate: 200, target: 'front' }],
    services: [
      { name: 'front', sidecar: true, concurrency: 64, serviceTime: '1ms', calls: [{ service: 'back' }], policy: { retries: { attempts: 0 } } },
      { name: 'back', sidecar: true, replicas: 2, concurrency: 64, serviceTime: '1ms', errorRate: backErrorRate, policy: { loadBalancer: 'round-robin', ...backPolicy } },
    ],
    faults,
  });
  const w = new World(s, s.seed);
  const ended: string[] = [];
  w.observer = { transmit() {}, requestEnded: (_c, cause) => ended.push(cause) };
  return { w, ended };
}

describe('FaultMarks: what a fault did', () => {
  it("an http-abort of 50% on one replica counts the answers it failed there, each retried try once, each request it ended once", () => {
    const { w, ended } = world({ retries: { attempts: 1, retryOn: ['5xx'] } }, [{ type: 'http-abort', service: 'back', replica: 0, percent: 50, status: 503, at: '1s', for: '2s' }]);
    w.runUntil(6000);
    const e = w.faults.marks.effects[0]!;
    const back = w.serviceByName('back');
    // No other failure in the run: every answer back failed is the fault's, every retry and failed request too.
    expect(back.failed).toBeGreaterThan(50);
    expect(e.failed).toBe(back.failed);
    const retries = w.routes.reduce((n, r) => n + r.resources.retriesStarted, 0);
    expect(e.retried).toBe(retries);
    expect(e.ended).toBe(ended.filter((c) => c !== 'ok').length);
    // A failed try is either retried or ends its call (and, front not retrying, its request): never both.
    expect(e.retried + e.ended).toBe(e.failed);
    // Round robin takes each retry to the other replica, which answers: no request ends failed.
    expect(e.ended).toBe(0);
  });

  it('a fault on every replica with one retry: two failed tries a request, one retried, the request ended failed once', () => {
    const { w, ended } = world({ retries: { attempts: 1, retryOn: ['5xx'] } }, [{ type: 'http-abort', service: 'back', percent: 100, status: 503, at: '1s', for: '1s' }]);
    w.runUntil(6000);
    const e = w.faults.marks.effects[0]!;
    const failed = ended.filter((c) => c !== 'ok').length;
    expect(failed).toBeGreaterThan(100);
    expect(e.ended).toBe(failed);
    // Each failed request's two tries, one retried; a try failed just before the fault's end was retried after it, and answered.
    expect(e.retried + e.ended).toBe(e.failed);
    expect(e.retried - failed).toBeGreaterThanOrEqual(0);
    expect(e.retried - failed).toBeLessThanOrEqual(3);
  });

  it("the scenario's own errorRate on the same service is not counted for the fault; its traced requests name it", () => {
    const { w } = world({ retries: { attempts: 0 } }, [{ type: 'http-abort', service: 'back', replica: 0, percent: 100, status: 503, at: '1s', for: '1s' }], 0.1);
    w.tracer = new Tracer(w, { sampleEvery: 1, maxSampled: 100_000, maxFailed: 0 });
    w.runUntil(6000);
    const e = w.faults.marks.effects[0]!;
    const traces = w.tracer.all();
    const by503 = traces.filter((t) => t.status === 503 && t.fate !== 'ok');
    // Each 503 is the fault's (the scenario's errors are 500s); front passes the status up.
    expect(by503.length).toBe(e.ended);
    expect(e.failed).toBe(e.ended);
    const kept = w.tracer.list(false, 100_000, false, null);
    expect(kept.filter((t) => t.faults?.includes(0)).map((t) => t.id).sort((a, b) => a - b)).toEqual(by503.map((t) => t.id).sort((a, b) => a - b));
  });

  it('a replica kill counts the requests its pod held as reset', () => {
    const { w } = world({ retries: { attempts: 0 } }, [{ type: 'kill-replica', service: 'back', replica: 0, at: '1s', for: '1s' }]);
    w.runUntil(6000);
    const e = w.faults.marks.effects[0];
    // 200/s round robin on 1 ms work: at most one or two in the pod at the kill.
    expect(e === undefined ? 0 : e.failed).toBeLessThanOrEqual(2);
    expect(w.faults.marks.calls.size).toBe(0);
  });
});
