// Draws a large topology on a canvas (see UI.md "At scale" and STYLE.md "Drawing at scale"):
// group tiles tinted by mesh, aggregated edges between groups when zoomed out and each edge
// when zoomed in, a small mark per node coloured by its figures, and labels through a label
// grid. The scene keeps per-node state codes and says when they change (canvasSceneState.ts),
// so the picture is redrawn only when a figure changed or the camera moved. This file draws the
// tiles, links and rings and puts the layers together: node marks (canvasNodeLayer.ts), what
// happened (canvasEventMarks.ts), text (canvasLabels.ts); canvasHitTest.ts says what is where.
// What the scene offers, and the colours the legend shares, are in canvasScene.ts.
import { Cell, type GroupLayout } from './groupLayout';
import type { Topology } from './layoutTypes';
import { HIGHLIGHT, PRESENTER_FONT, type CanvasTopologyOptions, type CanvasTopologyScene } from './canvasScene';
import { DRAWN_PROPERTY, type DrawnMark, type DrawnScene, type MarkColours } from './canvasMarks';
import { createSceneState, highlight, setHidden, showFaults, updateLoad, updateRates } from './canvasSceneState';
import { groupAt, nodeAt, pickAt, titleAt } from './canvasHitTest';
import { createNodeLayer, drawNodeLayer } from './canvasNodeLayer';
import { drawEventMarks } from './canvasEventMarks';
import { drawLabels } from './canvasLabels';
import { groupEdgeEnds, type CanvasColours, type CanvasFrame } from './canvasFrame';
import { laneGaps, laneSpans, strokeSpans } from './laneSpans';
import { createLaneLabels } from './canvasLaneLabels';
import { drawnLaneSegments, laneIndex } from './laneObstacles';
import { nodeRates } from './laneTip';
import type { EdgeRate } from './edgeRates';
import { markFound } from './foundNode';

/** Screen pixels a cell must span before each node is drawn with its own edges. */
const DETAIL_PX = 18;
const MESH_TINTS = ['#0072b2', '#009e73', '#cc79a7'];
/** The halo's room round a node's square, and a highlighted link's band, CSS px at any zoom. */
const HIGHLIGHT_PAD_PX = 5;
const HIGHLIGHT_BAND_PX = 10;
/** Label text, CSS px; in presenter mode PRESENTER_FONT (issue 11 item 8: node text >= 14 px at 1024x768). */
const FONT = 12;
/**
 * Builds the scene of a large topology laid out by `computeGroupLayout`. Draws nothing until
 * `draw`. Reads nothing from the DOM.
 */
export function createCanvasTopology(topology: Topology, layout: GroupLayout, options: CanvasTopologyOptions = {}): CanvasTopologyScene {
  const font = options.presenter ? PRESENTER_FONT : FONT;
  const s = createSceneState(topology, layout);
  const { n, hidden, hiddenEdges, failing, faulted, lit, litEdges, groupFailing, groupEdgeRate, groupEdgeFailed } = s;
  let drawnScene: DrawnScene | null = null;
  // NOTE: what changes with figures many times a second (node marks, rings, tile outlines,
  // group edges, labels) is drawn over a cached bitmap of the rest (tile fills, each edge when
  // zoomed in, control-plane lines), drawn again only when the camera, the hidden groups or the
  // theme change. Redrawing that rest with every figure cost a software-rasterised canvas 20-60
  // ms at 1,000 services (issue 11: no main-thread task over 50 ms). `s.baseVersion` counts changes.
  const base: { canvas: HTMLCanvasElement | null; key: string } = { canvas: null, key: '' };
  const nodeLayer = createNodeLayer(n);
  let palette: { key: string; colours: Record<string, string> } | null = null;
  const spans = laneSpans(layout, topology.edges);
  const gaps = laneGaps(layout, topology.edges, spans);
  const lanes = createLaneLabels(s, spans, gaps);
  // The found node's label says its rates, as hovering it does (issue: a found service said only its name).
  let lastRate: ((edge: number) => EdgeRate | null) | null = null;
  const foundRatesChanged = () => {
    const now = s.found !== null && lastRate ? nodeRates(topology.edges, lastRate, s.found) : '';
    if (now === s.foundRates) return false;
    s.foundRates = now;
    return true;
  };

  return {
    layout,
    hiddenEdges,
    updateLoad: (nodes) => updateLoad(s, nodes),
    laneSpans: spans,
    laneGaps: gaps,
    updateRates(rate) {
      lanes.rates(rate);
      lastRate = rate;
      // Each asked, not the first that says yes: a scene drawn anew for a resize, its found node
      // marked before any figures, learnt the found node's rates only from a later call, and none
      // comes while paused (Z3, session 50: "inventory" at 1024x768, no "· 99 req/s in").
      const tiles = updateRates(s, rate);
      const laneWords = lanes.changed(rate);
      const found = foundRatesChanged();
      return tiles || laneWords || found;
    },
    highlight: (keys) => highlight(s, keys),
    showFaults: (faults) => showFaults(s, faults),
    setHidden: (group, h) => setHidden(s, group, h),
    isHidden(group) {
      return hidden[group] === 1;
    },
    setFound(node) {
      s.found = node;
      markFound(topology, node);
      foundRatesChanged();
    },
    foundNode: () => s.found,
    foundRates: () => s.foundRates,
    groupAt: (x, y) => groupAt(s, x, y),
    nodeAt: (x, y) => nodeAt(s, x, y),
    titleAt: (x, y) => titleAt(s, x, y),
    tipAt: (camera, x, y) => lanes.tipAt(camera, x, y),
    pickAt: (x, y, slop) => pickAt(s, x, y, slop),
    draw(target, camera, dpr, layersOnly = false) {
      // The theme's colours, read once per theme: getComputedStyle would recompute the page's
      // styles on every draw after any React update.
      const themeKey = document.documentElement.dataset.theme ?? '';
      const css = palette?.key === themeKey ? null : getComputedStyle(document.documentElement);
      const v = (name: string, fallback: string) => (css ? css.getPropertyValue(name).trim() || fallback : palette!.colours[name]);
      const colours: CanvasColours = {
        stage: v('--stage', '#fafbfc'),
        surface: v('--surface', '#ffffff'),
        ink: v('--ink', '#0f172a'),
        muted: v('--muted', '#5b6b80'),
        edge: v('--edge', '#a3b0c0'),
        edgeStrong: v('--edge-strong', '#7c8a9e'),
        request: v('--request', '#0072b2'),
        failed: v('--failed', '#d55e00'),
        queued: v('--queued', '#e69f00'),
        queuedInk: v('--queued-ink', '#855c00'),
        down: v('--down', '#d5dbe3'),
        line: v('--line-strong', '#c3ccd8'),
        ink2: v('--ink-2', '#334155'),
        failedInk: v('--failed-ink', '#a14400'),
      };
      if (css) palette = { key: themeKey, colours: { ...Object.fromEntries(Object.entries(colours).map(([, c], i) => [PALETTE_NAMES[i], c])), '--font': v('--font', 'sans-serif') } };
      const k = camera.k * layout.scale;
      const design = (c: CanvasRenderingContext2D) => c.setTransform(dpr * k, 0, 0, dpr * k, dpr * (camera.x + camera.k * layout.tx), dpr * (camera.y + camera.k * layout.ty));
      const { width: cw, height: ch } = target.canvas;
      const baseKey = `${cw}x${ch}|${dpr}|${camera.k},${camera.x},${camera.y}|${s.baseVersion}|${themeKey}`;
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
          // Each edge's stretch between the tiles of its ends (laneSpans), not over them nor over a tile it crosses (laneGaps).
          ctx.strokeStyle = colours.edge;
          ctx.beginPath();
          strokeSpans(ctx, topology.edges, layout, spans, gaps, hiddenEdges, null, onScreen);
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
      // Nodes, in their own layer: a node is drawn there again only when its state changed.
      drawNodeLayer(nodeLayer, s, fresh, cw, ch, design, onScreen, colours, dpr, k, px);
      if (layersOnly) return;
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

      // What the story points at, behind the nodes and as the SVG view draws it (HIGHLIGHT): a
      // pale yellow halo with a darker edge round each node, a wide pale yellow band under each
      // link (zoomed in). Was an amber ring over the node, the legend's colour for stale config.
      const half = Cell.size / 2;
      const litMarks: DrawnMark[] = [];
      if (detail) {
        ctx.strokeStyle = HIGHLIGHT.band;
        ctx.lineWidth = HIGHLIGHT_BAND_PX * px;
        ctx.lineCap = 'round';
        ctx.beginPath();
        strokeSpans(ctx, topology.edges, layout, spans, gaps, hiddenEdges, litEdges, null);
        ctx.stroke();
        ctx.lineCap = 'butt';
      }
      const haloFill = themeKey === 'dark' ? HIGHLIGHT.fillDark : HIGHLIGHT.fill;
      const haloPad = HIGHLIGHT_PAD_PX * px;
      for (let i = 0; i < n; i++) {
        if (!lit[i] || hidden[layout.groupOf[i]]) continue;
        const x = layout.x[i] - half - haloPad;
        const y = layout.y[i] - half - haloPad;
        const side = Cell.size + 2 * haloPad;
        if (!onScreen(x, y, side, side)) continue;
        ctx.beginPath();
        ctx.roundRect(x, y, side, side, 4 * px + 2);
        ctx.fillStyle = haloFill;
        ctx.fill();
        ctx.strokeStyle = HIGHLIGHT.stroke;
        ctx.lineWidth = 1.5 * px;
        ctx.stroke();
        const left = camera.x + camera.k * (layout.tx + layout.scale * x);
        const top = camera.y + camera.k * (layout.ty + layout.scale * y);
        litMarks.push({ kind: 'highlight', x: left, y: top, w: side * k, h: side * k, node: topology.nodes[i].name, fill: haloFill, stroke: HIGHLIGHT.stroke });
      }
      // Nodes, from their own layer (drawn above).
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.drawImage(nodeLayer.canvas!, 0, 0);
      design(ctx);
      // Failing, faulted and found nodes get rings.
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
      ring(null, s.found, colours.ink, Math.max(3, 3 * px), 5 + 3 * px);

      // What happened, in screen pixels over the nodes and links, then the text.
      const markColours: MarkColours = { surface: colours.surface, ink2: colours.ink2, edgeStrong: colours.edgeStrong, failed: colours.failed, failedInk: colours.failedInk, down: colours.down, muted: colours.muted, downFold: '#b9c2cd' };
      const sx = (x: number) => camera.x + camera.k * (layout.tx + layout.scale * x);
      const sy = (y: number) => camera.y + camera.k * (layout.ty + layout.scale * y);
      const frame: CanvasFrame = { ctx, camera, dpr, k, px, detail, sx, sy, colours, markColours, font, family: palette!.colours['--font'], marks: litMarks };
      const drawnLocks = drawEventMarks(s, frame);
      const laneBoxes = laneIndex(drawnLaneSegments(layout, topology.edges, spans, gaps, hiddenEdges, hidden, detail, sx, sy), cw / dpr, ch / dpr);
      drawLabels(s, frame, drawnLocks, laneBoxes);
      // The lanes' rates where they have room, kept off every name just drawn.
      lanes.draw(frame, drawnLocks, baseKey);
      drawnScene = { cellPx: Cell.step * k, detail, nodes: drawnLocks.drawnNodes, marks: frame.marks };
      (target.canvas as unknown as Record<string, unknown>)[DRAWN_PROPERTY] = drawnScene;
    },
    prepare(cw, ch) {
      base.canvas ??= document.createElement('canvas');
      nodeLayer.canvas ??= document.createElement('canvas');
      return withPixels(base.canvas, cw, ch) || withPixels(nodeLayer.canvas, cw, ch);
    },
    drawn() {
      return drawnScene;
    },
  };
}

/**
 * Sizes `canvas` to `w` x `h` and has its pixels made now (its context's first operation makes
 * them); true when it was another size. Impure: clears the canvas when it resizes it.
 */
function withPixels(canvas: HTMLCanvasElement, w: number, h: number): boolean {
  if (canvas.width === w && canvas.height === h) return false;
  canvas.width = w;
  canvas.height = h;
  canvas.getContext('2d')?.setTransform(1, 0, 0, 1, 0, 0);
  return true;
}

/** The CSS variables `draw` reads, in the order of its `colours`. */
const PALETTE_NAMES = ['--stage', '--surface', '--ink', '--muted', '--edge', '--edge-strong', '--request', '--failed', '--queued', '--queued-ink', '--down', '--line-strong', '--ink-2', '--failed-ink'];

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
