// Draws the static picture of a topology into an SVG with D3: services as boxes with their
// replicas as stacked cards, clients as round figures at the left, edges as curves with
// arrowheads. Called when the topology or the viewport changes, never per frame; the load
// indicators are updated in place by the returned `updateLoad`.
import { select } from 'd3';
import { NODE_STRIDE, NodeField } from '../../workers/protocol';
import { NodeSize, controlLabel, hexCount, nodeTags, type Layout, type PlacedNode } from './layout';
import { isBridge } from './meshRegions';
import { cloudPath, drawBrokenLock, drawFaultTag, drawHexes, drawLock, faultAnchors, hexPoints, type G } from './marks';
import { formatCount, formatSimTime } from '../format';
import './truth.css';
import { sampleLanes, type EdgeLanes } from './lanes';
import { edgeLabel, type EdgeRate } from './edgeRates';
import { LABEL_BOX, nodeRect, placeEdgeLabels, type LabelLink } from './edgeLabelPlace';

/** A link label's size, design units (styles.css `.topo-edge-label`, the size LABEL_BOX fits). */
const LABEL_UNITS = 12;
/**
 * A link label's size in presenter mode, design units: 13.4 px or more on screen, as presenter
 * mode draws at 0.81 CSS px a unit or more (layout.ts), beside node text of 18 units.
 */
export const PRESENTER_LABEL_UNITS = 16.5;
import type { Camera } from './camera';

/** Most queued requests drawn as bars; the label gives the exact number. */
export const QUEUE_BARS = 8;
/**
 * The queue stack above a box, design units: bars QUEUE_BAR_H tall every QUEUE_STEP from
 * QUEUE_BOTTOM up, so eight reach 51 units above the box, inside the 56 its mesh region keeps.
 */
const QUEUE_BOTTOM = -12;
const QUEUE_BAR_H = 4;
const QUEUE_STEP = 5.5;
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
   * Shows busy workers, queued requests, replicas down, proxies with stale or no config and
   * control-plane health from a frame's node array (NODE_STRIDE floats per node); null clears
   * them. Mutates the SVG in place.
   */
  updateLoad(nodes: Float32Array | null): void;
  /** Marks the named nodes and "from->to" edges as highlighted (and no others). Mutates the SVG. */
  highlight(keys: readonly string[]): void;
  /**
   * Writes each link's recent figures beside it (quiet until hovered), and breaks the lock of a
   * link whose TLS handshakes failed in the figures' window. Mutates the SVG.
   */
  updateEdgeLabels(rate: (edge: number) => EdgeRate | null): void;
  /** Tags the nodes and links that active faults act on with the fault's type. Mutates the SVG. */
  showFaults(faults: readonly { type: string; target: string }[]): void;
  /** Each control plane's pulse count and last activity, to carry over a redraw of the same run. */
  controlState(): ReadonlyMap<number, { activity: number; pulses: number }>;
  /** Pans and zooms the drawing. Mutates one attribute of the SVG. */
  setCamera(camera: Camera): void;
  /** Rings the node with this name (the one a search found), or none. Mutates the SVG. */
  setFound(name: string | null): void;
  /**
   * Moves what a drag changed to where `next` (the same topology laid out with the same fit)
   * puts it: nodes, links and their locks and lanes, control-plane lines, mesh regions; the
   * labels of moved links are hidden until the next full drawing places them. Cheap enough for
   * every frame of a drag (sigma's "hide on move"). Mutates the SVG and `lanes`.
   */
  moveNodes(next: Layout): void;
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
  group: SVGGElement;
  replicas: number;
  concurrency: number;
  hexes: SVGPolygonElement[];
  stateLabel: SVGTextElement;
  /** The state lines' tooltip: every part in full, when the lines leave some out or squeeze them. */
  stateTitle: SVGTitleElement;
  /** Width the state lines may take, design units: the box's, less a margin each side. */
  stateWidth: number;
  /** Lines the state may take under the box (fewer when replica cards are unfolded below it). */
  stateLines: number;
  shown: { busy: number; queued: number; util: number };
  health: string;
  /** Types of the active faults acting on this node, listed first under it. */
  faults: string[];
  last: { down: number; stale: number; noConfig: number; ejected: number; ejectedUntil: number };
}

interface ControlView {
  index: number;
  group: SVGGElement;
  links: SVGGElement | null;
  state: SVGTextElement;
  shown: string;
  /** Config streams opened plus pushes made, as last seen: when it grows, the lines pulse. */
  activity: number;
  pulses: number;
}

/**
 * Replaces the SVG's content with a drawing of `layout`. Impure: mutates `svg`. Returns the
 * sampled edge lanes for the traffic canvas and an updater for the load indicators.
 */
export function renderTopology(svg: SVGSVGElement, layout: Layout, carried?: ReadonlyMap<number, { activity: number; pulses: number }>): TopologyScene {
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

  // Worker slots of a replica that is down: hatched grey.
  const hatch = defs.append('pattern').attr('id', 'topo-hatch').attr('width', 5).attr('height', 5).attr('patternUnits', 'userSpaceOnUse').attr('patternTransform', 'rotate(45)');
  hatch.append('rect').attr('width', 5).attr('height', 5).attr('class', 'topo-hatch-back');
  hatch.append('line').attr('x1', 0).attr('y1', 0).attr('x2', 0).attr('y2', 5).attr('class', 'topo-hatch-line');

  // The camera (pan and zoom) wraps the fitted drawing; moving it changes one attribute.
  const cameraLayer = root.append('g').attr('class', 'topo-camera');
  const view = cameraLayer.append('g').attr('class', 'topo-view').attr('transform', `translate(${layout.tx},${layout.ty}) scale(${layout.scale})`);

  // Meshes first, behind everything: shaded regions with a tab naming each.
  const meshLayer = view.append('g').attr('class', 'topo-meshes');
  const meshPaths: SVGPathElement[] = [];
  const meshLabels: SVGTextElement[] = [];
  for (const m of layout.meshes) {
    const g = meshLayer.append('g').attr('class', `topo-mesh topo-mesh-${m.index % 3}`).attr('data-mesh', m.name);
    g.append('title').text(`service mesh ${m.name}: one control plane and one CA; its proxies trust each other`);
    meshPaths.push(g.append('path').attr('class', 'topo-mesh-area').attr('d', m.path).node()!);
    meshLabels.push(g.append('text').attr('class', 'topo-mesh-label').attr('x', m.label.x).attr('y', m.label.y - 28).text(m.name === 'mesh' ? 'service mesh' : `mesh · ${m.name}`).node()!);
  }

  // Control planes to the proxies they configure: thin dashed lines, behind the boxes.
  // Many proxies: the lines stay quieter still, or they would cover the picture.
  const linkLayer = view.append('g').attr('class', `topo-cp-links${layout.controlLinks.length > 8 ? ' topo-cp-links-many' : ''}`);
  const linkGroups = new Map<number, SVGGElement>();
  const controlPaths: SVGPathElement[] = [];
  for (const l of layout.controlLinks) {
    let g = linkGroups.get(l.controlPlane);
    if (!g) {
      g = linkLayer.append('g').attr('class', 'topo-cp-link-group').node()!;
      linkGroups.set(l.controlPlane, g);
    }
    controlPaths.push(select(g).append('path').attr('class', 'topo-cp-link').attr('d', l.path).node()!);
  }

  const edgeLayer = view.append('g').attr('class', 'topo-edges');
  const lanes: (EdgeLanes | undefined)[] = [];
  const edgeLabels: { edge: number; text: SVGTextElement; shown: string; hovered: boolean }[] = [];
  /** Per edge: its broken lock (hidden until TLS handshakes fail), the lock it replaces, the count shown. */
  const brokenLocks: { edge: number; g: SVGGElement; title: SVGTitleElement; lock: SVGGElement | null; shown: number }[] = [];
  const labelLinks: LabelLink[] = [];
  /** Per edge id: what a drag moves (see moveNodes). */
  const edgeViews = new Map<number, { d: string; paths: SVGPathElement[]; line: SVGPathElement; marks: SVGGElement[] }>();
  const nameOf = new Map(layout.nodes.map((p) => [p.node.id, p.node.name]));
  for (const e of layout.edges) {
    const from = nameOf.get(e.edge.from) ?? String(e.edge.from);
    const to = nameOf.get(e.edge.to) ?? String(e.edge.to);
    const g = edgeLayer.append('g').attr('class', `topo-edge topo-edge-${e.kind}`).attr('data-edge', `${from}->${to}`);
    g.append('title').text(`${from} calls ${to}${e.edge.mtls ? ' over mutual TLS' : ''}`);
    const halo = g.append('path').attr('class', 'topo-hl-halo').attr('d', e.path).node()!;
    const pipe = g.append('path').attr('class', 'topo-edge-pipe').attr('d', e.path).node()!;
    const line = g.append('path').attr('class', 'topo-edge-line').attr('d', e.path).attr('marker-end', 'url(#topo-arrow)');
    lanes[e.edge.id] = sampleLanes(line.node()!);
    const el = line.node()!;
    const mid = el.getPointAtLength(el.getTotalLength() * 0.5);
    const lock = e.edge.mtls ? g.append('g').attr('class', 'topo-lock').attr('transform', `translate(${mid.x},${mid.y})`) : null;
    if (lock) drawLock(lock);
    const broken = g.append('g').attr('class', 'topo-lock-broken').attr('data-broken-lock', `${from}->${to}`).attr('transform', `translate(${mid.x},${mid.y})`).attr('visibility', 'hidden');
    brokenLocks.push({ edge: e.edge.id, g: broken.node()!, title: drawBrokenLock(broken), lock: lock?.node() ?? null, shown: 0 });
    edgeViews.set(e.edge.id, { d: e.path, paths: [halo, pipe, el], line: el, marks: [broken.node()!, ...(lock ? [lock.node()!] : [])] });
    // The link's points, for placing labels clear of every link (see placeEdgeLabels).
    const len = el.getTotalLength();
    const steps = Math.max(8, Math.ceil(len / 6));
    const points = Array.from({ length: steps + 1 }, (_, i) => {
      const q = el.getPointAtLength((len * i) / steps);
      return { x: q.x, y: q.y };
    });
    labelLinks.push({ points, lock: e.edge.mtls });
  }
  // Beside each link, off its line (the middle of the lower side when free), clear of nodes,
  // other links, locks and other labels.
  // Presenter mode's labels are PRESENTER_LABEL_UNITS (13 px or more at its least scale), so
  // they are placed with a box as much larger.
  const presenter = svg.closest('.app.presenter') !== null;
  const grow = presenter ? PRESENTER_LABEL_UNITS / LABEL_UNITS : 1;
  const labelAt = placeEdgeLabels(
    labelLinks,
    layout.nodes.map(nodeRect),
    {
      x0: -layout.tx / layout.scale,
      y0: -layout.ty / layout.scale,
      x1: (layout.width - layout.tx) / layout.scale,
      y1: (layout.height - layout.ty) / layout.scale,
    },
    { w: Math.ceil(LABEL_BOX.w * grow), h: Math.ceil(LABEL_BOX.h * grow) },
  );

  const nodeLayer = view.append('g').attr('class', 'topo-nodes');
  const nodeGroups = new Map<number, SVGGElement>();
  const loads: LoadView[] = [];
  const controls: ControlView[] = [];
  for (const p of layout.nodes) {
    const g = nodeLayer
      .append('g')
      .attr('class', `topo-node topo-${p.node.kind}`)
      .attr('data-node', p.node.name)
      .attr('transform', `translate(${p.x - p.w / 2},${p.y - p.h / 2})`);
    nodeGroups.set(p.node.id, g.node()!);
    switch (p.node.kind) {
      case 'client':
        drawClient(g, p);
        break;
      case 'control-plane':
        controls.push(carryControl({ ...drawControlPlane(g, p), links: linkGroups.get(p.node.id) ?? null }, carried?.get(p.node.id)));
        break;
      case 'gateway':
        loads.push(drawService(g, p, 'gateway', layout.presenter === true));
        break;
      default:
        // Services, and any kind this UI does not know yet, as service boxes.
        loads.push(drawService(g, p, 'service', layout.presenter === true));
    }
  }

  // Link figures above the boxes, so a hovered link's full label is never hidden: quiet (calls
  // per second only) until the pointer is on the link.
  const labelLayer = view.append('g').attr('class', 'topo-edge-labels');
  edgeLayer.selectAll<SVGGElement, unknown>('[data-edge]').each(function (_, i) {
    const at = labelAt[i];
    const text = labelLayer.append('text').attr('class', 'topo-edge-label').attr('data-label-edge', this.getAttribute('data-edge')).attr('x', at.x).attr('y', at.y).attr('text-anchor', at.anchor).node()!;
    if (presenter) text.style.fontSize = `${PRESENTER_LABEL_UNITS}px`;
    const label = { edge: layout.edges[i].edge.id, text, shown: '', hovered: false };
    edgeLabels.push(label);
    this.addEventListener('mouseenter', () => {
      label.hovered = true;
      label.shown = '';
      text.classList.add('topo-edge-label-hover');
      labelLayer.node()!.appendChild(text);
      showLabel(label);
    });
    this.addEventListener('mouseleave', () => {
      label.hovered = false;
      label.shown = '';
      text.classList.remove('topo-edge-label-hover');
      showLabel(label);
    });
  });
  let lastRate: (edge: number) => EdgeRate | null = () => null;
  function showLabel(l: (typeof edgeLabels)[number]): void {
    const r = lastRate(l.edge);
    const full = r ? edgeLabel(r) : '';
    const key = l.hovered ? full : full.split(' · ')[0];
    if (key === l.shown) return;
    l.shown = key;
    l.text.textContent = '';
    key.split(' · ').forEach((part, i) => {
      if (!part) return;
      const t = select(l.text).append('tspan').text(i === 0 ? part : ` · ${part}`);
      if (part.endsWith('failed')) t.attr('class', 'topo-edge-label-failed');
      if (part.endsWith('tries')) t.attr('class', 'topo-edge-label-tries');
    });
  }

  // Fault tags on top of everything.
  const faultLayer = view.append('g').attr('class', 'topo-faults');
  const placedByName = new Map(layout.nodes.map((p) => [p.node.name, p]));
  const edgeMid = new Map<string, { x: number; y: number }>();
  edgeLayer.selectAll<SVGGElement, unknown>('[data-edge]').each(function () {
    const line = this.querySelector<SVGPathElement>('.topo-edge-line');
    if (!line) return;
    const at = line.getPointAtLength(line.getTotalLength() * 0.5);
    edgeMid.set(this.getAttribute('data-edge')!, { x: at.x, y: at.y });
  });

  const all = root.selectAll<SVGGElement, unknown>('[data-node], [data-edge]');
  return {
    layout,
    lanes,
    updateLoad(nodes) {
      for (const v of loads) {
        const i = v.index * NODE_STRIDE;
        const ok = nodes !== null && nodes.length >= i + NODE_STRIDE;
        const f = (k: number) => (ok ? nodes[i + k] : 0);
        showLoad(v, f(NodeField.busy), f(NodeField.queued), f(NodeField.utilization));
        showHealth(v, Math.round(f(NodeField.down)), Math.round(f(NodeField.stale)), Math.round(f(NodeField.noConfig)), Math.round(f(NodeField.ejected)), f(NodeField.ejectedUntil));
      }
      for (const v of controls) {
        const i = v.index * NODE_STRIDE;
        const ok = nodes !== null && nodes.length >= i + NODE_STRIDE;
        showControl(v, ok && nodes[i + NodeField.down] > 0, ok && nodes[i + NodeField.stale] > 0);
        // A control plane's first two fields count config streams opened and pushes made.
        if (ok) pulseControl(v, nodes[i + NodeField.busy] + nodes[i + NodeField.queued]);
      }
    },
    updateEdgeLabels(rate) {
      lastRate = rate;
      for (const l of edgeLabels) showLabel(l);
      for (const b of brokenLocks) {
        const n = Math.round(rate(b.edge)?.tlsFailed ?? 0);
        if (n === b.shown) continue;
        b.shown = n;
        b.g.setAttribute('visibility', n > 0 ? 'visible' : 'hidden');
        b.lock?.setAttribute('visibility', n > 0 ? 'hidden' : 'visible');
        b.g.parentElement?.classList.toggle('topo-edge-tls-failed', n > 0);
        b.title.textContent = `failed TLS handshakes on this link: ${n} call${n === 1 ? '' : 's'} in the last second of simulated time (the cause is in the inspector)`;
      }
    },
    setCamera(camera) {
      cameraLayer.attr('transform', `translate(${camera.x},${camera.y}) scale(${camera.k})`);
    },
    moveNodes(next) {
      for (const p of next.nodes) nodeGroups.get(p.node.id)?.setAttribute('transform', `translate(${p.x - p.w / 2},${p.y - p.h / 2})`);
      for (const e of next.edges) {
        const v = edgeViews.get(e.edge.id);
        if (!v || v.d === e.path) continue;
        v.d = e.path;
        for (const path of v.paths) path.setAttribute('d', e.path);
        const mid = v.line.getPointAtLength(v.line.getTotalLength() * 0.5);
        for (const m of v.marks) m.setAttribute('transform', `translate(${mid.x},${mid.y})`);
        lanes[e.edge.id] = sampleLanes(v.line);
        // Its label is placed again by the drawing after the drop.
        const label = edgeLabels.find((l) => l.edge === e.edge.id);
        label?.text.setAttribute('visibility', 'hidden');
      }
      next.controlLinks.forEach((l, i) => controlPaths[i]?.setAttribute('d', l.path));
      next.meshes.forEach((m, i) => {
        meshPaths[i]?.setAttribute('d', m.path);
        meshLabels[i]?.setAttribute('x', String(m.label.x));
        meshLabels[i]?.setAttribute('y', String(m.label.y - 28));
      });
      faultLayer.attr('visibility', 'hidden');
    },
    setFound(name) {
      root.selectAll<SVGGElement, unknown>('[data-node]').each(function () {
        this.classList.toggle('topo-found', name !== null && this.getAttribute('data-node') === name);
      });
    },
    controlState() {
      return new Map(controls.map((v) => [v.index, { activity: v.activity, pulses: v.pulses }]));
    },
    showFaults(faults) {
      faultLayer.selectAll('*').remove();
      for (const v of loads) v.faults = [];
      const viewOf = new Map(loads.map((v) => [v.index, v]));
      const perAnchor = new Map<string, number>();
      for (const f of faults) {
        for (const anchor of faultAnchors(f, placedByName, edgeMid)) {
          const v = anchor.node === null ? undefined : viewOf.get(anchor.node);
          if (v) {
            if (!v.faults.includes(f.type)) v.faults.push(f.type);
            continue;
          }
          const key = `${anchor.x},${anchor.y}`;
          const n = perAnchor.get(key) ?? 0;
          perAnchor.set(key, n + 1);
          drawFaultTag(faultLayer, anchor.x, anchor.y - n * 24, f.type, anchor.edge);
        }
      }
      for (const v of loads) showHealth(v, v.last.down, v.last.stale, v.last.noConfig, v.last.ejected, v.last.ejectedUntil);
    },
    highlight(keys) {
      const set = new Set(keys);
      all.each(function () {
        const key = this.getAttribute('data-node') ?? this.getAttribute('data-edge') ?? '';
        this.classList.toggle('topo-hl', set.has(key));
      });
    },
  };
}

function drawClient(g: G, p: PlacedNode): void {
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

function drawControlPlane(g: G, p: PlacedNode): Omit<ControlView, 'links'> {
  const r = NodeSize.controlR;
  const name = controlLabel(p.node);
  g.append('title').text(`control plane of ${name}: configures the proxies and relays certificates from its CA`);
  // A hexagon, like the proxies it configures.
  const hex = Array.from({ length: 6 }, (_, i) => {
    const a = (Math.PI / 3) * i + Math.PI / 6;
    return `${r + r * Math.cos(a)},${r + r * Math.sin(a)}`;
  }).join(' ');
  g.append('polygon').attr('class', 'topo-hl-halo').attr('points', hexPoints(r, r, r + 12));
  g.append('polygon').attr('class', 'topo-control-body').attr('points', hex);
  // Three sliders: configuration.
  const icon = g.append('g').attr('class', 'topo-control-icon').attr('transform', `translate(${r},${r})`);
  [-8, 0, 8].forEach((y, i) => {
    icon.append('line').attr('x1', -11).attr('x2', 11).attr('y1', y).attr('y2', y);
    icon.append('circle').attr('cx', [-4, 5, -1][i]).attr('cy', y).attr('r', 3);
  });
  // Its CA: a seal on the hexagon's lower right.
  const ca = g.append('g').attr('class', 'topo-ca').attr('transform', `translate(${2 * r - 4},${2 * r - 6})`);
  ca.append('title').text(`certificate authority of ${name}: signs every workload's certificate`);
  ca.append('circle').attr('r', 11);
  ca.append('text').attr('text-anchor', 'middle').attr('y', 3.5).text('CA');
  g.append('text').attr('class', 'topo-name topo-name-small').attr('x', 2 * r + 14).attr('y', r - 4).text(name);
  const state = g.append('text').attr('class', 'topo-caption topo-cp-state').attr('x', 2 * r + 14).attr('y', r + 14).text('control plane + CA').node()!;
  return { index: p.node.id, group: g.node()!, state, shown: '', activity: -1, pulses: 0 };
}

/**
 * Pulses a control plane's lines to its proxies when it opened a config stream or pushed config
 * since the last update (the counts are cumulative). Mutates the SVG.
 */
/**
 * A redraw (the view resized, say) keeps counting where the last drawing was: a push that
 * landed just before it is neither lost nor pulsed twice.
 */
function carryControl(v: ControlView, was: { activity: number; pulses: number } | undefined): ControlView {
  if (!was) return v;
  v.activity = was.activity;
  v.pulses = was.pulses;
  if (v.pulses > 0) v.links?.setAttribute('data-pulses', String(v.pulses));
  return v;
}

function pulseControl(v: ControlView, activity: number): void {
  const grew = v.activity >= 0 && activity > v.activity;
  // A new run counts from zero again.
  v.activity = activity;
  if (!grew || !v.links) return;
  v.pulses++;
  v.links.setAttribute('data-pulses', String(v.pulses));
  // Restart the animation: off, a reflow, on.
  v.links.classList.remove('topo-cp-pulse');
  void v.links.getBoundingClientRect();
  v.links.classList.add('topo-cp-pulse');
}

function showControl(v: ControlView, down: boolean, caDown: boolean): void {
  const key = `${down}|${caDown}`;
  if (key === v.shown) return;
  v.shown = key;
  v.group.classList.toggle('topo-cp-down', down);
  v.group.classList.toggle('topo-ca-down', caDown);
  v.links?.classList.toggle('topo-cp-links-down', down);
  v.state.textContent = down && caDown ? 'control plane + CA DOWN' : down ? 'control plane DOWN' : caDown ? 'CA DOWN' : 'control plane + CA';
}

function drawService(g: G, p: PlacedNode, kind: 'service' | 'gateway', presenter: boolean): LoadView {
  const { w, h } = p;
  const { replicas, concurrency } = p.node;
  const radius = kind === 'gateway' ? 26 : 10;
  const what = kind === 'gateway' ? (isBridge(p.node) ? `gateway bridging ${p.node.mesh}` : 'API gateway') : p.node.external ? 'third-party service' : 'service';
  g.append('title').text(
    `${what} ${p.node.name}: ${replicas} replica${replicas > 1 ? 's' : ''}, ${concurrency} worker${concurrency > 1 ? 's' : ''} each` +
      (p.node.sidecar ? ', a sidecar beside each' : '') +
      (p.node.protocol === 'tcp' ? '; speaks plain TCP (L4)' : ''),
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
  const title = card.append('text').attr('class', 'topo-name').attr('x', inner).attr('y', 28).text(p.node.name);
  for (const tag of nodeTags(p.node)) title.append('tspan').attr('class', `topo-kind${tag === 'TCP' ? ' topo-kind-tcp' : ''}`).attr('dx', 8).text(tag);
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
  const queueLabel = queue.append('text').attr('class', 'topo-queue-label').attr('x', inner + 48).attr('y', QUEUE_BOTTOM - 1).node()!;

  const hexes = drawHexes(g, p, hexCount(p.node));
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
    stateLines: (p.replicaRoom ?? 0) > 0 || presenter ? 1 : STATE_LINES,
    health: '',
    faults: [],
    last: { down: 0, stale: 0, noConfig: 0, ejected: 0, ejectedUntil: 0 },
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
  showHealth(v, 0, 0, 0, 0, 0);
  return v;
}

/** Share of `count` out of `total` shown on `k` marks, at least one when count > 0. */
function marks(count: number, total: number, k: number): number {
  if (count <= 0 || total <= 0) return 0;
  return Math.max(1, Math.min(k, Math.round((count * k) / total)));
}

/**
 * Replicas down greyed out (their worker slots and proxies), replicas ejected by callers'
 * outlier detection greyed (lighter, dashed) beside them with the time the first comes back,
 * proxies with stale config amber and with no config red, each named in a line under the box.
 * `ejectedUntil` is simulated ms. Mutates the SVG.
 */
function showHealth(v: LoadView, down: number, stale: number, noConfig: number, ejectedRaw = 0, ejectedUntil = 0): void {
  // A replica both down and ejected counts as down.
  const ejected = Math.max(0, Math.min(ejectedRaw, v.replicas - Math.min(down, v.replicas)));
  v.last = { down, stale, noConfig, ejected, ejectedUntil };
  const back = ejected > 0 ? formatSimTime(ejectedUntil) : '';
  const key = `${down}|${stale}|${noConfig}|${ejected}|${back}|${v.faults.join(',')}`;
  if (key === v.health) return;
  v.health = key;
  const r = v.replicas;
  const k = v.hexes.length;
  const hexDown = marks(down, r, k);
  const hexEjected = Math.min(k - hexDown, marks(ejected, r, k));
  const hexNone = Math.min(k - hexDown - hexEjected, marks(noConfig, r, k));
  const hexStale = Math.min(k - hexDown - hexNone, marks(stale, r, k));
  v.hexes.forEach((h, i) => {
    // Down replicas from the right, like their worker slots; config states from the left.
    const state = i >= k - hexDown ? 'down' : i >= k - hexDown - hexEjected ? 'ejected' : i < hexNone ? 'none' : i < hexNone + hexStale ? 'stale' : '';
    h.classList.toggle('topo-hex-down', state === 'down');
    h.classList.toggle('topo-hex-ejected', state === 'ejected');
    h.classList.toggle('topo-hex-none', state === 'none');
    h.classList.toggle('topo-hex-stale', state === 'stale');
  });
  const firstDown = (r - Math.min(down, r)) * v.concurrency;
  const firstEjected = firstDown - ejected * v.concurrency;
  v.pips.forEach((pip, i) => {
    pip.classList.toggle('topo-pip-down', i >= firstDown);
    pip.classList.toggle('topo-pip-ejected', i >= firstEjected && i < firstDown);
  });
  v.group.classList.toggle('topo-some-ejected', ejected > 0);
  if (ejected > 0) v.group.setAttribute('data-ejected', String(ejected));
  else v.group.removeAttribute('data-ejected');
  v.group.classList.toggle('topo-all-down', down >= r && r > 0);
  v.group.classList.toggle('topo-some-down', down > 0);
  const label = select(v.stateLabel);
  label.selectAll('*').remove();
  const parts: [string, string][] = v.faults.map((f) => ['topo-state-fault', `⚡ ${f}`]);
  if (down > 0) parts.push(['topo-state-down', down >= r ? `all ${r} down` : `${down} of ${r} down`]);
  if (ejected > 0) parts.push(['topo-state-ejected', `${ejected} of ${r} ejected · back at ${back}`]);
  if (noConfig > 0) parts.push(['topo-state-none', `no config (${noConfig} of ${r})`]);
  if (stale > 0) parts.push(['topo-state-stale', `stale config (${stale} of ${r})`]);
  showStateLines(v, parts);
}

/** Margin of the state lines from each side of the box, design units. */
const STATE_INSET = 4;
/** Most state lines under a box: two fit in the room its mesh region keeps below it (meshRegions' REGION_PAD.bottom); one in presenter mode (STAGE_REGION_PAD). */
const STATE_LINES = 2;
/** A line may be squeezed to this share of its natural width before it is cut short. */
const MIN_SQUEEZE = 0.78;

/**
 * Writes the state parts one a line, at most `v.stateLines` lines, each within the box's width,
 * so no annotation leaves its node's mesh region or reaches a neighbour (issue 11's new-user
 * pass: "stale config (3 of 3)" hung out of the mesh). Parts left over are counted at the end of
 * the last line ("+2 more"); a line too wide is squeezed a little, then cut with an ellipsis;
 * the tooltip lists every part in full. Mutates the SVG.
 */
function showStateLines(v: LoadView, parts: readonly [string, string][]): void {
  const label = select(v.stateLabel);
  const x = v.stateLabel.getAttribute('x') ?? '0';
  const shown = parts.length > v.stateLines ? v.stateLines : parts.length;
  const more = parts.length - shown;
  v.stateTitle.textContent = parts.length > 0 ? parts.map(([, t]) => t).join('\n') : '';
  for (let i = 0; i < shown; i++) {
    const [cls, text] = parts[i];
    const line = label.append('tspan').attr('class', cls).attr('x', x).attr('dy', i === 0 ? 0 : 17).text(text).node()!;
    const extra = i === shown - 1 && more > 0 ? label.append('tspan').attr('class', 'topo-state-more').attr('dx', 6).text(`+${more} more`).node()! : null;
    fitLine(line, extra, v.stateWidth);
  }
}

/**
 * Fits a state line (and its "+N more") into `width` design units: squeezed as far as
 * MIN_SQUEEZE, then its text cut with an ellipsis until it fits. Mutates the SVG. NOTE: measures
 * text (a layout read); called only when a node's state changes.
 */
function fitLine(line: SVGTSpanElement, extra: SVGTSpanElement | null, width: number): void {
  const length = (t: SVGTSpanElement | null) => (t && t.isConnected ? t.getComputedTextLength() : 0);
  const room = width - (extra ? length(extra) + 6 : 0);
  let natural = length(line);
  // Not laid out (a hidden stage): nothing to measure yet.
  if (natural <= 0 || natural <= room) return;
  if (natural * MIN_SQUEEZE > room) {
    const full = line.textContent ?? '';
    let n = full.length;
    while (n > 1 && natural * MIN_SQUEEZE > room) {
      n--;
      line.textContent = `${full.slice(0, n).trimEnd()}…`;
      natural = length(line);
    }
  }
  if (natural > room) {
    line.setAttribute('textLength', String(room));
    line.setAttribute('lengthAdjust', 'spacingAndGlyphs');
  }
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
    v.queueLabel.textContent = queued > 0 ? `${formatCount(queued)} queued` : '';
    v.card.classList.toggle('topo-card-queued', queued > 0);
  }
  v.busyLabel.textContent = `busy ${formatCount(busy)} of ${formatCount(v.slots)} · util ${util}%`;
  v.shown = { busy, queued, util };
}
