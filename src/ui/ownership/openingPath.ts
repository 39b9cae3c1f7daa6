// Which path the ownership view opens on, by a rule a person would agree with (trial N13, 4: it
// opened on the first path, not the one the story is about). Pure; documented in docs/app.md.
import type { Ownership, OwnedPath } from '../../models/ownership';
import type { Scenario } from '../../scenario';

/** What the rule reads of the scenario: which nodes are third parties, and each node's mesh. */
export type PathScenario = Pick<Scenario, 'services'> & { gateways?: Scenario['gateways'] };

/**
 * The index into `o.paths` the view opens on, in this order:
 * 1. The path the person is looking at: the one that holds the most of `focus`'s links
 *    ("a->b": the current story step's highlights, or the selected link), else of its nodes that
 *    are not on every path (a node on every path names none). Ties go on to the rules below.
 * 2. A path with a feature owned twice (retries or timeouts first: they multiply tries and nest timers).
 * 3. A path that leaves for a third party or crosses a boundary: through a node `external` in
 *    the scenario, or from a node of one mesh to a node of another mesh or of none.
 * 4. The path with the most policy set: owners on its hops that are not the app and not a
 *    default (Istio's retries, Envoy's 15 s, least-request), counted hop by hop.
 * 5. The first path.
 * A refused path (every request stops at a gateway) is passed over by rules 2-4 unless it is all
 * there is. Empty `o.paths` gives 0. `scenario` null skips rule 3.
 */
export function openingPath(o: Pick<Ownership, 'paths' | 'overlaps'>, scenario: PathScenario | null, focus: readonly string[] = []): number {
  if (o.paths.length === 0) return 0;
  let candidates = o.paths.map((_, i) => i);
  const named = focusScores(o.paths, focus);
  const best = Math.max(...named);
  if (best > 0) candidates = candidates.filter((i) => named[i] === best);
  const open = candidates.filter((i) => !o.paths[i].refused);
  if (open.length) candidates = open;
  const twice = (pick: (f: string) => boolean) => candidates.filter((i) => o.overlaps.some((x) => pick(x.feature) && x.paths.includes(i)));
  const stacked = twice((f) => f === 'retries' || f === 'timeouts');
  if (stacked.length) return stacked[0];
  const anyTwice = twice(() => true);
  if (anyTwice.length) return anyTwice[0];
  if (scenario) {
    const out = candidates.filter((i) => crossesBoundary(o.paths[i], scenario));
    if (out.length) candidates = out;
  }
  let pick = candidates[0];
  for (const i of candidates) if (policySet(o.paths[i]) > policySet(o.paths[pick])) pick = i;
  return pick;
}

/** How strongly each path is named by `focus`: 100 per link it holds, 1 per node that is on some paths but not all. Pure. */
export function focusScores(paths: readonly OwnedPath[], focus: readonly string[]): number[] {
  const links = focus.filter((f) => f.includes('->')).map((f) => f.split('->').map((s) => s.trim()));
  const nodes = focus.filter((f) => !f.includes('->') && !paths.every((p) => p.nodes.includes(f)));
  return paths.map((p) => {
    let score = 0;
    for (const [a, b] of links) if (p.hops.some((h) => h.from === a && h.to === b)) score += 100;
    for (const n of nodes) if (p.nodes.includes(n)) score += 1;
    return score;
  });
}

/** True when the path goes to a third party (an `external` service) or from one mesh to another (or to none). */
export function crossesBoundary(p: OwnedPath, s: PathScenario): boolean {
  const meshOf = new Map<string, string | undefined>();
  const external = new Set<string>();
  for (const v of s.services) {
    meshOf.set(v.name, v.mesh);
    if (v.external) external.add(v.name);
  }
  for (const g of s.gateways ?? []) meshOf.set(g.name, g.mesh);
  // The client is outside by nature: only the hops past the first are read.
  for (const h of p.hops.slice(1)) {
    if (external.has(h.to)) return true;
    if (meshOf.has(h.from) && meshOf.has(h.to) && meshOf.get(h.from) !== meshOf.get(h.to)) return true;
  }
  return false;
}

/** How much policy a path has set: owners on its hops that are neither the app nor a default. */
export function policySet(p: OwnedPath): number {
  let n = 0;
  for (const h of p.hops) for (const own of Object.values(h.owners)) if (own && own.layer !== 'app' && !own.caller && !/default/i.test(own.detail)) n++;
  return n;
}
