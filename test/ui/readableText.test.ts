import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { World } from '../../src/models';
import { parseScenarioText } from '../../src/scenario';
import { namePx, READABLE_NAME_PX, wantsLargeText, wantsReadableFold } from '../../src/ui/topology/readableText';

function topologyOf(file: string) {
  const r = parseScenarioText(readFileSync(new URL(`../../scenarios/${file}.json`, import.meta.url), 'utf8'));
  if (!r.ok) throw new Error(r.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
  return new World(r.scenario, r.scenario.seed).topology;
}

/** The single view's stage at 1024x768 (the narrative panel beside it): drawer folded, and with the Charts tab open. */
const FOLDED = { width: 778, height: 500 };
const CHARTS = { width: 778, height: 375 };

describe('readableText: the single view keeps node names at 10 px or more in a small stage', () => {
  test('pictures the new-user pass measured under 10 px take presenter mode text, which draws their names at 10 px or more', () => {
    for (const [file, stage] of [
      ['two-meshes-via-gateway', FOLDED],
      ['partial-adoption', FOLDED],
      ['gateway-and-mesh', CHARTS],
    ] as const) {
      const t = topologyOf(file);
      const px = namePx(t, stage.width, stage.height);
      expect(px.normal, file).toBeLessThan(READABLE_NAME_PX);
      expect(px.large, file).toBeGreaterThanOrEqual(READABLE_NAME_PX);
      expect(wantsLargeText(t, stage.width, stage.height), file).toBe(true);
      expect(wantsReadableFold(t, stage.width, stage.height), file).toBe(false);
    }
  });

  test('a picture already at 10 px or more keeps its own drawing (hello-mesh folded, retry-storm with Charts open)', () => {
    for (const [file, stage] of [
      ['hello-mesh', FOLDED],
      ['retry-storm', CHARTS],
    ] as const) {
      const t = topologyOf(file);
      expect(namePx(t, stage.width, stage.height).normal, file).toBeGreaterThanOrEqual(READABLE_NAME_PX);
      expect(wantsLargeText(t, stage.width, stage.height), file).toBe(false);
    }
  });

  test("istio-load-test's twenty nodes with Charts open fit at under 10 px in either drawing, so they fold", () => {
    const t = topologyOf('istio-load-test');
    const px = namePx(t, CHARTS.width, CHARTS.height);
    expect(px.normal).toBeLessThan(READABLE_NAME_PX);
    expect(px.large).toBeLessThan(READABLE_NAME_PX);
    expect(wantsReadableFold(t, CHARTS.width, CHARTS.height)).toBe(true);
    // Drawer folded, presenter mode's text reaches 10 px: no fold there.
    expect(namePx(t, FOLDED.width, FOLDED.height).large).toBeGreaterThanOrEqual(READABLE_NAME_PX);
    expect(wantsReadableFold(t, FOLDED.width, FOLDED.height)).toBe(false);
  });
});
