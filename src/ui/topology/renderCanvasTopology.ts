// Draws a large topology on a canvas (see UI.md "At scale" and STYLE.md "Drawing at scale"):
// group tiles tinted by mesh, aggregated edges between groups when zoomed out and each edge
// when zoomed in, a small mark per node coloured by its figures, and labels through a label
// grid. The scene keeps per-node state codes and says when they change, so the picture is
// redrawn only when a figure changed or the camera moved.
import { NODE_STRIDE, NodeField } from '../../workers/protocol';
import type { EdgeRate } from './edgeRates';
import { Cell, type GroupLayout } from './groupLayout';
import { pickLabels, type LabelCandidate, type LabelObstacle } from './labelGrid';
import type { Topology } from './layout';
import type { Camera } from './camera';
import { formatCount, formatPercent, formatRate, formatSimTime } from '../format';
import { humanNodeName } from '../inspector/picker';
import { BROKEN_LOCK_RADIUS_PX, LOCK_RADIUS_PX, DRAWN_PROPERTY, drawBrokenLock, drawFolds, drawLock, FOLD_PX, foldStates, LOCK_MIN_LINK_PX, type DrawnMark, type DrawnScene, type MarkColours } from './canvasMarks';

/** Node states as drawn, one colour each. */
const State = { idle: 0, busy1: 1, busy2: 2, busy3: 3, stale: 4, noConfig: 5, someDown: 6, down: 7 } as const;
const STATES = 8;
/** Screen pixels a cell must span before each node is drawn with its own edges and name. */
const DETAIL_PX = 18;
const NAME_PX = 20;
const MESH_TINTS = ['#0072b2', '#009e73', '#cc79a7'];
/** Label text, CSS px; in presenter mode PRESENTER_FONT (issue 11 item 8: node text >= 14 px at 1024x768). */
const FONT = 12;
export const PRESENTER_FONT = 14;
/** Most intact locks drawn in one frame (broken ones are always drawn). */
const MAX_LOCKS = 200;
/**
 * Fill of a node's square by state (idle, busy under 25%, under 75%, more, stale config, no
 * config, some replicas down, all down); the legend shows the same colours. CSS colours.
 */
export const NODE_STATE_FILLS = ['var(--surface)', '#cfe3f1', '#7fb3d9', 'var(--request)', 'var(--queued)', 'var(--failed)', '#b9c2cd', 'var(--down)'] as const;

export interface CanvasTopologyScene {
  readonly layout: GroupLayout;
  /** 1 for each edge with an end in a hidden group (the traffic canvas skips it). */
  readonly hiddenEdges: Uint8Array;
  /**
   * Takes a frame's node array (NODE_STRIDE floats per node); returns true when a node's state
   * as drawn changed. Mutates the scene, draws nothing.
   */
  updateLoad(nodes: Float32Array | null): boolean;
  /** Takes each edge's recent figures; returns true when a group's or node's figures changed. */
  updateRates(rate: (edge: number) => EdgeRate | null): boolean;
  /** Highlights these node names and "from->to" edges (the narrative's step). */
  highlight(keys: readonly string[]): void;
  /** Marks the nodes that active faults act on. */
  showFaults(faults: readonly { type: string; target: string }[]): void;
  /** Hides or shows a group. */
  setHidden(group: number, hidden: boolean): void;
  isHidden(group: number): boolean;
  /** The node found last (drawn with a ring and its name), or null. */
  setFound(node: number | null): void;
  /** The group whose tile holds this design point, or -1. */
  groupAt(x: number, y: number): number;
  /**
   * The node whose square holds this design point (no slop), or null: a click there picks the
   * node, whatever unsampled dot passes over it (issue 11's new-user pass). Hidden groups are
   * skipped. Pure.
   */
  nodeAt(x: number, y: number): number | null;
  /**
   * The full title of the group tile (or title) under this stage point (CSS px, as drawn last),
   * for the tooltip of a title shortened to fit; null off every tile. Pure.
   */
  titleAt(x: number, y: number): string | null;
  /**
   * What a click at this design point selects: the node whose mark holds it (with `slop` design
   * units around it), else the drawn edge passing within `slop`; null for neither. Hidden groups
   * are skipped. Pure.
   */
  pickAt(x: number, y: number, slop: number): { kind: 'node' | 'edge'; id: number } | null;
  /**
   * Draws everything but the traffic. Impure: draws on `ctx`, and sets what it drew (a
   * `DrawnScene`) as the `meshsimDrawn` property of `ctx.canvas`, for tests.
   */
  draw(ctx: CanvasRenderingContext2D, camera: Camera, dpr: number): void;
  /** What the last `draw` drew, or null before the first. */
  drawn(): DrawnScene | null;
}

/** How the scene is drawn: `presenter` draws its labels at PRESENTER_FONT px. */
export interface CanvasTopologyOptions {
  presenter?: boolean;
}

/**
 * Builds the scene of a large topology laid out by `computeGroupLayout`. Draws nothing until
 * `draw`. Reads nothing from the DOM.
 */
export function createCanvasTopology(topology: Topology, layout: GroupLayout, options: CanvasTopologyOptions = {}): CanvasTopologyScene {
  const n = topology.nodes.length;
  const font = options.presenter ? PRESENTER_FONT : FONT;
  const state = new Uint8Array(n);
  // Per node, from the frames: replicas down, replicas ejected by callers' outlier detection, and
  // when the first ejected one comes back (simulated ms, as the text shows it).
  const downOf = new Uint16Array(n);
  const ejectedOf = new Uint16Array(n);
  const backOf: string[] = new Array<string>(n).fill('');
  // Per edge and per pair of groups: calls that failed a TLS handshake over the last 2 s.
  const tlsFailed = new Uint32Array(topology.edges.length);
  const groupTls = new Uint32Array(layout.groupEdges.length);
  const groupMtls = new Uint8Array(layout.groupEdges.length);
  layout.groupEdges.forEach((ge, i) => (groupMtls[i] = ge.edges.some((id) => topology.edges[id].mtls) ? 1 : 0));
  let drawnScene: DrawnScene | null = null;
  // A node whose name, written under it, covers no other node's square at any zoom: nothing of
  // its group sits right under it (the last row of its tile, or moved by hand).
  const clearBelow = new Uint8Array(n).fill(1);
  for (const g of layout.groups) {
    for (const a of g.members) {
      for (const b of g.members) {
        const dy = layout.y[b] - layout.y[a];
        if (a !== b && dy > 0 && dy <= Cell.step + Cell.size && Math.abs(layout.x[b] - layout.x[a]) < Cell.step * 2) {
          clearBelow[a] = 0;
          break;
        }
      }
    }
  }
  const failing = new Uint8Array(n);
  const faulted = new Uint8Array(n);
  const lit = new Uint8Array(n);
  const hidden = new Uint8Array(layout.groups.length);
  const hiddenEdges = new Uint8Array(topology.edges.length);
  const litEdges = new Uint8Array(topology.edges.length);
  // A tile's title in parts (name, members, calls per second, share failed), fitted to its room
  // when drawn; the full text is its tooltip.
  const groupParts: string[][] = layout.groups.map((g) => [g.name, formatCount(g.members.length)]);
  const groupText = groupParts.map((p) => p.join(' · '));
  // How far right of its tile's left edge a title may run, design units: to the next tile whose
  // top band it would meet (a narrow tile's title runs on over the gap beside it, never over
  // another tile). The stage's edge and locks are checked when drawn.
  const titleRight = layout.groups.map((g) => {
    let right = Number.POSITIVE_INFINITY;
    for (const o of layout.groups) {
      if (o === g || o.x <= g.x) continue;
      if (o.y < g.y + layout.header && g.y - Cell.gapY / 2 < o.y + o.h) right = Math.min(right, o.x);
    }
    return right;
  });
  let drawnTitles: { x: number; y: number; w: number; h: number; full: string; tile: { x: number; y: number; w: number; h: number } }[] = [];
  const groupFailing = new Uint8Array(layout.groups.length);
  const groupEdgeRate = new Float32Array(layout.groupEdges.length);
  const groupEdgeFailed = new Uint8Array(layout.groupEdges.length);
  let found: number | null = null;
  const byName = new Map(topology.nodes.map((x) => [x.name, x.id]));
  // NOTE: what changes with figures many times a second (node marks, rings, tile outlines,
  // group edges, labels) is drawn over a cached bitmap of the rest (tile fills, each edge when
  // zoomed in, control-plane lines), drawn again only when the camera, the hidden groups or the
  // theme change. Redrawing that rest with every figure cost a software-rasterised canvas 20-60
  // ms at 1,000 services (issue 11: no main-thread task over 50 ms). `baseVersion` counts changes.
  let baseVersion = 0;
  const base: { canvas: HTMLCanvasElement | null; key: string } = { canvas: null, key: '' };
  // NOTE: node marks are a layer of their own, kept between draws: a draw paints again only the
  // nodes whose state changed since (clearing their cells), not 2,000 marks, most of them the
  // same. A full repaint of the layer comes with the base's (camera, hidden groups, theme).
  const nodeLayer: { canvas: HTMLCanvasElement | null; drawn: Uint8Array } = { canvas: null, drawn: new Uint8Array(n).fill(255) };
  let palette: { key: string; colours: Record<string, string> } | null = null;
  const sprites = new Map<string, HTMLCanvasElement>();
  /** A client's round mark, filled and outlined, at `scale` device pixels per design unit. */
  function clientSprite(fill: string, stroke: string, scale: number, dpr: number): HTMLCanvasElement {
    const key = `${fill}|${stroke}|${scale}|${dpr}`;
    let c = sprites.get(key);
    if (c) return c;
    if (sprites.size > 64) sprites.clear();
    const side = Math.ceil(Cell.size * scale + 2 * dpr);
    c = document.createElement('canvas');
    c.width = side;
    c.height = side;
    const g = c.getContext('2d')!;
    g.beginPath();
    g.arc(side / 2, side / 2, (Cell.size * scale) / 2, 0, 2 * Math.PI);
    g.fillStyle = fill;
    g.fill();
    g.lineWidth = dpr;
    g.strokeStyle = stroke;
    g.stroke();
    sprites.set(key, c);
    return c;
  }

  /**
   * Brings the node layer up to date: every node when `all`, else those whose state changed.
   * Impure: draws on the layer.
   */
  function drawNodeLayer(
    all: boolean,
    cw: number,
    ch: number,
    design: (c: CanvasRenderingContext2D) => void,
    onScreen: (x: number, y: number, w: number, h: number) => boolean,
    colours: { surface: string; request: string; queued: string; failed: string; down: string; edgeStrong: string },
    dpr: number,
    k: number,
    px: number,
  ): void {
    if (!nodeLayer.canvas) nodeLayer.canvas = document.createElement('canvas');
    const layer = nodeLayer.canvas;
    if (layer.width !== cw || layer.height !== ch) {
      layer.width = cw;
      layer.height = ch;
      all = true;
    }
    const ctx = layer.getContext('2d')!;
    if (all) {
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.clearRect(0, 0, cw, ch);
    }
    design(ctx);
    const fills = [colours.surface, '#cfe3f1', '#7fb3d9', colours.request, colours.queued, colours.failed, '#b9c2cd', colours.down];
    const half = Cell.size / 2;
    // The outline's width and its antialiasing, around the square.
    const pad = 1.5 * px;
    const changed: number[] = [];
    for (const node of topology.nodes) {
      const id = node.id;
      if (!all && nodeLayer.drawn[id] === state[id]) continue;
      nodeLayer.drawn[id] = state[id];
      if (hidden[layout.groupOf[id]]) continue;
      const x = layout.x[id];
      const y = layout.y[id];
      if (!onScreen(x - half, y - half, Cell.size, Cell.size)) continue;
      if (!all) ctx.clearRect(x - half - pad, y - half - pad, Cell.size + 2 * pad, Cell.size + 2 * pad);
      changed.push(id);
    }
    // One path per colour.
    for (let st = 0; st < STATES; st++) {
      ctx.beginPath();
      let any = false;
      for (const id of changed) {
        if (state[id] !== st) continue;
        const x = layout.x[id];
        const y = layout.y[id];
        if (topology.nodes[id].kind === 'client') {
          // NOTE: a stamped bitmap; a path of a thousand arcs took a software canvas 10-20 ms.
          const sprite = clientSprite(fills[st], colours.edgeStrong, dpr * k, dpr);
          const side = sprite.width / (dpr * k);
          ctx.drawImage(sprite, x - side / 2, y - side / 2, side, side);
        } else {
          ctx.rect(x - half, y - half, Cell.size, Cell.size);
          any = true;
        }
      }
      if (!any) continue;
      ctx.fillStyle = fills[st];
      ctx.fill();
      ctx.lineWidth = 1 * px;
      ctx.strokeStyle = colours.edgeStrong;
      ctx.stroke();
    }
  }

  function refreshHiddenEdges(): void {
    for (const e of topology.edges) hiddenEdges[e.id] = hidden[layout.groupOf[e.from]] || hidden[layout.groupOf[e.to]] ? 1 : 0;
  }

  return {
    layout,
    hiddenEdges,
    updateLoad(nodes) {
      let changed = false;
      for (const node of topology.nodes) {
        const i = node.id * NODE_STRIDE;
        let s: number = State.idle;
        if (nodes && nodes.length >= i + NODE_STRIDE) {
          const down = nodes[i + NodeField.down];
          if (node.kind === 'control-plane') s = down > 0 || nodes[i + NodeField.stale] > 0 ? State.down : State.idle;
          else if (down >= node.replicas && node.replicas > 0) s = State.down;
          else if (nodes[i + NodeField.noConfig] > 0) s = State.noConfig;
          else if (nodes[i + NodeField.stale] > 0) s = State.stale;
          else if (down > 0) s = State.someDown;
          else {
            const busy = nodes[i + NodeField.busy] / Math.max(1, node.replicas * node.concurrency);
            s = busy <= 0 ? State.idle : busy < 0.25 ? State.busy1 : busy < 0.75 ? State.busy2 : State.busy3;
          }
        }
        if (state[node.id] !== s) {
          state[node.id] = s;
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
      }
      return changed;
    },
    updateRates(rate) {
      let changed = false;
      const calls = new Float64Array(layout.groups.length);
      const failed = new Float64Array(layout.groups.length);
      const nodeFailing = new Uint8Array(n);
      for (const e of topology.edges) {
        const r = rate(e.id);
        if (!r) continue;
        const g = layout.groupOf[e.to];
        if (g >= 0) {
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
        const parts = [g.name, formatCount(g.members.length)];
        if (calls[i] > 0) parts.push(`${formatRate(calls[i])} req/s`);
        if (share > 0) parts.push(`${formatPercent(share)} failed`);
        const text = parts.join(' · ');
        groupParts[i] = parts;
        const f = share >= 0.01 ? 1 : 0;
        if (text !== groupText[i] || f !== groupFailing[i]) {
          groupText[i] = text;
          groupFailing[i] = f;
          changed = true;
        }
      });
      layout.groupEdges.forEach((ge, i) => {
        let c = 0;
        let f = 0;
        for (const id of ge.edges) {
          const r = rate(id);
          if (!r) continue;
          c += r.perSecond;
          f += r.perSecond * r.failedShare;
        }
        const bucket = c <= 0 ? 0 : Math.round(Math.log10(c) * 4) / 4;
        const bad = c > 0 && f / c >= 0.01 ? 1 : 0;
        if (bucket !== groupEdgeRate[i] || bad !== groupEdgeFailed[i]) {
          groupEdgeRate[i] = bucket;
          groupEdgeFailed[i] = bad;
          changed = true;
        }
      });
      return changed;
    },
    highlight(keys) {
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
    },
    showFaults(faults) {
      faulted.fill(0);
      for (const f of faults) {
        const id = byName.get(f.target) ?? byName.get(f.target.split(/[\s#@]/)[0]);
        if (id !== undefined) faulted[id] = 1;
      }
    },
    setHidden(group, h) {
      hidden[group] = h ? 1 : 0;
      baseVersion++;
      refreshHiddenEdges();
    },
    isHidden(group) {
      return hidden[group] === 1;
    },
    setFound(node) {
      found = node;
    },
    groupAt(x, y) {
      for (const g of layout.groups) if (!hidden[g.index] && x >= g.x && x <= g.x + g.w && y >= g.y && y <= g.y + g.h) return g.index;
      return -1;
    },
    nodeAt(x, y) {
      const half = Cell.size / 2;
      for (const node of topology.nodes) {
        if (hidden[layout.groupOf[node.id]]) continue;
        if (Math.abs(layout.x[node.id] - x) <= half && Math.abs(layout.y[node.id] - y) <= half) return node.id;
      }
      return null;
    },
    titleAt(x, y) {
      for (const t of drawnTitles) if (x >= t.x && x <= t.x + t.w && y >= t.y && y <= t.y + t.h) return t.full;
      for (const t of drawnTitles) if (x >= t.tile.x && x <= t.tile.x + t.tile.w && y >= t.tile.y && y <= t.tile.y + t.tile.h) return t.full;
      return null;
    },
    pickAt(x, y, slop) {
      const half = Cell.size / 2 + slop;
      for (const node of topology.nodes) {
        if (hidden[layout.groupOf[node.id]]) continue;
        if (Math.abs(layout.x[node.id] - x) <= half && Math.abs(layout.y[node.id] - y) <= half) return { kind: 'node', id: node.id };
      }
      let best = -1;
      let bestD = slop;
      for (const e of topology.edges) {
        if (hiddenEdges[e.id]) continue;
        const d = segmentDistance(x, y, layout.x[e.from], layout.y[e.from], layout.x[e.to], layout.y[e.to]);
        if (d <= bestD) {
          bestD = d;
          best = e.id;
        }
      }
      return best >= 0 ? { kind: 'edge', id: best } : null;
    },
    draw(target, camera, dpr) {
      // The theme's colours, read once per theme: getComputedStyle would recompute the page's
      // styles on every draw after any React update.
      const themeKey = document.documentElement.dataset.theme ?? '';
      const css = palette?.key === themeKey ? null : getComputedStyle(document.documentElement);
      const v = (name: string, fallback: string) => (css ? css.getPropertyValue(name).trim() || fallback : palette!.colours[name]);
      const colours = {
        stage: v('--stage', '#fafbfc'),
        surface: v('--surface', '#ffffff'),
        ink: v('--ink', '#0f172a'),
        muted: v('--muted', '#5b6b80'),
        edge: v('--edge', '#a3b0c0'),
        edgeStrong: v('--edge-strong', '#7c8a9e'),
        request: v('--request', '#0072b2'),
        failed: v('--failed', '#d55e00'),
        queued: v('--queued', '#e69f00'),
        down: v('--down', '#d5dbe3'),
        line: v('--line-strong', '#c3ccd8'),
        ink2: v('--ink-2', '#334155'),
        failedInk: v('--failed-ink', '#a14400'),
      };
      if (css) palette = { key: themeKey, colours: { ...Object.fromEntries(Object.entries(colours).map(([, c], i) => [PALETTE_NAMES[i], c])), '--font': v('--font', 'sans-serif') } };
      const k = camera.k * layout.scale;
      const design = (c: CanvasRenderingContext2D) => c.setTransform(dpr * k, 0, 0, dpr * k, dpr * (camera.x + camera.k * layout.tx), dpr * (camera.y + camera.k * layout.ty));
      const { width: cw, height: ch } = target.canvas;
      const baseKey = `${cw}x${ch}|${dpr}|${camera.k},${camera.x},${camera.y}|${baseVersion}|${themeKey}`;
      const fresh = base.key !== baseKey || !base.canvas;
      if (!base.canvas) base.canvas = document.createElement('canvas');
      if (base.canvas.width !== cw || base.canvas.height !== ch) {
        base.canvas.width = cw;
        base.canvas.height = ch;
      }
      let ctx = base.canvas.getContext('2d')!;
      if (fresh) {
        base.key = baseKey;
        ctx.setTransform(1, 0, 0, 1, 0, 0);
        ctx.clearRect(0, 0, cw, ch);
      }
      design(ctx);
      // The design rectangle on screen, to skip what is off it.
      const ox = (0 - camera.x - camera.k * layout.tx) / k;
      const oy = (0 - camera.y - camera.k * layout.ty) / k;
      const vw = layout.width / k;
      const vh = layout.height / k;
      const onScreen = (x: number, y: number, w: number, h: number) => x + w >= ox && x <= ox + vw && y + h >= oy && y <= oy + vh;
      const detail = Cell.step * k >= DETAIL_PX;
      const px = 1 / k;

      // Tiles, tinted by mesh.
      const meshIndex = new Map<string, number>();
      for (const g of layout.groups) if (g.mesh && !meshIndex.has(g.mesh)) meshIndex.set(g.mesh, meshIndex.size);
      const tintOf = (g: (typeof layout.groups)[number]) => (g.mesh ? MESH_TINTS[meshIndex.get(g.mesh)! % MESH_TINTS.length] : colours.muted);
      const tiles = layout.groups.filter((g) => !hidden[g.index] && onScreen(g.x, g.y, g.w, g.h));
      if (fresh) {
        // The cached part: tile fills, each edge when zoomed in, control-plane lines.
        ctx.globalAlpha = 0.08;
        for (const g of tiles) {
          ctx.beginPath();
          ctx.roundRect(g.x, g.y, g.w, g.h, 10);
          ctx.fillStyle = tintOf(g);
          ctx.fill();
        }
        ctx.globalAlpha = 1;
        ctx.lineWidth = 1 * px;
        if (detail) {
          ctx.strokeStyle = colours.edge;
          ctx.beginPath();
          for (const e of topology.edges) {
            if (hiddenEdges[e.id]) continue;
            const x0 = layout.x[e.from];
            const y0 = layout.y[e.from];
            const x1 = layout.x[e.to];
            const y1 = layout.y[e.to];
            if (!onScreen(Math.min(x0, x1), Math.min(y0, y1), Math.abs(x1 - x0), Math.abs(y1 - y0))) continue;
            ctx.moveTo(x0, y0);
            ctx.lineTo(x1, y1);
          }
          ctx.stroke();
        }
        // Control planes to the tiles of their mesh: one thin dashed line per tile.
        ctx.setLineDash([4 * px, 4 * px]);
        ctx.strokeStyle = colours.line;
        ctx.beginPath();
        for (const cp of topology.nodes) {
          if (cp.kind !== 'control-plane' || !cp.mesh || hidden[layout.groupOf[cp.id]]) continue;
          for (const g of layout.groups) {
            if (g.mesh !== cp.mesh || hidden[g.index]) continue;
            ctx.moveTo(layout.x[cp.id], layout.y[cp.id]);
            ctx.lineTo(g.x + g.w / 2, g.y);
          }
        }
        ctx.stroke();
        ctx.setLineDash([]);
      }
      // Onto the screen's canvas: the cached part, then what figures change over it.
      ctx = target;
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.clearRect(0, 0, cw, ch);
      ctx.drawImage(base.canvas, 0, 0);
      design(ctx);
      for (const g of tiles) {
        ctx.beginPath();
        ctx.roundRect(g.x, g.y, g.w, g.h, 10);
        ctx.lineWidth = (groupFailing[g.index] ? 3 : 1.25) * px;
        ctx.strokeStyle = groupFailing[g.index] ? colours.failed : tintOf(g);
        ctx.stroke();
      }
      // Zoomed out, one edge per pair of groups, as wide as its calls per second.
      if (!detail) {
        layout.groupEdges.forEach((ge, i) => {
          if (hidden[ge.from] || hidden[ge.to] || ge.from === ge.to) return;
          const [x0, y0, x1, y1] = groupEdgeEnds(layout, i);
          ctx.beginPath();
          ctx.moveTo(x0, y0);
          ctx.lineTo(x1, y1);
          ctx.strokeStyle = groupEdgeFailed[i] ? colours.failed : colours.edgeStrong;
          ctx.lineWidth = (1.5 + Math.max(0, groupEdgeRate[i])) * px;
          ctx.stroke();
          arrowHead(ctx, x0, y0, x1, y1, 7 * px);
        });
      }

      // Nodes, from their own layer: a node is drawn there again only when its state changed.
      const half = Cell.size / 2;
      drawNodeLayer(fresh, cw, ch, design, onScreen, colours, dpr, k, px);
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.drawImage(nodeLayer.canvas!, 0, 0);
      design(ctx);
      // Failing, faulted, highlighted and found nodes get rings.
      const ring = (flags: Uint8Array | null, one: number | null, colour: string, width: number, pad: number) => {
        ctx.beginPath();
        let any = false;
        const add = (id: number) => {
          if (hidden[layout.groupOf[id]]) return;
          ctx.rect(layout.x[id] - half - pad, layout.y[id] - half - pad, Cell.size + 2 * pad, Cell.size + 2 * pad);
          any = true;
        };
        if (flags) for (let i = 0; i < n; i++) if (flags[i]) add(i);
        if (one !== null) add(one);
        if (!any) return;
        ctx.strokeStyle = colour;
        ctx.lineWidth = width;
        ctx.stroke();
      };
      ring(failing, null, colours.failed, Math.max(2.5, 1.5 * px), 1);
      ring(faulted, null, colours.failed, Math.max(2, 2 * px), 4);
      ring(lit, null, colours.queued, Math.max(2.5, 3 * px), 3 + 2 * px);
      ring(null, found, colours.ink, Math.max(3, 3 * px), 5 + 3 * px);
      if (detail) {
        ctx.strokeStyle = colours.queued;
        ctx.lineWidth = Math.max(2, 3 * px);
        ctx.beginPath();
        for (const e of topology.edges) {
          if (!litEdges[e.id] || hiddenEdges[e.id]) continue;
          ctx.moveTo(layout.x[e.from], layout.y[e.from]);
          ctx.lineTo(layout.x[e.to], layout.y[e.to]);
        }
        ctx.stroke();
      }

      // What happened, in screen pixels over the nodes and links: replicas as folds (zoomed in)
      // or a dashed ring (zoomed out) when ejected, and locks, broken where handshakes failed.
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      const sx = (x: number) => camera.x + camera.k * (layout.tx + layout.scale * x);
      const sy = (y: number) => camera.y + camera.k * (layout.ty + layout.scale * y);
      const marks: DrawnMark[] = [];
      const markColours: MarkColours = { surface: colours.surface, ink2: colours.ink2, edgeStrong: colours.edgeStrong, failed: colours.failed, failedInk: colours.failedInk, down: colours.down, muted: colours.muted, downFold: '#b9c2cd' };
      const side = Cell.size * k;
      let drawnNodes = 0;
      for (const node of topology.nodes) {
        if (hidden[layout.groupOf[node.id]]) continue;
        const x = sx(layout.x[node.id] - half);
        const y = sy(layout.y[node.id] - half);
        if (x + side < 0 || x > layout.width || y + side < 0 || y > layout.height) continue;
        drawnNodes++;
        const foldable = node.replicas > 1 && (node.kind === 'service' || node.kind === 'gateway');
        if (foldable && side >= FOLD_PX) {
          const states = foldStates(node.replicas, downOf[node.id], ejectedOf[node.id]);
          drawFolds(ctx, x, y, side, states, markColours).forEach((b, index) => marks.push({ kind: 'fold', ...b, node: node.name, index, state: states[index] }));
        } else if (ejectedOf[node.id] > 0) {
          ctx.setLineDash([3, 2]);
          ctx.lineWidth = 1.5;
          ctx.strokeStyle = colours.muted;
          ctx.strokeRect(x - 3, y - 3, side + 6, side + 6);
          ctx.setLineDash([]);
        }
        if (ejectedOf[node.id] > 0) marks.push({ kind: 'ejected', x: x + side / 2, y: y + side / 2, node: node.name, ejected: ejectedOf[node.id], replicas: node.replicas, back: backOf[node.id] });
      }
      const nameOf = (id: number) => topology.nodes[id].name;
      const inTile = (x: number, y: number) => {
        const dx = ((x - camera.x) / camera.k - layout.tx) / layout.scale;
        const dy = ((y - camera.y) / camera.k - layout.ty) / layout.scale;
        return layout.groups.some((g) => !hidden[g.index] && dx >= g.x && dx <= g.x + g.w && dy >= g.y && dy <= g.y + g.h);
      };
      const inView = (x: number, y: number, r: number) => x >= -r && x <= layout.width + r && y >= -r && y <= layout.height + r;
      // Broken locks last, so no whole lock covers one.
      const broken: { x: number; y: number; edge: string; failed: number }[] = [];
      const locks: { x: number; y: number }[] = [];
      const lockAt = (x: number, y: number, length: number, mtls: boolean, failed: number, edge: string) => {
        if (!inView(x, y, BROKEN_LOCK_RADIUS_PX)) return;
        if (failed > 0) broken.push({ x, y, edge, failed });
        // Two links crossing at their middles share one whole lock, and a whole lock is left out
        // where it would cover nodes (inside a tile): it says less than the node it hides.
        else if (mtls && length >= LOCK_MIN_LINK_PX && locks.length < MAX_LOCKS && !locks.some((l) => Math.hypot(l.x - x, l.y - y) < 2 * LOCK_RADIUS_PX) && !inTile(x, y)) {
          locks.push({ x, y });
          drawLock(ctx, x, y, markColours);
          marks.push({ kind: 'lock', x, y, edge });
        }
      };
      const edgeLock = (id: number) => {
        const e = topology.edges[id];
        const x0 = sx(layout.x[e.from]);
        const y0 = sy(layout.y[e.from]);
        const x1 = sx(layout.x[e.to]);
        const y1 = sy(layout.y[e.to]);
        lockAt((x0 + x1) / 2, (y0 + y1) / 2, Math.hypot(x1 - x0, y1 - y0), e.mtls, tlsFailed[id], `${nameOf(e.from)}->${nameOf(e.to)}`);
      };
      if (detail) {
        for (const e of topology.edges) if (!hiddenEdges[e.id] && (e.mtls || tlsFailed[e.id] > 0)) edgeLock(e.id);
      } else {
        layout.groupEdges.forEach((ge, i) => {
          if (hidden[ge.from] || hidden[ge.to]) return;
          if (ge.from === ge.to) {
            // Not drawn zoomed out: a failing edge inside a group breaks its own lock.
            if (groupTls[i] > 0) for (const id of ge.edges) if (tlsFailed[id] > 0) edgeLock(id);
            return;
          }
          const [x0, y0, x1, y1] = groupEdgeEnds(layout, i).map((v, j) => (j % 2 ? sy(v) : sx(v)));
          lockAt((x0 + x1) / 2, (y0 + y1) / 2, Math.hypot(x1 - x0, y1 - y0), groupMtls[i] === 1, groupTls[i], `${layout.groups[ge.from].name}->${layout.groups[ge.to].name}`);
        });
      }
      for (const b of broken) {
        drawBrokenLock(ctx, b.x, b.y, markColours);
        marks.push({ kind: 'broken-lock', ...b });
      }

      // Tile titles first, each in its tile's header (above its squares), fitted to its room: to
      // the next tile on its right, the first lock on that band, and the stage's edge. Every tile
      // on screen gets one while its header (and half the gap above it) can hold the text.
      const family = palette!.colours['--font'];
      ctx.textBaseline = 'top';
      ctx.lineJoin = 'round';
      const stageW = target.canvas.width / dpr;
      const stageH = target.canvas.height / dpr;
      const titleH = font + 6;
      const taken: LabelObstacle[] = [];
      const lockBoxes = [...locks.map((l) => ({ ...l, r: LOCK_RADIUS_PX })), ...broken.map((l) => ({ ...l, r: BROKEN_LOCK_RADIUS_PX }))].map((l) => ({ x: l.x - l.r, y: l.y - l.r, w: 2 * l.r, h: 2 * l.r }));
      taken.push(...lockBoxes);
      ctx.font = `500 ${font}px ${family}`;
      const measure = (t: string) => ctx.measureText(t).width;
      drawnTitles = [];
      for (const g of layout.groups) {
        if (hidden[g.index]) continue;
        const tile = { x: sx(g.x), y: sy(g.y), w: g.w * k, h: g.h * k };
        if (tile.x > stageW || tile.x + tile.w < 8 || tile.y > stageH || tile.y + tile.h < 0) continue;
        const headerPx = layout.header * k;
        const nodesTop = sy(g.y + layout.header + (Cell.step - Cell.size) / 2);
        const top = headerPx >= titleH ? tile.y + Math.min(8, (headerPx - titleH) / 2) : sy(g.y + layout.header) - titleH;
        // Zoomed out past the room for text: the tooltip still names the tile.
        if (top < tile.y - (Cell.gapY * k) / 2) continue;
        const left = Math.max(tile.x + 4, 2);
        let right = Math.min(stageW - 2, Number.isFinite(titleRight[g.index]) ? sx(titleRight[g.index]) - 6 : Number.POSITIVE_INFINITY);
        for (const l of lockBoxes) if (l.x > left && l.x < right && l.y < top + titleH && top < l.y + l.h) right = l.x - 2;
        const text = fitTitle(groupParts[g.index], right - left - 8, measure);
        const w = Math.min(right - left, measure(text) + 8);
        const full = groupText[g.index];
        drawnTitles.push({ x: left, y: top, w, h: titleH, full, tile });
        taken.push({ x: left, y: top, w, h: titleH });
        marks.push({ kind: 'title', x: left, y: top, w, h: titleH, text, full, group: g.name, px: font, tile, nodesTop });
        ctx.lineWidth = 4;
        ctx.strokeStyle = colours.stage;
        ctx.strokeText(text, left + 4, top + 3);
        ctx.fillStyle = text.includes('% failed') ? colours.failed : colours.ink;
        ctx.fillText(text, left + 4, top + 3);
      }

      // Other labels in screen pixels, through the label grid, never over a title or a lock: the
      // found node and ejected replicas' return times (which may cover a square under them: they
      // are what was asked for, or news), then, never over a node's square either, highlighted
      // nodes, then names of nodes big enough to read.
      const squares: LabelObstacle[] = [];
      for (const node of topology.nodes) {
        if (hidden[layout.groupOf[node.id]]) continue;
        const x = sx(layout.x[node.id] - half);
        const y = sy(layout.y[node.id] - half);
        if (x + side < 0 || x > stageW || y + side < 0 || y > stageH) continue;
        squares.push({ x, y, w: side, h: side });
      }
      const cands: LabelCandidate[] = [];
      const texts: string[] = [];
      const bold: boolean[] = [];
      const add = (text: string, x: number, y: number, priority: number, strong: boolean) => {
        ctx.font = `${strong ? 600 : 500} ${font}px ${family}`;
        const w = measure(text) + 8;
        if (x + w < 0 || x > layout.width || y + font + 4 < 0 || y > layout.height) return;
        cands.push({ x, y, w, h: font + 6, priority, key: texts.length });
        texts.push(text);
        bold.push(strong);
      };
      const human = (id: number) => humanNodeName(topology.nodes[id]);
      const nameBelow = (id: number, priority: number, text = human(id)) => add(text, sx(layout.x[id] - half), sy(layout.y[id] + half) + 3, priority, true);
      if (found !== null && !hidden[layout.groupOf[found]]) nameBelow(found, 0);
      for (let i = 0; i < n; i++) {
        if (ejectedOf[i] > 0 && !hidden[layout.groupOf[i]]) nameBelow(i, 1, `${human(i)}: ${ejectedText(ejectedOf[i], topology.nodes[i].replicas, backOf[i])}`);
      }
      for (let i = 0; i < n; i++) if ((lit[i] || faulted[i]) && !hidden[layout.groupOf[i]]) nameBelow(i, 2);
      if (Cell.step * k >= NAME_PX) {
        // A name sits in the gap under its node; where the gap is narrower than the text, only
        // nodes with nothing under them are named, so no label hides a node's state.
        const roomy = (Cell.step - Cell.size) * k >= font + 9;
        for (const node of topology.nodes) {
          if (hidden[layout.groupOf[node.id]] || (!roomy && !clearBelow[node.id])) continue;
          const x = sx(layout.x[node.id]);
          const y = sy(layout.y[node.id]);
          if (x < -50 || x > layout.width + 50 || y < -20 || y > layout.height + 20) continue;
          nameBelow(node.id, 3);
        }
      }
      const first = cands.filter((c) => c.priority < 2);
      const kept = pickLabels(first, 3, taken);
      const keptBoxes = kept.map((key) => cands[key]);
      kept.push(...pickLabels(cands.filter((c) => c.priority >= 2), 3, [...taken, ...squares, ...keptBoxes]));
      for (const key of kept) {
        const c = cands[key];
        marks.push({ kind: 'label', x: c.x, y: c.y, w: c.w, h: c.h, text: texts[key], px: font });
        ctx.font = `${bold[key] ? 600 : 500} ${font}px ${family}`;
        ctx.lineWidth = 4;
        ctx.strokeStyle = colours.stage;
        ctx.strokeText(texts[key], c.x + 4, c.y + 3);
        ctx.fillStyle = colours.ink;
        ctx.fillText(texts[key], c.x + 4, c.y + 3);
      }
      drawnScene = { cellPx: Cell.step * k, detail, nodes: drawnNodes, marks };
      (target.canvas as unknown as Record<string, unknown>)[DRAWN_PROPERTY] = drawnScene;
    },
    drawn() {
      return drawnScene;
    },
  };
}

/**
 * The node whose square is under the stage point (`x`, `y`) (CSS px from the stage's top left)
 * when `scene` is drawn through `camera`, or null. Pure.
 */
export function canvasNodeAt(scene: CanvasTopologyScene, camera: Camera, x: number, y: number): number | null {
  const l = scene.layout;
  return scene.nodeAt(((x - camera.x) / camera.k - l.tx) / l.scale, ((y - camera.y) / camera.k - l.ty) / l.scale);
}

/**
 * What an ejected node's label says after its name, as the SVG view's state line: "1 of 3
 * ejected · back at 51.2 s" (`back` is formatSimTime of the first return). Pure.
 */
export function ejectedText(ejected: number, replicas: number, back: string): string {
  return `${ejected} of ${replicas} ejected · back at ${back}`;
}

/** Where the line standing for group edge `i` runs, design units: [x0, y0, x1, y1]. Pure. */
function groupEdgeEnds(layout: GroupLayout, i: number): [number, number, number, number] {
  const ge = layout.groupEdges[i];
  const a = layout.groups[ge.from];
  const b = layout.groups[ge.to];
  const forward = b.x > a.x + a.w;
  return [forward ? a.x + a.w : a.x + a.w / 2, forward ? a.y + a.h / 2 : a.y + a.h, forward ? b.x : b.x + b.w / 2, forward ? b.y + b.h / 2 : b.y];
}

/** Distance from (px, py) to the segment (x0, y0)-(x1, y1). Pure. */
function segmentDistance(px: number, py: number, x0: number, y0: number, x1: number, y1: number): number {
  const dx = x1 - x0;
  const dy = y1 - y0;
  const l2 = dx * dx + dy * dy;
  const t = l2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - x0) * dx + (py - y0) * dy) / l2));
  return Math.hypot(px - (x0 + t * dx), py - (y0 + t * dy));
}

/** The CSS variables `draw` reads, in the order of its `colours`. */
const PALETTE_NAMES = ['--stage', '--surface', '--ink', '--muted', '--edge', '--edge-strong', '--request', '--failed', '--queued', '--down', '--line-strong', '--ink-2', '--failed-ink'];

function arrowHead(ctx: CanvasRenderingContext2D, x0: number, y0: number, x1: number, y1: number, size: number): void {
  const a = Math.atan2(y1 - y0, x1 - x0);
  ctx.beginPath();
  ctx.moveTo(x1, y1);
  ctx.lineTo(x1 - size * Math.cos(a - 0.45), y1 - size * Math.sin(a - 0.45));
  ctx.lineTo(x1 - size * Math.cos(a + 0.45), y1 - size * Math.sin(a + 0.45));
  ctx.closePath();
  ctx.fillStyle = ctx.strokeStyle;
  ctx.fill();
}

/**
 * A tile's title fitted to `room` CSS px (as `measure` says): the parts joined by " · " when they
 * fit; else parts dropped from the end, though a share failed ("3.5% failed", the alarm) goes
 * last, with " …" where parts were dropped; else the name alone cut short with "…". The full text
 * is the tile's tooltip (issue 11's new-user pass: titles ran past their tiles and the stage).
 * Pure.
 */
export function fitTitle(parts: readonly string[], room: number, measure: (text: string) => number): string {
  const full = parts.join(' · ');
  if (measure(full) <= room) return full;
  const failed = parts.length > 1 && parts[parts.length - 1].endsWith('% failed') ? parts[parts.length - 1] : null;
  const rest = failed ? parts.slice(0, -1) : parts.slice();
  // Drop the rate, then the count; then the share failed.
  for (let keep = rest.length - 1; keep >= 1; keep--) {
    const text = `${[...rest.slice(0, keep), ...(failed ? [failed] : [])].join(' · ')} …`;
    if (measure(text) <= room) return text;
  }
  if (failed && measure(`${rest[0]} …`) <= room) return `${rest[0]} …`;
  const name = rest[0];
  for (let n = name.length - 1; n >= 1; n--) {
    const text = `${name.slice(0, n).trimEnd()}…`;
    if (measure(text) <= room) return text;
  }
  return '…';
}
