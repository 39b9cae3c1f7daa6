import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { World } from '../../src/models';
import { parseScenarioText } from '../../src/scenario';
import { drawerRoom, drawnNamePx } from '../../src/ui/ownership/drawerRoom';

function topologyOf(file: string) {
  const r = parseScenarioText(readFileSync(new URL(`../../scenarios/${file}.json`, import.meta.url), 'utf8'));
  if (!r.ok) throw new Error(r.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
  return new World(r.scenario, r.scenario.seed).topology;
}

describe('the Ownership drawer grows only as far as the picture keeps 11 px names in a wide window (10 in a narrow one)', () => {
  const t = topologyOf('gateway-and-mesh');
  // The single view's stage at 1600x1000 with the drawer at 34vh (ownershipopens.spec measured 1285 x 387, names 12.5 px).
  const WIDE = { width: 1285, height: 387 };

  test('gateway-and-mesh at 1600x1000: the stage draws 12.5 px names, and the drawer grows by all a table needs while they stay 11.25 px or more (10.25 in a narrow window)', () => {
    expect(drawnNamePx(t, WIDE.width, WIDE.height, false)).toBeCloseTo(12.5, 0);
    expect(drawerRoom(t, WIDE.width, WIDE.height, 20, false)).toBe(20);
    const most = drawerRoom(t, WIDE.width, WIDE.height, 300, false);
    expect(most).toBeGreaterThan(20);
    expect(most).toBeLessThan(300);
    expect(drawnNamePx(t, WIDE.width, WIDE.height - most, false)).toBeGreaterThanOrEqual(11.25);
    expect(drawnNamePx(t, WIDE.width, WIDE.height - most - 2, false)).toBeLessThan(11.25);
    const narrow = drawerRoom(t, WIDE.width, WIDE.height, 300, true);
    expect(narrow).toBeGreaterThan(most);
    expect(drawnNamePx(t, WIDE.width, WIDE.height - narrow, true)).toBeGreaterThanOrEqual(10.25);
  });

  test('no growth without a need, for a stage whose names are under 10 px already, or for bad sizes', () => {
    expect(drawerRoom(t, WIDE.width, WIDE.height, 0, false)).toBe(0);
    expect(drawerRoom(t, WIDE.width, WIDE.height, -20, false)).toBe(0);
    expect(drawerRoom(t, WIDE.width, WIDE.height, Number.NaN, false)).toBe(0);
    expect(drawnNamePx(t, 500, 200, false)).toBeLessThan(10);
    expect(drawerRoom(t, 500, 200, 50, false)).toBe(0);
    expect(drawerRoom(t, 0, 387, 50, false)).toBe(0);
  });
});
