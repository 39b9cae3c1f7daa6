// Where the story's text may not break: each number with its unit (KeepUnits.tsx draws the runs).
// In the 200 px story column at 1024x768 "12.3" ended one line and "ms" began the next.

/** A run of text: `keep` for a number with its unit, which must not break across lines. */
export interface UnitRun {
  text: string;
  keep: boolean;
}

/**
 * A number, a space and a unit of time, rate, CPU, size or share ("12.3 ms", "+2.65 ms", "0.35
 * vCPU", "1000 requests/s", "5.1 s"), not a count of things ("3 sidecars", "1000 requests").
 */
const NUMBER_UNIT = /[+\u2212-]?\d[\d.,]*[ \u00a0](?:ms|µs|s|min|h|req\/s|requests\/s|vCPU|KB|MB|GB|%|×)(?![\p{L}\p{N}])/gu;

/** `text` cut into runs, each number-and-unit pair a run of its own to keep whole; joined, the runs are `text`. Pure. */
export function unitRuns(text: string): UnitRun[] {
  const runs: UnitRun[] = [];
  let at = 0;
  for (const m of text.matchAll(NUMBER_UNIT)) {
    if (m.index > at) runs.push({ text: text.slice(at, m.index), keep: false });
    runs.push({ text: m[0], keep: true });
    at = m.index + m[0].length;
  }
  if (at < text.length) runs.push({ text: text.slice(at), keep: false });
  return runs;
}
