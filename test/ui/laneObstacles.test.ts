// The canvas view's labels keep off the lanes drawn (laneObstacles.ts): session 50 saw canvas-flood's
// "web: proxies saturated · ≈15,000 waiting" on the c -> web lane at 1024x768.
import { describe, expect, it } from 'vitest';
import { drawnLaneSegments, laneIndex } from '../../src/ui/topology/laneObstacles';
import { World } from '../../src/models';
import { readScenarioText, validateScenario } from '../../src/scenario';
import { computeGroupLayout } from '../../src/ui/topology/groupLayout';
import { laneGaps, laneSpans } from '../../src/ui/topology/laneSpans';

describe('the lanes a label keeps off', () => {
  it('says a box meets a segment that runs through it, grown by its pad, and not one beside it', () => {
    const index = laneIndex([{ x0: 0, y0: 0, x1: 400, y1: 300 }], 1024, 768);
    // On the line at x 200 (y 150).
    expect(index.meets(180, 140, 60, 18)).toBe(true);
    // Below it, clear.
    expect(index.meets(180, 200, 60, 18)).toBe(false);
    // Just off it: met only with a pad that reaches it.
    expect(index.meets(100, 60, 20, 8, 0)).toBe(false);
    expect(index.meets(100, 60, 20, 8, 6)).toBe(true);
    // A segment off the stage meets nothing.
    expect(laneIndex([{ x0: -50, y0: -50, x1: -10, y1: -10 }], 1024, 768).meets(0, 0, 100, 100)).toBe(false);
  });

  it('lists the lanes as drawn: each edge between tiles when zoomed in, a line per pair of groups zoomed out', () => {
    const text = [
      'name: lanes',
      'duration: 1s',
      'clients:',
      '  - { name: c, type: open, rate: 10, target: web }',
      'services:',
      '  - { name: web, replicas: 1, serviceTime: 5ms }',
      ...Array.from({ length: 60 }, (_, i) => `  - { name: svc-${String(i).padStart(3, '0')}, replicas: 1, serviceTime: 5ms }`),
      '',
    ].join('\n');
    const r = readScenarioText(text);
    if (!r.ok) throw new Error('unreadable');
    const v = validateScenario(r.data);
    if (!v.ok) throw new Error('invalid');
    const topology = new World(v.scenario, 1).topology;
    const layout = computeGroupLayout(topology, 1024, 600);
    const spans = laneSpans(layout, topology.edges);
    const gaps = laneGaps(layout, topology.edges, spans);
    const none = new Uint8Array(topology.edges.length);
    const noGroup = new Uint8Array(layout.groups.length);
    const id = (x: number) => x;
    const zoomedIn = drawnLaneSegments(layout, topology.edges, spans, gaps, none, noGroup, true, id, id);
    expect(zoomedIn.length).toBeGreaterThan(0);
    // The c -> web lane's middle is on a drawn segment.
    const c = topology.nodes.find((n) => n.name === 'c')!.id;
    const web = topology.nodes.find((n) => n.name === 'web')!.id;
    const e = topology.edges.find((x) => x.from === c && x.to === web)!;
    const t = (spans[2 * e.id] + spans[2 * e.id + 1]) / 2;
    const mx = layout.x[c] + t * (layout.x[web] - layout.x[c]);
    const my = layout.y[c] + t * (layout.y[web] - layout.y[c]);
    expect(laneIndex(zoomedIn, layout.width, layout.height).meets(mx - 2, my - 2, 4, 4)).toBe(true);
    // Hidden, it is not drawn: nothing there.
    const hidden = new Uint8Array(topology.edges.length).fill(1);
    expect(drawnLaneSegments(layout, topology.edges, spans, gaps, hidden, noGroup, true, id, id)).toEqual([]);
    // Zoomed out, a line per pair of groups with both ends shown.
    expect(drawnLaneSegments(layout, topology.edges, spans, gaps, none, noGroup, false, id, id).length).toBe(layout.groupEdges.filter((g) => g.from !== g.to).length);
  });
});
