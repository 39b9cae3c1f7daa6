// The ready-made pairs the scenario picker offers for the compare view: each sets two shipped
// scenarios side by side on one seeded workload (issue 12, item 1).

/** A pair of shipped scenarios by file name (A on the left, B on the right) and why they go together. */
export interface ComparePair {
  a: string;
  b: string;
  /** What the pair shows, for the picker. */
  label: string;
}

/** The pairs the picker offers, in its order. Each name is a file in scenarios/. */
export const READY_PAIRS: readonly ComparePair[] = [
  { a: 'gateway-only', b: 'mesh-only', label: 'Gateway only vs mesh only' },
  { a: 'retry-storm', b: 'retry-storm-fixed', label: 'Retry storm vs retries at one layer' },
  { a: 'two-meshes-direct', b: 'two-meshes-via-gateway', label: 'Two meshes: direct vs via a gateway' },
  { a: 'istio-load-test-baseline', b: 'istio-load-test', label: 'Istio load test: no sidecars vs sidecars' },
];

/** The link that opens a pair in the compare view (relative: `?compare=a,b`). Pure. */
export function pairHref(a: string, b: string): string {
  return `?compare=${encodeURIComponent(a)},${encodeURIComponent(b)}`;
}

/**
 * Whether no pair will open in the compare view: its link named none that opens, or a side failed
 * before both opened. The pairs are offered then, and there is nothing to present or share. Pure.
 */
export function noPair(panes: { readonly length: number }, s: { pair: readonly [string, string] | null; status: string }): boolean {
  return !s.pair || (s.status === 'failed' && panes.length < 2);
}
