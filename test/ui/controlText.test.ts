import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { World } from '../../src/models';
import { parseScenarioText } from '../../src/scenario';
import { computeLayout } from '../../src/ui/topology/layout';
import { regionRightAt, type MeshRegion } from '../../src/ui/topology/meshRegions';
import { controlStateText, controlTextRoom } from '../../src/ui/topology/svgControlPlane';

const region = (runs: MeshRegion['runs']): MeshRegion => ({ name: 'm', index: 0, path: '', label: { x: 0, y: 0 }, minX: 0, minY: 0, maxX: 0, maxY: 0, runs });

describe("a control plane's text and its mesh region", () => {
  test('the region holds a strip from a band on through the next bands of its run that span it, not past a lower one', () => {
    const r = region([
      [
        { x0: 0, x1: 100, y0: 0, y1: 300 },
        { x0: 100, x1: 220, y0: 0, y1: 300 },
        { x0: 220, x1: 340, y0: 80, y1: 300 },
      ],
    ]);
    expect(regionRightAt(r, 50, 20, 60)).toBe(220);
    expect(regionRightAt(r, 50, 100, 140)).toBe(340);
    expect(regionRightAt(r, 400, 20, 60)).toBeNull();
    expect(regionRightAt(r, 50, -10, 60)).toBeNull();
  });

  test("the state line reads short where the words do not fit, 'DOWN' after what is down", () => {
    expect([controlStateText(false, false, false), controlStateText(true, false, false), controlStateText(false, true, false), controlStateText(true, true, false)]).toEqual(['control plane + CA', 'control plane DOWN', 'CA DOWN', 'control plane + CA DOWN']);
    expect([controlStateText(false, false, true), controlStateText(true, false, true), controlStateText(false, true, true), controlStateText(true, true, true)]).toEqual(['CP + CA', 'CP DOWN', 'CA DOWN', 'CP + CA DOWN']);
  });

  test("config-rollout's control plane in a compare pane's presenter geometry has under 100 units for its text; in the single view's geometry, room for the words", () => {
    const parsed = parseScenarioText(readFileSync(new URL('../../scenarios/config-rollout.json', import.meta.url), 'utf8'));
    if (!parsed.ok) throw new Error('config-rollout did not parse');
    const topology = new World(parsed.scenario, parsed.scenario.seed).topology;
    const cp = (l: ReturnType<typeof computeLayout>) => l.nodes.find((p) => p.node.kind === 'control-plane')!;
    // A compare pane at 1024x768: about 500 x 520 px, presenter geometry.
    const narrow = computeLayout(topology, 500, 520, { presenter: true });
    const room = controlTextRoom(narrow, cp(narrow));
    // 'control plane + CA' at 18 units takes about 155; 'CP + CA' about 60.
    expect(room).toBeGreaterThan(60);
    expect(room).toBeLessThan(100);
    // Outside presenter geometry the words are 12.5 units: about 120.
    const wide = computeLayout(topology, 780, 760, {});
    expect(controlTextRoom(wide, cp(wide))).toBeGreaterThan(130);
  });
});
