import { RunStoppedError } from '../../sim-engine';
import { World } from '../World';
import { summarize, type RunSummary } from '../report';
import { expectedRequests, type FaultSpec, type Scenario } from '../../scenario';
import type { Locator } from './locate';
import { fieldOf, routesOf, type Route } from './routes';
import { actorRef, finding, ms } from './findings';
import { healthyTimeoutFindings } from './timeoutRules';
import type { Finding } from './types';

/** Simulated time of one lint run, at most (ms): long enough for thousands of requests, short enough to lint in seconds. */
export const LINT_RUN_MS = 20_000;
/** Requests one lint run sends, at most: a faster scenario runs for less simulated time. */
export const LINT_RUN_REQUESTS = 20_000;
/** Leaf services simulated failing, at most (the deepest first); the others are said to be left out. */
export const MAX_LEAVES = 8;
/** Amplification from which MS001 is an error rather than a warning (attempts per user request). */
export const AMPLIFICATION_ERROR = 10;
/** Retry-on conditions under which a 503 answer is retried (503 is what the lint's fault answers). */
const RETRIES_503 = new Set(['5xx', 'gateway-error', 'retriable-status-codes']);

/** How long to simulate `s` for lint: its duration, at most LINT_RUN_MS and LINT_RUN_REQUESTS requests (never under 1 s). */
export function lintDurationMs(s: Scenario): number {
  let d = Math.min(s.duration, LINT_RUN_MS);
  const n = expectedRequests(s, d);
  if (n > LINT_RUN_REQUESTS) d = Math.max(1000, Math.floor((d * LINT_RUN_REQUESTS) / n));
  return d;
}

/** One run's tries at each tracked callee per user request, over the first half of the requests sent, with its summary. */
interface Measured {
  /** Tries (first tries and retries) at a tracked callee per user request, over requests 1..K (K = half of those sent). */
  perRequest: Map<string, number>;
  sent: number;
  summary: RunSummary;
}

/**
 * Runs `s` for `durationMs`, counting the tries sent to each callee in `tracked` by the user
 * request they serve. Only the first requests (by number, in send order: half of them, or as
 * many as ended if fewer) are counted: those sent near the end have not made all their tries
 * when the run stops. Throws
 * RunStoppedError as runScenario does.
 */
function measure(s: Scenario, durationMs: number, tracked: readonly string[]): Measured {
  const world = new World({ ...s, duration: durationMs }, s.seed);
  const { nodes, edges } = world.topology;
  const calleeOf = edges.map((e) => tracked.indexOf(nodes[e.to].name));
  const counts = tracked.map(() => [] as number[]);
  world.observer = {
    transmit: (edge, response, _t0, _t1, _failed, _retry, request) => {
      const k = calleeOf[edge];
      if (!response && k >= 0) counts[k][request] = (counts[k][request] ?? 0) + 1;
    },
    requestEnded: () => {},
  };
  world.runUntil();
  // Requests are served about in send order, so the first `ended` have made all their tries; a
  // saturated run (retries keep workers busy) ends fewer than half of them.
  const half = Math.min(Math.floor(world.sent / 2), world.ok + world.failed);
  const perRequest = new Map<string, number>();
  tracked.forEach((name, k) => {
    let n = 0;
    for (let r = 1; r <= half; r++) n += counts[k][r] ?? 0;
    perRequest.set(name, half > 0 ? n / half : 0);
  });
  return { perRequest, sent: world.sent, summary: summarize(world, 0) };
}

/** What simulating a scenario found, and what it ran. */
export interface SimulationResult {
  findings: Finding[];
  /** Runs made (the healthy baseline and one per failing leaf), for the report. */
  runs: number;
  durationMs: number;
  /** Leaves not simulated (past MAX_LEAVES), by name. */
  skippedLeaves: string[];
  /** The engine stopped a run: said as a `path: message` line, never thrown. */
  stopped?: string;
}

/**
 * The checks made by simulating (MS001, MS012, and the measured share of MS006's and MS013's failures): runs the
 * scenario without its faults (the baseline), then once for each leaf service (one that calls
 * nobody, reached by some client) with that leaf answering every request 503, and counts the
 * tries the leaf receives per user request sent. With retries at one layer the count is that
 * layer's tries; with retries at several it is their product (retry-storm: 3 x 3 x 3 = 27).
 * `staticFindings` are those of scenarioFindings; MS006 and MS013 findings among them get the
 * measured share of failed calls. Deterministic: the scenario's seed.
 */
export function simulateFindings(s: Scenario, locate: Locator, staticFindings: Finding[]): SimulationResult {
  const durationMs = lintDurationMs(s);
  const healthy: Scenario = { ...s, faults: [] };
  const routes = routesOf(healthy);
  const allLeaves = leavesByDepth(healthy, routes);
  let base: Measured;
  try {
    base = measure(healthy, durationMs, allLeaves.map((l) => l.name));
  } catch (e) {
    if (e instanceof RunStoppedError) return { findings: [], runs: 1, durationMs, skippedLeaves: [], stopped: `(simulation): ${e.message}` };
    throw e;
  }
  // MS006: the share of calls the STRICT callee rejected, measured.
  for (const f of staticFindings) {
    if (f.code !== 'MS006' || typeof f.figure.values.caller !== 'string') continue;
    const e = base.summary.edges[`${f.figure.values.caller}->${f.figure.values.callee}`];
    if (!e || e.requests === 0) continue;
    const rejected = e.failures['tls-plaintext-rejected'] ?? 0;
    f.figure = { text: `${rejected} of ${e.requests} calls ${f.figure.values.caller} -> ${f.figure.values.callee} rejected (${((100 * rejected) / e.requests).toFixed(1)}%) in ${ms(durationMs)} simulated`, values: { ...f.figure.values, calls: e.requests, rejected, rejectedShare: rejected / e.requests } };
    f.simulated = true;
  }
  // MS013: the calls the healthy run saw end 404 no-route on the hop that refuses them, and the client's ok.
  for (const f of staticFindings) {
    if (f.code !== 'MS013' || typeof f.figure.values.edge !== 'string') continue;
    const e = base.summary.edges[f.figure.values.edge];
    const c = s.clients.find((x) => x.name === f.figure.values.client);
    const mine = c && base.summary.edges[`${c.name}->${c.target}`];
    if (!e || e.requests === 0 || !mine) continue;
    const noRoute = e.failures['no-route'] ?? 0;
    f.figure = {
      text: `${noRoute} of ${e.requests} calls ${f.figure.values.edge} ended 404 no-route (NR), and ${mine.ok} of ${mine.requests} requests of ${c.name} ended ok, in ${ms(durationMs)} simulated`,
      values: { ...f.figure.values, calls: e.requests, noRoute, clientRequests: mine.requests, clientOk: mine.ok },
    };
    f.simulated = true;
  }
  // MS014: the utilisation the healthy run measured (its workers' busy share, held for the calls they make too).
  for (const f of staticFindings) {
    if (f.code !== 'MS014') continue;
    const gateway = f.field.startsWith('gateways.');
    const name = (gateway ? s.gateways : s.services)[Number(f.field.split('.')[1])]?.name;
    const measured = name === undefined ? undefined : gateway ? base.summary.gateways[name]?.utilization : base.summary.services[name]?.utilization;
    if (measured === undefined) continue;
    f.figure = { text: `${f.figure.text}; ${(100 * measured).toFixed(1)}% busy in ${ms(durationMs)} simulated`, values: { ...f.figure.values, measuredUtilization: round(measured) } };
    f.simulated = true;
  }
  const leaves = allLeaves.filter((l) => (base.perRequest.get(l.name) ?? 0) > 0);
  const simulated = leaves.slice(0, MAX_LEAVES);
  // MS012: calls that time out with nothing failing.
  const findings: Finding[] = healthyTimeoutFindings(routes, base.summary, durationMs, locate);
  let runs = 1;
  for (const leaf of simulated) {
    const abort: FaultSpec = { type: 'http-abort', service: leaf.name, percent: 100, status: 503, at: 0 };
    let failing: Measured;
    try {
      failing = measure({ ...healthy, faults: [abort] }, durationMs, [leaf.name]);
    } catch (e) {
      if (e instanceof RunStoppedError) return { findings, runs, durationMs, skippedLeaves: [], stopped: `(simulation with ${leaf.name} failing): ${e.message}` };
      throw e;
    }
    runs++;
    const basePer = base.perRequest.get(leaf.name)!;
    const failPer = failing.perRequest.get(leaf.name) ?? 0;
    const amplification = failPer / basePer;
    const layers = retryLayers(routes, leaf.name);
    const single = Math.max(1, ...layers.map((r) => r.tries));
    // One layer retrying gives its own tries; more than that means layers multiply.
    if (!(amplification > single * 1.05 + 0.05)) continue;
    // The layer nearest the leaf, whose retries the finding points at (or the busiest route into the leaf).
    const inner = layers[layers.length - 1] ?? routes.filter((r) => r.to.name === leaf.name).sort((a, b) => b.tries - a.tries)[0];
    const field = fieldOf(inner, 'retries');
    const owner = field.startsWith(`${inner.to.path}.`) ? inner.to : inner.from;
    const expected = layers.reduce((p, r) => p * r.tries, 1);
    // A layer no config sets retries by Istio's default (a sidecar's 2 retries): say so, and how to turn it off.
    const byDefault = layers.filter((r) => r.retriesFrom === 'default');
    const layerText = layers.map((r) => `${r.from.name} -> ${r.to.name} ${r.tries}`).join(', ');
    const offText = byDefault.length
      ? `; ${byDefault.map((r) => `${r.from.name} -> ${r.to.name}`).join(', ')} ${byDefault.length === 1 ? 'retries' : 'retry'} by Istio's default (2 retries at a sidecar when nothing sets retries): retries.attempts: 0 there turns ${byDefault.length === 1 ? 'it' : 'them'} off (in Istio, a VirtualService for ${[...new Set(byDefault.map((r) => r.to.name))].join(', ')} whose http route sets retries: {attempts: 0})`
      : '';
    const f = finding(
      'MS001',
      actorRef(owner, field, locate),
      field,
      `with ${leaf.name} failing (503), each user request that reaches it becomes ${amplification.toFixed(1)} attempts at ${leaf.name}: the retries of ${layers.length} layers multiply (up to ${layerText} tries: ${expected} by the config)`,
      {
        text: `${amplification.toFixed(1)} attempts at ${leaf.name} per user request while it fails (1.0 while it works), measured over the first requests of ${ms(durationMs)} simulated`,
        values: { service: leaf.name, attemptsPerRequest: round(amplification), attemptsPerRequestHealthy: 1, triesPerSentFailing: round(failPer), triesPerSentHealthy: round(basePer), layers: layers.length, expectedFromConfig: expected, durationMs },
      },
      // A budget caps the retries in flight at once, not the tries of one request: where every
      // layer has one already, "give the retries a budget" would be no advice.
      `Retry at one layer only (the one nearest the user) and set retries.attempts: 0 on the others${layers.length > 0 && layers.every((r) => r.hasBudget) ? ' (their retry budgets cap only the retries in flight at once: while few are, one request still makes every try)' : ', or give the retries a budget'}${offText}`,
      { simulated: true, severity: amplification >= AMPLIFICATION_ERROR ? 'error' : 'warning' },
    );
    findings.push(f);
  }
  return { findings, runs, durationMs, skippedLeaves: leaves.slice(MAX_LEAVES).map((l) => l.name) };
}

function round(v: number): number {
  return Math.round(v * 1000) / 1000;
}

/**
 * Services that call nobody, reached from some client, deepest first (then by name): the
 * longer the chain above a leaf, the more layers may retry it.
 */
function leavesByDepth(s: Scenario, routes: Route[]): { name: string; depth: number }[] {
  const depth = new Map<string, number>();
  let frontier = s.clients.map((c) => c.name);
  for (let d = 0; frontier.length && d < 64; d++) {
    for (const n of frontier) if (!depth.has(n)) depth.set(n, d);
    frontier = [...new Set(routes.filter((r) => frontier.includes(r.from.name) && !depth.has(r.to.name)).map((r) => r.to.name))];
  }
  return s.services
    .filter((x) => x.calls.length === 0 && depth.has(x.name))
    .map((x) => ({ name: x.name, depth: depth.get(x.name)! }))
    .sort((a, b) => b.depth - a.depth || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * The routes that retry a 503 on the longest chain of such routes ending at `leaf` (caller
 * first): the layers whose tries multiply when the leaf fails. A failure passed up the chain
 * comes back as an error answer (a 5xx), so each layer retries it under the same conditions.
 */
function retryLayers(routes: Route[], leaf: string): Route[] {
  const retries503 = (r: Route) => r.tries > 1 && r.retryOn.some((c) => RETRIES_503.has(c));
  let best: Route[] = [];
  // NOTE: chains are enumerated, which a large mesh makes many: the first 10,000 are enough to name the layers.
  let budget = 10_000;
  const walk = (name: string, chain: Route[], seen: Set<string>) => {
    if (--budget < 0) return;
    const ins = routes.filter((r) => r.to.name === name && !seen.has(r.from.name));
    if (!ins.length) {
      const layers = chain.filter(retries503);
      const product = (rs: Route[]) => rs.reduce((p, r) => p * r.tries, 1);
      if (product(layers) > product(best)) best = layers;
      return;
    }
    for (const r of ins) walk(r.from.name, [r, ...chain], new Set([...seen, r.from.name]));
  };
  walk(leaf, [], new Set([leaf]));
  return best;
}
