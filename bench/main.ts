// `npm run bench [-- --json] [-- --runs N]`: throughput of the kernel and the scenario pipeline.
// Benchmarks, not tests: the machines are shared and noisy, so we report medians of several runs.
//
// The cases run as the browser runs them, bundled (esbuild, one ES module, no loader hooks), and
// each run in a fresh Node process so one case's JIT feedback never slows another.
import { execFileSync } from 'node:child_process';
import { buildBenchBundle } from './bundle';

interface Result {
  name: string;
  unit: string;
  value: number;
  target: number;
}

const USAGE = `usage: npm run bench [-- --runs N] [--json]
  --runs N   runs of each case, each in a fresh process (default 5); the median is reported
  --json     print {holdEventsPerSec, mm1RequestsPerSec, meshChainRequestsPerSec,
             meshChainFloorRequestsPerSec, meshChain10RequestsPerSec,
             meshChain10EventsPerSec} only`;

function parseArgs(argv: string[]): { json: boolean; runs: number } {
  let json = false;
  let runs = 5;
  const problems: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    if (flag === '--help' || flag === '-h') {
      process.stdout.write(USAGE + '\n');
      process.exit(0);
    } else if (flag === '--json') json = true;
    else if (flag === '--runs') {
      const value = inline ?? argv[++i];
      runs = Number(value);
      if (!(value !== undefined && Number.isInteger(runs) && runs > 0)) problems.push(`--runs: expected a positive whole number, got ${value ?? 'nothing'}`);
    } else problems.push(`${argv[i]}: unknown option`);
  }
  if (problems.length > 0) {
    process.stderr.write(problems.join('\n') + '\n' + USAGE + '\n');
    process.exit(2);
  }
  return { json, runs };
}

const { json, runs: RUNS } = parseArgs(process.argv.slice(2));

const bundle = buildBenchBundle();

function runCase(name: string): { value: number; events?: number } {
  return JSON.parse(execFileSync(process.execPath, [bundle, name], { encoding: 'utf8' }));
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

const runs: Record<string, number[]> = { hold: [], mm1: [], chain3: [], floor3: [], chain10: [], chain10Events: [] };
for (let r = 0; r < RUNS; r++) {
  runs.hold.push(runCase('hold').value);
  runs.mm1.push(runCase('mm1').value);
  runs.chain3.push(runCase('chain3').value);
  runs.floor3.push(runCase('floor3').value);
  const c10 = runCase('chain10');
  runs.chain10.push(c10.value);
  runs.chain10Events.push(c10.events ?? 0);
}

const results: Result[] = [
  { name: 'hold model, 10k pending, exponential increments', unit: 'events/s', value: median(runs.hold), target: 8e6 },
  { name: 'mm1.json through the scenario pipeline', unit: 'simulated requests/s', value: median(runs.mm1), target: 1e6 },
  { name: '3-hop chain, sidecars and mTLS on every hop', unit: 'simulated requests/s', value: median(runs.chain3), target: 3e5 },
  // Not a target: what the 3-hop chain would reach if the model's logic cost nothing (cases.ts).
  { name: '  its floor: 16 events + 45 draws, no logic', unit: 'simulated requests/s', value: median(runs.floor3), target: 0 },
  { name: '10-service chain, sidecars and mTLS', unit: 'simulated requests/s', value: median(runs.chain10), target: 0 },
  { name: '  the same runs, in events', unit: 'events/s', value: median(runs.chain10Events), target: 0 },
];

if (json) {
  process.stdout.write(
    JSON.stringify({
      holdEventsPerSec: Math.round(results[0].value),
      mm1RequestsPerSec: Math.round(results[1].value),
      meshChainRequestsPerSec: Math.round(results[2].value),
      meshChainFloorRequestsPerSec: Math.round(results[3].value),
      meshChain10RequestsPerSec: Math.round(results[4].value),
      meshChain10EventsPerSec: Math.round(results[5].value),
    }) + '\n',
  );
} else {
  const of = RUNS === 1 ? '1 run' : `median of ${RUNS} runs, each`;
  console.log(`meshsim benchmarks (${of} in a fresh process; node ${process.version})`);
  for (const r of results) {
    const verdict = r.target === 0 ? '' : `target ${fmt(r.target)} (${r.value >= r.target ? 'meets' : 'BELOW'})`;
    console.log(`  ${r.name.padEnd(50)} ${fmt(r.value).padStart(8)} ${r.unit.padEnd(22)} ${verdict}`);
  }
}

function fmt(v: number): string {
  return v >= 1e6 ? `${(v / 1e6).toFixed(2)}M` : v >= 1e3 ? `${(v / 1e3).toFixed(0)}k` : v.toFixed(0);
}
