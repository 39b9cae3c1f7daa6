// Sampled points along each edge, so the canvas can place thousands of dots per frame without
// touching the DOM. Requests ride on one side of an edge's centre line, responses on the other.

/** Samples per edge; a dot's position is interpolated between neighbours. */
export const LANE_SAMPLES = 64;
/** Distance of each lane from the centre line, design units. */
export const LANE_OFFSET = 5;

export interface EdgeLanes {
  /** (x, y) pairs, LANE_SAMPLES + 1 of them, caller to callee. */
  request: Float32Array;
  /** (x, y) pairs, callee to caller. */
  response: Float32Array;
}

/**
 * Samples a rendered SVG path (via getPointAtLength) into two offset lanes. The points are
 * in the path's own user space (design units).
 */
export function sampleLanes(path: SVGPathElement): EdgeLanes {
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
 * Writes the point at `progress` (0..1) along `lane` into `out`. NOTE: hot path, called per
 * dot per frame; allocates nothing.
 */
export function pointOnLane(lane: Float32Array, progress: number, out: { x: number; y: number }): void {
  const t = Math.max(0, Math.min(1, progress)) * LANE_SAMPLES;
  const i = Math.min(LANE_SAMPLES - 1, Math.floor(t));
  const f = t - i;
  out.x = lane[2 * i] + (lane[2 * i + 2] - lane[2 * i]) * f;
  out.y = lane[2 * i + 1] + (lane[2 * i + 3] - lane[2 * i + 1]) * f;
}
