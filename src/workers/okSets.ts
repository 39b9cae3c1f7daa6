// When two runs' latencies are over different sets of requests (trial N18, 3): latency counts ok
// requests only, so where one run fails a large share (partial-adoption's analysts refused at
// STRICT), its fast or slow calls drop out of its latency, and B/A (p50 80.8 -> 43.6 ms, 0.54x)
// reads as "B made requests faster" when B only counts others. Envoy's and Istio's dashboards
// split latency by response code for the same reason (istio_request_duration by response_code).

/** Failed shares (of requests sent) further apart than this, as a fraction (5 percentage points), mark the latency rows. */
export const OK_SETS_APART = 0.05;

/**
 * The note on latency when `failedA` and `failedB` (each a fraction of requests sent, null when a
 * side has none) are more than OK_SETS_APART apart: "‡ Latency counts ok requests only: A failed
 * 18.6% of its requests and B 0.0%, …"; null otherwise. `pick` says how to compare like with like
 * (the app's client picker, the CLI's --client). Pure.
 */
export function okSetsNote(failedA: number | null, failedB: number | null, pick: string): string | null {
  if (failedA === null || failedB === null || Math.abs(failedA - failedB) <= OK_SETS_APART) return null;
  const pct = (v: number) => `${(100 * v).toFixed(1)}%`;
  return `‡ Latency counts ok requests only, and A failed ${pct(failedA)} of the requests it sent, B ${pct(failedB)}: the two latencies are over different requests (a failed call drops out of its run's), so B/A is not the same requests made faster or slower. ${pick}`;
}

/**
 * Where a latency is quoted beside two failed shares (the compare verdict line, the table's p99
 * row): which side's failed requests its ok requests leave out, when the shares are more than
 * OK_SETS_APART apart (okSetsNote's rule), short: "A's 21.6% failed are left out", "A's 22.0% and
 * B's 6.0% failed are left out"; a side failing none is not named. Null when not that far apart or
 * a side has no share (trial T3, 2: "p99 183 ms vs 191 ms" read as "the mesh costs 8 ms at p99",
 * where A's 22% failed dropped out of A's). Pure.
 */
export function okOnlyWords(failedA: number | null, failedB: number | null): string | null {
  if (failedA === null || failedB === null || Math.abs(failedA - failedB) <= OK_SETS_APART) return null;
  const pct = (v: number) => `${(100 * v).toFixed(1)}%`;
  const sides = ([['A', failedA], ['B', failedB]] as const).filter(([, v]) => v > 0).map(([side, v]) => `${side}'s ${pct(v)}`);
  return `${sides.join(' and ')} failed are left out`;
}
