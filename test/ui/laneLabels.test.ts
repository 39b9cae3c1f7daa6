import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { World } from '../../src/models';
import { readScenarioText, validateScenario } from '../../src/scenario';
import { computeGroupLayout } from '../../src/ui/topology/groupLayout';
import { laneSpans, spanOutsideBoxes } from '../../src/ui/topology/laneSpans';
import { chooseLaneLabels, LANE_LABEL_MIN_PX, sharesLine, type ScreenLane } from '../../src/ui/topology/laneLabels';
import { laneTip, TIP_MAX_LANES } from '../../src/ui/topology/laneTip';
import { labelRect, LABEL_BOX, overlap } from '../../src/ui/topology/labelGeometry';
import type { EdgeRate } from '../../src/ui/topology/edgeRates';

function fullLoadTest() {
  const r = readScenarioText(readFileSync(new URL('../../scenarios/istio-load-test-full.json', import.meta.url), 'utf8'));
  if (!r.ok) throw new Error('unreadable');
  const v = validateScenario(r.data);
  if (!v.ok) throw new Error('invalid');
  return new World(v.scenario, 1).topology;
}

const lane = (edge: number, x0: number, y0: number, x1: number, y1: number): ScreenLane => ({ edge, x0, y0, x1, y1, lock: false });
const VIEW = { x0: 0, y0: 0, x1: 1600, y1: 900 };
const rate = (tries: number): EdgeRate => ({ perSecond: tries, triesPerSecond: tries, failedShare: 0, failedHereShare: 0, tries: 1 });

describe('lanes stop at the tiles they leave and enter', () => {
  it('a line from inside one box to inside another keeps only the stretch between them', () => {
    // From (10, 50) in a box 0..100 to (390, 50) in a box 300..400: drawn from x 100 to x 300.
    const span = spanOutsideBoxes(10, 50, 390, 50, { x: 0, y: 0, w: 100, h: 100 }, { x: 300, y: 0, w: 100, h: 100 });
    expect(span![0] * 380 + 10).toBeCloseTo(100, 6);
    expect(span![1] * 380 + 10).toBeCloseTo(300, 6);
    expect(spanOutsideBoxes(10, 50, 390, 50, null, null)).toEqual([0, 1]);
    // Boxes that meet along the line leave nothing to draw.
    expect(spanOutsideBoxes(10, 50, 390, 50, { x: 0, y: 0, w: 250, h: 100 }, { x: 200, y: 0, w: 200, h: 100 })).toBeNull();
  });

  it('in the full load test no lane between two tiles is drawn over a square of either tile', () => {
    const topology = fullLoadTest();
    const layout = computeGroupLayout(topology, 1600, 900);
    const spans = laneSpans(layout, topology.edges);
    let between = 0;
    for (const e of topology.edges) {
      const a = layout.groupOf[e.from];
      const b = layout.groupOf[e.to];
      if (a === b || a < 0 || b < 0) continue;
      between++;
      const [t0, t1] = [spans[2 * e.id], spans[2 * e.id + 1]];
      expect(t1).toBeGreaterThan(t0);
      const dx = layout.x[e.to] - layout.x[e.from];
      const dy = layout.y[e.to] - layout.y[e.from];
      // Ten points along the drawn stretch: none inside the tile of either end.
      for (let i = 0; i <= 10; i++) {
        const t = t0 + ((t1 - t0) * i) / 10;
        const x = layout.x[e.from] + t * dx;
        const y = layout.y[e.from] + t * dy;
        for (const g of [layout.groups[a], layout.groups[b]]) expect(x > g.x + 1e-3 && x < g.x + g.w - 1e-3 && y > g.y + 1e-3 && y < g.y + g.h - 1e-3).toBe(false);
      }
    }
    // fortio-i -> svc-i for each of 1,000 services.
    expect(between).toBeGreaterThanOrEqual(1000);
  });
});

describe('which lanes carry their rate on the picture', () => {
  it('two long lanes apart, each with room, both get a label beside their own line', () => {
    const lanes = [lane(0, 100, 200, 500, 200), lane(1, 100, 500, 500, 500)];
    const chosen = chooseLaneLabels(lanes, [], [], VIEW);
    expect(chosen.map((c) => c.edge)).toEqual([0, 1]);
    for (const c of chosen) {
      const r = labelRect(c.spot, LABEL_BOX);
      const y = c.edge === 0 ? 200 : 500;
      // Beside its line, not across it, and within 50 px of it.
      expect(r.y1 <= y || r.y0 >= y).toBe(true);
      expect(Math.min(Math.abs(r.y0 - y), Math.abs(r.y1 - y))).toBeLessThan(50);
    }
  });

  it('lanes that run as one line (a load test row) get none: a label there could be any of theirs', () => {
    // As the full load test's rows: fortio-i -> svc-i, each 26 px on from the last, on one line.
    const row = [0, 1, 2, 3].map((i) => lane(i, 100 + 26 * i, 300, 700 + 26 * i, 300));
    expect(sharesLine(row[0], row[1])).toBe(true);
    expect(chooseLaneLabels(row, [], [], VIEW)).toEqual([]);
    // One of them alone is labelled.
    expect(chooseLaneLabels([row[0]], [], [], VIEW).map((c) => c.edge)).toEqual([0]);
  });

  it('a lane shorter than a label and its lock gets none; one just long enough does', () => {
    expect(chooseLaneLabels([lane(0, 100, 300, 100 + LANE_LABEL_MIN_PX - 1, 300)], [], [], VIEW)).toEqual([]);
    expect(chooseLaneLabels([lane(0, 100, 300, 100 + LANE_LABEL_MIN_PX + 1, 300)], [], [], VIEW)).toHaveLength(1);
  });

  it('a lane boxed in by names on both sides along its length gets none', () => {
    // Names drawn just above and below the whole lane leave no spot beside it.
    const names = [
      { x0: 0, y0: 230, x1: 600, y1: 296 },
      { x0: 0, y0: 304, x1: 600, y1: 370 },
    ];
    expect(chooseLaneLabels([lane(0, 100, 300, 500, 300)], [], names, VIEW)).toEqual([]);
    // With one side free it is placed there, over neither name.
    const chosen = chooseLaneLabels([lane(0, 100, 300, 500, 300)], [], [names[0]], VIEW);
    expect(chosen).toHaveLength(1);
    expect(overlap(labelRect(chosen[0].spot, LABEL_BOX), names[0])).toBe(false);
  });

  it('none past 80 lanes on screen', () => {
    const many = Array.from({ length: 81 }, (_, i) => lane(i, 0, 10 * i, 400, 10 * i + 300));
    expect(chooseLaneLabels(many, [], [], VIEW)).toEqual([]);
  });
});

describe('the tooltip says the rates of what is under the pointer', () => {
  // Three nodes: a at (0, 0), b at (200, 0), c at (200, 100); edges a->b and a->c, and c->b.
  const scene = {
    nodes: [
      { id: 0, name: 'fortio-000' },
      { id: 1, name: 'svc-000' },
      { id: 2, name: 'svc-001' },
    ],
    edges: [
      { id: 0, from: 0, to: 1 },
      { id: 1, from: 0, to: 2 },
      { id: 2, from: 2, to: 1 },
    ],
    x: Float32Array.from([0, 200, 200]),
    y: Float32Array.from([0, 0, 100]),
    hiddenEdges: new Uint8Array(3),
    hiddenNode: () => false,
    spans: Float32Array.from([0, 1, 0, 1, 0, 1]),
  };
  const rates = [rate(70), rate(12.5), null];
  const rateOf = (e: number) => rates[e];

  it('over a lane: its ends and its rate', () => {
    expect(laneTip(scene, rateOf, 100, 1, 3)).toBe('fortio-000 → svc-000 · 70 req/s');
  });

  it('over a node: its requests in and out', () => {
    expect(laneTip(scene, rateOf, 201, 2, 3)).toBe('svc-000 · 70 req/s in');
    expect(laneTip(scene, rateOf, 1, 1, 3)).toBe('fortio-000 · 83 req/s out');
  });

  it('over a lane with no calls in the window, and over nothing', () => {
    expect(laneTip(scene, rateOf, 200, 50, 3)).toBe('svc-001 → svc-000 · no calls in the last second');
    expect(laneTip(scene, rateOf, 60, 80, 3)).toBe('');
  });

  it('over lanes that run as one line: each of them, nearest first, and how many more', () => {
    const n = TIP_MAX_LANES + 3;
    const row = {
      ...scene,
      nodes: Array.from({ length: 2 * n }, (_, i) => ({ id: i, name: i < n ? `fortio-${i}` : `svc-${i - n}` })),
      edges: Array.from({ length: n }, (_, i) => ({ id: i, from: i, to: n + i })),
      x: Float32Array.from({ length: 2 * n }, (_, i) => (i < n ? 26 * i : 600 + 26 * (i - n))),
      y: new Float32Array(2 * n),
      hiddenEdges: new Uint8Array(n),
      spans: Float32Array.from({ length: 2 * n }, (_, i) => (i % 2 === 0 ? 0 : 1)),
    };
    const lines = laneTip(row, () => rate(70), 550, 0, 3).split('\n');
    expect(lines).toHaveLength(TIP_MAX_LANES + 1);
    expect(lines[0]).toBe('fortio-0 → svc-0 · 70 req/s');
    expect(lines[TIP_MAX_LANES]).toBe('and 3 more on this line');
  });
});
