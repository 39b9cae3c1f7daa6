// `npm run bench [-- --json] [-- --runs N]`: throughput of the kernel and the scenario pipeline.
// Benchmarks, not tests: the machines are shared, so we report medians of several runs.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { Simulation, streamFor } from '../src/sim-engine';
import { parseScenarioText, type Scenario } from '../src/scenario';
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

const mm1 = loadScenario('scenarios/mm1.json');
// Warm-up run so the JIT has compiled the models before we time them.
scenarioRate(mm1, 100_000);

const holdRuns: number[] = [];
const mm1Runs: number[] = [];
for (let r = 0; r < RUNS; r++) {
  holdRuns.push(hold(10_000, 5_000_000));
  // 2000 s at 500 req/s = 1M requests.
  mm1Runs.push(scenarioRate(mm1, 2_000_000).requestsPerSec);
}

const results: Result[] = [
  { name: 'hold model, 10k pending, exponential increments', unit: 'events/s', value: median(holdRuns), target: 8e6 },
  { name: 'mm1.json through the scenario pipeline', unit: 'simulated requests/s', value: median(mm1Runs), target: 1e6 },
];

if (json) {
  process.stdout.write(JSON.stringify({ holdEventsPerSec: Math.round(results[0].value), mm1RequestsPerSec: Math.round(results[1].value) }) + '\n');
} else {
  console.log(`meshsim benchmarks (median of ${RUNS} runs; node ${process.version})`);
  for (const r of results) {
    const ok = r.value >= r.target ? 'meets' : 'BELOW';
    console.log(`  ${r.name.padEnd(50)} ${fmt(r.value).padStart(8)} ${r.unit.padEnd(22)} target ${fmt(r.target)} (${ok})`);
  }
}

function fmt(v: number): string {
  return v >= 1e6 ? `${(v / 1e6).toFixed(2)}M` : v >= 1e3 ? `${(v / 1e3).toFixed(0)}k` : v.toFixed(0);
}
