// How much room a node takes in the layout: its box's size, and all it draws around its centre
// (name, queue stack, cloud, state lines, replica cards), design units.
import { cloudReach } from './cloudReach';
import { PresenterSize, type Extent } from './presenterLayout';
import { controlLabel, namespaceTag, nodeTags } from './nodeTraits';
import { NodeSize, type PlacedNode, type Point, type TopologyNode } from './layoutTypes';

/**
 * Width of a box that fits its name and tags, design units (text widths estimated); presenter
 * mode hides the tags (styles.css), so they take no room there. The namespace's tag (nodeMarks.css
 * `.topo-ns`: 12.5 units, the name's 18 where node text is drawn large) takes room in every drawing where
 * `nsTags` (two namespaces or more: namespaceTagsShown), none otherwise.
 */
function boxWidth(n: TopologyNode, base: number, presenter: boolean, nsTags: boolean): number {
  const inner = n.kind === 'gateway' ? 48 : 28;
  const tags = presenter ? 0 : nodeTags(n).reduce((a, t) => a + 8 + t.length * 8.6, 0);
  const nsTag = namespaceTag(n, nsTags);
  const ns = !nsTag ? 0 : presenter ? 10 + nsTag.length * 9.8 : 8 + nsTag.length * 7.4;
  return Math.max(base, Math.ceil(inner + n.name.length * 10.6 + tags + ns));
}

/**
 * The size of a node's main shape (circle or box), design units; presenter mode's boxes with
 * `presenter`; room for its namespace's tag with `nsTags` (the topology names two or more:
 * nodeTraits.namespaceTagsShown). Pure.
 */
export function sizeOf(n: TopologyNode, presenter = false, nsTags = false): { w: number; h: number } {
  const h = presenter ? PresenterSize.serviceH : NodeSize.serviceH;
  switch (n.kind) {
    case 'client':
      return { w: NodeSize.clientR * 2, h: NodeSize.clientR * 2 };
    case 'control-plane':
      return { w: NodeSize.controlR * 2, h: NodeSize.controlR * 2 };
    case 'gateway':
      return { w: boxWidth(n, presenter ? PresenterSize.gatewayW : NodeSize.gatewayW, presenter, nsTags), h };
    default:
      // Services, and any kind this UI does not know yet, are drawn as service boxes.
      return { w: boxWidth(n, presenter ? PresenterSize.serviceW : NodeSize.serviceW, presenter, nsTags), h };
  }
}

/** Adds what a node draws around its centre `at` (figure, name, queue stack, cloud, cards) to `box`. Impure: mutates `box`. */
export function addNodeExtent(box: Bounds, p: PlacedNode, at: Point, presenter: boolean, stage: boolean): void {
  const e = nodeExtent(p, presenter, stage);
  box.add(at.x + e.left, at.y + e.top);
  box.add(at.x + e.right, at.y + e.bottom);
}

/**
 * What a node draws around its centre (figure, name, queue stack, cloud, state lines, cards),
 * design units. In presenter mode's geometry (`presenter`) captions are hidden and names are 18
 * units; presenter mode itself (`stage`) keeps one state line under a box, not two. Pure.
 */
export function nodeExtent(p: PlacedNode, presenter: boolean, stage = false): Extent {
  const queueRoom = presenter ? PresenterSize.queueRoom : NodeSize.queueRoom;
  const below = stage ? PresenterSize.belowStage : PresenterSize.below;
  if (p.node.kind === 'client') {
    // Its name, or its caption under it ("client on the internet · 1,000 users", 12.5 units).
    const caption = (p.node.external ? 22 : 6) + (p.node.replicas > 1 ? 9 + String(p.node.replicas).length : 0);
    const half = presenter ? Math.max(p.w / 2, p.node.name.length * 5.6 + 8) : Math.max(p.w / 2, p.node.name.length * 5.5 + 8, caption * 3.3 + 6);
    return { left: -half, right: half, top: -p.h / 2 - (presenter && p.node.sidecar ? NodeSize.hexR : 0), bottom: p.h / 2 + (presenter ? 30 : 48) };
  }
  if (p.node.kind === 'control-plane') return { left: -p.w / 2, right: p.w / 2 + 16 + controlTextWidth(p.node, presenter), top: -p.h / 2, bottom: p.h / 2 };
  if (p.node.external) {
    // The cloud around a third party.
    // In presenter mode the cloud's whole outline (marks' cloudPath bulges past its box's corners).
    const c = cloudReach(p.w, p.h);
    return { left: -p.w / 2 - c.left, right: p.w / 2 + c.right, top: -p.h / 2 - Math.max(queueRoom, c.top), bottom: p.h / 2 + Math.max(presenter ? below : 40, c.bottom) };
  }
  return { left: -p.w / 2, right: p.w / 2, top: -p.h / 2 - queueRoom, bottom: p.h / 2 + (presenter ? below : 64) + (p.replicaRoom ?? 0) };
}

/**
 * Width of the text beside a control plane's icon, design units: its name, and in presenter
 * mode (text at 18 units) its state line too, up to "control plane + CA DOWN". Pure.
 */
export function controlTextWidth(n: TopologyNode, presenter: boolean): number {
  return presenter ? Math.max(controlLabel(n).length, 'control plane + CA DOWN'.length) * 9.6 : Math.max(controlLabel(n).length * 9.5, 120);
}

/** A box grown to take in every point added, design units; at least 1 x 1. */
export class Bounds {
  minX = Number.POSITIVE_INFINITY;
  minY = Number.POSITIVE_INFINITY;
  maxX = Number.NEGATIVE_INFINITY;
  maxY = Number.NEGATIVE_INFINITY;
  add(x: number, y: number): void {
    this.minX = Math.min(this.minX, x);
    this.minY = Math.min(this.minY, y);
    this.maxX = Math.max(this.maxX, x);
    this.maxY = Math.max(this.maxY, y);
  }
  get width(): number {
    return Math.max(1, this.maxX - this.minX);
  }
  get height(): number {
    return Math.max(1, this.maxY - this.minY);
  }
}

/**
 * Adds the story's halo round a node to `box`, design units: the ring a narrative step's
 * highlight (and a found node's) draws round its shape (svgNodeShapes' and svgControlPlane's
 * `.topo-hl-halo`: 10 units out from a box, its cards 6 units a card below it, and from a client's
 * circle; 12 from a control plane's hexagon), with a unit for its 1.5-unit stroke. The fit lets a
 * halo use the margin but not pass the stage's edge (fitPlace.ts): at presenter mode's 2.2x,
 * idle-timeout-race's ledger, last at the right, lost 10 px of its ring to the edge at 1024x768.
 * Impure: mutates `box`.
 */
export function addHaloExtent(box: Bounds, p: PlacedNode): void {
  const boxed = p.node.kind !== 'client' && p.node.kind !== 'control-plane';
  const out = (p.node.kind === 'control-plane' ? 12 : 10) + 1;
  const cards = boxed ? (Math.min(p.node.replicas, 3) - 1) * 6 : 0;
  box.add(p.x - p.w / 2 - out, p.y - p.h / 2 - out);
  box.add(p.x + p.w / 2 + out, p.y + p.h / 2 + out + cards);
}
