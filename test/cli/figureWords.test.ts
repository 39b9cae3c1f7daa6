// One word for an upstream try and one phrase for each ratio (session 49, V2; trial N18, 5): a person
// quoting the sweep, compare and a story together read "attempts per request" (1.44), "tries per
// user request (all hops)" (16.7) and "attempts at payments per user request" (27.0) for three ratios
// that divide by different things. The word is Envoy's: an attempt is a call's first try or a retry
// (x-envoy-attempt-count). The phrases say the denominator and whether it is one hop or all.
import { describe, expect, it } from 'vitest';
import { DEFAULT_METRICS, isMetricName, metricDef, metricProblem, RUN_METRICS } from '../../src/cli/sweep/metrics';
import { metricNotes } from '../../src/cli/sweep/report';
import { formatWindow, type WindowFigures } from '../../src/cli/window';
import { TRIES_LINE } from '../../src/cli/table';
import { windowMetricProblem } from '../../src/cli/sweep/window';
import type { RunSummary } from '../../src/models';

const window: WindowFigures = {
  fromMs: 11_000,
  toMs: 24_000,
  ended: 518,
  ok: 0,
  failed: 518,
  latencyCount: 0,
  latencyMs: null,
  services: [{ service: 'payments', tries: 13_986, perRequest: 27, sentInWindow: 14_000 }],
};

describe('the CLI names each ratio of attempts by what it divides by', () => {
  it("the sweep's run-wide ratio is attempts per call over all hops, an edge's per call on one hop, a window's at a service per user request", () => {
    expect(RUN_METRICS.attemptsPerCall.label).toBe('attempts per call, all hops (app: per user request)');
    expect(metricDef('edge:orders->payments.tries').label).toBe('orders->payments attempts per call, one hop');
    expect(metricDef('service:payments.triesPerUserRequest').label).toBe('attempts at payments per user request');
  });

  it("the sweep's notes say the all-hops ratio is per call, not per user request as compare's is", () => {
    const notes = metricNotes(['attemptsPerCall', 'edge:a->b.tries', 'service:b.triesPerUserRequest']);
    expect(notes).toContain("attempts per call, all hops: every hop's attempts (first attempts + retries) over its calls, not per user request (compare's attempts per user request, all hops)");
    expect(notes.join('\n')).toContain('attempts per call, one hop = (calls + retries) / calls');
    expect(notes.join('\n')).toContain('attempts at a service per user request');
    expect(notes.join('\n')).not.toMatch(/tries per|attempts per request/);
  });

  it("the per-call figure is attemptsPerCall; attemptsPerRequest, its old name, still reads it under its own key (trial T1, 3)", () => {
    const s = { edges: { 'a->b': { requests: 100, retries: 40 }, 'b->c': { requests: 140, retries: 0 } } } as unknown as RunSummary;
    expect(DEFAULT_METRICS).toContain('attemptsPerCall');
    expect(DEFAULT_METRICS).not.toContain('attemptsPerRequest');
    expect(metricDef('attemptsPerCall').read(s)).toBeCloseTo(280 / 240, 10);
    expect(metricDef('attemptsPerRequest').read(s)).toBeCloseTo(280 / 240, 10);
    expect(metricProblem('attemptsPerRequest', { gateway: [], edge: [], service: [] })).toBeNull();
    expect(isMetricName('attemptsPerRequest')).toBe(true);
    expect(metricNotes(['attemptsPerRequest'])[0]).toMatch(/^attempts per call, all hops: .*not per user request/);
  });

  it("run's window table heads its columns in attempts, 27.0 at payments for 518 user requests", () => {
    const lines = formatWindow(window).split('\n');
    expect(lines[0]).toContain('attempts counted for those requests');
    expect(lines[2].split(/\s{2,}/)).toEqual(['service', 'attempts at it per user request', 'attempts of those requests', 'attempts sent in the window']);
    expect(lines[3].split(/\s{2,}/)).toEqual(['payments', '27.0', '13986', '14000']);
  });

  it("run's services table says what an attempt received is: a call retried twice is 3 attempts", () => {
    expect(TRIES_LINE).toMatch(/^attempts received: every attempt its callers sent the service, retries included \(a call retried twice is 3 attempts\)/);
  });
});

describe("the sweep's failed share names its denominator, and gives compare's too", () => {
  // A run stopped with 20 of 100 requests in flight: 30 failed of 80 ended, 30 of 100 sent.
  const summary = { requests: { sent: 100, ok: 50, failed: 30, inFlight: 20 } } as unknown as RunSummary;

  it('errorShare is failed, % of ended (37.5%); failedOfSent compare\'s failed, % of sent (30%); inFlightShare 20%', () => {
    expect([RUN_METRICS.errorShare.label, RUN_METRICS.errorShare.read(summary)]).toEqual(["failed, % of ended (as the app's counter)", 0.375]);
    expect([RUN_METRICS.failedOfSent.label, RUN_METRICS.failedOfSent.read(summary)]).toEqual(['failed, % of sent', 0.3]);
    expect([RUN_METRICS.inFlightShare.label, RUN_METRICS.inFlightShare.read(summary)]).toEqual(['in flight at the end, % of sent', 0.2]);
  });

  it("the report's note says what errorShare leaves out and where the app's denominator is", () => {
    const [note] = metricNotes(['errorShare']);
    expect(note).toMatch(/^failed, % of ended: failed \/ \(ok \+ failed\) user requests, those in flight at the end left out/);
    expect(note).toContain('--metric failedOfSent');
  });

  it('a window counts requests by when they ended, so the shares of sent are not window figures', () => {
    expect(windowMetricProblem('failedOfSent', true)).toMatch(/^--metric failedOfSent: not measured over a window/);
    expect(windowMetricProblem('errorShare', true)).toBeNull();
  });
});
