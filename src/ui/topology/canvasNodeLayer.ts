// The canvas view's node marks, as a layer of their own kept between draws: a square per node
// (a round mark per client) filled by its state. NOTE: a draw paints again only the nodes whose
// state changed since (clearing their cells), not 2,000 marks, most of them the same; a full
// repaint comes with the cached base's (camera, hidden groups, theme).
import { Cell } from './groupLayout';
import { State, STATES, type CanvasSceneState } from './canvasSceneState';
import type { CanvasColours } from './canvasFrame';

/**
 * A saturated node's outline, screen px: the SVG view's saturated hexagon's heavy outline (truth.css, stroke-width 3)
 * at about the weight it has there at 1600x1000.
 */
export const SATURATED_OUTLINE_PX = 2.5;

/** The layer's canvas (made on first use), the state each node was painted in (255: not yet), and the clients' stamps. */
export interface NodeLayer {
  canvas: HTMLCanvasElement | null;
  readonly drawn: Uint8Array;
  readonly sprites: Map<string, HTMLCanvasElement>;
}

/** A layer for `n` nodes, nothing painted. */
export function createNodeLayer(n: number): NodeLayer {
  return { canvas: null, drawn: new Uint8Array(n).fill(255), sprites: new Map() };
}

/** A client's round mark, filled and outlined, at `scale` device pixels per design unit; cached. */
function clientSprite(sprites: Map<string, HTMLCanvasElement>, fill: string, stroke: string, scale: number, dpr: number): HTMLCanvasElement {
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
 * Brings the node layer up to date (`cw` x `ch` device px): every node when `all` (or when the
 * layer's size changed), else those whose state changed. `design` sets a context's transform
 * to design units; `k` is screen px per design unit and `px` its inverse. Impure: draws on the
 * layer and records what it painted.
 */
export function drawNodeLayer(
  nodeLayer: NodeLayer,
  s: CanvasSceneState,
  all: boolean,
  cw: number,
  ch: number,
  design: (c: CanvasRenderingContext2D) => void,
  onScreen: (x: number, y: number, w: number, h: number) => boolean,
  colours: Pick<CanvasColours, 'surface' | 'request' | 'queued' | 'queuedInk' | 'failed' | 'down' | 'edgeStrong'>,
  dpr: number,
  k: number,
  px: number,
): void {
  const { topology, layout, state, hidden } = s;
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
  const fills = [colours.surface, '#cfe3f1', '#7fb3d9', colours.request, colours.queued, colours.failed, '#b9c2cd', colours.down, colours.queuedInk];
  const half = Cell.size / 2;
  // The outline's width and its antialiasing, around the square (a saturated node's heavy outline included), no
  // further than half the gap to the next square: clearing more took the edge of a neighbour's outline zoomed out.
  const gap = (Cell.step - Cell.size) / 2;
  const heavyWidth = Math.min(SATURATED_OUTLINE_PX * px, gap);
  const pad = Math.min((SATURATED_OUTLINE_PX / 2 + 1) * px, gap);
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
        const sprite = clientSprite(nodeLayer.sprites, fills[st], colours.edgeStrong, dpr * k, dpr);
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
    const heavy = st === State.saturated;
    ctx.lineWidth = heavy ? heavyWidth : px;
    ctx.strokeStyle = heavy ? colours.queued : colours.edgeStrong;
    ctx.stroke();
  }
}
