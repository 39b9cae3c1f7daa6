// What the canvas view of a large topology keeps between frames (renderCanvasTopology.ts): each
// node's state as drawn, its replicas down or ejected, the figures of groups and group edges,
// and what is highlighted, faulted, found or hidden. Typed arrays, updated in place from frames
// and edge rates; each update says whether anything drawn changed, so the picture is redrawn
// only then. No drawing here.
import { NODE_STRIDE, NodeField } from '../../workers/protocol';
import type { EdgeRate } from './edgeRates';
import type { TitlePart } from './canvasLabels';
import { Cell, type GroupLayout } from './groupLayout';
import type { Topology } from './layoutTypes';
import { formatCount, formatPercent, formatRate, formatRateShort, formatSimTime } from '../format';
import { backlogPart } from './svgNodeState';

/**
 * Node states as drawn, one colour each. `saturated`: some of its sidecars saturated (NodeField.proxySaturated, a new
 * pass would wait SATURATED_WAIT_MS or more), drawn as the SVG view's saturated hexagon (truth.css
 * .topo-hex-saturated): the queue's dark ink with a heavy outline in the queue's colour.
 */
export const State = { idle: 0, busy1: 1, busy2: 2, busy3: 3, stale: 4, noConfig: 5, someDown: 6, down: 7, saturated: 8 } as const;
/** How many node states there are (State's values are 0 to STATES - 1). */
export const STATES = 9;

/** A tile title as drawn last: its box and the tile's, CSS px from the stage's top left, and its full text. */
export interface DrawnTitle {
  x: number;
  y: number;
  w: number;
  h: number;
  full: string;
  tile: { x: number; y: number; w: number; h: number };
}

/** The scene's state. Arrays by node id, edge id, group index or group-edge index. */
export interface CanvasSceneState {
  readonly topology: Topology;
  readonly layout: GroupLayout;
  /** Node count. */
  readonly n: number;
  /** Each node's State. */
  readonly state: Uint8Array;
  /** Replicas down, replicas ejected by callers' outlier detection, and when the first ejected one comes back (formatSimTime). */
  readonly downOf: Uint16Array;
  readonly ejectedOf: Uint16Array;
  readonly backOf: string[];
  /**
   * A node's saturated sidecars as the SVG view's state line says them ("proxies saturated · ≈15,000 waiting",
   * svgNodeState.backlogPart, the count to two figures), '' for none.
   */
  readonly backlogOf: string[];
  /** Per edge and per pair of groups: calls that failed a TLS handshake over the last 2 s. */
  readonly tlsFailed: Uint32Array;
  readonly groupTls: Uint32Array;
  /** 1 for a pair of groups with a mutual-TLS edge between them. */
  readonly groupMtls: Uint8Array;
  /**
   * 1 for a node whose name, written under it, covers no other node's square at any zoom:
   * nothing of its group sits right under it (the last row of its tile, or moved by hand).
   */
  readonly clearBelow: Uint8Array;
  /** 1 for a node that 1% or more of the calls to it fail. */
  readonly failing: Uint8Array;
  /** 1 for a node an active fault acts on. */
  readonly faulted: Uint8Array;
  /** 1 for a node or edge the narrative's step highlights. */
  readonly lit: Uint8Array;
  readonly litEdges: Uint8Array;
  /** 1 for a hidden group, and for each edge with an end in one. */
  readonly hidden: Uint8Array;
  readonly hiddenEdges: Uint8Array;
  /**
   * A tile's title in parts (name, members, calls per second, share failed), fitted to its room
   * when drawn, and in full (its tooltip).
   */
  readonly groupParts: TitlePart[][];
  readonly groupText: string[];
  /**
   * How far right of its tile's left edge a title may run, design units: to the next tile whose
   * top band it would meet (a narrow tile's title runs on over the gap beside it, never over
   * another tile). The stage's edge and locks are checked when drawn.
   */
  readonly titleRight: number[];
  /** 1 for a group that 1% or more of the calls to it fail. */
  readonly groupFailing: Uint8Array;
  /** Per pair of groups: log10 of its calls per second in quarters (0 for none), and 1 when 1% or more fail. */
  readonly groupEdgeRate: Float32Array;
  readonly groupEdgeFailed: Uint8Array;
  /** Node ids by name. */
  readonly byName: ReadonlyMap<string, number>;
  /** The node found last (drawn with a ring and its name), or null. */
  found: number | null;
  /** What the found node takes and sends a second (laneTip's nodeRates), '' before any figures. */
  foundRates: string;
  /** The tile titles drawn last, for their tooltips. */
  drawnTitles: DrawnTitle[];
  /** Counts changes of the hidden groups: the cached bitmap under the figures is drawn again on one. */
  baseVersion: number;
}

/** The state of a scene with nothing hidden, lit or failing yet. Pure. */
export function createSceneState(topology: Topology, layout: GroupLayout): CanvasSceneState {
  const n = topology.nodes.length;
  const groupMtls = new Uint8Array(layout.groupEdges.length);
  layout.groupEdges.forEach((ge, i) => (groupMtls[i] = ge.edges.some((id) => topology.edges[id].mtls) ? 1 : 0));
  const clearBelow = new Uint8Array(n).fill(1);
  // A node is clear below unless another of its group stands just under it. NOTE: each member
  // against the members below it in y order, up to a row and a square down, not against all
  // members (100 x 100 a tile at 1,000 services, 14 ms of the task that opens the scenario).
  for (const g of layout.groups) {
    const byY = [...g.members].sort((a, b) => layout.y[a] - layout.y[b]);
    for (let i = 0; i < byY.length; i++) {
      const a = byY[i];
      for (let j = i + 1; j < byY.length; j++) {
        const b = byY[j];
        const dy = layout.y[b] - layout.y[a];
        if (dy > Cell.step + Cell.size) break;
        if (dy > 0 && Math.abs(layout.x[b] - layout.x[a]) < Cell.step * 2) {
          clearBelow[a] = 0;
          break;
        }
      }
    }
  }
  const groupParts: TitlePart[][] = layout.groups.map((g) => [{ text: g.name, kind: 'name' }, { text: formatCount(g.members.length), kind: 'count' }]);
  const titleRight = layout.groups.map((g) => {
    let right = Number.POSITIVE_INFINITY;
    for (const o of layout.groups) {
      if (o === g || o.x <= g.x) continue;
      if (o.y < g.y + layout.header && g.y - Cell.gapY / 2 < o.y + o.h) right = Math.min(right, o.x);
    }
    return right;
  });
  return {
    topology,
    layout,
    n,
    state: new Uint8Array(n),
    downOf: new Uint16Array(n),
    ejectedOf: new Uint16Array(n),
    backOf: new Array<string>(n).fill(''),
    backlogOf: new Array<string>(n).fill(''),
    tlsFailed: new Uint32Array(topology.edges.length),
    groupTls: new Uint32Array(layout.groupEdges.length),
    groupMtls,
    clearBelow,
    failing: new Uint8Array(n),
    faulted: new Uint8Array(n),
    lit: new Uint8Array(n),
    litEdges: new Uint8Array(topology.edges.length),
    hidden: new Uint8Array(layout.groups.length),
    hiddenEdges: new Uint8Array(topology.edges.length),
    groupParts,
    groupText: groupParts.map((p) => p.map((x) => x.text).join(' · ')),
    titleRight,
    groupFailing: new Uint8Array(layout.groups.length),
    groupEdgeRate: new Float32Array(layout.groupEdges.length),
    groupEdgeFailed: new Uint8Array(layout.groupEdges.length),
    byName: new Map(topology.nodes.map((x) => [x.name, x.id])),
    found: null,
    foundRates: '',
    drawnTitles: [],
    baseVersion: 0,
  };
}

/**
 * Takes a frame's node array (NODE_STRIDE floats per node, or null for none); returns true when
 * a node's state as drawn changed. Impure: mutates `s`.
 */
export function updateLoad(s: CanvasSceneState, nodes: Float32Array | null): boolean {
  const { topology, state, downOf, ejectedOf, backOf, backlogOf } = s;
  let changed = false;
  for (const node of topology.nodes) {
    const i = node.id * NODE_STRIDE;
    let st: number = State.idle;
    if (nodes && nodes.length >= i + NODE_STRIDE) {
      const down = nodes[i + NodeField.down];
      if (node.kind === 'control-plane') st = down > 0 || nodes[i + NodeField.stale] > 0 ? State.down : State.idle;
      else if (down >= node.replicas && node.replicas > 0) st = State.down;
      else if (nodes[i + NodeField.noConfig] > 0) st = State.noConfig;
      else if (nodes[i + NodeField.stale] > 0) st = State.stale;
      else if (nodes[i + NodeField.proxySaturated] >= 1) st = State.saturated;
      else if (down > 0) st = State.someDown;
      else {
        const busy = nodes[i + NodeField.busy] / Math.max(1, node.replicas * node.concurrency);
        st = busy <= 0 ? State.idle : busy < 0.25 ? State.busy1 : busy < 0.75 ? State.busy2 : State.busy3;
      }
    }
    if (state[node.id] !== st) {
      state[node.id] = st;
      changed = true;
    }
    const ok = nodes !== null && nodes.length >= i + NODE_STRIDE && node.kind !== 'control-plane';
    const down = ok ? Math.min(node.replicas, Math.round(nodes[i + NodeField.down])) : 0;
    // A replica both down and ejected counts as down (as in the SVG view).
    const ejected = ok ? Math.max(0, Math.min(Math.round(nodes[i + NodeField.ejected]), node.replicas - down)) : 0;
    const back = ejected > 0 ? formatSimTime(nodes![i + NodeField.ejectedUntil]) : '';
    if (downOf[node.id] !== down || ejectedOf[node.id] !== ejected || backOf[node.id] !== back) {
      downOf[node.id] = down;
      ejectedOf[node.id] = ejected;
      backOf[node.id] = back;
      changed = true;
    }
    const saturated = ok ? Math.round(nodes[i + NodeField.proxySaturated]) : 0;
    const backlog = saturated > 0 ? backlogPart({ saturated, held: nodes![i + NodeField.proxyHeld], waitMs: nodes![i + NodeField.proxyWait] }, node.replicas)[1] : '';
    if (backlogOf[node.id] !== backlog) {
      backlogOf[node.id] = backlog;
      changed = true;
    }
  }
  return changed;
}

/**
 * Takes each edge's recent figures; returns true when a group's or node's figures as drawn
 * changed (failing nodes, TLS failures, tile titles, group edges' width and colour). Impure:
 * mutates `s`.
 */
export function updateRates(s: CanvasSceneState, rate: (edge: number) => EdgeRate | null): boolean {
  const { topology, layout, n, tlsFailed, groupTls, failing, groupParts, groupText, groupFailing, groupEdgeRate, groupEdgeFailed } = s;
  let changed = false;
  // A group's rate counts every try into it, as a link's label does (Envoy's upstream_rq_total);
  // its failed share is of the calls, as a link's is (edgeRates.ts).
  const tries = new Float64Array(layout.groups.length);
  const calls = new Float64Array(layout.groups.length);
  const failed = new Float64Array(layout.groups.length);
  const nodeFailing = new Uint8Array(n);
  for (const e of topology.edges) {
    const r = rate(e.id);
    if (!r) continue;
    const g = layout.groupOf[e.to];
    if (g >= 0) {
      tries[g] += r.triesPerSecond;
      calls[g] += r.perSecond;
      failed[g] += r.perSecond * r.failedShare;
    }
    if (r.failedShare >= 0.01) nodeFailing[e.to] = 1;
  }
  for (const e of topology.edges) {
    const t = Math.round(rate(e.id)?.tlsFailed ?? 0);
    if (t !== tlsFailed[e.id]) {
      tlsFailed[e.id] = t;
      changed = true;
    }
  }
  layout.groupEdges.forEach((ge, i) => {
    let t = 0;
    for (const id of ge.edges) t += tlsFailed[id];
    groupTls[i] = t;
  });
  for (let i = 0; i < n; i++) {
    if (nodeFailing[i] !== failing[i]) {
      failing[i] = nodeFailing[i];
      changed = true;
    }
  }
  layout.groups.forEach((g, i) => {
    const share = calls[i] > 0 ? failed[i] / calls[i] : 0;
    const parts: TitlePart[] = [{ text: g.name, kind: 'name' }, { text: formatCount(g.members.length), kind: 'count' }];
    if (tries[i] > 0) parts.push({ text: `${formatRate(tries[i])} req/s`, short: `${formatRateShort(tries[i])}/s`, kind: 'rate' });
    if (share > 0) parts.push({ text: `${formatPercent(share)} failed`, kind: 'failed' });
    const text = parts.map((p) => p.text).join(' · ');
    groupParts[i] = parts;
    const f = share >= 0.01 ? 1 : 0;
    if (text !== groupText[i] || f !== groupFailing[i]) {
      groupText[i] = text;
      groupFailing[i] = f;
      changed = true;
    }
  });
  layout.groupEdges.forEach((ge, i) => {
    let t = 0;
    let c = 0;
    let f = 0;
    for (const id of ge.edges) {
      const r = rate(id);
      if (!r) continue;
      t += r.triesPerSecond;
      c += r.perSecond;
      f += r.perSecond * r.failedShare;
    }
    const bucket = t <= 0 ? 0 : Math.round(Math.log10(t) * 4) / 4;
    const bad = c > 0 && f / c >= 0.01 ? 1 : 0;
    if (bucket !== groupEdgeRate[i] || bad !== groupEdgeFailed[i]) {
      groupEdgeRate[i] = bucket;
      groupEdgeFailed[i] = bad;
      changed = true;
    }
  });
  return changed;
}

/** Lights these node names and "from->to" edges (the narrative's step), and no others. Impure: mutates `s`. */
export function highlight(s: CanvasSceneState, keys: readonly string[]): void {
  const { topology, lit, litEdges, byName } = s;
  lit.fill(0);
  litEdges.fill(0);
  const set = new Set(keys);
  for (const k of keys) {
    const id = byName.get(k);
    if (id !== undefined) lit[id] = 1;
  }
  for (const e of topology.edges) {
    if (set.has(`${topology.nodes[e.from].name}->${topology.nodes[e.to].name}`)) litEdges[e.id] = 1;
  }
}

/** Marks the nodes that `faults` act on (a target's name, or its first word), and no others. Impure: mutates `s`. */
export function showFaults(s: CanvasSceneState, faults: readonly { type: string; target: string }[]): void {
  const { faulted, byName } = s;
  faulted.fill(0);
  for (const f of faults) {
    const id = byName.get(f.target) ?? byName.get(f.target.split(/[\s#@]/)[0]);
    if (id !== undefined) faulted[id] = 1;
  }
}

/** Hides or shows a group, and the edges with an end in it. Impure: mutates `s`. */
export function setHidden(s: CanvasSceneState, group: number, hidden: boolean): void {
  s.hidden[group] = hidden ? 1 : 0;
  s.baseVersion++;
  for (const e of s.topology.edges) s.hiddenEdges[e.id] = s.hidden[s.layout.groupOf[e.from]] || s.hidden[s.layout.groupOf[e.to]] ? 1 : 0;
}
