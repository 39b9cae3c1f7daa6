import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { World } from '../../src/models';
import { parseScenarioText } from '../../src/scenario';
import { computeLayout } from '../../src/ui/topology/layout';
import { INSPECTOR_MIN_SCALE, type Layout } from '../../src/ui/topology/layoutTypes';
import { cloudReach } from '../../src/ui/topology/cloudReach';
import { roundedPolygon } from '../../src/ui/topology/meshRegions';

function topologyOf(file: string) {
  const r = parseScenarioText(readFileSync(new URL(`../../scenarios/${file}.json`, import.meta.url), 'utf8'));
  if (!r.ok) throw new Error(r.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
  return new World(r.scenario, r.scenario.seed).topology;
}

const node = (l: Layout, name: string) => l.nodes.find((p) => p.node.name === name)!;
/** Viewport bounds of a placed node's box. */
const screen = (l: Layout, name: string) => {
  const p = node(l, name);
  return { left: l.tx + (p.x - p.w / 2) * l.scale, right: l.tx + (p.x + p.w / 2) * l.scale, top: l.ty + (p.y - p.h / 2) * l.scale, bottom: l.ty + (p.y + p.h / 2) * l.scale };
};

describe('topology layout', () => {
  test('every node of every shipped scenario lands inside a 1050 x 640 viewport', () => {
    for (const file of ['hello-mesh', 'mm1', 'gateway-and-mesh', 'partial-adoption', 'two-meshes-via-gateway', 'third-party-service', 'istio-load-test']) {
      const l = computeLayout(topologyOf(file), 1050, 640);
      for (const p of l.nodes) {
        const b = screen(l, p.node.name);
        expect(b.left, `${file} ${p.node.name}`).toBeGreaterThanOrEqual(0);
        expect(b.right, `${file} ${p.node.name}`).toBeLessThanOrEqual(1050);
        expect(b.top, `${file} ${p.node.name}`).toBeGreaterThanOrEqual(0);
        expect(b.bottom, `${file} ${p.node.name}`).toBeLessThanOrEqual(640);
      }
    }
  });

  test('a bridging gateway sits on the border of its two meshes, each control plane inside its own', () => {
    const l = computeLayout(topologyOf('two-meshes-via-gateway'), 1200, 700);
    const bridge = node(l, 'payments-bridge');
    const retail = l.meshes.find((m) => m.name === 'retail')!;
    const payments = l.meshes.find((m) => m.name === 'payments')!;
    expect(retail.maxX).toBeCloseTo(bridge.x);
    expect(payments.minX).toBeCloseTo(bridge.x);
    for (const [mesh, region] of [['retail', retail], ['payments', payments]] as const) {
      const cp = node(l, `control-plane:${mesh}`);
      expect(cp.x).toBeGreaterThan(region.minX);
      expect(cp.x).toBeLessThan(region.maxX);
      expect(cp.y).toBeGreaterThan(region.minY);
    }
    // One dashed line per meshed service, from its own mesh's control plane.
    expect(l.controlLinks.map((c) => `${l.nodes[c.controlPlane].node.name}>${l.nodes[c.node].node.name}`).sort()).toEqual([
      'control-plane:payments>ledger',
      'control-plane:retail>checkout',
      'control-plane:retail>storefront',
    ]);
  });

  test('services outside the mesh stay outside its region (partial adoption)', () => {
    const l = computeLayout(topologyOf('partial-adoption'), 1050, 640);
    const region = l.meshes[0];
    for (const name of ['reports', 'search']) {
      const p = node(l, name);
      // Below the mesh's band in its column: the region's outline there ends above the box.
      const storefront = node(l, 'storefront');
      expect(p.y).toBeGreaterThan(storefront.y);
      expect(p.x).toBe(storefront.x);
    }
    expect(region.path).toMatch(/^M.*Z$/);
  });

  test('ten separate request paths are packed in a grid rather than one tall column', () => {
    const l = computeLayout(topologyOf('istio-load-test'), 1050, 640);
    const xs = new Set(l.nodes.filter((p) => p.node.kind === 'client').map((p) => Math.round(p.x)));
    expect(xs.size).toBeGreaterThan(1);
    expect(l.scale).toBeGreaterThan(0.4);
  });

  test("the story's halo round every node lies inside the stage, in presenter mode too (idle-timeout-race's ledger, last at the right at 2.2x, lost 10 px of its ring to the edge at 1024x768)", () => {
    const files = readdirSync(new URL('../../scenarios/', import.meta.url)).filter((f) => f.endsWith('.json') && f !== 'schema.json' && f !== 'istio-load-test-full.json');
    for (const file of files) {
      const t = topologyOf(file.replace(/\.json$/, ''));
      for (const [w, h] of [[824, 525], [1240, 610], [458, 471]]) {
        for (const presenter of [false, true]) {
          const l = computeLayout(t, w, h, { presenter });
          for (const p of l.nodes) {
            // svgNodeShapes' and svgControlPlane's .topo-hl-halo, its 1.5-unit stroke included.
            const out = (p.node.kind === 'control-plane' ? 12 : 10) + 0.75;
            const at = `${file} ${w}x${h}${presenter ? ' presenter' : ''} ${p.node.name}`;
            expect(l.tx + (p.x - p.w / 2 - out) * l.scale, at).toBeGreaterThanOrEqual(0);
            expect(l.tx + (p.x + p.w / 2 + out) * l.scale, at).toBeLessThanOrEqual(w);
            expect(l.ty + (p.y - p.h / 2 - out) * l.scale, at).toBeGreaterThanOrEqual(0);
          }
        }
      }
    }
    // The ledger's ring now ends inside idle-timeout-race's presenter stage at 1024x768.
    const l = computeLayout(topologyOf('idle-timeout-race'), 824, 578, { presenter: true });
    expect(screen(l, 'ledger').right + 10.75 * l.scale).toBeLessThanOrEqual(824);
  });

  test('a rounded polygon drops collinear points and closes', () => {
    const d = roundedPolygon([[0, 0], [50, 0], [100, 0], [100, 100], [0, 100]], 10);
    expect(d.match(/Q/g)).toHaveLength(4);
    expect(d.endsWith('Z')).toBe(true);
    expect(roundedPolygon([[0, 0], [1, 0]], 10)).toBe('');
  });
});

describe('a wide, short stage (Charts open at 1600x1000)', () => {
  test("the bare drawings of a 1240 x 372 px stage spend its width: link labels of 10 px or more (16.5 units, one state line, the control plane beside its mesh where larger), where 12 units drew 5.2-7.8 px; istio-load-test's ten pairs 9 px or more", () => {
    const px = (l: Layout) => l.scale * (l.wide ? 16.5 : 12);
    for (const file of ['partial-adoption', 'hello-mesh', 'gateway-and-mesh', 'mesh-only', 'control-plane-boundary', 'l4-vs-l7', 'third-party-service', 'gateway-only', 'istio-load-test-baseline', 'istio-load-test']) {
      const l = computeLayout(topologyOf(file), 1240, 372);
      expect(l.captionless, file).toBe(true);
      expect(l.wide, file).toBe(true);
      expect(px(l), file).toBeGreaterThanOrEqual(file === 'istio-load-test' ? 9 : 10);
    }
    // partial-adoption's control plane stands right of its mesh's last column, level with its top box.
    const l = computeLayout(topologyOf('partial-adoption'), 1240, 372);
    const cp = l.nodes.find((p) => p.node.kind === 'control-plane')!;
    expect(cp.x).toBeGreaterThan(Math.max(...l.nodes.filter((p) => p.node.kind !== 'control-plane').map((p) => p.x)));
  });

  test('stages under 2.5 times as wide as tall draw as before: 778 x 386 and 1240 x 610 px take no wide arrangement', () => {
    for (const file of ['partial-adoption', 'hello-mesh', 'gateway-and-mesh']) {
      for (const [w, h] of [
        [778, 386],
        [1240, 610],
      ]) expect(computeLayout(topologyOf(file), w, h).wide, `${file} ${w}x${h}`).toBeUndefined();
    }
  });
});

describe('a readable topology in the normal view (issue 11)', () => {
  test('retry-storm in the 778 x 471 px stage of 1024x768 wraps into two bands without captions: names at 13.7 px, not 7.7; at 1600 x 900 it keeps its captions', () => {
    const t = topologyOf('retry-storm');
    const small = computeLayout(t, 778, 471);
    expect(small.captionless).toBe(true);
    expect(small.scale * 18).toBeCloseTo(13.7, 1);
    // payments is called by orders and sits under it, in the second band.
    expect(node(small, 'payments').y).toBeGreaterThan(node(small, 'orders').y + 100);
    expect(node(small, 'payments').x).toBeCloseTo(node(small, 'orders').x);
    const large = computeLayout(t, 1600, 900);
    expect(large.captionless).toBeUndefined();
    expect(large.scale * 12.5).toBeGreaterThanOrEqual(9);
  });

  test('beside the inspector the drawing keeps 0.64 (captions at 8 px) and centres the inspected node along an axis it overflows, as far as the drawing reaches; along one it fits, and without a focus, it is centred', () => {
    const t = topologyOf('two-meshes-via-gateway');
    const bridge = t.nodes.find((n) => n.name === 'payments-bridge')!;
    const fitted = computeLayout(t, 458, 471);
    expect(fitted.scale).toBeLessThan(INSPECTOR_MIN_SCALE);
    const l = computeLayout(t, 458, 471, { minScale: INSPECTOR_MIN_SCALE, focus: [bridge.id] });
    expect(l.scale).toBe(0.64);
    const p = node(l, 'payments-bridge');
    expect(l.tx + p.x * l.scale).toBeCloseTo(229);
    // Its height fits at 0.64: every box whole, top to bottom (the bridge centred put it at 235.5).
    const ys = l.nodes.flatMap((n) => [l.ty + (n.y - n.h / 2) * l.scale, l.ty + (n.y + n.h / 2) * l.scale]);
    expect(Math.min(...ys)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...ys)).toBeLessThanOrEqual(471);
    // retry-storm's failed request (its failure began at payments) at 1024x768's 458 x 491 px:
    // payments centred cut the control plane's name at the top, 200 px of the stage empty below.
    const rs = topologyOf('retry-storm');
    const r = computeLayout(rs, 458, 491, { minScale: INSPECTOR_MIN_SCALE, focus: [rs.nodes.find((n) => n.name === 'payments')!.id] });
    const top = Math.min(...r.meshes.map((m) => r.ty + (m.minY - 26) * r.scale));
    const bottom = Math.max(...r.meshes.map((m) => r.ty + m.maxY * r.scale));
    const left = Math.min(...r.nodes.map((n) => r.tx + (n.x - n.w / 2) * r.scale));
    const right = Math.max(...r.meshes.map((m) => r.tx + m.maxX * r.scale));
    // Now whole in the stage, its region 71 px from the top and 72 from the bottom, and across.
    expect(r.scale).toBe(0.64);
    expect(top).toBeGreaterThan(60);
    expect(r.height - bottom).toBeGreaterThan(60);
    expect(left).toBeGreaterThanOrEqual(0);
    expect(right).toBeLessThanOrEqual(r.width);
    // A picture that fits at 0.64 or more is fitted as before, the focus notwithstanding.
    const mm1 = topologyOf('mm1');
    expect(computeLayout(mm1, 458, 471, { minScale: INSPECTOR_MIN_SCALE, focus: [1] })).toMatchObject({ tx: computeLayout(mm1, 458, 471).tx, ty: computeLayout(mm1, 458, 471).ty });
  });

  test("a third party's cloud reaches 39 to 52 units past its box, more under a wide box, and lies inside the viewport", () => {
    const c = cloudReach(196, 96);
    expect([c.left, c.right, c.top, c.bottom].map((v) => Math.round(v))).toEqual([39, 52, 46, 55]);
    // The bottom arc's radius (70) grows to half its chord under a wide box, as SVG draws it.
    expect(Math.round(cloudReach(260, 96).bottom)).toBe(98);
    for (const [w, h] of [
      [1024, 768],
      [778, 471],
      [458, 471],
    ]) {
      const l = computeLayout(topologyOf('third-party-service'), w, h);
      for (const p of l.nodes.filter((q) => q.node.external && q.node.kind !== 'client')) {
        const r = cloudReach(p.w, p.h);
        expect(l.tx + (p.x - p.w / 2 - r.left) * l.scale, `${p.node.name} at ${w}x${h}`).toBeGreaterThanOrEqual(0);
        expect(l.tx + (p.x + p.w / 2 + r.right) * l.scale, `${p.node.name} at ${w}x${h}`).toBeLessThanOrEqual(w);
        expect(l.ty + (p.y + p.h / 2 + r.bottom) * l.scale, `${p.node.name} at ${w}x${h}`).toBeLessThanOrEqual(h);
      }
    }
  });
});
