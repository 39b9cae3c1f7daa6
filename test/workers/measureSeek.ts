// Measures snapshots in a scenario through SimHost, in Node:
//   npx tsx test/workers/measureSeek.ts [scenario] [endMs] [targets...] [--runs N] [--no-zero] [--play S] [--played]
// Seeks: runs to endMs, then seeks back to each target, with snapshots and (unless --no-zero)
// without, printing each seek, what taking and restoring a snapshot cost, and the medians.
// --played: gets to endMs the first time by playing at top speed as the app does (advances of
// 12 ms budget), so the snapshots are those play leaves, then seeks as above.
// --idle S: after getting to endMs, gives the host S wall seconds of idle work (SimHost.idle in
// slices of 10 ms, as the worker does) before the seeks, and between seeks.
// --play S: plays S wall seconds at 1x as the app does (an advance of the wall time since the
// last, 12 ms budget each) with and without snapshots, and prints the longest advance, how many
// took over 33 ms (a frame at 30 fps), the snapshots taken, and the pause advance (of no time)
// that takes one play put off. Not a test: wall times are the machine's; the load average is printed.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SimHost } from '../../src/workers/SimHost';

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const valueOf = (name: string) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : null);
const runs = valueOf('--runs') ?? 3;
const playS = valueOf('--play');
const idleS = valueOf('--idle');
const plain = args.filter((a, i) => !a.startsWith('--') && !['--runs', '--play', '--idle'].includes(args[i - 1]));
const name = plain[0] ?? 'istio-load-test-full';
const endMs = Number(plain[1] ?? 4000);
const targets = plain.length > 2 ? plain.slice(2).map(Number) : [3000, 1000];
const text = readFileSync(fileURLToPath(new URL(`../../scenarios/${name}.json`, import.meta.url)), 'utf8');
const clock = () => performance.now();
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ')[0];
const round = Math.round;

function host(snapshots: boolean): SimHost {
  const h = new SimHost(clock);
  if (!h.load(text).ok) throw new Error(`${name} did not load`);
  if (!snapshots) h.setSnapshotPolicy(null);
  return h;
}

/** Idle work for `idleS` wall seconds (or until there is none); returns the wall ms it ran. */
function idle(h: SimHost): number {
  const s = clock();
  while (idleS !== null && clock() - s < idleS * 1000 && h.idle(10));
  return round(clock() - s);
}

function measureSeeks(snapshots: boolean): Record<number, number[]> {
  const h = host(snapshots);
  const t0 = clock();
  if (flag('--played')) {
    h.advance(0, 12);
    for (let f = h.advance(0, 12); f.simTime < endMs && !f.done; ) f = h.advance(endMs - f.simTime, 12);
  }
  const end = h.seekTo(endMs, 1e9);
  console.log(JSON.stringify({ snapshots, ranTo: end.simTime, wallMs: round(clock() - t0), takeMs: round(h.snapshotCosts().takeMs), kept: h.snapshots().map((s) => [round(s.ms), round(s.bytes / 1e6)]) }));
  if (idleS !== null) console.log(JSON.stringify({ idleMs: idle(h), kept: h.snapshots().map((s) => [round(s.ms), round(s.bytes / 1e6)]) }));
  const out: Record<number, number[]> = {};
  for (let r = 0; r < (snapshots ? runs : Math.min(runs, 1)); r++) {
    for (const t of targets) {
      h.seekTo(endMs, 1e9);
      if (idleS !== null) idle(h);
      const s = clock();
      const f = h.seekTo(t, 1e9);
      const ms = clock() - s;
      (out[t] ??= []).push(ms);
      console.log(JSON.stringify({ snapshots, from: endMs, to: f.simTime, wallMs: round(ms), lastCopyMs: round(h.snapshotCosts().copyMs), hash: f.traceHash, load: load() }));
    }
  }
  return out;
}

function measurePlay(snapshots: boolean): void {
  const h = host(snapshots);
  h.advance(0, 12);
  const calls: number[] = [];
  const start = clock();
  let last = start;
  let f = h.advance(0, 12);
  while (clock() - start < playS! * 1000 && !f.done) {
    const now = clock();
    const s = clock();
    f = h.advance(Math.min(now - last, 100), 12);
    calls.push(clock() - s);
    last = now;
  }
  const taken = h.snapshots().length;
  const p = clock();
  h.advance(0, 120);
  const pauseMs = clock() - p;
  console.log(JSON.stringify({ snapshots, played: round(f.simTime), advances: calls.length, longestMs: round(Math.max(...calls)), over33ms: calls.filter((c) => c > 33).length, medianMs: +median(calls).toFixed(1), takenWhilePlaying: taken, pauseAdvanceMs: round(pauseMs), takenAtPause: h.snapshots().length - taken, takeMs: round(h.snapshotCosts().takeMs), load: load() }));
}

if (playS !== null) {
  measurePlay(true);
  measurePlay(false);
} else {
  const withSnap = measureSeeks(true);
  const without = flag('--no-zero') ? null : measureSeeks(false);
  for (const t of targets) {
    console.log(`${name} ${endMs} ms -> ${t} ms: with snapshots median ${round(median(withSnap[t]))} ms (${withSnap[t].map(round).join(', ')})` + (without ? `, from zero ${round(median(without[t]))} ms` : ''));
  }
}
