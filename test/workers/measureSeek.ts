// Measures seeks back in a scenario through SimHost, with and without snapshots, in Node:
//   npx tsx test/workers/measureSeek.ts [scenario] [endMs] [targets...] [--runs N] [--no-zero]
// Prints one JSON line per measured seek and the medians. Not a test: wall times are the machine's.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SimHost } from '../../src/workers/SimHost';

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const runsAt = args.indexOf('--runs');
const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 3;
const plain = args.filter((a, i) => !a.startsWith('--') && !(runsAt >= 0 && i === runsAt + 1));
const name = plain[0] ?? 'istio-load-test-full';
const endMs = Number(plain[1] ?? 4000);
const targets = plain.length > 2 ? plain.slice(2).map(Number) : [3000, 1000];
const text = readFileSync(fileURLToPath(new URL(`../../scenarios/${name}.json`, import.meta.url)), 'utf8');
const clock = () => performance.now();
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function measure(snapshots: boolean): Record<number, number[]> {
  const h = new SimHost(clock);
  if (!h.load(text).ok) throw new Error(`${name} did not load`);
  if (!snapshots) h.setSnapshotPolicy(null);
  const t0 = clock();
  const end = h.seekTo(endMs, 1e9);
  const firstRun = clock() - t0;
  console.log(JSON.stringify({ snapshots, ranTo: end.simTime, wallMs: Math.round(firstRun), kept: h.snapshots().map((s) => [s.ms, Math.round(s.bytes / 1e6)]) }));
  const out: Record<number, number[]> = {};
  for (let r = 0; r < (snapshots ? runs : Math.min(runs, 1)); r++) {
    for (const t of targets) {
      h.seekTo(endMs, 1e9);
      const s = clock();
      const f = h.seekTo(t, 1e9);
      const ms = clock() - s;
      (out[t] ??= []).push(ms);
      console.log(JSON.stringify({ snapshots, from: endMs, to: f.simTime, wallMs: Math.round(ms), hash: f.traceHash }));
    }
  }
  return out;
}

const withSnap = measure(true);
const without = flag('--no-zero') ? null : measure(false);
for (const t of targets) {
  console.log(`${name} ${endMs} ms -> ${t} ms: with snapshots median ${Math.round(median(withSnap[t]))} ms (${withSnap[t].map(Math.round).join(', ')})` + (without ? `, from zero ${Math.round(median(without[t]))} ms` : ''));
}
