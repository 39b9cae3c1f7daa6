// The boxes a link label is judged by: a label's box at its anchor, a node's drawing with its
// name and caption, and whether two boxes overlap or a point falls in one. Design units; pure.
import { NodeSize, type PlacedNode } from './layoutTypes';

/** An axis-aligned box, design units. */
export interface Rect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface LabelSpot {
  /** Where the text's baseline anchor goes, design units. */
  x: number;
  y: number;
  anchor: 'start' | 'middle' | 'end';
  /**
   * Set by placeEdgeLabels when no spot was free and this one still lies over a node's name:
   * the quiet label is then left out, and the link says its figures on hover.
   */
  overName?: true;
  /**
   * Set by placeEdgeLabels when no spot was free and this one still lies across another link's
   * line: left out as one over a name is (a label read across a line, as old-app's '10 req/s'
   * across shoppers' in gateway-and-mesh at 1024x768 with Charts open, reads as that link's).
   */
  acrossLink?: true;
  /**
   * Set by placeEdgeLabels when no spot was free and this one still lies over a label placed
   * before it: left out as one over a name is, and the link says its figures on hover (40
   * clients' links into one box laid labels over each other; session 49).
   */
  overLabel?: true;
  /**
   * Set by placeEdgeLabels when no spot was free and this one still lies over a node's drawing
   * (its box, hexagons, state line, badge, or a mesh's tab): left out as one over a name is (a
   * label over a box reads as part of the box: presenter mode at 1024x768 laid '101 req/s' over
   * storefront, checkout and payments-bridge in two-meshes-via-gateway, 64 units apart).
   */
  overNode?: true;
  /**
   * Set by placeEdgeLabels for a presenter-size label that found no spot for its full quiet text
   * ("68 req/s") but one for the short form ("68/s", SHORT_LABEL_SHARE of the box's width): the
   * label says the short form there (partial-adoption's analysts->reports between its client and
   * reports, 81 units apart, and l4-vs-l7's etl-job->postgres, 65, against a 105-unit label).
   */
  short?: true;
}

/** A link to label: points along its path (every few units, in order) and whether it has a lock at its middle. */
export interface LabelLink {
  points: readonly { x: number; y: number }[];
  lock: boolean;
  /** Where its lock sits when not at its middle point (lockSpot.ts: moved off other links), design units. */
  lockAt?: { x: number; y: number };
  /** An arrowhead drawn at its last point (the SVG drawing's links): labels keep off it as off a lock. */
  arrow?: boolean;
}

/**
 * The box a quiet label ("1234 req/s", 12 px semibold, as styles.css draws `.topo-edge-label`)
 * takes at most, with the halo of its outline: width and height, design units.
 */
export const LABEL_BOX = { w: 76, h: 16 } as const;

/**
 * The box a node's drawing covers, with its name and caption: a service or gateway box with the
 * replica cards below it, the hexagons on its top and a line of state under it; a client's
 * figure with its name and caption below; a control plane's hexagon with its name beside it;
 * an unfolded service's replica cards (its `replicaRoom`) too.
 * `captions: false` where the drawing leaves captions out (presenter mode's text: styles.css
 * hides `.topo-caption`), so a client keeps only its name's width: "client on the internet"
 * kept labels 83 units either side of old-app, though not drawn. Design units. Pure.
 */
export function nodeRect(p: PlacedNode, captions = true): Rect {
  const left = p.x - p.w / 2;
  const top = p.y - p.h / 2;
  switch (p.node.kind) {
    case 'client': {
      const r = NodeSize.clientR;
      const caption = captions ? (p.node.external ? 'client on the internet' : 'client').length + (p.node.replicas > 1 ? 12 : 0) : 0;
      const half = Math.max(r, (Math.max(p.node.name.length * 8.6, caption * 7.2) + 8) / 2);
      const cx = left + r;
      return { x0: cx - half, y0: top - 10, x1: cx + half, y1: top + 2 * r + 46 };
    }
    case 'control-plane': {
      const r = NodeSize.controlR;
      return { x0: left - 6, y0: top - 6, x1: left + 2 * r + 14 + Math.max(140, p.node.name.length * 9), y1: top + 2 * r + 8 };
    }
    default:
      // An unfolded service's replica cards stand under its state line, in the room the layout
      // made for them (replicaRoom): labels keep off them as off the box (presenter mode at
      // 1024x768 laid checkout->cart's '48 req/s' over cart's '#0 up' card).
      return { x0: left - 4, y0: top - NodeSize.hexR - 4, x1: left + p.w + 4, y1: top + p.h + 2 * 6 + 24 + (p.replicaRoom ?? 0) };
  }
}

/** The label's box when its anchor is at `s`. Pure. */
export function labelRect(s: LabelSpot, box: { w: number; h: number } = LABEL_BOX): Rect {
  const x0 = s.anchor === 'start' ? s.x : s.anchor === 'end' ? s.x - box.w : s.x - box.w / 2;
  return { x0, y0: s.y - box.h + 4, x1: x0 + box.w, y1: s.y + 4 };
}

/** True when boxes `a` and `b` share any area. */
export const overlap = (a: Rect, b: Rect) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
/** True when `p` lies within `r` grown by `pad` on every side. */
export const inside = (p: { x: number; y: number }, r: Rect, pad: number) => p.x > r.x0 - pad && p.x < r.x1 + pad && p.y > r.y0 - pad && p.y < r.y1 + pad;
