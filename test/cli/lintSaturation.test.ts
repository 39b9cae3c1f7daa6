import { describe, expect, it } from 'vitest';
import { parseScenarioText, saturated } from '../../src/scenario';
import { scenarioFindings } from '../../src/cli/lint';
import { textLocator } from '../../src/models/lint/locate';
import { runScenario } from '../../src/models';
import { saturationHints } from '../../src/cli/saturationHint';
import { GW50, SATURATED_DRAFT } from '../trialN11Files';

// Trial N11 (session 41), finding 9: a first draft left checkout at the default concurrency (1)
// in front of a 60 ms partner: 92.6% of requests failed `timeout`, checkout 99.7% utilised, and
// neither run's summary nor the editor said "checkout is saturated".

const scenarioOf = (text: string) => {
  const p = parseScenarioText(text, 'yaml');
  if (!p.ok) throw new Error(JSON.stringify(p.problems));
  return p.scenario;
};

describe('MS017 saturated-waiting-on-calls', () => {
  it("says checkout's workers are saturated by Little's law: 40 req/s × 64 ms = 2.56 busy of 2, a warning at its concurrency: the queue grows 8.75 req/s", () => {
    const [x] = saturated(scenarioOf(SATURATED_DRAFT));
    expect(x).toMatchObject({ name: 'checkout', index: 0, offeredPerS: 40, holdMs: 64, ownMs: 4, replicas: 2, concurrency: 1, concurrencyFor70: 2 });
    expect(x.busy).toBeCloseTo(2.56, 10);
    expect(x.utilization).toBeCloseTo(1.28, 10);
    const f = scenarioFindings(scenarioOf(SATURATED_DRAFT), textLocator('draft.yaml', SATURATED_DRAFT)).filter((g) => g.code === 'MS017');
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ rule: 'saturated-waiting-on-calls', severity: 'warning', field: 'services.0.concurrency', resource: { kind: 'Service', name: 'checkout', file: 'draft.yaml', line: 6 } });
    expect(f[0].message).toBe(
      "checkout is saturated: 2 replicas × 1 concurrency = 2 workers < 40 req/s × 64 ms a request (4 ms its own work, 60 ms waiting on its calls) = 2.56 busy (Little's law): its 2 workers finish at most 31.3 req/s (2 ÷ 64 ms), so its queue grows without bound, by 8.75 requests a second, for as long as the load lasts (they wait until they time out)",
    );
    expect(f[0].figure.text).toBe('2.56 of 2 workers busy (128%); its queue grows 8.75 req/s');
    expect(f[0].figure.values).toMatchObject({ capacityPerS: 31.25, queueGrowthPerS: 8.75 });
    expect(f[0].fix).toBe('Set services.0.concurrency: 2 (70% of the workers busy at this load), or more replicas, or shorter calls (a timeout)');
  });

  it('stays an info under 100% busy (30 req/s × 64 ms = 1.92 of 2 workers, 96%): the queue is long but bounded, so no growth is said', () => {
    const text = SATURATED_DRAFT.replace('rate: 40', 'rate: 30');
    const [f, ...rest] = scenarioFindings(scenarioOf(text), textLocator('draft.yaml', text)).filter((g) => g.code === 'MS017');
    expect(rest).toEqual([]);
    expect(f.severity).toBe('info');
    expect(f.message).toBe("checkout is near saturation: 2 replicas × 1 concurrency = 2 workers, 96% of them busy: 30 req/s × 64 ms a request (4 ms its own work, 60 ms waiting on its calls) = 1.92 busy (Little's law): requests queue for a worker and their latency climbs");
    expect(f.figure.text).toBe('1.92 of 2 workers busy (96%)');
    expect(f.figure.values).toMatchObject({ queueGrowthPerS: 0 });
  });

  it("is a warning for trial N11's draft (gw50 at checkout's default concurrency 1): 3.14 busy of 2 (157%, S6), the queue growing 14.5 req/s", () => {
    const text = GW50.replace('    replicas: 2\n    concurrency: 32\n    mesh: retail', '    replicas: 2\n    mesh: retail');
    const [f] = scenarioFindings(scenarioOf(text), textLocator('draft.yaml', text)).filter((g) => g.code === 'MS017');
    expect(f).toMatchObject({ severity: 'warning', field: 'services.0.concurrency', resource: { name: 'checkout', line: 12 } });
    expect(f.figure.text).toBe('3.136 of 2 workers busy (157%); its queue grows 14.5 req/s');
    expect(f.message).toMatch(/= 3\.14 busy \(Little's law\): its 2 workers finish at most 25\.5 req\/s \(2 ÷ 78\.4 ms\), so its queue grows without bound, by 14\.5 requests a second/);
  });

  it('says nothing at concurrency 32, and leaves a service loaded past 90% by its own work to MS014', () => {
    expect(saturated(scenarioOf(SATURATED_DRAFT.replace('    replicas: 2\n    serviceTime: 4ms', '    replicas: 2\n    concurrency: 32\n    serviceTime: 4ms')))).toEqual([]);
    const ownWork = scenarioOf(SATURATED_DRAFT.replace('serviceTime: 4ms', 'serviceTime: 48ms'));
    expect(saturated(ownWork)).toEqual([]);
    expect(scenarioFindings(ownWork, textLocator('d.yaml', SATURATED_DRAFT)).map((f) => f.code)).toContain('MS014');
  });

  it('counts parallel calls as the longest, a call by its probability, and a gateway by its CPU and its route', () => {
    const par = SATURATED_DRAFT.replace('    calls:\n      - { service: partner }', '    callMode: parallel\n    calls:\n      - { service: partner }\n      - { service: partner, probability: 0.5 }');
    expect(saturated(scenarioOf(par))[0].holdMs).toBe(64);
    const seq = par.replace('    callMode: parallel\n', '');
    expect(saturated(scenarioOf(seq))[0].holdMs).toBe(94);
    const gw = SATURATED_DRAFT.replace('{ service: partner }', '{ service: egress }') + 'gateways:\n  - { name: egress, cpuPerRequest: 1ms, routes: [{ service: partner }] }\n';
    expect(saturated(scenarioOf(gw))[0].holdMs).toBe(65);
  });

  it("run's summary gives the hint with the measured utilisation", () => {
    const s = scenarioOf(SATURATED_DRAFT);
    const { summary } = runScenario(s, { durationMs: 6000 });
    expect(summary.services.checkout.utilization).toBeGreaterThan(0.95);
    const [hint] = saturationHints(s, summary);
    expect(hint).toMatch(/^hint: checkout is saturated: 2 replicas × 1 concurrency = 2 workers < 40 req\/s × 64 ms a request .* = 2\.56 busy \(Little's law\): its 2 workers finish at most 31\.3 req\/s \(2 ÷ 64 ms\), so its queue grows without bound, by 8\.75 requests a second, for as long as the load lasts \(they wait until they time out\); this run measured it (9\d|100)\.\d% utilised\. Set services\.0\.concurrency: 2 /);
    const fixed = scenarioOf(SATURATED_DRAFT.replace('    replicas: 2\n    serviceTime: 4ms', '    replicas: 2\n    concurrency: 32\n    serviceTime: 4ms'));
    expect(saturationHints(fixed, runScenario(fixed, { durationMs: 6000 }).summary)).toEqual([]);
  });
});
