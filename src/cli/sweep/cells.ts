// How a sweep's figures are written where a person reads them (terminal table and HTML), one rule
// for both (trial T3 of session 52, 3: "1.5 [1.29, 1.7]" and "0.174" for a failed share with no %
// sign, a mean and its interval at different decimals): a cell's mean and its interval carry the
// same decimals, those of the interval's half-width at 2 significant digits, and a share reads in %.
import type { Interval } from './stats';
import { metricDef } from './metrics';

/** A figure's parts as text: the mean, and either ± its half-width or its [lo, hi] (cut at a bound, or asked for). */
export interface FigureText {
  mean: string;
  /** The half-width, null without an interval or when `lo`/`hi` are given instead. */
  half: string | null;
  lo: string | null;
  hi: string | null;
}

/** The decimals of `v` written shortest (0.21 → 2, 2 → 0); at most 8. */
function decimalsOf(v: number): number {
  const t = String(v);
  if (t.includes('e')) return Math.min(8, Math.max(0, -Math.floor(Math.log10(Math.abs(v))) + 1));
  return Math.min(8, (t.split('.')[1] ?? '').length);
}

/** `v` at `d` decimals, thousands grouped (1,234.5). */
function fixed(v: number, d: number): string {
  const t = v.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
  return /^-0(\.0*)?$/.test(t) ? t.slice(1) : t;
}

/** A figure with no interval: 4 significant digits (1,000 and over: whole, grouped). */
export function plainNumber(v: number): string {
  if (v === 0) return '0';
  return Math.abs(v) >= 1000 ? Math.round(v).toLocaleString('en-US') : String(Number(v.toPrecision(4)));
}

/**
 * Metric `m`'s interval `c` as text in its display unit (MetricDef.scale; a share's 0.015 reads
 * "1.50%"). With an interval, the mean and bounds take the decimals of the half-width at 2
 * significant digits ("1.50% ±0.21", "344 ±35", "47.9% ±1.0"); a zero width takes the mean's own 4 digits ("1 ±0").
 * `bounds`: always [lo, hi] (the HTML), else [lo, hi] only where the interval was cut at the figure's
 * bound (Interval.clamped) and ± elsewhere. Without an interval the mean has 4 digits. A share's
 * mean carries the % sign; its interval is in the same unit. Pure; `c.mean` must not be null.
 */
export function figureText(m: string, c: Interval, bounds = false): FigureText {
  const def = metricDef(m);
  const k = def.scale;
  const pct = k === 100 ? '%' : '';
  const mean = k * c.mean!;
  if (c.lo === null || c.hi === null) return { mean: plainNumber(mean) + pct, half: null, lo: null, hi: null };
  const lo = k * c.lo;
  const hi = k * c.hi;
  const width = c.clamped ? (hi - lo) / 2 : hi - mean;
  const h = Number(width.toPrecision(2));
  // 2 significant digits of the half-width, trailing zero kept ("47.9% ±1.0", not "48% ±1" beside "48.49% ±0.75").
  const d = h === 0 ? decimalsOf(Number(mean.toPrecision(4))) : Math.min(8, Math.max(0, 1 - Math.floor(Math.log10(h))));
  const m0 = fixed(mean, d) + pct;
  if (bounds || c.clamped) return { mean: m0, half: null, lo: fixed(lo, d), hi: fixed(hi, d) };
  return { mean: m0, half: h === 0 ? '0' : fixed(h, d), lo: null, hi: null };
}

/** figureText as one terminal cell: "1.50% ±0.21", "0.9% [0.0, 4.3]", "186". */
export function figureCell(m: string, c: Interval): string {
  const t = figureText(m, c);
  return `${t.mean}${t.half !== null ? ` ±${t.half}` : t.lo !== null ? ` [${t.lo}, ${t.hi}]` : ''}`;
}

/**
 * Short names for the swept paths, for table heads: each path's shortest tail of dotted segments
 * that no other path ends with ("attempts", "perTryTimeout"; "a.replicas" and "b.replicas" for two
 * services' replicas). The "swept:" lines above the table give the whole paths. Pure.
 */
export function shortPaths(paths: readonly string[]): string[] {
  return paths.map((p) => {
    const segs = p.split('.');
    for (let n = 1; n <= segs.length; n++) {
      const tail = segs.slice(-n).join('.');
      if (paths.every((q) => q === p || !(q === tail || q.endsWith('.' + tail)))) return tail;
    }
    return p;
  });
}

/** Words of `head` in lines of at most `width` characters (a longer word keeps its own line). */
export function wrapWords(head: string, width: number): string[] {
  const lines: string[] = [];
  for (const w of head.split(' ')) {
    const last = lines.length - 1;
    if (last >= 0 && lines[last].length + 1 + w.length <= width) lines[last] += ' ' + w;
    else lines.push(w);
  }
  return lines;
}

/**
 * A wide table folded to `width` columns (trial T3 of session 52, 4: 330 columns): the `left`
 * columns (the swept values and runs) repeat in each block, and as many of the `right` columns
 * (the metrics) as fit go in each block, in order, at least one. A table that fits as it is keeps
 * its heads on one line; else each head is wrapped to its column's cells (at least 12 characters),
 * the heads aligned at their last line. Blocks are
 * parted by an empty line. `left` and `right` are columns: a head and one cell per row. Pure.
 */
export function foldedTable(left: readonly { head: string; cells: readonly string[] }[], right: readonly { head: string; cells: readonly string[] }[], width: number): string[] {
  const wrap = (c: { head: string; cells: readonly string[] }) => {
    const w = Math.max(12, ...c.cells.map((s) => s.length));
    const head = wrapWords(c.head, w);
    return { head, cells: c.cells, width: Math.max(w, ...head.map((l) => l.length)) };
  };
  const whole = (c: { head: string; cells: readonly string[] }) => ({ head: [c.head], cells: c.cells, width: Math.max(c.head.length, ...c.cells.map((s) => s.length)) });
  const l = left.map(whole);
  // A table that fits keeps its heads on one line; else each head wraps to its cells.
  const fits = [...l, ...right.map(whole)].reduce((t, c) => t + c.width + 2, -2) <= width;
  const r = right.map(fits ? whole : wrap);
  const leftWidth = l.reduce((t, c) => t + c.width + 2, 0);
  const blocks: (typeof r)[] = [];
  for (const c of r) {
    const block = blocks[blocks.length - 1];
    if (block && leftWidth + block.reduce((t, b) => t + b.width + 2, 0) + c.width <= width) block.push(c);
    else blocks.push([c]);
  }
  if (!blocks.length) blocks.push([]);
  const out: string[] = [];
  blocks.forEach((block, bi) => {
    if (bi > 0) out.push('');
    const cols = [...l, ...block];
    const depth = Math.max(...cols.map((c) => c.head.length));
    for (let i = 0; i < depth; i++) out.push(cols.map((c, ci) => cell(c.head[i - (depth - c.head.length)] ?? '', c.width, ci)).join('  ').trimEnd());
    const rows = cols[0]?.cells.length ?? 0;
    for (let i = 0; i < rows; i++) out.push(cols.map((c, ci) => cell(c.cells[i], c.width, ci)).join('  ').trimEnd());
  });
  return out;
}

/** A cell padded to `width`: the first column to the left, the others to the right (as table() does). */
function cell(text: string, width: number, column: number): string {
  return column === 0 ? text.padEnd(width) : text.padStart(width);
}
