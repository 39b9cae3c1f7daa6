// Numbers as every figure reads them, in the app, the CLI and the worker's lesson figures: en-US
// grouping (1,234.5) whatever the browser's language, so a screenshot or a share link reads the
// same in every room. On the lowest floor that writes numbers (ui/format.ts and workers/numberText.ts
// re-export it), so the worker's figures use the same text without importing the UI (the floors
// point down: ui -> workers -> models -> scenario), and the scenario schemas' messages, built when
// their module loads, use it instead of toLocaleString: its first call set up ICU's number data,
// 375 ms of the simulation worker's start and as much of the reach worker's (CPU profile of a
// hello-mesh load, load 20, session 50), on every page load.

/** Intl's formatters by decimals, made only for numbers the plain path below leaves to them. */
const fixed = new Map<number, Intl.NumberFormat>();

/**
 * `abs` (finite, 0 or more) with exactly `digits` decimals and en-US grouping, rounded as
 * Intl.NumberFormat rounds (half away from zero, on the shortest decimal that reads back as the
 * number: 12.345 -> "12.35", where toFixed gives "12.34"); null where that decimal has an
 * exponent (under 1e-6, 1e21 and over). No Intl: the first Intl.NumberFormat a page makes costs
 * 50-190 ms of its start (ICU's data). Pure.
 */
function plainFixed(abs: number, digits: number): string | null {
  const s = String(abs);
  if (s.includes('e')) return null;
  const dot = s.indexOf('.');
  const int = dot < 0 ? s : s.slice(0, dot);
  let frac = dot < 0 ? '' : s.slice(dot + 1);
  let whole = int;
  if (frac.length <= digits) frac = frac.padEnd(digits, '0');
  else {
    const up = frac.charCodeAt(digits) >= 53; // '5'
    frac = frac.slice(0, digits);
    if (up) {
      // Add one in the last kept place, carrying through the fraction into the whole part.
      const all = (int + frac).split('');
      let i = all.length - 1;
      while (i >= 0 && all[i] === '9') all[i--] = '0';
      if (i >= 0) all[i] = String.fromCharCode(all[i].charCodeAt(0) + 1);
      else all.unshift('1');
      whole = all.slice(0, all.length - digits).join('');
      frac = all.slice(all.length - digits).join('');
    }
  }
  let grouped = '';
  for (let i = whole.length; i > 0; i -= 3) grouped = (i > 3 ? ',' : '') + whole.slice(Math.max(0, i - 3), i) + grouped;
  return digits > 0 ? `${grouped}.${frac}` : grouped;
}

/**
 * `n` with thousands separators and exactly `digits` decimals: formatNumber(1234.5, 1) is
 * "1,234.5", formatNumber(12034) is "12,034". Non-finite numbers read "—". The same text as
 * en-US Intl.NumberFormat (test/ui/format.test.ts checks a large sample). Pure.
 */
export function formatNumber(n: number, digits = 0): string {
  if (!Number.isFinite(n)) return '—';
  const plain = plainFixed(Math.abs(n), digits);
  let text: string;
  if (plain !== null) text = n < 0 ? `-${plain}` : plain;
  else {
    let f = fixed.get(digits);
    if (!f) {
      f = new Intl.NumberFormat('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
      fixed.set(digits, f);
    }
    text = f.format(n);
  }
  // Never "-0": a share or rate that rounds to zero reads 0.
  return /^-0(\.0*)?$/.test(text) ? text.slice(1) : text;
}

/** 12034 -> "12,034". */
export function formatCount(n: number): string {
  return formatNumber(n, 0);
}

/**
 * A count and its noun, the noun singular for exactly 1: countOf(1, 'second') -> "1 second",
 * countOf(12034, 'request') -> "12,034 requests" (formatCount's digits). `plural` when the noun
 * takes more than an s ("replies"). Pure.
 */
export function countOf(n: number, noun: string, plural = `${noun}s`): string {
  return `${formatCount(n)} ${n === 1 ? noun : plural}`;
}
