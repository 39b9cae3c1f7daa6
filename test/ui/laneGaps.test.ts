// A lane between two tiles is not drawn over a third tile it crosses (laneGaps): canvas-flood's
// c -> web ran across the svc tile's squares and names (session 49's Z2, known gap).
import { describe, expect, it } from 'vitest';
import { World } from '../../src/models';
import { readScenarioText, validateScenario } from '../../src/scenario';
import { computeGroupLayout } from '../../src/ui/topology/groupLayout';
import { laneGaps, lanePieces, laneSpans, segmentInBox } from '../../src/ui/topology/laneSpans';
import { laneTip, nodeRates } from '../../src/ui/topology/laneTip';
import type { EdgeRate } from '../../src/ui/topology/edgeRates';
import { CANVAS_FLOOD as FLOOD } from '../browser/fixtures/flood';

function flood() {
  const r = readScenarioText(FLOOD);
  if (!r.ok) throw new Error('unreadable');
  const v = validateScenario(r.data);
  if (!v.ok) throw new Error('invalid');
  return new World(v.scenario, 1).topology;
}

const rate = (tries: number): EdgeRate => ({ perSecond: tries, triesPerSecond: tries, failedShare: 0, failedHereShare: 0, tries: 1 });

describe('a lane is not drawn over a tile it only crosses', () => {
  it('segmentInBox gives the stretch of a line inside a box, null where it misses', () => {
    const [e0, e1] = segmentInBox(0, 50, 400, 50, { x: 100, y: 0, w: 100, h: 100 })!;
    expect(e0).toBeCloseTo(0.25, 6);
    expect(e1).toBeCloseTo(0.5, 6);
    expect(segmentInBox(0, 150, 400, 150, { x: 100, y: 0, w: 100, h: 100 })).toBeNull();
    // Vertical, through the box.
    expect(segmentInBox(150, -100, 150, 300, { x: 100, y: 0, w: 100, h: 100 })).toEqual([0.25, 0.5]);
  });

  it('lanePieces leaves out the gap, and keeps the whole stretch without one', () => {
    const spans = Float32Array.from([0.1, 0.9, 0.1, 0.9]);
    const gaps = Float32Array.from([0.25, 0.5, Number.NaN, Number.NaN]);
    expect(lanePieces(spans, gaps, 0)).toEqual([
      [expect.closeTo(0.1, 6), 0.25],
      [0.5, expect.closeTo(0.9, 6)],
    ]);
    expect(lanePieces(spans, gaps, 1).length).toBe(1);
    expect(lanePieces(Float32Array.from([Number.NaN, Number.NaN]), null, 0)).toEqual([]);
  });

  it("in canvas-flood, c -> web crosses the svc tile and no drawn piece of any lane lies inside a tile that is not its ends'", () => {
    const topology = flood();
    const layout = computeGroupLayout(topology, 1600, 900);
    const spans = laneSpans(layout, topology.edges);
    const gaps = laneGaps(layout, topology.edges, spans);
    const id = (name: string) => topology.nodes.find((n) => n.name === name)!.id;
    const cWeb = topology.edges.find((e) => e.from === id('c') && e.to === id('web'))!;
    const svc = layout.groups[layout.groupOf[id('svc-000')]];
    // Before the fix c -> web was drawn whole over the svc tile: it does cross it.
    expect(segmentInBox(layout.x[cWeb.from], layout.y[cWeb.from], layout.x[cWeb.to], layout.y[cWeb.to], svc)).not.toBeNull();
    expect(gaps[2 * cWeb.id + 1]).toBeGreaterThan(gaps[2 * cWeb.id]);
    let checked = 0;
    for (const e of topology.edges) {
      const a = layout.groupOf[e.from];
      const b = layout.groupOf[e.to];
      if (a === b) continue;
      const dx = layout.x[e.to] - layout.x[e.from];
      const dy = layout.y[e.to] - layout.y[e.from];
      for (const [t0, t1] of lanePieces(spans, gaps, e.id)) {
        for (let i = 0; i <= 20; i++) {
          const t = t0 + ((t1 - t0) * i) / 20;
          const x = layout.x[e.from] + t * dx;
          const y = layout.y[e.from] + t * dy;
          for (const g of layout.groups) {
            if (g.index === a || g.index === b) continue;
            expect(x > g.x + 1e-3 && x < g.x + g.w - 1e-3 && y > g.y + 1e-3 && y < g.y + g.h - 1e-3, `${e.id} at ${t} in ${g.name}`).toBe(false);
            checked++;
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(0);
    // The tooltip over the middle of the svc tile, where the lane is not drawn, does not name it.
    const [g0, g1] = [gaps[2 * cWeb.id], gaps[2 * cWeb.id + 1]];
    const tm = (g0 + g1) / 2;
    const tip = laneTip(
      { nodes: topology.nodes, edges: topology.edges, x: layout.x, y: layout.y, hiddenEdges: new Uint8Array(topology.edges.length), hiddenNode: () => false, spans, gaps },
      () => rate(70),
      layout.x[cWeb.from] + tm * (layout.x[cWeb.to] - layout.x[cWeb.from]),
      layout.y[cWeb.from] + tm * (layout.y[cWeb.to] - layout.y[cWeb.from]),
      2,
    );
    expect(tip).not.toContain('c → web');
  });

  it("a node's rates read as hovering it says them: in where called or quiet, out where it calls", () => {
    const edges = [
      { id: 0, from: 0, to: 1 },
      { id: 1, from: 1, to: 2 },
    ];
    const rates = [rate(70), rate(1234.5)];
    expect(nodeRates(edges, (e) => rates[e], 1)).toBe('70 req/s in · 1,235 req/s out');
    expect(nodeRates(edges, (e) => rates[e], 0)).toBe('70 req/s out');
    // No figures on any of its links (before the run has played): no rate claimed (session 50 read '0.0 req/s in').
    expect(nodeRates(edges, () => null, 2)).toBe('');
    expect(nodeRates(edges, (e) => (e === 0 ? rates[0] : null), 2)).toBe('');
  });
});
