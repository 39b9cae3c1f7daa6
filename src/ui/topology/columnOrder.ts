// Which column each node takes (its call depth from the clients) and its row in that column.
import { max } from 'd3';
import { meshNames, meshesOf } from './meshRegions';
import { onRequestPath } from './nodeTraits';
import type { Topology, TopologyNode } from './layoutTypes';

/**
 * Call depth of every node: 0 for clients, BFS along edges; unreachable nodes on the request
 * path get 1, nodes off it -1. Pure.
 */
export function callDepths(topology: Topology): number[] {
  const depth = topology.nodes.map(() => -1);
  const out = topology.nodes.map(() => [] as number[]);
  for (const e of topology.edges) out[e.from].push(e.to);
  const queue: number[] = [];
  for (const n of topology.nodes) {
    if (n.kind === 'client') {
      depth[n.id] = 0;
      queue.push(n.id);
    }
  }
  for (let i = 0; i < queue.length; i++) {
    const at = queue[i];
    for (const to of out[at]) {
      if (depth[to] === -1) {
        depth[to] = depth[at] + 1;
        queue.push(to);
      }
    }
  }
  return depth.map((d, i) => (d !== -1 ? d : onRequestPath(topology.nodes[i]) ? 1 : -1));
}

/**
 * The request path's columns by call depth (`depth`: callDepths), each in the order its nodes are
 * drawn top to bottom: the members of a mesh together (meshes in order, then nodes outside every
 * mesh, then third parties), and among those by the mean row of their callers, so edges cross
 * as little as possible; the clients by the rows of what they call, then the columns again. Pure.
 */
export function orderColumns(topology: Topology, depth: readonly number[]): TopologyNode[][] {
  const meshes = meshNames(topology.nodes);
  // Within a column, the members of each mesh sit together (so a region can be drawn around
  // them), meshes in order, then nodes outside every mesh, then third parties.
  const groupRank = (n: TopologyNode) => {
    const m = meshesOf(n);
    // Clients outside every mesh, on the internet or not, are ordered by what they call.
    if (n.kind === 'client' && m.length === 0) return 1000;
    if (n.external) return 2000;
    if (m.length === 0) return 1000;
    return meshes.indexOf(m[0]) + (m.length > 1 ? 0.5 : 0);
  };
  const ncols = Math.max(1, (max(depth) ?? 0) + 1);
  const columns: TopologyNode[][] = Array.from({ length: ncols }, () => []);
  for (const n of topology.nodes) if (depth[n.id] >= 0) columns[depth[n.id]].push(n);
  const rowOf = new Map<number, number>();
  const callers = topology.nodes.map(() => [] as number[]);
  const callees = topology.nodes.map(() => [] as number[]);
  for (const e of topology.edges) {
    callers[e.to].push(e.from);
    callees[e.from].push(e.to);
  }
  const mean = (ids: number[]) => {
    const rows = ids.filter((c) => rowOf.has(c)).map((c) => rowOf.get(c)!);
    return rows.length ? rows.reduce((a, b) => a + b, 0) / rows.length : Number.POSITIVE_INFINITY;
  };
  const setRows = (col: readonly TopologyNode[]) => col.forEach((n, i) => rowOf.set(n.id, col.length === 1 ? 0.5 : i / (col.length - 1)));
  const order = (col: TopologyNode[], key: (n: TopologyNode) => number) => {
    const keys = new Map(col.map((n) => [n.id, key(n)]));
    col.sort((a, b) => groupRank(a) - groupRank(b) || keys.get(a.id)! - keys.get(b.id)! || a.id - b.id);
    setRows(col);
    if (placeThirdParties(col, callers, rowOf)) setRows(col);
  };
  // Each column by the mean row of its callers, so edges cross as little as possible; then the
  // clients by the rows of what they call, and the columns again.
  for (const col of columns) order(col, (n) => mean(callers[n.id]));
  if (columns.length > 1) {
    order(columns[0], (n) => mean(callees[n.id]));
    for (const col of columns.slice(1)) order(col, (n) => mean(callers[n.id]));
  }
  return columns;
}

/** Above this many nodes in a column, third parties keep their place at its foot (the search is quadratic). */
const THIRD_PARTY_SEARCH_MAX = 60;

/**
 * Moves each third party (an `external` service, drawn as a cloud outside every mesh) of a column
 * from the column's foot to the gap between the column's groups where its links from the callers'
 * rows (`rowOf`, 0..1 top to bottom) cross the fewest others: a partner called from the top of the
 * previous column sits at the top, beside its caller, instead of crossing the links into a mesh
 * below (trial N11: egress -> partner crossed payments-bridge -> ledger). A third party never
 * splits a group, so each mesh's members stay together for its region. It moves only for strictly
 * fewer crossings, so a picture without such a crossing is unchanged. Returns whether the column
 * changed (in place). Pure but for `col`.
 */
export function placeThirdParties(col: TopologyNode[], callers: readonly (readonly number[])[], rowOf: ReadonlyMap<number, number>): boolean {
  const external = col.filter((n) => n.external && n.kind !== 'client');
  if (external.length === 0 || external.length === col.length || col.length > THIRD_PARTY_SEARCH_MAX) return false;
  let current = col.slice();
  let changed = false;
  for (const ext of external) {
    const rest = current.filter((n) => n !== ext);
    // Gaps between groups: before the first node, and wherever the group (mesh, or outside) changes.
    const gaps = [0];
    for (let i = 1; i <= rest.length; i++) if (i === rest.length || groupKey(rest[i]) !== groupKey(rest[i - 1])) gaps.push(i);
    const at = current.indexOf(ext);
    let best = current;
    let bestCrossings = crossings(current, callers, rowOf);
    for (const g of gaps) {
      const tried = [...rest.slice(0, g), ext, ...rest.slice(g)];
      if (tried.indexOf(ext) === at) continue;
      const c = crossings(tried, callers, rowOf);
      if (c < bestCrossings) {
        best = tried;
        bestCrossings = c;
      }
    }
    if (best !== current) {
      current = best;
      changed = true;
    }
  }
  if (changed) col.splice(0, col.length, ...current);
  return changed;
}

/** A column group's key: its meshes joined, '' outside every mesh, one key per third party. */
function groupKey(n: TopologyNode): string {
  return n.external && n.kind !== 'client' ? `external:${n.id}` : meshesOf(n).join('+');
}

/**
 * Pairs of links into `col` that cross: links from callers with a row (`rowOf`) to nodes of `col`
 * in their order, a pair crossing when their callers' rows and their targets' places are in
 * opposite orders. Quadratic in the column's incoming links.
 */
function crossings(col: readonly TopologyNode[], callers: readonly (readonly number[])[], rowOf: ReadonlyMap<number, number>): number {
  const links: [number, number][] = [];
  const here = new Set(col.map((n) => n.id));
  col.forEach((n, i) => {
    for (const c of callers[n.id]) {
      const r = rowOf.get(c);
      if (r !== undefined && !here.has(c)) links.push([r, i]);
    }
  });
  let count = 0;
  for (let a = 0; a < links.length; a++) {
    for (let b = a + 1; b < links.length; b++) {
      if ((links[a][0] - links[b][0]) * (links[a][1] - links[b][1]) < 0) count++;
    }
  }
  return count;
}
