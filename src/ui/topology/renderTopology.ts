// Draws the static picture of a topology into an SVG with D3: services as boxes with their
// replicas as stacked cards, clients as round figures at the left, edges as curves with
// arrowheads. Called when the topology or the viewport changes, never per frame; the load
// indicators are updated in place by the returned `updateLoad`.
import { select, type Selection } from 'd3';
import { NODE_STRIDE } from '../../workers/protocol';
import { NodeSize, controlLabel, type Layout, type PlacedNode } from './layout';
import { sampleLanes, type EdgeLanes } from './lanes';

/** Most queued requests drawn as bars; the label gives the exact number. */
export const QUEUE_BARS = 8;
/** Most worker slots drawn one by one; beyond it the workers are one filled bar. */
const MAX_PIPS = 32;

const CARD_OFFSET = 6;
const CARD_INSET = 8;
const MAX_CARDS = 3;
const INNER_X = 14;

export interface TopologyScene {
  readonly layout: Layout;
  /** Sampled lanes by edge id. */
  readonly lanes: readonly (EdgeLanes | undefined)[];
  /**
   * Shows busy workers and queued requests from a frame's node array (NODE_STRIDE floats per
   * node); null clears them. Mutates the SVG in place.
   */
  updateLoad(nodes: Float32Array | null): void;
}

interface LoadView {
  index: number;
  slots: number;
  pips: SVGRectElement[];
  bar: SVGRectElement | null;
  barWidth: number;
  queueBars: SVGRectElement[];
  queueLabel: SVGTextElement;
  busyLabel: SVGTextElement;
  card: SVGGElement;
  shown: { busy: number; queued: number; util: number };
}

/**
 * Replaces the SVG's content with a drawing of `layout`. Impure: mutates `svg`. Returns the
 * sampled edge lanes for the traffic canvas and an updater for the load indicators.
 */
export function renderTopology(svg: SVGSVGElement, layout: Layout): TopologyScene {
  const root = select(svg);
  root.selectAll('*').remove();
  root.attr('width', layout.width).attr('height', layout.height).attr('viewBox', `0 0 ${layout.width} ${layout.height}`);

  const defs = root.append('defs');
  defs
    .append('marker')
    .attr('id', 'topo-arrow')
    .attr('viewBox', '0 0 10 10')
    .attr('refX', 9)
    .attr('refY', 5)
    .attr('markerWidth', 11)
    .attr('markerHeight', 11)
    .attr('markerUnits', 'userSpaceOnUse')
    .attr('orient', 'auto')
    .append('path')
    .attr('class', 'topo-arrowhead')
    .attr('d', 'M0,0.5 L10,5 L0,9.5 z');

  const view = root.append('g').attr('class', 'topo-view').attr('transform', `translate(${layout.tx},${layout.ty}) scale(${layout.scale})`);

  const edgeLayer = view.append('g').attr('class', 'topo-edges');
  const lanes: (EdgeLanes | undefined)[] = [];
  const nameOf = new Map(layout.nodes.map((p) => [p.node.id, p.node.name]));
  for (const e of layout.edges) {
    const from = nameOf.get(e.edge.from) ?? String(e.edge.from);
    const to = nameOf.get(e.edge.to) ?? String(e.edge.to);
    const g = edgeLayer.append('g').attr('class', `topo-edge topo-edge-${e.kind}`).attr('data-edge', `${from}->${to}`);
    g.append('title').text(`${from} calls ${to}`);
    g.append('path').attr('class', 'topo-edge-pipe').attr('d', e.path);
    const line = g.append('path').attr('class', 'topo-edge-line').attr('d', e.path).attr('marker-end', 'url(#topo-arrow)');
    lanes[e.edge.id] = sampleLanes(line.node()!);
  }

  const nodeLayer = view.append('g').attr('class', 'topo-nodes');
  const loads: LoadView[] = [];
  for (const p of layout.nodes) {
    const g = nodeLayer
      .append('g')
      .attr('class', `topo-node topo-${p.node.kind}`)
      .attr('data-node', p.node.name)
      .attr('transform', `translate(${p.x - p.w / 2},${p.y - p.h / 2})`);
    switch (p.node.kind) {
      case 'client':
        drawClient(g, p);
        break;
      case 'control-plane':
        drawControlPlane(g, p);
        break;
      case 'gateway':
        loads.push(drawService(g, p, 'gateway'));
        break;
      default:
        // Services, and any kind this UI does not know yet, as service boxes.
        loads.push(drawService(g, p, 'service'));
    }
  }

  return {
    layout,
    lanes,
    updateLoad(nodes) {
      for (const v of loads) {
        const i = v.index * NODE_STRIDE;
        const ok = nodes !== null && nodes.length >= i + NODE_STRIDE;
        showLoad(v, ok ? nodes[i] : 0, ok ? nodes[i + 1] : 0, ok ? nodes[i + 2] : 0);
      }
    },
  };
}

type G = Selection<SVGGElement, unknown, null, undefined>;

function drawClient(g: G, p: PlacedNode): void {
  const r = NodeSize.clientR;
  g.append('title').text(`client ${p.node.name}: sends requests`);
  g.append('circle').attr('class', 'topo-client-body').attr('cx', r).attr('cy', r).attr('r', r);
  const icon = g.append('g').attr('class', 'topo-client-icon').attr('transform', `translate(${r},${r})`);
  icon.append('circle').attr('cx', 0).attr('cy', -8).attr('r', 7.5);
  icon.append('path').attr('d', 'M-14,15 C-14,4 -7,1 0,1 C7,1 14,4 14,15 Z');
  g.append('text').attr('class', 'topo-name').attr('x', r).attr('y', 2 * r + 22).attr('text-anchor', 'middle').text(p.node.name);
  const users = p.node.replicas;
  g.append('text')
    .attr('class', 'topo-caption')
    .attr('x', r)
    .attr('y', 2 * r + 40)
    .attr('text-anchor', 'middle')
    .text(users > 1 ? `client · ${users} users` : 'client');
}

function drawControlPlane(g: G, p: PlacedNode): void {
  const r = NodeSize.controlR;
  const name = controlLabel(p.node);
  g.append('title').text(`control plane of ${name}: configures the proxies and relays certificates from its CA`);
  // A hexagon, like the proxies it configures.
  const hex = Array.from({ length: 6 }, (_, i) => {
    const a = (Math.PI / 3) * i + Math.PI / 6;
    return `${r + r * Math.cos(a)},${r + r * Math.sin(a)}`;
  }).join(' ');
  g.append('polygon').attr('class', 'topo-control-body').attr('points', hex);
  // Three sliders: configuration.
  const icon = g.append('g').attr('class', 'topo-control-icon').attr('transform', `translate(${r},${r})`);
  [-8, 0, 8].forEach((y, i) => {
    icon.append('line').attr('x1', -11).attr('x2', 11).attr('y1', y).attr('y2', y);
    icon.append('circle').attr('cx', [-4, 5, -1][i]).attr('cy', y).attr('r', 3);
  });
  g.append('text').attr('class', 'topo-name topo-name-small').attr('x', 2 * r + 12).attr('y', r - 2).text(name);
  g.append('text').attr('class', 'topo-caption').attr('x', 2 * r + 12).attr('y', r + 16).text('control plane');
}

function drawService(g: G, p: PlacedNode, kind: 'service' | 'gateway'): LoadView {
  const { w, h } = p;
  const { replicas, concurrency } = p.node;
  const radius = kind === 'gateway' ? 26 : 10;
  g.append('title').text(
    `${kind === 'gateway' ? 'API gateway' : 'service'} ${p.node.name}: ${replicas} replica${replicas > 1 ? 's' : ''}, ${concurrency} worker${concurrency > 1 ? 's' : ''} each`,
  );

  // Replicas as a stack of cards peeking out below the front one, each a little narrower, so
  // nothing sticks out at the sides where the edges attach.
  const cards = Math.min(replicas, MAX_CARDS);
  for (let i = cards - 1; i >= 1; i--) {
    g.append('rect')
      .attr('class', 'topo-card-behind')
      .attr('x', i * CARD_INSET)
      .attr('y', i * CARD_OFFSET)
      .attr('width', w - 2 * i * CARD_INSET)
      .attr('height', h)
      .attr('rx', radius);
  }
  // A gateway's contents sit further in, clear of its rounder corners.
  const inner = kind === 'gateway' ? INNER_X + 10 : INNER_X;
  const card = g.append('g').attr('class', 'topo-card');
  card.append('rect').attr('class', 'topo-card-front').attr('width', w).attr('height', h).attr('rx', radius);
  const title = card.append('text').attr('class', 'topo-name').attr('x', inner).attr('y', 28).text(p.node.name);
  if (kind === 'gateway') title.append('tspan').attr('class', 'topo-kind').attr('dx', 8).text('API gateway');
  card
    .append('text')
    .attr('class', 'topo-caption')
    .attr('x', inner)
    .attr('y', 48)
    .text(`${replicas} replica${replicas > 1 ? 's' : ''} × ${concurrency} worker${concurrency > 1 ? 's' : ''}`);

  // Workers: one pip per worker slot across all replicas, filled while busy.
  const slots = replicas * concurrency;
  const room = w - 2 * inner;
  const pips: SVGRectElement[] = [];
  let bar: SVGRectElement | null = null;
  const workers = card.append('g').attr('class', 'topo-workers').attr('transform', `translate(${inner},57)`);
  if (slots <= MAX_PIPS) {
    const rows = slots > 16 ? 2 : 1;
    const perRow = Math.ceil(slots / rows);
    const gap = 3;
    const size = Math.min(13, Math.floor((room + gap) / perRow - gap));
    const pipH = rows === 1 ? 12 : 6;
    for (let i = 0; i < slots; i++) {
      const col = i % perRow;
      const row = Math.floor(i / perRow);
      pips.push(
        workers
          .append('rect')
          .attr('class', 'topo-pip')
          .attr('x', col * (size + gap))
          .attr('y', row * (pipH + 2))
          .attr('width', size)
          .attr('height', pipH)
          .attr('rx', 2)
          .node()!,
      );
    }
  } else {
    workers.append('rect').attr('class', 'topo-pip').attr('width', room).attr('height', 12).attr('rx', 3);
    bar = workers.append('rect').attr('class', 'topo-pip topo-pip-busy').attr('width', 0).attr('height', 12).attr('rx', 3).node()!;
  }
  const busyLabel = card.append('text').attr('class', 'topo-caption topo-busy-label').attr('x', inner).attr('y', h - 11).node()!;

  // Queue: a stack of bars above the card that grows as requests wait.
  const queue = g.append('g').attr('class', 'topo-queue');
  const queueBars: SVGRectElement[] = [];
  for (let i = 0; i < QUEUE_BARS; i++) {
    queueBars.push(
      queue
        .append('rect')
        .attr('class', 'topo-queue-bar')
        .attr('x', inner)
        .attr('y', -14 - i * 8)
        .attr('width', 40)
        .attr('height', 6)
        .attr('rx', 1.5)
        .attr('visibility', 'hidden')
        .node()!,
    );
  }
  const queueLabel = queue.append('text').attr('class', 'topo-queue-label').attr('x', inner + 48).attr('y', -8).node()!;

  const v: LoadView = {
    index: p.node.id,
    slots,
    pips,
    bar,
    barWidth: room,
    queueBars,
    queueLabel,
    busyLabel,
    card: card.node()!,
    shown: { busy: -1, queued: -1, util: -1 },
  };
  showLoad(v, 0, 0, 0);
  return v;
}

function showLoad(v: LoadView, busyRaw: number, queuedRaw: number, utilRaw: number): void {
  const busy = Math.round(busyRaw);
  const queued = Math.round(queuedRaw);
  const util = Math.round(utilRaw * 100);
  if (busy === v.shown.busy && queued === v.shown.queued && util === v.shown.util) return;
  if (busy !== v.shown.busy) {
    for (let i = 0; i < v.pips.length; i++) v.pips[i].classList.toggle('topo-pip-busy', i < busy);
    if (v.bar) v.bar.setAttribute('width', String((v.barWidth * Math.min(busy, v.slots)) / v.slots));
  }
  if (queued !== v.shown.queued) {
    const shownBars = Math.min(queued, QUEUE_BARS);
    for (let i = 0; i < QUEUE_BARS; i++) v.queueBars[i].setAttribute('visibility', i < shownBars ? 'visible' : 'hidden');
    v.queueLabel.textContent = queued > 0 ? `${queued} queued` : '';
    v.queueLabel.setAttribute('y', String(-8 - Math.max(0, shownBars - 1) * 8));
    v.card.classList.toggle('topo-card-queued', queued > 0);
  }
  v.busyLabel.textContent = `busy ${busy} of ${v.slots} · util ${util}%`;
  v.shown = { busy, queued, util };
}
