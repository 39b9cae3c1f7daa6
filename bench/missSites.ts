// `npm run bench:misses [-- --services N] [--top K]`: where in the source a request's cache
// misses happen, for issue 14.2 (CPU per request flat in size). `npm run bench -- --only
// cachegrind` counts a request's misses; this says which lines of src/ make them, so a change to
// the data layout can aim at the largest.
//
// How: valgrind's callgrind simulates the caches (48 KB L1, 1 MB L2, as bench/cachegrind.ts) and
// records the misses of every machine instruction (--dump-instr). The JIT's code has no symbols,
// so V8 prints each optimized function's code with its source positions (--print-opt-code): an
// instruction's address gives its function and its offset in the bundle, and esbuild's source
// map gives the file and line in src/. Callgrind zeroes its counts when the timed stretch starts
// (the case calls process.cpuUsage there: --zero-before), so build and warm-up are left out. Code
// space compaction is off, so the code stays where V8 printed it.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { buildSync } from 'esbuild';
import { benchBundleOptions } from './bundle';
import { CACHEGRIND_STRETCHES, hasValgrind } from './cachegrind';
import { codeAt, codeObjects, jitCosts, totalsOf, type SiteCost } from './missSitesParse';

const USAGE = `usage: npm run bench:misses [-- --services N] [--top K] [--chain3 | --floor3] [--by l2|l1|instructions|mispredicts] [--dir DIR]
  --services N  size of Istio's load-test shape: 100 or 1000 (default 1000)
  --chain3      count bench's 3-hop chain (chainStretch, 20 simulated s) instead (issue 14.4)
  --floor3      count the chain's floor (floorStretch, 20,000 requests) instead
  --by WHAT     rank sites by l2 misses (default), l1 misses (the simulated 48 KB L1's data
                misses: where a working set that fits L2 still costs), instructions or branch
                mispredicts (valgrind's simple predictor: it overstates them, but ranks them),
                with totals per file
  --top K       sites to list (default 40)
  --dir DIR     where the bundle, callgrind's output and V8's code listing go (default
                node_modules/.cache/meshsim-misses); give each of two runs at once its own, or
                they overwrite each other's files
Lists the source lines whose data accesses miss the simulated 1 MB L2 most, per request, with
the L1 misses and instructions there. Needs valgrind (Debian: apt-get install -y valgrind); takes
about 4 minutes.`;

interface Options {
  services: number;
  top: number;
  chain3: boolean;
  floor3: boolean;
  by: 'l2' | 'l1' | 'instructions' | 'mispredicts';
  dir: string;
}

function parseArgs(argv: string[]): Options {
  let services = 1000;
  let top = 40;
  let chain3 = false;
  let floor3 = false;
  let by: Options['by'] = 'l2';
  let dir = 'node_modules/.cache/meshsim-misses';
  const problems: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    const value = () => inline ?? argv[++i];
    if (flag === '--help' || flag === '-h') {
      process.stdout.write(USAGE + '\n');
      process.exit(0);
    } else if (flag === '--services') {
      const v = value();
      services = Number(v);
      if (!(services in CACHEGRIND_STRETCHES)) problems.push(`--services: expected ${Object.keys(CACHEGRIND_STRETCHES).join(' or ')}, got ${v ?? 'nothing'}`);
    } else if (flag === '--top') {
      const v = value();
      top = Number(v);
      if (!(Number.isInteger(top) && top > 0)) problems.push(`--top: expected a positive whole number, got ${v ?? 'nothing'}`);
    } else if (flag === '--chain3') chain3 = true;
    else if (flag === '--floor3') floor3 = true;
    else if (flag === '--by') {
      const v = value();
      if (v === 'instructions' || v === 'l2' || v === 'l1' || v === 'mispredicts') by = v;
      else problems.push(`--by: expected l2, l1, instructions or mispredicts, got ${v ?? 'nothing'}`);
    } else if (flag === '--dir') {
      const v = value();
      if (v === undefined || v === '') problems.push('--dir: expected a directory, got nothing');
      else dir = v;
    } else problems.push(`${argv[i]}: unknown option`);
  }
  if (problems.length > 0) {
    process.stderr.write(problems.join('\n') + '\n' + USAGE + '\n');
    process.exit(2);
  }
  return { services, top, chain3, floor3, by, dir };
}

/** One run under callgrind: costs per site, keyed "bundle offset|function". */
function run(bundle: string, stretch: string[], dir: string): { requests: number; sites: Map<string, SiteCost>; whole: SiteCost | null } {
  const out = `${dir}/callgrind.out`;
  // V8's code listing goes to a file of its own: on stdout it could split the case's result line.
  const asm = `${dir}/code.asm`;
  const args = ['-R', 'valgrind', '--tool=callgrind', '--cache-sim=yes', '--branch-sim=yes', '--D1=49152,12,64', '--LL=1048576,16,64', '--dump-instr=yes', '--zero-before=node::CPUUsage*', `--callgrind-out-file=${out}`];
  args.push(process.execPath, '--single-threaded', '--hash-seed=1', '--random-seed=1', '--predictable-gc-schedule', '--no-compact-code-space', '--print-opt-code', '--redirect-code-traces', `--redirect-code-traces-to=${asm}`, bundle, ...stretch);
  const r = spawnSync('setarch', args, { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`callgrind run failed (exit ${r.status}): ${String(r.stderr).slice(-2000)}`);
  const result = /^\{"value".*\}$/m.exec(r.stdout);
  if (!result) throw new Error(`${stretch[0]} printed no result`);
  const codes = codeObjects(readFileSync(asm, 'utf8'));
  const whole = totalsOf(readFileSync(out, 'utf8'));
  const sites = new Map<string, SiteCost>();
  for (const [addr, c] of jitCosts(out)) {
    const code = codeAt(codes, addr);
    let pos = -1;
    if (code !== null) {
      const off = Number(addr - code.start);
      for (const [pc, p] of code.positions) {
        if (pc <= off) pos = p;
        else break;
      }
    }
    const key = code === null ? '-1|(code not printed: baseline, builtins)' : `${pos}|${code.name}`;
    const s = sites.get(key) ?? { l2: 0, l1: 0, instructions: 0, mispredicts: 0 };
    s.l2 += c.l2;
    s.l1 += c.l1;
    s.instructions += c.instructions;
    s.mispredicts += c.mispredicts;
    sites.set(key, s);
  }
  rmSync(out, { force: true });
  rmSync(asm, { force: true });
  return { requests: JSON.parse(result[0]).value, sites, whole };
}

/** Bundle offset -> "src/file.ts:line" through esbuild's source map, with the bundle's text there. */
function locator(bundle: string): (offset: number) => { where: string; text: string } {
  const code = readFileSync(bundle, 'utf8');
  const map = new SourceMap(JSON.parse(readFileSync(bundle + '.map', 'utf8')));
  const starts = [0];
  for (let i = 0; i < code.length; i++) if (code.charCodeAt(i) === 10) starts.push(i + 1);
  return (offset) => {
    if (offset < 0) return { where: '?', text: '' };
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    const e = map.findEntry(lo, offset - starts[lo]) as { originalSource?: string; originalLine?: number };
    const file = e.originalSource ? e.originalSource.replace(/^.*?\/(src|bench)\//, '$1/') : '?';
    return { where: `${file}:${(e.originalLine ?? -1) + 1}`, text: code.slice(offset, offset + 60).replace(/\s+/g, ' ') };
  };
}

function main(): void {
  const { services, top, chain3, floor3, by, dir } = parseArgs(process.argv.slice(2));
  if (!hasValgrind()) {
    process.stderr.write('bench:misses: valgrind is not installed (Debian: apt-get install -y valgrind)\n');
    process.exit(2);
  }
  mkdirSync(dir, { recursive: true });
  const bundle = `${dir}/cases.mjs`;
  buildSync({ ...benchBundleOptions(bundle), sourcemap: 'external' });
  const ms = CACHEGRIND_STRETCHES[services][1];
  const stretch = floor3 ? ['floorStretch', '20000'] : chain3 ? ['chainStretch', '20000'] : ['scaleStretch', String(services), String(ms)];
  const what = floor3 ? "the chain's floor, 20,000 requests after as many untimed" : chain3 ? 'the 3-hop chain, 20 simulated s after 20 s of warm-up' : `${services} services, ${ms} simulated ms after 1 s of warm-up`;
  process.stderr.write(`callgrind: ${what} (about 4 minutes)...\n`);
  const { requests: n, sites, whole } = run(bundle, stretch, dir);
  const at = locator(bundle);
  const rows = [...sites].map(([key, s]) => ({ key, l2: s.l2 / n, l1: s.l1 / n, instructions: s.instructions / n, mispredicts: s.mispredicts / n }));
  const total = rows.reduce((t, r) => t + r.l2, 0);
  rows.sort((x, y) => y[by] - x[by]);
  const instructions = rows.reduce((t, r) => t + r.instructions, 0);
  const mispredicts = rows.reduce((t, r) => t + r.mispredicts, 0);
  const l1 = rows.reduce((t, r) => t + r.l1, 0);
  console.log(`${floor3 ? 'floor3' : chain3 ? 'chain3' : `${services} services`}, ${n} requests: ${total.toFixed(1)} L2 data misses, ${l1.toFixed(1)} L1 data misses, ${instructions.toFixed(0)} instructions and ${mispredicts.toFixed(0)} branch mispredicts per request in optimized code (code V8 did not print: baseline, builtins and the GC are left out)`);
  if (whole !== null) console.log(`  the whole run (GC, builtins and baseline code too): ${(whole.l2 / n).toFixed(1)} L2 data misses, ${(whole.l1 / n).toFixed(1)} L1 data misses, ${(whole.instructions / n).toFixed(0)} instructions and ${(whole.mispredicts / n).toFixed(0)} branch mispredicts per request`);
  if (by !== 'l2') {
    // Every measure per file, so one run compares two builds on all of them.
    const perFile = new Map<string, { l1: number; instructions: number; mispredicts: number }>();
    for (const r of rows) {
      const file = at(Number(r.key.split('|')[0])).where.split(':')[0];
      const f = perFile.get(file) ?? { l1: 0, instructions: 0, mispredicts: 0 };
      f.l1 += r.l1;
      f.instructions += r.instructions;
      f.mispredicts += r.mispredicts;
      perFile.set(file, f);
    }
    const all = by === 'instructions' ? instructions : by === 'l1' ? l1 : mispredicts;
    console.log(`  ${by} share   L1/req  instr/req  mispr/req  file`);
    for (const [file, f] of [...perFile].sort((x, y) => y[1][by] - x[1][by]).slice(0, 30)) {
      console.log(`${((100 * f[by]) / all).toFixed(1).padStart(9)}%${f.l1.toFixed(1).padStart(9)}${f.instructions.toFixed(0).padStart(11)}${f.mispredicts.toFixed(1).padStart(11)}  ${file}`);
    }
  }
  console.log('  L2/req  L1/req  instr/req  mispr/req  where (src line, as inlined into the function named)');
  for (const r of rows.slice(0, top)) {
    const [pos, fn] = r.key.split('|');
    const { where, text } = at(Number(pos));
    console.log(`${r.l2.toFixed(2).padStart(8)}${r.l1.toFixed(1).padStart(8)}${r.instructions.toFixed(0).padStart(11)}${r.mispredicts.toFixed(1).padStart(11)}  ${where.padEnd(40)} ${fn.padEnd(18)} ${text}`);
  }
}

main();
