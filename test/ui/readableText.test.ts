import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { World } from '../../src/models';
import { parseScenarioText } from '../../src/scenario';
import { computeLayout } from '../../src/ui/topology/layout';
import { LABEL_BOX, nodeRect } from '../../src/ui/topology/edgeLabelPlace';
import { namePx, READABLE_NAME_PX, READABLE_TEXT_WINDOW_QUERY, READABLE_WINDOW_QUERY, SMALL_PICTURE_NODES, wantsLargeText, wantsReadableFold } from '../../src/ui/topology/readableText';

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

  test("a picture of 12 nodes or fewer never folds into group tiles: partial-adoption's 9 in a 778x320 stage, under 10 px in either drawing, takes the larger text", () => {
    const t = topologyOf('partial-adoption');
    expect(t.nodes.length).toBeLessThanOrEqual(SMALL_PICTURE_NODES);
    const px = namePx(t, 778, 320);
    expect(px.large).toBeLessThan(READABLE_NAME_PX);
    expect(px.large).toBeGreaterThan(px.normal * 1.03);
    expect(wantsReadableFold(t, 778, 320)).toBe(false);
    expect(wantsLargeText(t, 778, 320)).toBe(true);
  });
});

describe('readableText at a 1280x720 projector (trial N15, finding 3)', () => {
  /** The single view's stage at 1280x720, drawer folded (as measured in N15's 07-shared-opened-1280.png). */
  const STAGE_1280 = { width: 973, height: 485 };
  const widest = (q: string) => Number(/max-width: (\d+)px/.exec(q)![1]);

  test('the large text applies in windows up to 1,300 px (a 1280 projector, not 1600x1000); the fold into group tiles stays at 1,100', () => {
    expect(widest(READABLE_TEXT_WINDOW_QUERY)).toBeGreaterThanOrEqual(1280);
    expect(widest(READABLE_TEXT_WINDOW_QUERY)).toBeLessThan(1600);
    expect(widest(READABLE_WINDOW_QUERY)).toBe(1100);
  });

  test('every shipped picture of 12 nodes or fewer whose own names fall under 10 px in that stage takes presenter text at 10 px or more (partial-adoption 9.5 -> 15.0 px)', () => {
    const under: string[] = [];
    for (const f of readdirSync(new URL('../../scenarios/', import.meta.url)).filter((x) => x.endsWith('.json') && x !== 'schema.json')) {
      const t = topologyOf(f.replace(/\.json$/, ''));
      if (t.nodes.length > SMALL_PICTURE_NODES) continue;
      const px = namePx(t, STAGE_1280.width, STAGE_1280.height);
      if (px.normal >= READABLE_NAME_PX) continue;
      under.push(f);
      expect(wantsLargeText(t, STAGE_1280.width, STAGE_1280.height), f).toBe(true);
      expect(px.large, f).toBeGreaterThanOrEqual(READABLE_NAME_PX);
    }
    expect(under).toEqual(['partial-adoption-fixed.json', 'partial-adoption.json']);
  });
});

describe("readableText: the large text's geometry leaves room for its link labels", () => {
  /** A quiet link label's box at presenter size, design units: LABEL_BOX at 16.5 units rather than 12 (renderTopology's PRESENTER_LABEL_UNITS). */
  const LARGE_LABEL_W = Math.ceil((LABEL_BOX.w * 16.5) / 12);
  const SHIPPED = readdirSync(new URL('../../scenarios/', import.meta.url))
    .filter((f) => f.endsWith('.json') && f !== 'schema.json')
    .map((f) => f.replace(/\.json$/, ''));

  /** Room between the keep-outs (edgeLabelPlace nodeRect) of each linked pair of boxes side by side in one row, design units, by link. */
  function roomBetween(file: string, roomy: boolean): { link: string; room: number }[] {
    const t = topologyOf(file);
    const layout = computeLayout(t, FOLDED.width, FOLDED.height, { presenter: true, roomy });
    const at = new Map(layout.nodes.map((p) => [p.node.id, p]));
    const out: { link: string; room: number }[] = [];
    for (const e of t.edges) {
      const a = at.get(e.from);
      const b = at.get(e.to);
      // Boxes (services, gateways): a client's keep-out holds a caption the large text hides.
      if (!a || !b || Math.abs(a.y - b.y) > 1 || a.node.kind === 'client' || b.node.kind === 'client') continue;
      const [l, r] = a.x < b.x ? [a, b] : [b, a];
      out.push({ link: `${a.node.name}->${b.node.name}`, room: nodeRect(r).x0 - nodeRect(l).x1 });
    }
    return out;
  }

  test("two-meshes-via-gateway's chain in presenter mode's own gaps leaves under a label's width between boxes (the labels lay over them, 951213e)", () => {
    const rooms = roomBetween('two-meshes-via-gateway', false);
    expect(rooms.length).toBeGreaterThanOrEqual(3);
    for (const r of rooms) expect(r.room, r.link).toBeLessThan(LARGE_LABEL_W);
  });

  test('in every shipped picture of 25 nodes or fewer drawn with the large text, boxes linked side by side leave a presenter-size label (105 units) and more between them', () => {
    let pairs = 0;
    for (const file of SHIPPED) {
      if (topologyOf(file).nodes.length > 25) continue;
      for (const r of roomBetween(file, true)) {
        pairs++;
        expect(r.room, `${file}: ${r.link}`).toBeGreaterThanOrEqual(LARGE_LABEL_W + 2);
      }
    }
    expect(pairs).toBeGreaterThan(10);
  });
});
