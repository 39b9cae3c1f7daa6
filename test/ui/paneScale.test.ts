// Both compare panes at one scale (compare/paneScale.ts): the pane whose picture fits larger is
// drawn at the other's fit (LayoutOptions.maxScale), centred and whole, so one service is one size.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { World } from '../../src/models';
import { parseScenarioText } from '../../src/scenario';
import { LEAST_SHARED_SCALE, linkPaneScales, paneScaleCaps } from '../../src/ui/compare/paneScale';
import { createAppStore } from '../../src/ui/state/store';
import { computeLayout } from '../../src/ui/topology/layout';

function topologyOf(file: string) {
  const r = parseScenarioText(readFileSync(new URL(`../../scenarios/${file}.json`, import.meta.url), 'utf8'));
  if (!r.ok) throw new Error(r.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
  return new World(r.scenario, r.scenario.seed).topology;
}

describe('paneScaleCaps', () => {
  test('caps the pane whose fit is larger at the smaller fit, and leaves the other uncapped', () => {
    expect(paneScaleCaps([1, 0.78])).toEqual([0.78, null]);
    expect(paneScaleCaps([0.6, 0.9])).toEqual([null, 0.6]);
    expect(paneScaleCaps([0.8, 0.8])).toEqual([null, null]);
  });

  test('follows a smaller fit down to names of 10 px only (LEAST_SHARED_SCALE, 10/18), not below', () => {
    expect(LEAST_SHARED_SCALE).toBeCloseTo(10 / 18, 12);
    expect(paneScaleCaps([0.9, 0.45])).toEqual([LEAST_SHARED_SCALE, null]);
    expect(paneScaleCaps([0.5, 0.45])).toEqual([null, null]);
  });

  test('caps neither while a fit is unknown, group tiles, or not a scale', () => {
    expect(paneScaleCaps([null, 0.8])).toEqual([null, null]);
    expect(paneScaleCaps([0.8, null])).toEqual([null, null]);
    expect(paneScaleCaps([Number.NaN, 0.8])).toEqual([null, null]);
    expect(paneScaleCaps([0, 0.8])).toEqual([null, null]);
    expect(paneScaleCaps([Number.POSITIVE_INFINITY, 0.8])).toEqual([null, null]);
  });
});

describe('linkPaneScales', () => {
  test("sets each pane's cap as the stages report their fits, and takes the caps off when stopped", () => {
    const a = createAppStore();
    const b = createAppStore();
    const stop = linkPaneScales([a, b]);
    a.setState((d) => void (d.fitScale = 1.2));
    expect([a.getState().scaleCap, b.getState().scaleCap]).toEqual([null, null]);
    b.setState((d) => void (d.fitScale = 0.75));
    expect([a.getState().scaleCap, b.getState().scaleCap]).toEqual([0.75, null]);
    // A resize that makes A's picture the smaller: the cap moves to B.
    a.setState((d) => void (d.fitScale = 0.6));
    expect([a.getState().scaleCap, b.getState().scaleCap]).toEqual([null, 0.6]);
    // B folded into group tiles: no one scale.
    b.setState((d) => void (d.fitScale = null));
    expect([a.getState().scaleCap, b.getState().scaleCap]).toEqual([null, null]);
    b.setState((d) => void (d.fitScale = 0.9));
    stop();
    expect([a.getState().scaleCap, b.getState().scaleCap]).toEqual([null, null]);
    a.setState((d) => void (d.fitScale = 2));
    expect(b.getState().scaleCap).toBeNull();
  });
});

describe('linkPaneScales and the large text', () => {
  test("a pane that takes the large text asks it of the other, until it no longer does or the link stops", () => {
    const a = createAppStore();
    const b = createAppStore();
    const stop = linkPaneScales([a, b]);
    b.setState((d) => void (d.largeTextWanted = true));
    expect([a.getState().largeTextShared, b.getState().largeTextShared]).toEqual([true, false]);
    a.setState((d) => void (d.largeTextWanted = true));
    expect([a.getState().largeTextShared, b.getState().largeTextShared]).toEqual([true, true]);
    b.setState((d) => void (d.largeTextWanted = false));
    expect([a.getState().largeTextShared, b.getState().largeTextShared]).toEqual([false, true]);
    stop();
    expect([a.getState().largeTextShared, b.getState().largeTextShared]).toEqual([false, false]);
  });
});

describe('a picture drawn at a cap (LayoutOptions.maxScale)', () => {
  // About a compare pane's stage at 1600x1000 (690 x 370 CSS px).
  const [w, h] = [690, 370];
  const gateway = topologyOf('gateway-only');
  const mesh = topologyOf('mesh-only');

  test('gateway-only at mesh-only\'s smaller fit: that scale, centred, every node inside the stage', () => {
    const own = computeLayout(gateway, w, h);
    const other = computeLayout(mesh, w, h).scale;
    expect(other).toBeLessThan(own.scale * 0.9);
    const l = computeLayout(gateway, w, h, { maxScale: other });
    expect(l.scale).toBe(other);
    const xs = l.nodes.flatMap((p) => [l.tx + (p.x - p.w / 2) * l.scale, l.tx + (p.x + p.w / 2) * l.scale]);
    const ys = l.nodes.flatMap((p) => [l.ty + (p.y - p.h / 2) * l.scale, l.ty + (p.y + p.h / 2) * l.scale]);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThanOrEqual(w);
    expect(Math.min(...ys)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...ys)).toBeLessThanOrEqual(h);
    // Centred: as much room left as right, within a few px (the halo of labels is not symmetric).
    expect(Math.abs(Math.min(...xs) - (w - Math.max(...xs)))).toBeLessThan(60);
  });

  test('a cap above the fit changes nothing; a cap wins over minScale; never under the least scale', () => {
    const own = computeLayout(gateway, w, h);
    expect(computeLayout(gateway, w, h, { maxScale: own.scale * 2 }).scale).toBe(own.scale);
    expect(computeLayout(gateway, w, h, { minScale: 1.5, maxScale: 0.6 }).scale).toBe(0.6);
    expect(computeLayout(gateway, w, h, { maxScale: 0.01 }).scale).toBe(0.2);
  });
});
