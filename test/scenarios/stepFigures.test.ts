import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { World, summarize } from '../../src/models';
import { parseScenarioText, type LessonFigure, type Scenario } from '../../src/scenario';
import { SimHost } from '../../src/workers/SimHost';
import { Counter, type Frame, type SeriesBucket } from '../../src/workers/protocol';
import { measureFigure, type RunTotals } from '../../src/workers/figures';

/*
 * The story steps' figures added so a teacher can check each number a step claims (session 18's
 * audit): each is measured as the app measures it (the worker's host, its per-second series and
 * measureFigure) and checked against the same quantity counted from a CLI run of the file (a
 * World run to the end with every request's fate recorded, as test/scenarios/lessons.test.ts
 * plays it), and against the step's claim.
 */

const text = (name: string) => readFileSync(fileURLToPath(new URL(`../../scenarios/${name}`, import.meta.url)), 'utf8');
const parsed = (name: string): Scenario => {
  const r = parseScenarioText(text(name));
  if (!r.ok) throw new Error(`${name} is invalid`);
  return r.scenario;
};

const totalsOf = (f: Frame): RunTotals => {
  const c = f.counters;
  return { simTime: f.simTime, ok: c[Counter.ok], failed: c[Counter.failed], mean: c[Counter.mean], p50: c[Counter.p50], p90: c[Counter.p90], p99: c[Counter.p99], proxyCpuMs: c[Counter.proxyCpuMs], proxyPasses: c[Counter.proxyPasses], plain: f.plain };
};

/** The app's run of a shipped file to its end: its series and last frame. */
function appRun(name: string) {
  let t = 0;
  const h = new SimHost(() => (t += 1e-6));
  // No spans, event log or snapshots: the figures read none of them (for the test's time).
  h.setTracing(null);
  h.setEventLog(false);
  h.setSnapshotPolicy(null);
  const r = h.load(text(name));
  if (!r.ok) throw new Error(`${name} did not load`);
  const buckets: SeriesBucket[] = [];
  let epoch = -1;
  let frame = h.advance(0, 1e9);
  while (!frame.done) {
    frame = h.advance(10_000, 1e9);
    // Only the buckets not had yet (all of them when the epoch is new), as the app takes them.
    const batch = h.seriesSince(epoch, buckets.length);
    if (batch.epoch !== epoch) buckets.length = 0;
    epoch = batch.epoch;
    buckets.push(...batch.buckets);
  }
  const measure = (f: LessonFigure) => measureFigure(f, buckets, 1000, totalsOf(frame), r.info.durationMs);
  return { info: r.info, measure };
}

interface Fate {
  client: string;
  cause: string;
  endedAt: number;
}

/** A CLI run of the file to its end, every request's fate recorded; user requests sent, and tries sent to `service`, before each whole second. */
function cliRun(s: Scenario, service?: string) {
  const w = new World(s, s.seed);
  const fates: Fate[] = [];
  w.observer = { transmit() {}, requestEnded: (client, cause) => fates.push({ client: w.sim.actor(client).name, cause, endedAt: w.sim.now }) };
  const triesAt: number[] = [];
  const sentAt: number[] = [];
  // Tries by the time they were sent: each request message put on an edge into the service.
  const into = new Set(w.topology.edges.flatMap((e, i) => (w.topology.nodes[e.to].name === service ? [i] : [])));
  const triesSent: number[] = [];
  w.observer.transmit = (edge, response, t0) => void (!response && into.has(edge) && triesSent.push(t0));
  for (let t = 0; t <= s.duration; t += 1000) {
    w.runUntil(t);
    sentAt.push(w.sent);
  }
  for (let t = 0; t <= s.duration; t += 1000) triesAt.push(triesSent.filter((x) => x < t).length);
  return { w, fates, triesAt, sentAt };
}

/** The share of the requests (of `client`) ended in [from, to) ms that `hit` picks, from a CLI run's fates. */
function shareOf(fates: Fate[], f: LessonFigure, hit: (x: Fate) => boolean): number {
  const ended = fates.filter((x) => x.endedAt >= (f.from ?? 0) && x.endedAt < (f.to ?? Infinity) && (f.client === undefined || x.client === f.client));
  expect(ended.length).toBeGreaterThan(0);
  return ended.filter(hit).length / ended.length;
}

const stepFigure = (s: { narrative: { at: number; figure?: LessonFigure }[] }, atMs: number) => s.narrative.find((x) => x.at === atMs)!.figure!;

describe('story step figures against the CLI', () => {
  it("control-plane-outage's recovery step: 0% of user requests fail from 91 s to 100 s, 11 s after the control plane and CA are back (the last failure ends at 90.1 s)", () => {
    const s = parsed('control-plane-outage.json');
    const f = stepFigure(s, 80_000);
    const m = appRun('control-plane-outage.json').measure(f);
    const { fates } = cliRun(s);
    expect(m.value).toBe(shareOf(fates, f, (x) => x.cause !== 'ok'));
    expect(m).toMatchObject({ value: 0, text: '0%', over: '91 s – 100 s', complete: true });
  });

  it("gateway-and-mesh: about half the partner's requests get 429, shoppers lose under 0.5% while the replica hangs, and every old-app request after the sunset gets 410", () => {
    const s = parsed('gateway-and-mesh.json');
    const app = appRun('gateway-and-mesh.json');
    const { fates } = cliRun(s);
    const limited = stepFigure(s, 2000);
    const shoppers = stepFigure(s, 20_000);
    const sunset = stepFigure(s, 40_000);
    const m429 = app.measure(limited);
    expect(m429.value).toBe(shareOf(fates, limited, (x) => x.cause === 'rate-limited'));
    // 40 requests/s against 20 and a burst: about half.
    expect(Math.abs(m429.value - 0.5)).toBeLessThan(0.03);
    const mShop = app.measure(shoppers);
    expect(mShop.value).toBe(shareOf(fates, shoppers, (x) => x.cause !== 'ok'));
    expect(mShop.value).toBeLessThan(0.005);
    const m410 = app.measure(sunset);
    expect(m410.value).toBe(shareOf(fates, sunset, (x) => x.cause === 'sunset'));
    expect(m410).toMatchObject({ value: 1, text: '100%', over: '41 s – 60 s' });
  });

  it.each(['retry-storm.json', 'retry-storm-fixed.json'])('%s: once payments is back each user request makes 1 attempt there (26 s to 40 s, within 2%)', (file) => {
    const s = parsed(file);
    const f = stepFigure(s, 25_000);
    const m = appRun(file).measure(f);
    const { triesAt, sentAt } = cliRun(s, 'payments');
    const cli = (triesAt[40] - triesAt[26]) / (sentAt[40] - sentAt[26]);
    expect(m.value).toBeCloseTo(cli, 9);
    expect(Math.abs(m.value - 1)).toBeLessThan(0.02);
    expect(m.text).toBe('1.0');
  });

  it("istio-load-test's 'What two sidecars add' step: its p90 less the baseline file's, as `compare` of the two gives it, 2.65 ms within 10%", () => {
    const s = parsed('istio-load-test.json');
    const f = stepFigure(s, 1500);
    const m = appRun('istio-load-test.json').measure(f);
    const mesh = summarize(cliRun(s).w, 0).latencyMs;
    const baseline = parsed('istio-load-test-baseline.json');
    const bare = summarize(cliRun(baseline).w, 0).latencyMs;
    expect(m.value).toBe(mesh.p90 - bare.p90);
    expect(Math.abs(m.value - 2.65) / 2.65).toBeLessThan(0.1);
    expect(m.over).toBe(`p90 ${mesh.p90.toFixed(2)} ms vs ${bare.p90.toFixed(2)} ms without proxies, the whole run`);
  });
});
