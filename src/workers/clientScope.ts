// The compare figures for one client's requests only (trial N13, 1: gateway-and-mesh's failed 16%
// was the gateway's deliberate 401/429/410 for three extra clients, its shoppers' near 0): what a
// run's summary says of one client, the hops on a client's path, and which clients two runs share.
// Pure functions of summaries (RunSummary.clients, RunSummary.edges).
import type { LatencySummary } from '../sim-engine';
import type { RunSummary } from '../models';

/** What the scoped rows read of a run: requests sent, failed, failures by cause, latency of ok requests after the warm-up. */
export interface ScopedBooks {
  sent: number;
  failed: number;
  failures: Record<string, number>;
  latencyMs: LatencySummary;
  /** Ok requests after the warm-up were counted (a latency to show). */
  latencyMeasured: boolean;
}

/**
 * The books of `scope` (a client's name) in run `s`, from `s.clients`; of the whole run when `scope`
 * is null (`latencyMeasured` as given). Null when the run has no such client (or its summary
 * predates `clients`): its side of the table reads '—'. Pure.
 */
export function scopedBooks(s: RunSummary, scope: string | null, latencyMeasured: boolean): ScopedBooks | null {
  if (scope === null) return { sent: s.requests.sent, failed: s.requests.failed, failures: s.failures, latencyMs: s.latencyMs, latencyMeasured };
  const c = s.clients?.[scope];
  if (!c) return null;
  // A client whose ok requests after the warm-up were none has an empty histogram: max 0.
  return { sent: c.sent, failed: c.failed, failures: c.failures, latencyMs: c.latencyMs, latencyMeasured: latencyMeasured && c.latencyMs.max > 0 };
}

/** The links that carried calls so far, `caller -> callees` (`s.edges` with requests > 0), in the summary's order. */
function calledLinks(s: RunSummary): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [name, e] of Object.entries(s.edges)) {
    if (e.requests <= 0) continue;
    const [from, to] = name.split('->');
    const list = out.get(from);
    if (list) list.push(to);
    else out.set(from, [to]);
  }
  return out;
}

/**
 * The longest path from each node over `out`, each node once on a path, memoized across nodes when
 * the links hold no cycle (the longest path from a node is then the same whatever led to it), and
 * searched path by path when they do (a cycle ends a path where it comes back: api -> db -> api).
 * Built once for a run, so every client's hops read one graph: 4,000 clients over 4,000 links was
 * 16 million link reads a summary, a minute of the page's CPU at the compare view's every refresh
 * (session 52, W7).
 */
function longestPaths(out: Map<string, string[]>): (node: string) => number {
  // Kahn's order over the nodes with links: every node left over sits on or behind a cycle.
  const indegree = new Map<string, number>();
  for (const [from, tos] of out) {
    if (!indegree.has(from)) indegree.set(from, 0);
    for (const to of tos) indegree.set(to, (indegree.get(to) ?? 0) + 1);
  }
  const ready = [...indegree].filter(([, d]) => d === 0).map(([n]) => n);
  let ordered = 0;
  while (ready.length > 0) {
    const n = ready.pop()!;
    ordered++;
    for (const to of out.get(n) ?? []) {
      const d = indegree.get(to)! - 1;
      indegree.set(to, d);
      if (d === 0) ready.push(to);
    }
  }
  if (ordered === indegree.size) {
    const memo = new Map<string, number>();
    const deepest = (node: string): number => {
      const known = memo.get(node);
      if (known !== undefined) return known;
      let best = 0;
      for (const next of out.get(node) ?? []) best = Math.max(best, 1 + deepest(next));
      memo.set(node, best);
      return best;
    };
    return deepest;
  }
  const onPath = new Set<string>();
  const deepest = (node: string): number => {
    onPath.add(node);
    let best = 0;
    for (const next of out.get(node) ?? []) if (!onPath.has(next)) best = Math.max(best, 1 + deepest(next));
    onPath.delete(node);
    return best;
  };
  return deepest;
}

/**
 * Hops on the longest path a request of client `client` can take: from the client, over the links
 * that carried calls so far (`s.edges`, `caller->callee` with requests > 0), each node once on a
 * path. gateway-only's shoppers -> edge -> frontend -> catalog is 3; mesh-only's shoppers ->
 * frontend -> catalog 2; links of other clients' requests do not count (the 4 links with calls in
 * gateway-only counted frontend -> catalog and frontend -> inventory both). The links are not told
 * apart by whose request they carried, so a request a gateway answers itself (a 429) still counts
 * the path behind the gateway. 0 for a client with no call. Pure.
 */
export function pathHops(s: RunSummary, client: string): number {
  return longestPaths(calledLinks(s))(client);
}

/**
 * The hops on a request's path in run `s` for `scope`: that client's (`pathHops`), or for every
 * client that sent a request the fewest and the most ([min, max], equal when all paths are as
 * long). Null when the scope's client is not in the run or nobody sent a request yet. Pure; the
 * run's links are read once for all its clients.
 */
export function hopsSpan(s: RunSummary, scope: string | null): [number, number] | null {
  const names = scope !== null ? (s.clients?.[scope] ? [scope] : []) : Object.entries(s.clients ?? {}).filter(([, c]) => c.sent > 0).map(([n]) => n);
  if (names.length === 0) return null;
  const deepest = longestPaths(calledLinks(s));
  let min = Number.POSITIVE_INFINITY;
  let max = 0;
  for (const n of names) {
    const h = deepest(n);
    if (h <= 0) continue;
    if (h < min) min = h;
    if (h > max) max = h;
  }
  return max === 0 ? null : [min, max];
}

/** The clients of two runs: those both have (in A's order), and those only A or only B has. Pure. */
export function clientSets(a: RunSummary, b: RunSummary): { both: string[]; onlyA: string[]; onlyB: string[] } {
  const na = Object.keys(a.clients ?? {});
  const nb = Object.keys(b.clients ?? {});
  // Sets, not lists: 4,000 clients a side were 16 million string compares a refresh.
  const inA = new Set(na);
  const inB = new Set(nb);
  return { both: na.filter((n) => inB.has(n)), onlyA: na.filter((n) => !inB.has(n)), onlyB: nb.filter((n) => !inA.has(n)) };
}

/**
 * The line above the table when the runs' clients differ, naming them and what the figures are for:
 * "B has 3 clients A has not: old-app, bulk-export, scraper — showing all clients" (or "— showing
 * shoppers"). Null when both runs have the same clients. Pure.
 */
export function clientsLine(a: RunSummary, b: RunSummary, scope: string | null): string | null {
  const { onlyA, onlyB } = clientSets(a, b);
  if (onlyA.length === 0 && onlyB.length === 0) return null;
  const part = (side: string, other: string, names: string[]) => `${side} has ${names.length === 1 ? '1 client' : `${names.length} clients`} ${other} has not: ${names.join(', ')}`;
  const parts = [...(onlyA.length ? [part('A', 'B', onlyA)] : []), ...(onlyB.length ? [part('B', 'A', onlyB)] : [])];
  return `${parts.join('; ')} — showing ${scope === null ? 'all clients' : scope}`;
}
