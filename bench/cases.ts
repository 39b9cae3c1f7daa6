// One benchmark case per process: `node cases.mjs <case>` prints one JSON line
// {value, events?}. bench/main.ts bundles this file and runs every case in a fresh process, so
// one case's JIT feedback (a megamorphic dispatch site, say) never slows another.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Simulation, aleaNext, sampler, streamAt, streamFor } from '../src/sim-engine';
import { parseScenarioText, validateScenario, type Scenario } from '../src/scenario';
import { runScenario } from '../src/models';
import { DEFAULT_PASS_CPU, DEFAULT_PASS_LATENCY } from '../src/models/proxy/calibration';
import { World } from '../src/models/World';
import { istioLoadTestFull } from './ui/scenarios';
import { SWEEP_RUNS, SWEEP_SECONDS } from './sweepStudy';

/**
 * The classic hold model: keep `pending` events in the queue; each step pops the earliest and
 * schedules a replacement at now + Exp(1), drawn by the engine's own exponential sampler (as a
 * scenario's would be). Measures the kernel: event list, dispatch, trace hash.
 */
function hold(pending: number, ops: number): number {
  const sim = new Simulation(pending * 2);
  const increment = sampler({ type: 'exponential', mean: 1 }, streamFor(1, 'hold'));
  sim.addActor((id) => ({
    id,
    name: 'hold',
    receive() {
      sim.schedule(increment(), 1, id, 0);
    },
  }));
  for (let i = 0; i < pending; i++) sim.schedule(increment(), 1, 0, 0);
  // Warm the JIT (and let the calendar settle its bucket width) in slices, so the loop below is
  // compiled as a function rather than on-stack-replaced halfway through one; then time.
  for (let i = 0; i < 10; i++) steps(sim, ops / 10);
  const t0 = performance.now();
  steps(sim, ops);
  return ops / ((performance.now() - t0) / 1000);
}

function steps(sim: Simulation, n: number): void {
  for (let i = 0; i < n; i++) sim.step();
}

function loadScenario(file: string): Scenario {
  const r = parseScenarioText(readFileSync(file, 'utf8'));
  if (!r.ok) throw new Error(`${file}: ${r.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
  return r.scenario;
}

/**
 * Simulated requests (and events) per wall second through the full scenario pipeline; `cpu`:
 * requests per second of this process's CPU time, which a busy host's waits for a core leave out.
 */
function scenarioRate(scenario: Scenario, durationMs: number): { value: number; events: number; cpu: number } {
  const [t0, c0] = [performance.now(), resourceCpuMs()];
  const { summary } = runScenario(scenario, { durationMs });
  const [s, c] = [(performance.now() - t0) / 1000, (resourceCpuMs() - c0) / 1000];
  return { value: summary.requests.sent / s, events: summary.events / s, cpu: summary.requests.sent / c };
}

/** A chain client -> s1 -> ... -> sN, a sidecar beside every replica, STRICT mTLS on every hop. */
export function meshChain(hops: number): Scenario {
  const services = Array.from({ length: hops }, (_, i) => ({
    name: `s${i + 1}`,
    replicas: 2,
    concurrency: 64,
    sidecar: true,
    mtls: 'STRICT',
    serviceTime: { type: 'exponential', mean: '0.2ms' },
    calls: i + 1 < hops ? [{ service: `s${i + 2}` }] : [],
  }));
  const r = validateScenario({
    name: `mesh-chain-${hops}`,
    network: { placement: {} },
    clients: [{ name: 'load', type: 'open', rate: 1000, target: 's1', sidecar: true }],
    services,
  });
  if (!r.ok) throw new Error(r.problems.map((p) => `${p.path}: ${p.message}`).join('; '));
  return r.scenario;
}

/**
 * The least a simulator must do for one request through `chain3` while keeping every proxy and
 * replica an exact FIFO queue, with no model logic at all: an upper bound for chain3, to compare
 * the model's rate with.
 *
 * Per meshed hop, seven moments are events, as in the model: five touch a queue shared with other
 * requests in time order (the request reaches the callee's sidecar, a FIFO claim; then its app,
 * the replica's queue; the app's work ends; the answer reaches the caller's sidecar, a claim;
 * then the caller's app), and two are the ends of the caller's sidecar passes (its outbound
 * request pass and its response pass: the model's ProxyDone events, where its router decides
 * where the request goes next). With the client's send that is 22 events for 3 hops, the
 * model's 22 (counted by kind in a chain3 run: Send 1, ProxyDone 6, ProxyArrive 6, Arrive 3,
 * WorkDone 3, Response 3; issue 14.4: "the same events and draws as the model"; before session
 * 8 the floor made 16 and left out the pass ends). Each hop also draws 17 values, as the model's
 * hop does: from the default distributions, CPU and handling latency for each of its 4 passes, 4
 * app <-> sidecar loopbacks, 2 network crossings and the service time; and the two uniform draws of
 * the caller's least-request pick (Istio's default balancer, P2C). With the client's send gap that
 * is 52 draws a request (before session 20 the floor left out the pick's 6 and made 46).
 *
 * The pipeline is a hold model: `inFlight` requests each step through their 22 events; the delay
 * to the next step is the sum of that step's draws, so every draw is used.
 */
export function meshChainFloor(requests: number, inFlight = 24): { value: number; events: number; cpu: number } {
  const HOPS = 3;
  const rng = (name: string) => streamFor(1, `floor/${name}`);
  const cpu = sampler(DEFAULT_PASS_CPU, rng('cpu'));
  const latency = sampler(DEFAULT_PASS_LATENCY, rng('latency'));
  const loopback = sampler({ type: 'lognormal', median: 0.05, sigma: 0.2 }, rng('loopback'));
  const network = sampler({ type: 'lognormal', median: 0.5, sigma: 0.25 }, rng('network'));
  const service = sampler({ type: 'exponential', mean: 0.2 }, rng('service'));
  const send = sampler({ type: 'exponential', mean: 1 }, rng('send'));
  // The load balancer's stream, read as the model's least-request pick reads its route's record.
  const pickState = new Float64Array(4);
  streamAt(1, 'floor/pick', pickState, 0);
  // Envoy's power of two choices over the hop's 2 replicas (loadBalancer.ts leastRequest): two
  // draws with replacement. The hosts it picks add 0-2 µs, so both draws are used.
  const pick = () => 0.001 * (Math.floor(aleaNext(pickState, 0) * 2) + Math.floor(aleaNext(pickState, 0) * 2));
  // The draws from each of a hop's seven events to the next, in the model's order (a pass's CPU
  // and latency are drawn where it is claimed; the callee's passes end with no event of their own).
  const atOutboundPassEnd = () => pick() + network();
  const atSidecarIn = () => cpu() + latency() + loopback();
  const atAppIn = () => service();
  const atWorkDone = () => loopback() + cpu() + latency() + network();
  const atSidecarOut = () => cpu() + latency();
  const atResponsePassEnd = () => loopback();
  // The caller's app gets the answer and sends on: the next outbound pass is claimed here.
  const atAppOut = () => loopback() + cpu() + latency();
  const hop = [atOutboundPassEnd, atSidecarIn, atAppIn, atWorkDone, atSidecarOut, atResponsePassEnd, atAppOut];
  const perRequest = 1 + hop.length * HOPS;
  const sim = new Simulation(1024);
  sim.addActor((id) => ({
    id,
    name: 'floor',
    receive(_kind: number, step: number) {
      const next = step + 1 === perRequest ? 0 : step + 1;
      sim.schedule(step === 0 ? send() : hop[(step - 1) % hop.length](), 1, id, next);
    },
  }));
  for (let i = 0; i < inFlight; i++) sim.schedule(send(), 1, 0, (i * 5) % perRequest);
  const events = requests * perRequest;
  for (let i = 0; i < 10; i++) steps(sim, events / 10);
  // The timed run starts here: bench:misses has callgrind zero its counts on this call (so the
  // CPU time is read through resourceUsage, not cpuUsage again).
  process.cpuUsage();
  const c0 = resourceCpuMs();
  const t0 = performance.now();
  steps(sim, events);
  const [s, c] = [(performance.now() - t0) / 1000, (resourceCpuMs() - c0) / 1000];
  return { value: requests / s, events: events / s, cpu: requests / c };
}

/**
 * Runs the workload `warmups` times at half size, then times one full run. V8 keeps improving
 * the models' code for the first few seconds (a second run in a process is often half as fast
 * as the fifth), and long simulations run at the steady rate, so that is the one reported.
 */
function steady(scenario: Scenario, durationMs: number, warmups = 2): { value: number; events: number; cpu: number } {
  for (let i = 0; i < warmups; i++) scenarioRate(scenario, durationMs / 2);
  return scenarioRate(scenario, durationMs);
}

/** Peak resident set size of this process so far, in MB (10^6 bytes). */
function peakRssMB(): number {
  return (process.resourceUsage().maxRSS * 1024) / 1e6;
}

/** CPU time (user + system) of this process so far, in ms, read without calling process.cpuUsage (bench:misses' marker). */
function resourceCpuMs(): number {
  const u = process.resourceUsage();
  return (u.userCPUTime + u.systemCPUTime) / 1000;
}

/** CPU time (user + system) of this process so far, in ms. */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/**
 * Istio's load test cut to its first `services` services: the same shape and per-service load
 * as scenarios/istio-load-test-full.json (bench/ui/scenarios.ts: 2 replicas, sidecars, STRICT
 * mTLS, one meshed client at 70 requests/s per service), without the story.
 */
export function istioShaped(services: number): Scenario {
  const full = istioLoadTestFull() as { clients: unknown[]; services: unknown[] };
  const r = validateScenario({ ...full, name: `istio-shaped-${services}`, narrative: [], clients: full.clients.slice(0, services), services: full.services.slice(0, services) });
  if (!r.ok) throw new Error(r.problems.map((p) => `${p.path}: ${p.message}`).join('; '));
  return r.scenario;
}

/**
 * The scale curve (issue 14): Istio's load-test shape at `services` services, each run for the
 * same number of requests (10 simulated s at 1,000 services, 100 s at 100), after one simulated
 * second untimed to warm the JIT. `value` is CPU µs per simulated request, the figure that must
 * stay flat as the mesh grows; `rssBuiltMB` is the process's RSS once the world is built,
 * `peakRssMB` its peak over the whole run.
 */
function scale(services: number): { value: number; events: number; requests: number; rssBuiltMB: number; peakRssMB: number; rssBaseMB: number; traceHash: string } {
  const rssBaseMB = process.memoryUsage().rss / 1e6;
  const scenario = istioShaped(services);
  const durationMs = (10_000 * 1000) / services;
  const world = new World({ ...scenario, duration: durationMs + 1000 }, scenario.seed);
  const rssBuiltMB = process.memoryUsage().rss / 1e6;
  world.runUntil(1000);
  const [e0, s0, c0, t0] = [world.sim.events, world.sent, cpuMs(), performance.now()];
  world.runUntil();
  const [cpu, wall] = [cpuMs() - c0, (performance.now() - t0) / 1000];
  const requests = world.sent - s0;
  return { value: (cpu * 1000) / requests, events: (world.sim.events - e0) / wall, requests, rssBuiltMB, peakRssMB: peakRssMB(), rssBaseMB, traceHash: world.sim.traceHash() };
}

/**
 * scenarios/istio-load-test-full.json for 60 simulated seconds, from reading the file to the
 * summary, as the CLI runs it: `value` is simulated seconds per wall second (issue 14: at least
 * 3, 5 the aim), with the peak RSS (under 300 MB) and the trace hash to check nothing changed.
 */
function istioFull(seconds = 60): { value: number; events: number; wallMs: number; cpuMs: number; peakRssMB: number; traceHash: string; p90: number } {
  const t0 = performance.now();
  const c0 = cpuMs();
  const { summary } = runScenario(loadScenario('scenarios/istio-load-test-full.json'), { durationMs: seconds * 1000 });
  const wall = performance.now() - t0;
  return { value: seconds / (wall / 1000), events: summary.events / (wall / 1000), wallMs: wall, cpuMs: cpuMs() - c0, peakRssMB: peakRssMB(), traceHash: summary.traceHash, p90: summary.latencyMs.p90 };
}

/**
 * Istio's load-test shape at `services` services (argv[3]) run for `ms` simulated ms (argv[4])
 * after one simulated second of warm-up, for bench/cachegrind.ts: two such runs of different
 * lengths under cachegrind give the instructions and cache misses per request by difference, so
 * the build and warm-up cancel out. `value` is the requests sent in the timed stretch.
 */
function scaleStretch(services: number, ms: number): { value: number; traceHash: string } {
  if (!(Number.isInteger(services) && services > 0 && services <= 1000 && ms > 0)) {
    process.stderr.write(`scaleStretch SERVICES MS: expected 1-1000 services and a positive number of simulated ms, got ${process.argv[3]} ${process.argv[4]}\n`);
    process.exit(2);
  }
  const scenario = istioShaped(services);
  const world = new World({ ...scenario, duration: ms + 1200 }, scenario.seed);
  world.runUntil(1000);
  // The stretch starts here: bench/missSites.ts has callgrind zero its counts on this call.
  process.cpuUsage();
  const s0 = world.sent;
  world.runUntil(1000 + ms);
  return { value: world.sent - s0, traceHash: world.sim.traceHash() };
}

/**
 * chain3 (meshChain(3), 1,000 requests/s) for `ms` simulated ms (argv[3]) after 20 simulated s of
 * warm-up, for counting under cachegrind: two runs of different lengths give instructions and
 * misses per request by difference (as scaleStretch does for the scale curve). `value` is the
 * requests sent in the stretch.
 */
function chainStretch(ms: number): { value: number; traceHash: string } {
  const scenario = meshChain(3);
  const world = new World({ ...scenario, duration: ms + 21_000 }, scenario.seed);
  world.runUntil(20_000);
  process.cpuUsage();
  const s0 = world.sent;
  world.runUntil(20_000 + ms);
  return { value: world.sent - s0, traceHash: world.sim.traceHash() };
}

/**
 * chain3 timed as the floor is timed: one World warmed for `warmMs` simulated ms (100 s, 100,000
 * requests at 1,000 requests/s), then `ms` more timed in the same World. The floor warms its own
 * simulation for as many events as it times and then times it; `chain3` (steady) builds a fresh
 * World for its timed run, so it also pays the World's build and V8's recompiles after the new
 * objects' deopts (session 36: 2-5 points of the share). Both are reported.
 */
function chainSteady(ms: number, warmMs = 100_000): { value: number; events: number; cpu: number } {
  const scenario = meshChain(3);
  const world = new World({ ...scenario, duration: warmMs + ms + 1000 }, scenario.seed);
  world.runUntil(warmMs);
  const [s0, e0] = [world.sent, world.sim.events];
  const [t0, c0] = [performance.now(), resourceCpuMs()];
  world.runUntil(warmMs + ms);
  const [s, c] = [(performance.now() - t0) / 1000, (resourceCpuMs() - c0) / 1000];
  const sent = world.sent - s0;
  return { value: sent / s, events: (world.sim.events - e0) / s, cpu: sent / c };
}

const cases: Record<string, () => { value: number; events?: number }> = {
  hold: () => ({ value: hold(10_000, 5_000_000) }),
  // 2000 s at 500 req/s = 1M requests.
  mm1: () => steady(loadScenario('scenarios/mm1.json'), 2_000_000),
  chain3: () => steady(meshChain(3), 200_000),
  chain3Warm: () => chainSteady(200_000),
  chain10: () => steady(meshChain(10), 60_000),
  floor3: () => meshChainFloor(400_000),
  /** Every case at a tiny size, so a test can check the bench still builds and runs. */
  smoke: () => {
    hold(1000, 10_000);
    steady(loadScenario('scenarios/mm1.json'), 10_000, 1);
    meshChainFloor(1000);
    return steady(meshChain(3), 1_000, 1);
  },
  scale100: () => scale(100),
  scale300: () => scale(300),
  scale1000: () => scale(1000),
  scaleStretch: () => scaleStretch(Number(process.argv[3]), Number(process.argv[4])),
  istioFull: () => istioFull(),
  istioFull5: () => istioFull(5),
  sweep1: () => sweepRate(1),
  sweepAll: () => sweepRate(availableParallelism()),
  // For valgrind (see chainStretch): the floor's timed run of argv[3] requests, after as many untimed.
  chainStretch: () => chainStretch(Number(process.argv[3])),
  floorStretch: () => {
    const n = Number(process.argv[3]);
    meshChainFloor(n);
    return { value: n };
  },
};

/**
 * Sweep throughput (issue 14.7): 16 replications of mm1.json, 2,000 simulated s each (about 1M
 * requests, 0.5 s a run), through `npm run sim -- sweep` on `threads` worker threads; runs per wall
 * second of the pool, its threads' start-up included, as the CLI reports it on stderr. The
 * study is sized so that each thread's start-up and JIT warm-up (paid once a thread) is a small
 * share: with 8 runs of 1,000 s (0.3 s a run) they were a fifth of the wall time and the speed-up
 * on 2 cores read 1.55x where the same pool on 16 runs of 2,000 s reads 1.74x (session 7, load 1). The CLI
 * runs under tsx in a child process: its piscina workers load src/cli/sweep/worker.ts, which this
 * bundle does not hold.
 */
function sweepRate(threads: number): { value: number; wallMs: number; cpuMs: number } {
  const r = spawnSync('node_modules/.bin/tsx', ['src/cli/main.ts', 'sweep', 'scenarios/mm1.json', '--seeds', String(SWEEP_RUNS), '--duration', `${SWEEP_SECONDS}s`, '--jobs', String(threads), '--json'], { encoding: 'utf8' });
  const m = /sweep: (\d+) runs on \d+ threads? in ([\d.]+) s \(([\d.]+) s of CPU/.exec(r.stderr ?? '');
  if (r.status !== 0 || !m) throw new Error(`sweep exited ${r.status}: ${r.stderr}`);
  // cpuMs: the process's CPU time over the pool's run, all threads: cores busy = cpuMs / wallMs.
  return { value: Number(m[1]) / Number(m[2]), wallMs: Number(m[2]) * 1000, cpuMs: Number(m[3]) * 1000 };
}

const name = process.argv[2];
const run = cases[name];
if (!run) {
  process.stderr.write(`unknown benchmark case "${name}"; cases: ${Object.keys(cases).join(', ')}\n`);
  process.exit(2);
}
process.stdout.write(JSON.stringify(run()) + '\n');
