// Sampled points along each edge, so the canvas can place thousands of dots per frame without
// touching the DOM. Requests ride on one side of an edge's centre line, responses on the other.

/** Samples per edge; a dot's position is interpolated between neighbours. */
export const LANE_SAMPLES = 64;
/** Distance of each lane from the centre line, design units. */
export const LANE_OFFSET = 5;

export interface EdgeLanes {
  /**
   * (x, y) pairs, caller to callee: LANE_SAMPLES + 1 of them along a curve (sampleLanes), its two
   * ends for a straight lane (groupLayout's straightLanes). At least two points.
   */
  request: Float32Array;
  /** (x, y) pairs, callee to caller. */
  response: Float32Array;
}

/** What sampling needs of a path: an SVG path element, or a `CubicPath` (no layout read). */
export interface PathGeometry {
  getTotalLength(): number;
  getPointAtLength(distance: number): { x: number; y: number };
}

/** Straight pieces a cubic is cut into for its length: far below a design unit off the curve. */
const CUBIC_PIECES = 256;

/**
 * A link's curve as edgeRoutes draws it, `M x,y C x,y x,y x,y`, measured along its length
 * without the DOM: an SVG path's getTotalLength/getPointAtLength made the browser lay out the
 * whole picture again after each link was appended (a forced layout per link at start). Points
 * by distance along the curve, design units, as getPointAtLength gives them (within a hundredth
 * of a unit: it is cut into CUBIC_PIECES straight pieces).
 */
export class CubicPath implements PathGeometry {
  private readonly xs = new Float64Array(CUBIC_PIECES + 1);
  private readonly ys = new Float64Array(CUBIC_PIECES + 1);
  /** Length along the curve to each piece's end, from 0. */
  private readonly at = new Float64Array(CUBIC_PIECES + 1);

  /** The curve from (x0, y0) to (x3, y3) with control points (x1, y1) and (x2, y2). */
  constructor(x0: number, y0: number, x1: number, y1: number, x2: number, y2: number, x3: number, y3: number) {
    for (let i = 0; i <= CUBIC_PIECES; i++) {
      const u = i / CUBIC_PIECES;
      const v = 1 - u;
      const a = v * v * v;
      const b = 3 * v * v * u;
      const c = 3 * v * u * u;
      const d = u * u * u;
      this.xs[i] = a * x0 + b * x1 + c * x2 + d * x3;
      this.ys[i] = a * y0 + b * y1 + c * y2 + d * y3;
      if (i > 0) this.at[i] = this.at[i - 1] + Math.hypot(this.xs[i] - this.xs[i - 1], this.ys[i] - this.ys[i - 1]);
    }
  }

  /** The path `d` of one cubic (`M x,y C x,y x,y x,y`, as edgeRoutes writes it), or null for any other. */
  static parse(d: string): CubicPath | null {
    const m = /^M(-?[\d.e+-]+),(-?[\d.e+-]+) C(-?[\d.e+-]+),(-?[\d.e+-]+) (-?[\d.e+-]+),(-?[\d.e+-]+) (-?[\d.e+-]+),(-?[\d.e+-]+)$/.exec(d.trim());
    if (!m) return null;
    const v = m.slice(1).map(Number);
    if (!v.every(Number.isFinite)) return null;
    return new CubicPath(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]);
  }

  /** Length of the curve, design units. */
  getTotalLength(): number {
    return this.at[CUBIC_PIECES];
  }

  /** The point `distance` along the curve from its start (clamped to the curve). */
  getPointAtLength(distance: number): { x: number; y: number } {
    const at = this.at;
    if (!(distance > 0)) return { x: this.xs[0], y: this.ys[0] };
    if (distance >= at[CUBIC_PIECES]) return { x: this.xs[CUBIC_PIECES], y: this.ys[CUBIC_PIECES] };
    let lo = 0;
    let hi = CUBIC_PIECES;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (at[mid] <= distance) lo = mid;
      else hi = mid;
    }
    const span = at[hi] - at[lo];
    const f = span > 0 ? (distance - at[lo]) / span : 0;
    return { x: this.xs[lo] + (this.xs[hi] - this.xs[lo]) * f, y: this.ys[lo] + (this.ys[hi] - this.ys[lo]) * f };
  }
}

/**
 * The geometry of a link drawn with path `d`: measured in JS when it is one cubic (every link
 * edgeRoutes places), else read from the drawn `path` element.
 */
export function pathGeometry(d: string, path: SVGPathElement): PathGeometry {
  return CubicPath.parse(d) ?? path;
}

/**
 * Samples a path (a `CubicPath`, or a drawn SVG path via getPointAtLength) into two offset
 * lanes. The points are in the path's own user space (design units).
 */
export function sampleLanes(path: PathGeometry): EdgeLanes {
  const length = path.getTotalLength();
  const n = LANE_SAMPLES;
  const xs = new Float32Array(n + 1);
  const ys = new Float32Array(n + 1);
  for (let i = 0; i <= n; i++) {
    const p = path.getPointAtLength((length * i) / n);
    xs[i] = p.x;
    ys[i] = p.y;
  }
  const request = new Float32Array(2 * (n + 1));
  const response = new Float32Array(2 * (n + 1));
  for (let i = 0; i <= n; i++) {
    const a = Math.max(0, i - 1);
    const b = Math.min(n, i + 1);
    let tx = xs[b] - xs[a];
    let ty = ys[b] - ys[a];
    const len = Math.hypot(tx, ty) || 1;
    tx /= len;
    ty /= len;
    // (nx, ny) is the right-hand side of travel on screen (y points down). Like traffic on
    // a road, requests keep to their right and responses, going back, to theirs.
    const nx = -ty * LANE_OFFSET;
    const ny = tx * LANE_OFFSET;
    request[2 * i] = xs[i] + nx;
    request[2 * i + 1] = ys[i] + ny;
    const j = n - i;
    response[2 * j] = xs[i] - nx;
    response[2 * j + 1] = ys[i] - ny;
  }
  return { request, response };
}

/**
 * Writes the point at `progress` (0..1, clamped) along `lane` into `out`, between the lane's
 * evenly spaced points, however many it has (EdgeLanes: two or more). NOTE: hot path, called per
 * dot per frame; allocates nothing.
 */
export function pointOnLane(lane: Float32Array, progress: number, out: { x: number; y: number }): void {
  const n = (lane.length >> 1) - 1;
  const t = Math.max(0, Math.min(1, progress)) * n;
  const i = Math.min(n - 1, Math.floor(t));
  const f = t - i;
  out.x = lane[2 * i] + (lane[2 * i + 2] - lane[2 * i]) * f;
  out.y = lane[2 * i + 1] + (lane[2 * i + 3] - lane[2 * i + 1]) * f;
}
