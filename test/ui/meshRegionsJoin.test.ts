// One mesh, one region: a mesh whose members lie in several bands of the compact layout (or runs
// of columns split by a column without members) is drawn as one outline round all of them.
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { World } from '../../src/models';
import { parseScenarioText } from '../../src/scenario';
import { computeLayout } from '../../src/ui/topology/layout';
import { meshesOf, roundedPolygon, unionOutline } from '../../src/ui/topology/meshRegions';

function topologyOf(file: string) {
  const r = parseScenarioText(readFileSync(new URL(`../../scenarios/${file}.json`, import.meta.url), 'utf8'));
  if (!r.ok) throw new Error(r.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
  return new World(r.scenario, r.scenario.seed).topology;
}

/** Whether (x, y) lies inside a closed polygon (even-odd). */
function inside(poly: readonly [number, number][], x: number, y: number): boolean {
  let c = false;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const [xi, yi] = poly[i];
    const [xj, yj] = poly[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) c = !c;
  }
  return c;
}

/** A region's path data as its corner points (the quadratic corners' control points). */
function corners(d: string): [number, number][] {
  return [...d.matchAll(/Q(-?[\d.]+),(-?[\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
}

test('two boxes joined by a strip make one outline of 12 corners; two apart make two', () => {
  const joined = unionOutline([
    { x0: 0, x1: 100, y0: 0, y1: 50 },
    { x0: 0, x1: 100, y0: 80, y1: 130 },
    { x0: 20, x1: 80, y0: 50, y1: 80 },
  ]);
  expect(joined).toHaveLength(1);
  // Its corners, once points on a straight side are dropped.
  expect(corners(roundedPolygon(joined[0], 10))).toHaveLength(12);
  expect(unionOutline([{ x0: 0, x1: 10, y0: 0, y1: 10 }, { x0: 20, x1: 30, y0: 0, y1: 10 }])).toHaveLength(2);
});

// retry-storm's shop (api; web, orders; payments) wraps into bands in a compare pane at 1024x768
// (about 389 x 440 px each) and in the single view's 778 x 471 px stage: drawn as three regions before.
// partial-adoption with Charts open at 1600x1000 (1240 x 372 px) and in presenter mode puts its
// control plane beside the mesh, in a column of its own.
for (const [file, w, h, presenter] of [
  ['retry-storm', 389, 440, false],
  ['retry-storm', 389, 440, true],
  ['retry-storm', 778, 471, false],
  ['retry-storm', 778, 471, true],
  ['retry-storm', 1240, 372, false],
  ['partial-adoption', 1240, 372, false],
  ['partial-adoption', 778, 471, true],
  ['two-meshes-via-gateway', 778, 471, true],
] as const) {
  test(`${file} in ${w} x ${h}${presenter ? ' (presenter mode)' : ''}: each mesh is one region holding every member's box and its control plane`, () => {
    const t = topologyOf(file);
    const layout = computeLayout(t, w, h, { presenter });
    for (const m of layout.meshes) {
      expect((m.path.match(/M/g) ?? []).length, m.name).toBe(1);
      const poly = corners(m.path);
      for (const p of layout.nodes.filter((q) => meshesOf(q.node).includes(m.name))) {
        if (meshesOf(p.node).length > 1) {
          // A bridge is half in each of its meshes.
          for (const y of [p.y - p.h / 2 + 2, p.y + p.h / 2 - 2]) expect(inside(poly, p.x - 4, y) || inside(poly, p.x + 4, y), `${p.node.name}'s half in ${m.name}`).toBe(true);
          continue;
        }
        const pts: [number, number][] = p.node.kind === 'control-plane' ? [[p.x, p.y]] : [[p.x - p.w / 2 + 2, p.y - p.h / 2 + 2], [p.x + p.w / 2 - 2, p.y - p.h / 2 + 2], [p.x - p.w / 2 + 2, p.y + p.h / 2 - 2], [p.x + p.w / 2 - 2, p.y + p.h / 2 - 2]];
        for (const [x, y] of pts) expect(inside(poly, x, y), `${p.node.name} (${x.toFixed(0)}, ${y.toFixed(0)}) in ${m.name}`).toBe(true);
      }
    }
  });
}
