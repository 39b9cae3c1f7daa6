import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { World } from '../../src/models';
import { parseScenarioText } from '../../src/scenario';
import { PASSED_STRIDE } from '../../src/workers/protocol';
import { computeGroupLayout } from '../../src/ui/topology/groupLayout';
import { groupPulseLines, groupPulseStrength } from '../../src/ui/traffic/groupPulses';
import { createPulses, feedPulses } from '../../src/ui/traffic/pulses';

function topologyOf(file: string) {
  const r = parseScenarioText(readFileSync(new URL(`../../scenarios/${file}.json`, import.meta.url), 'utf8'));
  if (!r.ok) throw new Error(r.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
  return new World(r.scenario, r.scenario.seed).topology;
}

describe('pulses on group edges', () => {
  test('Istio’s full load test lights tens of group edges instead of a thousand edges, each as strong as its strongest member', () => {
    const t = topologyOf('istio-load-test-full');
    const l = computeGroupLayout(t, 1600, 900);
    const lines = groupPulseLines(l);
    expect(t.edges.length).toBeGreaterThanOrEqual(1000);
    expect(lines.members.length).toBeLessThan(60);
    expect(lines.members.flat().length).toBe(l.groupEdges.reduce((a, g) => a + g.edges.length, 0));
    // A forward group edge runs from the caller tile's right side to the callee tile's left.
    const i = l.groupEdges.findIndex((g) => l.groups[g.to].x > l.groups[g.from].x + l.groups[g.from].w);
    const a = l.groups[l.groupEdges[i].from];
    const b = l.groups[l.groupEdges[i].to];
    expect(Array.from(lines.ends.slice(4 * i, 4 * i + 4))).toEqual([a.x + a.w, a.y + a.h / 2, b.x, b.y + b.h / 2].map(Math.fround));

    const pulses = createPulses(t.edges.length);
    const passed = new Float32Array(t.edges.length * PASSED_STRIDE);
    const [e1, e2] = l.groupEdges[i].edges;
    passed[e1 * PASSED_STRIDE] = 0.3;
    passed[e2 * PASSED_STRIDE] = 0.8;
    feedPulses(pulses, passed, 1, 1000);
    expect(groupPulseStrength(lines, i, 0, pulses, 1000)).toBeCloseTo(0.8, 6);
    expect(groupPulseStrength(lines, i, 1, pulses, 1000)).toBe(0);
    const hidden = new Uint8Array(t.edges.length);
    hidden[e2] = 1;
    expect(groupPulseStrength(lines, i, 0, pulses, 1000, hidden)).toBeCloseTo(0.3, 6);
  });
});
