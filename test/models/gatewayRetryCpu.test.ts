import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/models';
import { scenario } from './helpers';

/*
 * A gateway's upstream retries cost its CPU (trial N11, session 41, finding 1): each try after the first adds
 * retryCpuShare × the mean cpuPerRequest to its replica's busy time. The charge draws no random number and
 * schedules nothing, so a run's trace is the same with any share.
 */

/** 20 req/s for 10 s through a gateway (1 ms CPU a request, constant) to a service failing half its answers, retried twice. */
const flaky = (gateway: Record<string, unknown> = {}) =>
  scenario({
    name: 'gw-retry-cpu',
    duration: '10s',
    clients: [{ name: 'users', type: 'open', arrival: 'constant', rate: 20, target: 'api' }],
    gateways: [{ name: 'api', cpuPerRequest: '1ms', routes: [{ service: 'partner', policy: { timeout: '2s', retries: { attempts: 2, retryOn: ['5xx'] } } }], ...gateway }],
    services: [{ name: 'partner', serviceTime: '10ms', concurrency: 50, errorRate: 0.5 }],
  });

describe('gateway retries cost gateway CPU', () => {
  it('charges each retry half a request by default: cpuMs = requests × 1 ms + retries × 0.5 ms', () => {
    const s = runScenario(flaky()).summary;
    const g = s.gateways.api;
    expect(g.retries).toBe(s.edges['api->partner'].retries);
    expect(g.retries).toBeGreaterThan(100);
    expect(g.retryCpuMs).toBeCloseTo(g.retries * 0.5, 6);
    expect(g.cpuMs).toBeCloseTo(g.requests * 1 + g.retries * 0.5, 6);
  });

  it('costs nothing at retryCpuShare 0 (the model before), and all of a request at 1; the trace is the same at each', () => {
    const base = runScenario(flaky()).summary;
    const free = runScenario(flaky({ retryCpuShare: 0 })).summary;
    const full = runScenario(flaky({ retryCpuShare: 1 })).summary;
    expect(free.gateways.api.retryCpuMs).toBe(0);
    expect(free.gateways.api.cpuMs).toBeCloseTo(free.gateways.api.requests * 1, 6);
    expect(full.gateways.api.cpuMs).toBeCloseTo(full.gateways.api.requests + full.gateways.api.retries, 6);
    expect(free.traceHash).toBe(base.traceHash);
    expect(full.traceHash).toBe(base.traceHash);
  });

  it('refuses a share above 1 or below 0', () => {
    expect(() => flaky({ retryCpuShare: 1.5 })).toThrow(/retryCpuShare/);
    expect(() => flaky({ retryCpuShare: -0.1 })).toThrow(/retryCpuShare/);
  });
});
