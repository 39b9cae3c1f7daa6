// `npm run bench -- --only cachegrind`: issue 14.2's scale curve counted, not timed. Under
// valgrind's cachegrind, the instructions a request executes and the misses it makes in a
// simulated 48 KB L1 and 1 MB L2 (this machine's, per core: AMD EPYC, lscpu) at 100 and at 1,000
// services. Wall and CPU time at 1,000 services swing by a third with whatever else shares the
// host's L3 (session 9: 3.0-4.8 µs a request for the same build on a quiet VM); these counts do
// not depend on the neighbours, so a change to the data layout can be judged by them.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Per-request counts at one size, from the difference of a long and a short run. */
export interface CacheCounts {
  services: number;
  /** Requests in the difference of the two runs. */
  requests: number;
  instructionsPerRequest: number;
  /** Data reads and writes that missed the simulated 48 KB, 12-way L1. */
  l1MissesPerRequest: number;
  /** Data reads and writes that missed the simulated 1 MB, 16-way L2 too (they go to L3 or memory). */
  l2MissesPerRequest: number;
  /**
   * The same, leaving out V8's garbage collector (`gcFunction`): the misses of the simulation's
   * own code. Steadier run to run: whether a full collection lands in the longer run's stretch
   * moved the whole count by up to 10% (session 10), the collector's work with it.
   */
  l2MissesOutsideGcPerRequest: number;
  /** Instructions per request outside the garbage collector. */
  instructionsOutsideGcPerRequest: number;
}

/**
 * Whether a function symbol (as cachegrind names it) is V8's garbage collector: its heap,
 * scavenger, marker, sweeper, evacuator, spaces and visitors. The JIT's code has no symbol ('???')
 * and is never the collector's.
 */
export function gcFunction(name: string): boolean {
  return /^(v8::internal::|heap::base::|cppgc::|void v8::internal::|void heap::base::|heap::base::SlotCallbackResult v8::internal::)/.test(name) && /(Heap|Scaveng|MarkCompact|Marking|Marker|Sweep|Evacuat|Compact|Space|Remembered|SlotSet|Worklist|BodyDescriptor|Visitor|LiveObject|GCTracer|GlobalHandles|ArrayBufferSweeper|MemoryAllocator|Page|Ephemeron|Weak)/.test(name);
}

/** Per-function totals of a cachegrind output file: [all, the garbage collector's] of Ir, D1 misses, LL data misses. */
export function splitByCollector(text: string): { all: [number, number, number]; gc: [number, number, number] } {
  let events: string[] = [];
  let fn = '';
  let gc = false;
  const all: [number, number, number] = [0, 0, 0];
  const inGc: [number, number, number] = [0, 0, 0];
  for (const line of text.split('\n')) {
    if (line.startsWith('events:')) events = line.slice(7).trim().split(' ');
    else if (line.startsWith('fn=')) {
      fn = line.slice(3);
      gc = gcFunction(fn);
    } else if (/^\d/.test(line)) {
      const parts = line.split(' ');
      // Columns: line number, then the events in order.
      const at = (e: string) => Number(parts[events.indexOf(e) + 1] ?? 0) || 0;
      const v: [number, number, number] = [at('Ir'), at('D1mr') + at('D1mw'), at('DLmr') + at('DLmw')];
      for (let k = 0; k < 3; k++) {
        all[k] += v[k];
        if (gc) inGc[k] += v[k];
      }
    }
  }
  return { all, gc: inGc };
}

/** Stretches (simulated ms) of the short and the long run at each size: about 21,000 requests between them. */
export const CACHEGRIND_STRETCHES: Record<number, [number, number]> = { 100: [300, 3300], 1000: [30, 330] };

/** True when valgrind can be run (Debian's `valgrind` package). */
export function hasValgrind(): boolean {
  try {
    execFileSync('valgrind', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** valgrind's cachegrind over one run of the bench bundle's scaleStretch case. */
function once(bundle: string, services: number, ms: number): { requests: number; ir: number; d1: number; l2: number; gcIr: number; gcL2: number } {
  // setarch -R, one V8 thread and fixed seeds: addresses, GC and hash tables as alike as can be
  // from run to run (the counts still vary by a few per cent).
  const out = join(tmpdir(), `meshsim-cachegrind-${process.pid}-${services}-${ms}.out`);
  const args = ['-R', 'valgrind', '--tool=cachegrind', '--cache-sim=yes', '--D1=49152,12,64', '--LL=1048576,16,64', `--cachegrind-out-file=${out}`];
  // MESHSIM_CG_NODE_FLAGS: extra node/V8 flags for an experiment (say --max-semi-space-size=1).
  const extra = (process.env.MESHSIM_CG_NODE_FLAGS ?? '').split(' ').filter(Boolean);
  args.push(process.execPath, '--single-threaded', '--hash-seed=1', '--random-seed=1', ...extra, bundle, 'scaleStretch', String(services), String(ms));
  const r = spawnSync('setarch', args, { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`cachegrind run failed (exit ${r.status}): ${String(r.stderr).slice(-2000)}`);
  // The case prints its JSON on stdout; valgrind its summary on stderr.
  const num = (re: RegExp) => {
    const m = re.exec(r.stderr);
    if (!m) throw new Error(`cachegrind output lacks ${re}: ${r.stderr.slice(-1500)}`);
    return Number(m[1].replace(/,/g, ''));
  };
  const json = /^\{.*\}$/m.exec(r.stdout);
  if (!json) throw new Error(`scaleStretch printed no result: ${r.stdout.slice(-500)}`);
  const split = splitByCollector(readFileSync(out, 'utf8'));
  rmSync(out, { force: true });
  return { requests: JSON.parse(json[0]).value, ir: num(/I\s+refs:\s+([\d,]+)/), d1: num(/D1\s+misses:\s+([\d,]+)/), l2: num(/LLd misses:\s+([\d,]+)/), gcIr: split.gc[0], gcL2: split.gc[2] };
}

/** Counts per request at `services`, from a short and a long run of the bench bundle. */
export function cacheCounts(bundle: string, services: number): CacheCounts {
  const [t1, t2] = CACHEGRIND_STRETCHES[services];
  const a = once(bundle, services, t1);
  const b = once(bundle, services, t2);
  const n = b.requests - a.requests;
  return {
    services,
    requests: n,
    instructionsPerRequest: (b.ir - a.ir) / n,
    l1MissesPerRequest: (b.d1 - a.d1) / n,
    l2MissesPerRequest: (b.l2 - a.l2) / n,
    l2MissesOutsideGcPerRequest: (b.l2 - b.gcL2 - (a.l2 - a.gcL2)) / n,
    instructionsOutsideGcPerRequest: (b.ir - b.gcIr - (a.ir - a.gcIr)) / n,
  };
}
