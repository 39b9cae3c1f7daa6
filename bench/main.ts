// `npm run bench [-- --json] [-- --runs N]`: throughput of the kernel and the scenario pipeline.
// Benchmarks, not tests: the machines are shared, so we report medians of several runs.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { Simulation, streamFor } from '../src/sim-engine';
import { parseScenarioText, validateScenario, type Scenario } from '../src/scenario';
import { runScenario } from '../src/models';

interface Result {
  name: string;
  unit: string;
  value: number;
  target: number;
}

const argv = process.argv.slice(2);
const json = argv.includes('--json');
const runsArg = argv.indexOf('--runs');
const RUNS = runsArg >= 0 ? Number(argv[runsArg + 1]) : 5;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/**
 * The classic hold model: keep `pending` events in the queue; each step pops the earliest and
 * schedules a replacement at now + Exp(1). Measures the kernel: heap, dispatch, trace hash.
 */
function hold(pending: number, ops: number): number {
  const sim = new Simulation(pending * 2);
  const rng = streamFor(1, 'hold');
  sim.addActor((id) => ({
    id,
    name: 'hold',
    receive() {
      sim.schedule(-Math.log(1 - rng()), 1, id, 0);
    },
  }));
  for (let i = 0; i < pending; i++) sim.schedule(-Math.log(1 - rng()), 1, 0, 0);
  // Warm the JIT, then time.
  for (let i = 0; i < ops / 10; i++) sim.step();
  const t0 = performance.now();
  for (let i = 0; i < ops; i++) sim.step();
  return ops / ((performance.now() - t0) / 1000);
}

function loadScenario(file: string): Scenario {
  const r = parseScenarioText(readFileSync(file, 'utf8'));
  if (!r.ok) throw new Error(`${file}: ${r.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
  return r.scenario;
}

/** Simulated requests per wall second through the full scenario pipeline. */
function scenarioRate(scenario: Scenario, durationMs: number): { requestsPerSec: number; eventsPerSec: number } {
  const t0 = performance.now();
  const { summary } = runScenario(scenario, { durationMs });
  const s = (performance.now() - t0) / 1000;
  return { requestsPerSec: summary.requests.sent / s, eventsPerSec: summary.events / s };
}

/** A chain client -> s1 -> ... -> sN, a sidecar beside every replica, STRICT mTLS on every hop. */
function meshChain(hops: number): Scenario {
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

const mm1 = loadScenario('scenarios/mm1.json');
const chain3 = meshChain(3);
const chain10 = meshChain(10);
scenarioRate(chain3, 20_000);
// Warm-up run so the JIT has compiled the models before we time them.
scenarioRate(mm1, 100_000);

const holdRuns: number[] = [];
const mm1Runs: number[] = [];
const chain3Runs: number[] = [];
const chain10Runs: number[] = [];
const chain10Events: number[] = [];
for (let r = 0; r < RUNS; r++) {
  holdRuns.push(hold(10_000, 5_000_000));
  // 2000 s at 500 req/s = 1M requests.
  mm1Runs.push(scenarioRate(mm1, 2_000_000).requestsPerSec);
  chain3Runs.push(scenarioRate(chain3, 200_000).requestsPerSec);
  const c10 = scenarioRate(chain10, 60_000);
  chain10Runs.push(c10.requestsPerSec);
  chain10Events.push(c10.eventsPerSec);
}

const results: Result[] = [
  { name: 'hold model, 10k pending, exponential increments', unit: 'events/s', value: median(holdRuns), target: 8e6 },
  { name: 'mm1.json through the scenario pipeline', unit: 'simulated requests/s', value: median(mm1Runs), target: 1e6 },
  { name: '3-hop chain, sidecars and mTLS on every hop', unit: 'simulated requests/s', value: median(chain3Runs), target: 3e5 },
  { name: '10-service chain, sidecars and mTLS', unit: 'simulated requests/s', value: median(chain10Runs), target: 0 },
  { name: '10-service chain, sidecars and mTLS', unit: 'events/s', value: median(chain10Events), target: 0 },
];

if (json) {
  process.stdout.write(
    JSON.stringify({
      holdEventsPerSec: Math.round(results[0].value),
      mm1RequestsPerSec: Math.round(results[1].value),
      meshChainRequestsPerSec: Math.round(results[2].value),
      meshChain10RequestsPerSec: Math.round(results[3].value),
      meshChain10EventsPerSec: Math.round(results[4].value),
    }) + '\n',
  );
} else {
  console.log(`meshsim benchmarks (median of ${RUNS} runs; node ${process.version})`);
  for (const r of results) {
    const verdict = r.target === 0 ? '' : `target ${fmt(r.target)} (${r.value >= r.target ? 'meets' : 'BELOW'})`;
    console.log(`  ${r.name.padEnd(50)} ${fmt(r.value).padStart(8)} ${r.unit.padEnd(22)} ${verdict}`);
  }
}

function fmt(v: number): string {
  return v >= 1e6 ? `${(v / 1e6).toFixed(2)}M` : v >= 1e3 ? `${(v / 1e3).toFixed(0)}k` : v.toFixed(0);
}
