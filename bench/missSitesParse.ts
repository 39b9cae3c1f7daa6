// The two listings bench/missSites.ts reads: callgrind's per-instruction costs and V8's printed
// optimized code (--print-opt-code). Pure functions over their text, so a test can check them.
import { readFileSync } from 'node:fs';

/** Misses and instructions at one site (a source position in one optimized function). */
export interface SiteCost {
  /** Data reads and writes that missed the simulated 1 MB L2. */
  l2: number;
  /** Data reads and writes that missed the simulated 48 KB L1. */
  l1: number;
  instructions: number;
  /** Conditional and indirect branches valgrind's simple predictor model mispredicted (0 without --branch-sim). */
  mispredicts: number;
}

/** An optimized function's code as V8 printed it: where it lies and its source positions. */
export interface CodeObject {
  name: string;
  start: bigint;
  size: number;
  /** [offset in the code, offset in the bundle], by code offset. */
  positions: [number, number][];
}

/**
 * The whole run's costs from a callgrind output's `totals:` line (what it counted after
 * --zero-before: GC, builtins and baseline code as well as the optimized code), or null when it
 * has none. A change that allocates less shows here as much as in the optimized code: the
 * scavenges and the allocation's misses are the GC's and the runtime's.
 */
export function totalsOf(text: string): SiteCost | null {
  const events = /^events:(.*)$/m.exec(text)?.[1].trim().split(' ');
  const totals = /^(?:totals|summary):(.*)$/m.exec(text)?.[1].trim().split(' ').map(Number);
  if (events === undefined || totals === undefined) return null;
  const at = (e: string): number => {
    const k = events.indexOf(e);
    return k < 0 ? 0 : (totals[k] ?? 0);
  };
  return { l2: at('DLmr') + at('DLmw'), l1: at('D1mr') + at('D1mw'), instructions: at('Ir'), mispredicts: at('Bcm') + at('Bim') };
}

/** Per instruction address, the costs callgrind recorded in code with no symbols (the JIT's). */
export function jitCosts(callgrindOut: string): Map<bigint, SiteCost> {
  return jitCostsOf(readFileSync(callgrindOut, 'utf8'));
}

/** `jitCosts` over the text of a callgrind output file (positions: instr line, --dump-instr=yes). */
export function jitCostsOf(text: string): Map<bigint, SiteCost> {
  const per = new Map<bigint, SiteCost>();
  const names = new Map<string, string>();
  // callgrind compresses repeated names as "(id) name", later "(id)".
  const name = (kind: string, v: string): string => {
    const m = /^\((\d+)\)(?: (.*))?$/.exec(v);
    if (!m) return v;
    if (m[2] !== undefined) names.set(kind + m[1], m[2]);
    return names.get(kind + m[1]) ?? '';
  };
  let events: string[] = [];
  let object = '';
  let afterCall = false;
  let addr = 0n;
  for (const line of text.split('\n')) {
    if (line.startsWith('events:')) events = line.slice(7).trim().split(' ');
    else if (line.startsWith('ob=')) object = name('ob', line.slice(3));
    else if (line.startsWith('cob=')) name('ob', line.slice(4));
    else if (line.startsWith('fn=') || line.startsWith('cfn=')) name('fn', line.slice(line.indexOf('=') + 1));
    else if (line.startsWith('calls=')) afterCall = true;
    else if (/^(0x|\+|-|\*)/.test(line)) {
      const parts = line.split(' ');
      const a = parts[0];
      if (a.startsWith('0x')) addr = BigInt(a);
      // A relative position is decimal unless written 0x... (callgrind's format: Number is
      // (Digit)+ or "0x" HexNumber); read as hex, every offset of 10 bytes or more drifted.
      else if (a.startsWith('+')) addr += BigInt(a.slice(1));
      else if (a.startsWith('-')) addr -= BigInt(a.slice(1));
      // The line after calls= is the call's inclusive cost: the callee's, not this instruction's.
      if (afterCall) {
        afterCall = false;
        continue;
      }
      if (object !== '' && !object.includes('???')) continue;
      // Columns: address, line, then the events in order.
      const at = (e: string) => Number(parts[events.indexOf(e) + 2] ?? 0) || 0;
      const c = per.get(addr) ?? { l2: 0, l1: 0, instructions: 0, mispredicts: 0 };
      c.l2 += at('DLmr') + at('DLmw');
      c.l1 += at('D1mr') + at('D1mw');
      c.instructions += at('Ir');
      c.mispredicts += at('Bcm') + at('Bim');
      per.set(addr, c);
    }
  }
  return per;
}

/** The optimized functions V8 printed (--print-opt-code), by start address. */
export function codeObjects(printed: string): CodeObject[] {
  const out: CodeObject[] = [];
  let cur: { name: string; start: bigint | null; size: number; positions: [number, number][] } | null = null;
  let section = '';
  for (const line of printed.split('\n')) {
    if (line.startsWith('--- Optimized code ---')) {
      cur = { name: '', start: null, size: 0, positions: [] };
      section = '';
    } else if (cur === null) continue;
    else if (line.startsWith('name = ')) cur.name = line.slice(7);
    else if (line.startsWith('Instructions (size = ')) {
      cur.size = Number(/size = (\d+)/.exec(line)![1]);
      section = 'code';
    } else if (section === 'code' && cur.start === null && /^0x[0-9a-f]+\s+0\s/.test(line)) cur.start = BigInt(line.split(/\s+/)[0]);
    else if (line.startsWith('Source positions:')) section = 'positions';
    else if (section === 'positions' && /^\s+[0-9a-f]+\s+\d+/.test(line)) {
      const [pc, pos] = line.trim().split(/\s+/);
      cur.positions.push([parseInt(pc, 16), Number(pos)]);
    } else if (line.startsWith('--- End code ---')) {
      if (cur.start !== null) out.push({ name: cur.name, start: cur.start, size: cur.size, positions: cur.positions });
      cur = null;
    }
  }
  return out.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
}

/** The code object holding `addr`, or null. */
export function codeAt(codes: CodeObject[], addr: bigint): CodeObject | null {
  let lo = 0;
  let hi = codes.length - 1;
  let best = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (codes[mid].start <= addr) {
      best = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  // Code printed later may sit inside an older, freed object's range: take the nearest that holds it.
  for (let i = best; i >= 0 && i > best - 20; i--) if (addr < codes[i].start + BigInt(codes[i].size)) return codes[i];
  return null;
}

