// Which of the canvas view's lanes carry their rate on the picture, and where: zoomed in far enough
// that each edge is drawn, a lane long enough and with room gets a quiet label placed by the small
// scenarios' rules (edgeLabelPlace.ts: beside its line, over no node, name, lock, other line or
// label); a lane that shares its line with another (a load test's rows, where a dozen lanes run
// as one line) or finds no room gets none, and says its rate on hover (laneTip). N18's trial, item
// 7: zoomed in, the full load test's lanes showed locks but no req/s. Pure; CSS px.
import { LABEL_BOX, labelRect, placeEdgeLabels, type LabelLink, type LabelSpot, type Rect } from './edgeLabelPlace';
import { readsAsOther } from './labelReading';

/** A lane as drawn on screen: its edge id, its drawn stretch's ends (CSS px), and whether a lock sits at its middle. */
export interface ScreenLane {
  edge: number;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  lock: boolean;
}

/** Lanes shorter than this on screen carry no label: a label would stand over their ends' squares (LABEL_BOX's width and a lock's room). */
export const LANE_LABEL_MIN_PX = LABEL_BOX.w + 30;
/** Past this many lanes on screen none is labelled: the picture is a bundle, and placing would cost a frame. */
export const LANE_LABEL_MAX_LANES = 80;
/** Two lanes closer than this (CSS px) at one's middle, running the same way, are one line on screen. */
const SAME_LINE_PX = 3;
/** Points along a lane for the placer, every this many CSS px. */
const POINT_STEP_PX = 4;

/**
 * True when lane `a`'s middle lies on lane `b`'s line (within SAME_LINE_PX) and the two run
 * alike (parallel or opposite): on screen they are one line, so a label by it could be either's.
 * Pure.
 */
export function sharesLine(a: ScreenLane, b: ScreenLane): boolean {
  const ax = a.x1 - a.x0;
  const ay = a.y1 - a.y0;
  const bx = b.x1 - b.x0;
  const by = b.y1 - b.y0;
  const la = Math.hypot(ax, ay);
  const lb = Math.hypot(bx, by);
  if (la === 0 || lb === 0) return false;
  if (Math.abs(ax * by - ay * bx) / (la * lb) > 0.05) return false;
  const mx = (a.x0 + a.x1) / 2;
  const my = (a.y0 + a.y1) / 2;
  const t = Math.max(0, Math.min(1, ((mx - b.x0) * bx + (my - b.y0) * by) / (lb * lb)));
  return Math.hypot(mx - (b.x0 + t * bx), my - (b.y0 + t * by)) <= SAME_LINE_PX;
}

/** `lane` as the placer's link: points every POINT_STEP_PX along its drawn stretch. Pure. */
export function laneLink(lane: ScreenLane): LabelLink {
  const len = Math.hypot(lane.x1 - lane.x0, lane.y1 - lane.y0);
  const steps = Math.max(1, Math.ceil(len / POINT_STEP_PX));
  const points = [];
  for (let i = 0; i <= steps; i++) points.push({ x: lane.x0 + ((lane.x1 - lane.x0) * i) / steps, y: lane.y0 + ((lane.y1 - lane.y0) * i) / steps });
  return { points, lock: lane.lock };
}

/**
 * The lanes that carry a quiet label and where (a LabelSpot: its text's baseline anchor, CSS px),
 * in `lanes`' order: those at least LANE_LABEL_MIN_PX long that share their line with no other
 * lane (sharesLine), placed by placeEdgeLabels against every lane on screen, the node squares
 * (`nodes`), the names and titles drawn (`names`) and the stage (`view`); a label left out there
 * (over a name, a node, across a line), cut by the stage's edge, or read as another lane's (readsAsOther) is not kept. None
 * with more than LANE_LABEL_MAX_LANES lanes. Pure.
 */
export function chooseLaneLabels(lanes: readonly ScreenLane[], nodes: readonly Rect[], names: readonly Rect[], view: Rect): { edge: number; spot: LabelSpot }[] {
  if (lanes.length > LANE_LABEL_MAX_LANES) return [];
  const own = lanes.filter((a) => Math.hypot(a.x1 - a.x0, a.y1 - a.y0) >= LANE_LABEL_MIN_PX && !lanes.some((b) => b !== a && (sharesLine(a, b) || sharesLine(b, a))));
  if (own.length === 0) return [];
  // The labelled first, as the placer is greedy in link order; the rest are there to be kept off.
  const ordered = [...own, ...lanes.filter((l) => !own.includes(l))];
  const links = ordered.map(laneLink);
  const spots = placeEdgeLabels(links, [...nodes, ...names], view, LABEL_BOX, names, [], false);
  const out: { edge: number; spot: LabelSpot }[] = [];
  own.forEach((lane, i) => {
    const spot = spots[i];
    const r = labelRect(spot, LABEL_BOX);
    const cut = r.x0 < view.x0 || r.y0 < view.y0 || r.x1 > view.x1 || r.y1 > view.y1;
    if (cut || spot.overName || spot.overNode || spot.acrossLink || spot.overLabel || spot.short || readsAsOther(links[i], links, spot, LABEL_BOX)) return;
    out.push({ edge: lane.edge, spot });
  });
  return out;
}
