// Draws the static picture of a topology into an SVG with D3: services as boxes with their
// replicas as stacked cards, clients as round figures at the left, edges as curves with
// arrowheads. Called when the topology or the viewport changes, never per frame; the load
// indicators are updated in place by the returned `updateLoad`.
import { select } from 'd3';
import { NODE_STRIDE, NodeField } from '../../workers/protocol';
import type { Layout } from './layoutTypes';
import { brokenLockScale, drawBrokenLock, drawFaultTag, drawLock, faultAnchors, lockHole } from './marks';
import { drawClient, drawService, queueGlyphRect } from './svgNodeShapes';
import { carryControl, controlTextRoom, drawControlPlane, showControl, showControls, type ControlView, type ControlWords } from './svgControlPlane';
import { showHealth, showLoad, type LoadView } from './svgNodeState';
import type { Camera } from './camera';
import './truth.css';
import { pathGeometry, sampleLanes, type EdgeLanes, type PathGeometry } from './lanes';
import type { EdgeRate } from './edgeRates';
import { nodeRect, type LabelLink, type Rect } from './edgeLabelPlace';
import { drawEdgeLabels } from './svgEdgeLabels';
import { meshLabel, meshTitle } from './meshName';
import { meshesOf } from './meshRegions';
import { namespaceTagsShown } from './nodeTraits';
import { mtlsModeOf, showMtls } from './mtlsMark';
import { drawBoundaries } from './svgBoundaries';
import { lockSpots } from './lockSpot';

export { PRESENTER_LABEL_UNITS } from './svgEdgeLabels';
/** Room a link label keeps from a box's '+N' badge, design units (nodeRect keeps as much from the box). */
const BADGE_GAP = 4;

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
  /** The link labels' boxes on show (EdgeLabels.holes) and the locks' (lockHole: each link's broken lock where shown, else its whole one), design units: the traffic canvas keeps them clear. */
  labelHoles(): readonly Rect[];
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
    g.append('title').text(meshTitle(m.name));
    meshPaths.push(g.append('path').attr('class', 'topo-mesh-area').attr('d', m.path).node()!);
    meshLabels.push(g.append('text').attr('class', 'topo-mesh-label').attr('x', m.label.x).attr('y', m.label.y - 28).text(meshLabel(m.name)).node()!);
  }
  // Boundaries a control plane denies: dashed sub-regions inside their mesh, named in words.
  const boundaryView = drawBoundaries(meshLayer, layout.boundaries ?? []);

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
    controlPaths.push(select(g).append('path').attr('class', 'topo-cp-link').attr('data-cp-node', layout.nodes.find((p) => p.node.id === l.node)?.node.name ?? '').attr('d', l.path).node()!);
  }
  /** Per control link: its node's proxies without config as last drawn (-1: not yet). */
  const cutShown = layout.controlLinks.map(() => -1);

  const edgeLayer = view.append('g').attr('class', 'topo-edges');
  const lanes: (EdgeLanes | undefined)[] = [];
  /** Per edge: its broken lock (hidden until TLS handshakes fail), the lock it replaces, the count shown. */
  const brokenLocks: { edge: number; g: SVGGElement; title: SVGTitleElement; lock: SVGGElement | null; shown: number; from: number; to: number; names: [string, string]; linkTitle: SVGTitleElement; noCert: boolean }[] = [];
  const labelLinks: LabelLink[] = [];
  /** Per edge id: what a drag moves (see moveNodes). */
  const edgeViews = new Map<number, { d: string; paths: SVGPathElement[]; line: SVGPathElement; marks: SVGGElement[] }>();
  /** Per link (its data-edge): its curve, measured without reading the layout (lanes.ts). */
  const geometries = new Map<string, PathGeometry>();
  const nameOf = new Map(layout.nodes.map((p) => [p.node.id, p.node.name]));
  for (const e of layout.edges) {
    const from = nameOf.get(e.edge.from) ?? String(e.edge.from);
    const to = nameOf.get(e.edge.to) ?? String(e.edge.to);
    const g = edgeLayer.append('g').attr('class', `topo-edge topo-edge-${e.kind}`).attr('data-edge', `${from}->${to}`);
    const linkTitle = g.append<SVGTitleElement>('title').text(`${from} calls ${to}${e.edge.mtls ? ' over mutual TLS' : ''}`).node()!;
    const halo = g.append('path').attr('class', 'topo-hl-halo').attr('d', e.path).node()!;
    const pipe = g.append('path').attr('class', 'topo-edge-pipe').attr('d', e.path).node()!;
    const line = g.append('path').attr('class', 'topo-edge-line').attr('d', e.path).attr('marker-end', 'url(#topo-arrow)');
    const el = line.node()!;
    const geo = pathGeometry(e.path, el);
    geometries.set(`${from}->${to}`, geo);
    lanes[e.edge.id] = sampleLanes(geo);
    const mid = geo.getPointAtLength(geo.getTotalLength() * 0.5);
    const lock = e.edge.mtls ? g.append('g').attr('class', 'topo-lock').attr('transform', `translate(${mid.x},${mid.y})`) : null;
    if (lock) drawLock(lock);
    const broken = g.append('g').attr('class', 'topo-lock-broken').attr('data-broken-lock', `${from}->${to}`).attr('transform', `translate(${mid.x},${mid.y})`).attr('visibility', 'hidden');
    brokenLocks.push({ edge: e.edge.id, g: broken.node()!, title: drawBrokenLock(broken, brokenLockScale(layout.scale)), lock: lock?.node() ?? null, shown: 0, from: e.edge.from, to: e.edge.to, names: [from, to], linkTitle, noCert: false });
    edgeViews.set(e.edge.id, { d: e.path, paths: [halo, pipe, el], line: el, marks: [broken.node()!, ...(lock ? [lock.node()!] : [])] });
    // The link's points, for placing labels clear of every link (see placeEdgeLabels).
    const len = geo.getTotalLength();
    const steps = Math.max(8, Math.ceil(len / 6));
    const points = Array.from({ length: steps + 1 }, (_, i) => {
      const q = geo.getPointAtLength((len * i) / steps);
      return { x: q.x, y: q.y };
    });
    labelLinks.push({ points, lock: e.edge.mtls, arrow: true });
  }
  // Each padlock (whole or broken) at its link's middle, or off it where other links pass there (lockSpot.ts).
  const spots = lockSpots(labelLinks.map((l) => l.points));
  layout.edges.forEach((e, i) => {
    const at = labelLinks[i].points[spots[i]];
    if (!at) return;
    labelLinks[i].lockAt = at;
    for (const m of edgeViews.get(e.edge.id)?.marks ?? []) m.setAttribute('transform', `translate(${at.x},${at.y})`);
  });
  // Beside each link, off its line (the middle of the lower side when free), clear of nodes,
  // other links, locks and other labels.
  // Presenter mode's labels are PRESENTER_LABEL_UNITS (13 px or more at its least scale), so
  // they are placed with a box as much larger.
  // So are a compare pane's, drawn as presenter mode draws in presenter mode and in a narrow window.
  // And the single view's when its names would be under 10 px otherwise (readableText.ts).
  // And a wide, short stage's bare drawing, whose columns are spaced for them (layout.ts wideArrangement).
  const presenter = layout.wide === true || svg.closest(".app.presenter, .compare-presenter, .compare-fit, .topology-stage[data-text='large']") !== null;
  const labelView = {
    x0: -layout.tx / layout.scale,
    y0: -layout.ty / layout.scale,
    x1: (layout.width - layout.tx) / layout.scale,
    y1: (layout.height - layout.ty) / layout.scale,
  };

  const nodeLayer = view.append('g').attr('class', 'topo-nodes');
  const nodeGroups = new Map<number, SVGGElement>();
  const loads: LoadView[] = [];
  const controls: ControlView[] = [];
  // How its control planes say their state line, one for the drawing (ControlWords).
  const controlWords: ControlWords = { short: false };
  const nsTags = namespaceTagsShown(layout.nodes.map((p) => p.node));
  for (const p of layout.nodes) {
    const g = nodeLayer
      .append('g')
      .attr('class', `topo-node topo-${p.node.kind}`)
      .attr('data-node', p.node.name)
      // The meshes it is drawn in (a bridge in two), for tests of the regions.
      .attr('data-mesh-of', meshesOf(p.node).join(' ') || null)
      .attr('transform', `translate(${p.x - p.w / 2},${p.y - p.h / 2})`);
    nodeGroups.set(p.node.id, g.node()!);
    switch (p.node.kind) {
      case 'client':
        drawClient(g, p);
        break;
      case 'control-plane':
        controls.push(carryControl({ ...drawControlPlane(g, p, controlTextRoom(layout, p), controlWords), links: linkGroups.get(p.node.id) ?? null }, carried?.get(p.node.id)));
        break;
      default:
        // Gateways; services, and any kind this UI does not know yet, as service boxes.
        loads.push(drawService(g, p, p.node.kind === 'gateway' ? 'gateway' : 'service', layout.presenter === true, layout.presenter === true || layout.wide === true, nsTags));
    }
  }
  // One drawn after the first said its words short: the first says them so too.
  if (controlWords.short) for (const v of controls) showControl(v, false, false);

  // Names as drawn: a quiet label with no free spot is left out rather than laid over one.
  const nameRects = layout.nodes.flatMap((p) => {
    const b = nodeGroups.get(p.node.id)?.querySelector<SVGGraphicsElement>('.topo-name')?.getBBox();
    if (!b || b.width <= 0) return [];
    const left = p.x - p.w / 2;
    const top = p.y - p.h / 2;
    return [{ x0: left + b.x, y0: top + b.y, x1: left + b.x + b.width, y1: top + b.y + b.height }];
  });
  // Each node's room for labels to keep off: nodeRect's estimate, and its name as drawn (larger
  // than the estimate where presenter mode's 18 units draw it, as in a compare pane at 1024x768,
  // where "10 req/s" sat on old-app's name).
  // And each mesh's name tab as drawn ("MESH · SHOP"): a link crossing into a mesh under its tab
  // had its label laid over the tab (gateway-and-mesh's '97 req/s' at 1024x768, large text).
  const meshLabelRects = [...meshLabels, ...boundaryView.labels].flatMap((t) => {
    const b = t.getBBox();
    return b.width > 0 ? [{ x0: b.x - 4, y0: b.y - 2, x1: b.x + b.width + 4, y1: b.y + b.height + 2 }] : [];
  });
  // And each box's '+N' badge (the replicas beyond its hexagons) as drawn, BADGE_GAP units around
  // it: at presenter size it stands left of the box, past nodeRect's estimate, and a label lay
  // against it ('190 req/s' touching frontend's '+5' in a compare pane at 1024x768).
  const badgeRects = layout.nodes.flatMap((p) => {
    const b = nodeGroups.get(p.node.id)?.querySelector<SVGGraphicsElement>('.topo-hex-more')?.getBBox();
    if (!b || b.width <= 0) return [];
    const left = p.x - p.w / 2;
    const top = p.y - p.h / 2;
    return [{ x0: left + b.x - BADGE_GAP, y0: top + b.y - BADGE_GAP, x1: left + b.x + b.width + BADGE_GAP, y1: top + b.y + b.height + BADGE_GAP }];
  });
  // In presenter mode, each box's queue glyph, its full stack and count, as it may grow while the
  // labels stay: kept clear where a spot free of everything else allows (overloaded's '302 req/s'
  // lay on db's bars). NOTE: presenter mode only: in the single view (large text included) the
  // same soft obstacles moved quiet labels into the spots highlighted ones need (partial-adoption
  // at 1024x768: storefront->catalog's '61 req/s' took reports->orders' story spot, which then
  // crossed another line; gateway-and-mesh's and mesh-only's labels moved onto a box).
  // And in a compare pane (its boxes sit closer): gateway-only's frontend->inventory '94 req/s'
  // lay under inventory's '10 q' stack at 24 s, at 1600x1000 and 1024x768 (session 30's new user).
  const presenting = svg.closest('.app.presenter, .compare') !== null;
  const queueRects = presenting ? layout.nodes.flatMap((p) => queueGlyphRect(p.node.kind, p.x - p.w / 2, p.y - p.h / 2, p.w, 18, BADGE_GAP) ?? []) : [];
  // Captions count only where drawn: presenter size and the bare drawing (captionless, compact.css)
  // leave them out (a branch pane of gateway-and-mesh at 1600x1000 kept labels 83 units either
  // side of each client for its hidden 'client on the internet', and old-app's '10 req/s' found
  // room only nearer shoppers' line).
  const nodeRects = [...layout.nodes.map((p) => nodeRect(p, !presenter && layout.captionless !== true)), ...nameRects, ...meshLabelRects, ...badgeRects];

  // A quiet count by a node of the labels left out round it ("+2 rates on hover"), off every queue glyph.
  const counts = {
    ends: layout.edges.map((e) => [nameOf.get(e.edge.from) ?? String(e.edge.from), nameOf.get(e.edge.to) ?? String(e.edge.to)] as const),
    boxes: new Map(layout.nodes.map((p) => [p.node.name, nodeRect(p, !presenter && layout.captionless !== true)])),
    keepOff: layout.nodes.flatMap((p) => queueGlyphRect(p.node.kind, p.x - p.w / 2, p.y - p.h / 2, p.w, 18, BADGE_GAP) ?? []),
  };
  const labels = drawEdgeLabels({ view, edgeLayer, edges: layout.edges.map((e) => e.edge.id), links: labelLinks, nodeRects, names: nameRects, queues: queueRects, labelView, presenter, oneUnit: svg.closest('.app.presenter, .compare-presenter') !== null, counts });

  // Fault tags on top of everything.
  const faultLayer = view.append('g').attr('class', 'topo-faults');
  const placedByName = new Map(layout.nodes.map((p) => [p.node.name, p]));
  const edgeMid = new Map<string, { x: number; y: number }>();
  edgeLayer.selectAll<SVGGElement, unknown>('[data-edge]').each(function () {
    const line = geometries.get(this.getAttribute('data-edge')!) ?? this.querySelector<SVGPathElement>('.topo-edge-line');
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
        const backlog = { saturated: Math.round(f(NodeField.proxySaturated)), held: f(NodeField.proxyHeld), waitMs: f(NodeField.proxyWait) };
        showHealth(v, Math.round(f(NodeField.down)), Math.round(f(NodeField.stale)), Math.round(f(NodeField.noConfig)), Math.round(f(NodeField.ejected)), f(NodeField.ejectedUntil), backlog);
        if (v.mtls && ok) showMtls(v.mtls, mtlsModeOf(f(NodeField.meshed), f(NodeField.strict)));
      }
      // A line to a node whose proxies have no config is cut (drawn as broken, in the failure
      // colour): its xDS stream never delivered, e.g. a boundary the control plane may not cross.
      layout.controlLinks.forEach((l, k) => {
        const i = l.node * NODE_STRIDE;
        const none = nodes !== null && nodes.length >= i + NODE_STRIDE ? Math.round(nodes[i + NodeField.noConfig]) : 0;
        if (none === cutShown[k] || !controlPaths[k]) return;
        cutShown[k] = none;
        controlPaths[k].classList.toggle('topo-cp-link-cut', none > 0);
      });
      // A link either end of which has no proxy with config has no certificate on that end: a call
      // on it fails no-config before any handshake (models/mesh: nothing listens, nothing routes),
      // so no mutual TLS is in force and its lock is not drawn whole (N6's trial, F4:
      // control-plane-boundary's ledger -> fraud-check showed an intact padlock). The link's
      // tooltip says why; the lock comes back once the config arrives.
      const replicas = (id: number) => layout.nodes.find((p) => p.node.id === id)?.node.replicas ?? 0;
      const bare = (id: number) => nodes !== null && nodes.length >= (id + 1) * NODE_STRIDE && replicas(id) > 0 && Math.round(nodes[id * NODE_STRIDE + NodeField.noConfig]) >= replicas(id);
      for (const b of brokenLocks) {
        if (!b.lock) continue;
        const noCert = bare(b.from) || bare(b.to);
        if (noCert === b.noCert) continue;
        b.noCert = noCert;
        b.lock.classList.toggle('topo-lock-none', noCert);
        b.g.parentElement?.classList.toggle('topo-edge-no-cert', noCert);
        const who = [b.from, b.to].filter(bare).map((id) => b.names[id === b.from ? 0 : 1]);
        b.linkTitle.textContent = noCert ? `${b.names[0]} calls ${b.names[1]}: no mutual TLS, ${who.join(' and ')}'s proxies have no config, so no certificate; every call fails no-config` : `${b.names[0]} calls ${b.names[1]} over mutual TLS`;
      }
      showControls(controls, nodes);
    },
    updateEdgeLabels(rate) {
      labels.update(rate);
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
    labelHoles: () => [...labels.holes(), ...brokenLocks.flatMap((b) => (b.shown > 0 ? [lockHole(b.g)] : b.lock ? [lockHole(b.lock)] : []))],
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
        const geo = pathGeometry(e.path, v.line);
        const mid = geo.getPointAtLength(geo.getTotalLength() * 0.5);
        for (const m of v.marks) m.setAttribute('transform', `translate(${mid.x},${mid.y})`);
        lanes[e.edge.id] = sampleLanes(geo);
        // Its label is placed again by the drawing after the drop.
        labels.hide(e.edge.id);
      }
      next.controlLinks.forEach((l, i) => controlPaths[i]?.setAttribute('d', l.path));
      next.meshes.forEach((m, i) => {
        meshPaths[i]?.setAttribute('d', m.path);
        meshLabels[i]?.setAttribute('x', String(m.label.x));
        meshLabels[i]?.setAttribute('y', String(m.label.y - 28));
      });
      boundaryView.move(next.boundaries ?? []);
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
      for (const v of loads) showHealth(v, v.last.down, v.last.stale, v.last.noConfig, v.last.ejected, v.last.ejectedUntil, v.last.backlog);
    },
    highlight(keys) {
      const set = new Set(keys);
      all.each(function () {
        const key = this.getAttribute('data-node') ?? this.getAttribute('data-edge') ?? '';
        this.classList.toggle('topo-hl', set.has(key));
      });
      labels.highlight(set);
    },
  };
}

