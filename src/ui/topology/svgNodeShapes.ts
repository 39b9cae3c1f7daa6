// The SVG view's node figures, drawn once per layout (renderTopology.ts): a client as a round
// figure, a service or gateway as a box with its replicas as stacked cards, its worker slots,
// its queue stack and its proxies. Returns the elements its state updates (svgNodeState.ts).
import { NodeSize, type PlacedNode } from './layoutTypes';
import { formatCount } from '../format';
import { hexPoints, type G } from './marks';
import { QUEUE_BARS, STATE_INSET, STATE_LINES, showHealth, showLoad, type LoadView } from './svgNodeState';
import { isBridge } from './meshRegions';
import { cloudPath, drawHexes } from './marks';
import { hexCount, namespaceTag, nodeTags } from './nodeTraits';
import { drawMtlsMark } from './mtlsMark';

/**
 * The queue stack above a box, design units: bars QUEUE_BAR_H tall every QUEUE_STEP from
 * QUEUE_BOTTOM up, so eight reach 51 units above the box, inside the 56 its mesh region keeps.
 */
const QUEUE_BOTTOM = -12;
const QUEUE_BAR_H = 4;
const QUEUE_STEP = 5.5;
/**
 * Where a box's queue glyph can stand (all QUEUE_BARS bars, as the queue may grow, and its count
 * beside the lowest, up to 4 units short of the box's right edge) with `gap` units round it, for
 * link labels to keep off: overloaded's '302 req/s' lay over db's queue bars in presenter mode.
 * Design units, from the box's top left corner at (`left`, `top`), `w` wide; `units` the count's
 * font size. Only gateways and services have one. Pure.
 */
export function queueGlyphRect(kind: string, left: number, top: number, w: number, units: number, gap: number): { x0: number; y0: number; x1: number; y1: number } | null {
  if (kind === 'client' || kind === 'control-plane') return null;
  const inner = kind === 'gateway' ? INNER_X + 10 : INNER_X;
  return {
    x0: left + inner - gap,
    y0: top + QUEUE_BOTTOM - QUEUE_BAR_H - (QUEUE_BARS - 1) * QUEUE_STEP - gap,
    x1: left + w - 4 + gap,
    // The count's baseline is a unit over the lowest bar's foot; its descent about 0.25 em.
    y1: top + QUEUE_BOTTOM - 1 + 0.25 * units + gap,
  };
}

/** Most worker slots drawn one by one; beyond it the workers are one filled bar. */
const MAX_PIPS = 32;

const CARD_OFFSET = 6;
const CARD_INSET = 8;
const MAX_CARDS = 3;
const INNER_X = 14;
/**
 * A box's name's baseline, design units from its top: its 18-unit text's box then starts some 14
 * units down, 5 under the sidecar hexagons' row (NodeSize.hexR 9 about the top edge), and ends over
 * the caption's at 48. At 28 the two boxes were 2 units apart and a long name ran along under the
 * row, its glyphs all but touching (Bookinfo's productpage at 1600x1000, session 36's trial).
 */
const NAME_BASELINE = 31;

/** Draws a client into `g`: a round figure, its name, its sidecar's hexagon, and how many users it stands for. Mutates the SVG. */
export function drawClient(g: G, p: PlacedNode): void {
  const r = NodeSize.clientR;
  g.append('title').text(`client ${p.node.name}: sends requests`);
  g.append('circle').attr('class', 'topo-hl-halo').attr('cx', r).attr('cy', r).attr('r', r + 10);
  g.append('circle').attr('class', 'topo-client-body').attr('cx', r).attr('cy', r).attr('r', r);
  const icon = g.append('g').attr('class', 'topo-client-icon').attr('transform', `translate(${r},${r})`);
  icon.append('circle').attr('cx', 0).attr('cy', -8).attr('r', 7.5);
  icon.append('path').attr('d', 'M-14,15 C-14,4 -7,1 0,1 C7,1 14,4 14,15 Z');
  g.append('text').attr('class', 'topo-name').attr('x', r).attr('y', 2 * r + 22).attr('text-anchor', 'middle').text(p.node.name);
  if (p.node.sidecar) {
    g.append('polygon').attr('class', 'topo-hex').attr('points', hexPoints(r, 0, NodeSize.hexR)).append('title').text('a sidecar proxy beside this client');
  }
  const users = p.node.replicas;
  g.append('text')
    .attr('class', 'topo-caption')
    .attr('x', r)
    .attr('y', 2 * r + 40)
    .attr('text-anchor', 'middle')
    .text([p.node.external ? 'client on the internet' : 'client', users > 1 ? `${formatCount(users)} users` : ''].filter(Boolean).join(' · '));
}

/**
 * Draws a service or gateway into `g`: its box (a cloud round a third party), replicas as
 * stacked cards, worker slots, queue stack, proxies and state lines; returns what its state
 * updates change. `presenter`: presenter mode's text (18-unit queue count, badge above);
 * `oneLine`: one state line under the box rather than STATE_LINES, as the layout left room for
 * (presenter mode, and a wide stage's bare drawing: Layout.wide); `nsTags`: its namespace's tag
 * after the name (the picture names two namespaces or more: nodeTraits.namespaceTagsShown). Mutates the SVG.
 */
export function drawService(g: G, p: PlacedNode, kind: 'service' | 'gateway', presenter: boolean, oneLine = presenter, nsTags = false): LoadView {
  const { w, h } = p;
  const { replicas, concurrency } = p.node;
  const radius = kind === 'gateway' ? 26 : 10;
  const what = kind === 'gateway' ? (isBridge(p.node) ? `gateway bridging ${p.node.mesh}` : 'API gateway') : p.node.external ? 'third-party service' : 'service';
  g.append('title').text(
    `${what} ${p.node.name}: ${replicas} replica${replicas > 1 ? 's' : ''}, ${concurrency} worker${concurrency > 1 ? 's' : ''} each` +
      (p.node.sidecar ? ', a sidecar beside each' : '') +
      (p.node.protocol === 'tcp' ? '; speaks plain TCP (L4)' : '') +
      (p.node.namespace ? `; in Kubernetes namespace ${p.node.namespace}` : ''),
  );
  g.append('rect')
    .attr('class', 'topo-hl-halo')
    .attr('x', -10)
    .attr('y', -10)
    .attr('width', w + 20)
    .attr('height', h + 20 + (Math.min(replicas, MAX_CARDS) - 1) * CARD_OFFSET)
    .attr('rx', radius + 8);
  if (p.node.external) g.append('path').attr('class', 'topo-cloud').attr('d', cloudPath(w, h));

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
  const title = card.append('text').attr('class', 'topo-name').attr('x', inner).attr('y', NAME_BASELINE).text(p.node.name);
  for (const tag of nodeTags(p.node)) title.append('tspan').attr('class', `topo-kind${tag === 'TCP' ? ' topo-kind-tcp' : ''}`).attr('dx', 8).text(tag);
  const ns = namespaceTag(p.node, nsTags);
  if (ns) title.append('tspan').attr('class', 'topo-ns').attr('dx', 8).text(ns);
  card
    .append('text')
    .attr('class', 'topo-caption')
    .attr('x', inner)
    .attr('y', 48)
    .text(`${formatCount(replicas)} replica${replicas > 1 ? 's' : ''} × ${formatCount(concurrency)} worker${concurrency > 1 ? 's' : ''}`);

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

  // Queue: a stack of bars above the card that grows as requests wait, within the room its mesh
  // region keeps above it (meshRegions' REGION_PAD.top), the count beside the lowest bar.
  const queue = g.append('g').attr('class', 'topo-queue');
  const queueBars: SVGRectElement[] = [];
  for (let i = 0; i < QUEUE_BARS; i++) {
    queueBars.push(
      queue
        .append('rect')
        .attr('class', 'topo-queue-bar')
        .attr('x', inner)
        .attr('y', QUEUE_BOTTOM - QUEUE_BAR_H - i * QUEUE_STEP)
        .attr('width', 40)
        .attr('height', QUEUE_BAR_H)
        .attr('rx', 1.5)
        .attr('visibility', 'hidden')
        .node()!,
    );
  }
  const queueTitle = queue.append('title').node()! as unknown as SVGTitleElement;
  const queueLabel = queue.append('text').attr('class', 'topo-queue-label').attr('x', inner + 48).attr('y', QUEUE_BOTTOM - 1).node()!;

  const taken = drawMtlsMark(g, p, hexCount(p.node));
  const mtls = taken > 0 && p.node.mtls ? { g, p, hexes: hexCount(p.node), room: taken, mode: p.node.mtls } : null;
  const hexes = drawHexes(g, p, hexCount(p.node), presenter, taken);
  // The state lines under the box, with a tooltip that says them all in full.
  const stateGroup = g.append('g').attr('class', 'topo-state-lines');
  const stateTitle = stateGroup.append('title').node()! as unknown as SVGTitleElement;
  const stateLabel = stateGroup
    .append('text')
    .attr('class', 'topo-state')
    .attr('x', STATE_INSET)
    .attr('y', h + (cards - 1) * CARD_OFFSET + 20)
    .node()!;

  const v: LoadView = {
    index: p.node.id,
    group: g.node()!,
    replicas,
    concurrency,
    hexes,
    stateLabel,
    stateTitle,
    stateWidth: w - 2 * STATE_INSET,
    // Presenter mode keeps one line under a box (PresenterSize.belowStage), the tooltip the rest.
    stateLines: (p.replicaRoom ?? 0) > 0 || oneLine ? 1 : STATE_LINES,
    health: '',
    faults: [],
    last: { down: 0, stale: 0, noConfig: 0, ejected: 0, ejectedUntil: 0 },
    slots,
    pips,
    bar,
    barWidth: room,
    queueBars,
    queueLabel,
    queueTitle,
    // The count runs from the bars' right (inner + 48) to the box's right edge, 4 units short of it.
    queueRoom: w - (inner + 48) - 4,
    // styles.css: .topo-queue-label 13 px; presenter mode's text (and a compare pane's) 18.
    queueTextUnits: presenter ? 18 : 13,
    busyLabel,
    card: card.node()!,
    shown: { busy: -1, queued: -1, util: -1 },
    mtls,
  };
  showLoad(v, 0, 0, 0);
  showHealth(v, 0, 0, 0, 0, 0);
  return v;
}
