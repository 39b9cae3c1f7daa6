import { describe, expect, it } from 'vitest';
import { CubicPath, LANE_OFFSET, LANE_SAMPLES, sampleLanes } from '../../src/ui/topology/lanes';

/** The curve's point at parameter u (not distance). */
function bezier(c: number[], u: number): { x: number; y: number } {
  const v = 1 - u;
  const k = [v * v * v, 3 * v * v * u, 3 * v * u * u, u * u * u];
  return { x: k[0] * c[0] + k[1] * c[2] + k[2] * c[4] + k[3] * c[6], y: k[0] * c[1] + k[1] * c[3] + k[2] * c[5] + k[3] * c[7] };
}

/** Distance along the curve to each of `n` + 1 evenly spaced parameters, by 100,000 straight pieces. */
function reference(c: number[], n = 100_000): { at: Float64Array; xs: Float64Array; ys: Float64Array } {
  const at = new Float64Array(n + 1);
  const xs = new Float64Array(n + 1);
  const ys = new Float64Array(n + 1);
  for (let i = 0; i <= n; i++) {
    const q = bezier(c, i / n);
    xs[i] = q.x;
    ys[i] = q.y;
    if (i > 0) at[i] = at[i - 1] + Math.hypot(xs[i] - xs[i - 1], ys[i] - ys[i - 1]);
  }
  return { at, xs, ys };
}

describe("a link's curve measured without the DOM", () => {
  // edgeRoutes' four kinds of link: forward, same column (a bulge), wrap, and across a band.
  const curves = [
    [100, 200, 250, 200, 250, 420, 400, 420],
    [300, 100, 386, 100, 386, 330, 300, 330],
    [120, 500, 120, 590, -30, 260, 60, 260],
    [80, 300, 80, 420.6, 820, 420.6, 820, 300],
  ];
  it('gives the length and the point at each distance within a hundredth of a design unit of the true curve', () => {
    for (const c of curves) {
      const path = CubicPath.parse(`M${c[0]},${c[1]} C${c[2]},${c[3]} ${c[4]},${c[5]} ${c[6]},${c[7]}`)!;
      expect(path).not.toBeNull();
      const ref = reference(c);
      const total = ref.at[ref.at.length - 1];
      expect(Math.abs(path.getTotalLength() - total)).toBeLessThan(0.01);
      let worst = 0;
      let j = 0;
      for (let k = 0; k <= 100; k++) {
        const d = (total * k) / 100;
        while (j < ref.at.length - 1 && ref.at[j + 1] <= d) j++;
        const f = j < ref.at.length - 1 ? (d - ref.at[j]) / (ref.at[j + 1] - ref.at[j]) : 0;
        const tx = ref.xs[j] + f * ((ref.xs[j + 1] ?? ref.xs[j]) - ref.xs[j]);
        const ty = ref.ys[j] + f * ((ref.ys[j + 1] ?? ref.ys[j]) - ref.ys[j]);
        const q = path.getPointAtLength(d);
        worst = Math.max(worst, Math.hypot(q.x - tx, q.y - ty));
      }
      expect(worst).toBeLessThan(0.01);
    }
  });
  it('clamps distances to the curve, and a straight cubic reads as its line', () => {
    const p = new CubicPath(0, 0, 10, 0, 20, 0, 30, 0);
    expect(p.getTotalLength()).toBeCloseTo(30, 9);
    expect(p.getPointAtLength(-5)).toEqual({ x: 0, y: 0 });
    expect(p.getPointAtLength(99)).toEqual({ x: 30, y: 0 });
    expect(p.getPointAtLength(15).x).toBeCloseTo(15, 9);
    // Lanes from it: requests LANE_OFFSET to the right of travel (y down), responses back on the other side.
    const lanes = sampleLanes(p);
    expect(lanes.request.length).toBe(2 * (LANE_SAMPLES + 1));
    expect(lanes.request[1]).toBeCloseTo(LANE_OFFSET, 6);
    expect(lanes.response[2 * LANE_SAMPLES + 1]).toBeCloseTo(-LANE_OFFSET, 6);
    expect(lanes.response[0]).toBeCloseTo(30, 4);
  });
  it('reads only the one-cubic paths edgeRoutes writes, negative and fractional numbers included', () => {
    expect(CubicPath.parse('M-10.5,3 C1e2,4 5,-6.25 7,8')?.getPointAtLength(0)).toEqual({ x: -10.5, y: 3 });
    expect(CubicPath.parse('M0,0 L10,10')).toBeNull();
    expect(CubicPath.parse('M0,0 C1,1 2,2 3,3 C4,4 5,5 6,6')).toBeNull();
    expect(CubicPath.parse('M0,0 Q1,1 2,2')).toBeNull();
  });
});
