import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { World } from '../../src/models';
import { readScenarioText, validateScenario } from '../../src/scenario';
import { computeGroupLayout, groupNodes, nameFamily, straightLanes } from '../../src/ui/topology/groupLayout';
import { pickLabels } from '../../src/ui/topology/labelGrid';
import { findNode, searchMissText } from '../../src/ui/topology/findNode';
import { LANE_SAMPLES, pointOnLane } from '../../src/ui/topology/lanes';
import { createSceneState, updateRates } from '../../src/ui/topology/canvasSceneState';
import type { EdgeRate } from '../../src/ui/topology/edgeRates';

const full = () => {
  const r = readScenarioText(readFileSync(new URL('../../scenarios/istio-load-test-full.json', import.meta.url), 'utf8'));
  if (!r.ok) throw new Error('unreadable');
  const v = validateScenario(r.data);
  if (!v.ok) throw new Error('invalid');
  return new World(v.scenario, 1).topology;
};

describe('large topologies fold into groups', () => {
  const topology = full();

  it('names a family by the name without its trailing number', () => {
    expect(nameFamily('svc-042')).toBe('svc');
    expect(nameFamily('fortio_7')).toBe('fortio');
    expect(nameFamily('frontend')).toBe('frontend');
    expect(nameFamily('42')).toBe('42');
  });

  it('cuts the load test into blocks of 100 consecutive names, clients and services apart, and the control plane alone', () => {
    const groups = groupNodes(topology.nodes);
    expect(groups.map((g) => g.name)).toEqual([
      ...Array.from({ length: 10 }, (_, i) => `fortio ${i}00–${i}99`),
      ...Array.from({ length: 10 }, (_, i) => `svc ${i}00–${i}99`),
      'control planes',
    ]);
    expect(groups.slice(0, 20).every((g) => g.members.length === 100 && g.mesh === 'mesh')).toBe(true);
    expect(groups[10].members.map((id) => topology.nodes[id].name).slice(0, 2)).toEqual(['svc-000', 'svc-001']);
  });

  it('lays 2,001 nodes out without overlapping tiles, every node inside its tile, and fits the viewport', () => {
    const l = computeGroupLayout(topology, 1600, 1000);
    for (const a of l.groups) {
      for (const b of l.groups) {
        if (a === b) continue;
        const overlap = a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
        expect(overlap, `${a.name} overlaps ${b.name}`).toBe(false);
      }
    }
    for (const n of topology.nodes) {
      const g = l.groups[l.groupOf[n.id]];
      expect(l.x[n.id]).toBeGreaterThan(g.x);
      expect(l.x[n.id]).toBeLessThan(g.x + g.w);
      expect(l.y[n.id]).toBeGreaterThan(g.y);
      expect(l.y[n.id]).toBeLessThan(g.y + g.h);
    }
    const right = Math.max(...l.groups.map((g) => g.x + g.w));
    const bottom = Math.max(...l.groups.map((g) => g.y + g.h));
    expect(l.tx + right * l.scale).toBeLessThanOrEqual(1600);
    expect(l.ty + bottom * l.scale).toBeLessThanOrEqual(1000);
    // One aggregated edge per block of clients to its block of services.
    expect(l.groupEdges).toHaveLength(10);
    expect(l.groupEdges.every((ge) => ge.edges.length === 100)).toBe(true);
  });

  it('puts each block of services just right of the block of clients that calls it', () => {
    const l = computeGroupLayout(topology, 1600, 1000);
    for (const ge of l.groupEdges) {
      const a = l.groups[ge.from];
      const b = l.groups[ge.to];
      expect(b.x).toBeGreaterThan(a.x + a.w);
      expect(l.groups.some((g) => g !== a && g !== b && g.x > a.x && g.x < b.x && g.y < a.y + a.h && a.y < g.y + g.h)).toBe(false);
    }
  });

  it('draws straight lanes, requests on the right of travel and responses back on the left', () => {
    const lanes = straightLanes(0, 0, 100, 0);
    // A straight lane is its two ends.
    expect(Array.from(lanes.request)).toEqual([0, 2.5, 100, 2.5]);
    expect(Array.from(lanes.response)).toEqual([100, -2.5, 0, -2.5]);
  });

  it('places a dot on a straight lane where the 64-sample lane drawn before placed it', () => {
    const [x0, y0, x1, y1] = [12.5, 310, 471.25, 88];
    const lanes = straightLanes(x0, y0, x1, y1);
    // The lanes as LANE_SAMPLES + 1 points, as straightLanes made them until session 40.
    const sampled = (side: 1 | -1) => {
      const len = Math.hypot(x1 - x0, y1 - y0);
      const [nx, ny] = [(-(y1 - y0) / len) * 2.5 * side, ((x1 - x0) / len) * 2.5 * side];
      const a = new Float32Array(2 * (LANE_SAMPLES + 1));
      for (let i = 0; i <= LANE_SAMPLES; i++) {
        const t = i / LANE_SAMPLES;
        const q = side === 1 ? i : LANE_SAMPLES - i;
        a[2 * q] = x0 + (x1 - x0) * t + nx;
        a[2 * q + 1] = y0 + (y1 - y0) * t + ny;
      }
      return a;
    };
    const [a, b] = [{ x: 0, y: 0 }, { x: 0, y: 0 }];
    for (const progress of [0, 0.013, 0.25, 0.5, 0.77, 0.999, 1, 1.2]) {
      for (const [lane, before] of [[lanes.request, sampled(1)], [lanes.response, sampled(-1)]] as const) {
        pointOnLane(lane, progress, a);
        pointOnLane(before, progress, b);
        expect(Math.abs(a.x - b.x)).toBeLessThan(1e-3);
        expect(Math.abs(a.y - b.y)).toBeLessThan(1e-3);
      }
    }
  });
});

describe('the label grid', () => {
  it('keeps the first of two overlapping labels by priority, and both when apart', () => {
    const a = { x: 10, y: 10, w: 80, h: 16, priority: 2, key: 1 };
    const b = { x: 50, y: 14, w: 80, h: 16, priority: 1, key: 2 };
    const c = { x: 300, y: 10, w: 80, h: 16, priority: 3, key: 3 };
    expect(pickLabels([a, b, c])).toEqual([2, 3]);
  });

  it('keeps no two overlapping labels out of a thousand, and at most `perCell` anchored in a cell', () => {
    const cands = Array.from({ length: 1000 }, (_, i) => ({ x: (i * 37) % 1500, y: (i * 53) % 950, w: 70, h: 18, priority: i % 4, key: i }));
    const kept = pickLabels(cands, 2).map((k) => cands[k]);
    expect(kept.length).toBeGreaterThan(50);
    for (const p of kept) {
      for (const q of kept) {
        if (p !== q) expect(p.x < q.x + q.w && q.x < p.x + p.w && p.y < q.y + q.h && q.y < p.y + p.h).toBe(false);
      }
    }
    const perCell = new Map<string, number>();
    for (const p of kept) perCell.set(`${Math.floor(p.x / 120)},${Math.floor(p.y / 120)}`, (perCell.get(`${Math.floor(p.x / 120)},${Math.floor(p.y / 120)}`) ?? 0) + 1);
    expect(Math.max(...perCell.values())).toBeLessThanOrEqual(2);
  });
});

describe('the node search', () => {
  const nodes = full().nodes;
  it('finds an exact name ignoring case, else the first name starting with the text, else one containing it', () => {
    expect(findNode(nodes, 'SVC-500')?.name).toBe('svc-500');
    expect(findNode(nodes, 'fortio-12')?.name).toBe('fortio-120');
    expect(findNode(nodes, 'io-99')?.name).toBe('fortio-990');
    expect(findNode(nodes, 'nope')).toBeNull();
    expect(findNode(nodes, '  ')).toBeNull();
  });

  it('a search that finds nothing names the node meant: its number without leading zeros, or a near miss', () => {
    expect(findNode(nodes, 'svc-0500')).toBeNull();
    expect(searchMissText(nodes, ' svc-0500 ')).toBe('no node named "svc-0500"; did you mean svc-500?');
    expect(searchMissText(nodes, 'fortio-0042')).toBe('no node named "fortio-0042"; did you mean fortio-042?');
    expect(searchMissText(nodes, 'fotrio-042')).toBe('no node named "fotrio-042"; did you mean fortio-042?');
    expect(searchMissText(nodes, 'no-such-service')).toBe('no node named "no-such-service"');
  });
});

describe('a grouped tile reads its traffic as a link label does', () => {
  it('counts every try into the group as req/s and the failed share over the calls (retried calls: 1,000 calls/s, 2,500 tries/s, 10% failed)', () => {
    const topology = full();
    const layout = computeGroupLayout(topology, 1600, 1000);
    const s = createSceneState(topology, layout);
    const target = layout.groups.findIndex((g) => g.name === 'svc 000–099');
    const into = topology.edges.filter((e) => layout.groupOf[e.to] === target);
    expect(into.length).toBeGreaterThan(0);
    const calls = 1000 / into.length;
    const rates = new Map<number, EdgeRate>(
      into.map((e) => [e.id, { perSecond: calls, triesPerSecond: calls * 2.5, failedShare: 0.1, failedHereShare: 0.1, tries: 2.5 }]),
    );
    expect(updateRates(s, (id) => rates.get(id) ?? null)).toBe(true);
    expect(s.groupText[target]).toBe('svc 000–099 · 100 · 2,500 req/s · 10% failed');
  });
});
