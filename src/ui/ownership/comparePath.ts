// Which path the compare view's two ownership views open on, one path for both (trial N18, 4: A
// opened on "shoppers → storefront → catalog" and B on "analysts → reports → orders", so the tables
// side by side did not line up). Pure; the rule is comparePath's docstring.
import type { Ownership, OwnedFeature, OwnedPath } from '../../models/ownership';
import type { SeriesBucket } from '../../workers/series';
import { focusScores } from './openingPath';

/** A path by name, the way both runs can share it: its node names, client first, joined by " → ". Pure. */
export function pathKey(p: Pick<OwnedPath, 'nodes'>): string {
  return p.nodes.join(' → ');
}

/** What comparePath reads of one run. */
export interface ComparePathSide {
  ownership: Pick<Ownership, 'paths'>;
  /** What its story step names now (highlights: node names and "a->b" links), as openingPath reads it. */
  focus: readonly string[];
  /** Each client's failed share of its requests that ended so far, 0..1; a client missing is read as not yet known (0). */
  failed: ReadonlyMap<string, number>;
}

/**
 * Each client's failed share of its requests that ended so far (0..1), from a run's per-second
 * series (SeriesBucket.clients); a client with none ended is left out. Pure.
 */
export function clientFailedShares(buckets: readonly SeriesBucket[]): Map<string, number> {
  const ended = new Map<string, { ok: number; failed: number }>();
  for (const b of buckets) {
    for (const [name, c] of Object.entries(b.clients ?? {})) {
      const e = ended.get(name) ?? { ok: 0, failed: 0 };
      e.ok += c.ok;
      e.failed += c.failed;
      ended.set(name, e);
    }
  }
  const out = new Map<string, number>();
  for (const [name, e] of ended) if (e.ok + e.failed > 0) out.set(name, e.failed / (e.ok + e.failed));
  return out;
}

/** "layer detail" of each (hop, feature) cell of a path, for comparing two runs' tables cell by cell. */
function cells(p: OwnedPath): Map<string, string> {
  const out = new Map<string, string>();
  p.hops.forEach((h, i) => {
    for (const [f, own] of Object.entries(h.owners) as [OwnedFeature, NonNullable<OwnedPath['hops'][number]['owners'][OwnedFeature]>][]) {
      if (own) out.set(`${i}|${f}`, `${own.layer} ${own.detail}`);
    }
  });
  return out;
}

/**
 * How much two runs differ on one path (the same nodes by name in both): the gap between its
 * client's failed shares, in percentage points, plus one for each cell of the ownership table
 * (hop x feature) whose owner or policy differs, is set in one run only, or is refused in one only
 * (a cell weighs as much as a point of failed share). Pure.
 */
export function pathDifference(a: OwnedPath, b: OwnedPath, failedA: ReadonlyMap<string, number>, failedB: ReadonlyMap<string, number>): number {
  const client = a.nodes[0];
  const points = Math.abs((failedA.get(client) ?? 0) - (failedB.get(client) ?? 0)) * 100;
  const ca = cells(a);
  const cb = cells(b);
  let differ = 0;
  for (const [k, v] of ca) if (cb.get(k) !== v) differ++;
  for (const k of cb.keys()) if (!ca.has(k)) differ++;
  if (!a.refused !== !b.refused || a.refused?.status !== b.refused?.status) differ++;
  return points + differ;
}

/**
 * The path (pathKey) both ownership views of a compare open on until a person picks one, chosen as
 * a teacher would point at it:
 * 1. Only a path both runs have (the same nodes, by name, in order) can be shared; none: null, and
 *    each view opens on its own rule (openingPath.ts).
 * 2. The story's path: the one the two stories' current steps name most (openingPath's focus
 *    score, A's and B's added: 100 a link, 1 a node not on every path), when they name any.
 * 3. Among those left, the path the two runs differ on most (pathDifference: the gap in its
 *    client's failed share, in points, plus each table cell that differs; partial-adoption against
 *    its fix: analysts, 100% refused against none, over searchers, 5% against 0.1%).
 * 4. Ties: a path no request is refused on, then A's order.
 * Pure; empty paths on either side give null.
 */
export function comparePath(a: ComparePathSide, b: ComparePathSide): string | null {
  const inB = new Map<string, number>();
  b.ownership.paths.forEach((p, i) => {
    const k = pathKey(p);
    if (!inB.has(k)) inB.set(k, i);
  });
  const shared = a.ownership.paths.flatMap((p, i) => (inB.has(pathKey(p)) ? [{ i, j: inB.get(pathKey(p))! }] : []));
  if (shared.length === 0) return null;
  const namedA = focusScores(a.ownership.paths, a.focus);
  const namedB = focusScores(b.ownership.paths, b.focus);
  const named = shared.map(({ i, j }) => namedA[i] + namedB[j]);
  const most = Math.max(...named);
  const left = most > 0 ? shared.filter((_, k) => named[k] === most) : shared;
  let best = left[0];
  let bestScore = -1;
  for (const s of left) {
    const pa = a.ownership.paths[s.i];
    const pb = b.ownership.paths[s.j];
    // A refused path loses ties: its table stops at the gateway.
    const score = pathDifference(pa, pb, a.failed, b.failed) - (pa.refused ? 1e-6 : 0);
    if (score > bestScore) {
      best = s;
      bestScore = score;
    }
  }
  return pathKey(a.ownership.paths[best.i]);
}
