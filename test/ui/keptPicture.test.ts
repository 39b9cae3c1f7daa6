// Beside the open inspector the picture keeps the arrangement it had in the whole stage, scaled
// (keptPicture.ts; trial N10 finding 4: at 1024x768 gateway-only's chain was laid out again in
// bands as the panel opened, and the clicked dot jumped away).
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { World } from '../../src/models';
import { parseScenarioText } from '../../src/scenario';
import { computeLayout } from '../../src/ui/topology/layout';
import { keptLayout, KEPT_TEXT_PX } from '../../src/ui/topology/keptPicture';
import { offStage, offStageWords } from '../../src/ui/topology/offStage';
import { IDENTITY_CAMERA } from '../../src/ui/topology/camera';
import { LABEL_UNITS, PRESENTER_LABEL_UNITS } from '../../src/ui/topology/svgEdgeLabels';
import type { Layout } from '../../src/ui/topology/layoutTypes';

function topologyOf(file: string) {
  const r = parseScenarioText(readFileSync(new URL(`../../scenarios/${file}.json`, import.meta.url), 'utf8'));
  if (!r.ok) throw new Error(r.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
  return new World(r.scenario, r.scenario.seed).topology;
}

/** The stage at 1024x768 with the inspector closed and beside it, CSS px (layoutkeep.spec's shots). */
const WHOLE = { width: 778, height: 533 };
const BESIDE = { width: 458, height: 533 };

/** Screen centres by node name. */
const centres = (l: Layout) => new Map(l.nodes.map((p) => [p.node.name, { x: l.tx + l.scale * p.x, y: l.ty + l.scale * p.y }]));

/** Pairs of request-path nodes 20 px or more apart on an axis in `a` whose order is reversed in `b`. */
function reversed(a: Layout, b: Layout): string[] {
  const ca = centres(a);
  const cb = centres(b);
  const names = a.nodes.filter((p) => p.node.kind !== 'control-plane').map((p) => p.node.name);
  const out: string[] = [];
  for (const m of names)
    for (const n of names)
      for (const axis of ['x', 'y'] as const) {
        const d0 = ca.get(m)![axis] - ca.get(n)![axis];
        if (m < n && Math.abs(d0) >= 20 && Math.sign(cb.get(m)![axis] - cb.get(n)![axis]) !== Math.sign(d0)) out.push(`${m}/${n} ${axis}`);
      }
  return out;
}

/** The least scale a kept picture may take beside the inspector: its link labels at KEPT_TEXT_PX, or the whole picture's. */
const floorOf = (whole: Layout, kept: Layout, presenter = false) => Math.min(whole.scale, KEPT_TEXT_PX / (presenter || kept.wide ? PRESENTER_LABEL_UNITS : LABEL_UNITS));

test('gateway-only at 1024x768: its own layout beside the inspector reorders the chain; the kept one keeps every order, its link labels at 10 px or as the whole picture drew them', () => {
  const t = topologyOf('gateway-only');
  const whole = computeLayout(t, WHOLE.width, WHOLE.height);
  expect(reversed(whole, computeLayout(t, BESIDE.width, BESIDE.height)).length).toBeGreaterThan(0);
  const kept = keptLayout(t, BESIDE.width, BESIDE.height, {}, WHOLE);
  expect(reversed(whole, kept)).toEqual([]);
  expect(kept.scale).toBeGreaterThanOrEqual(floorOf(whole, kept) - 1e-9);
});

test('istio-load-test (the large text at 1024x768) keeps its 3 x 4 grid of pairs; under the floor it is drawn at it, cut, the focused node centred, and what lies past the edges is named', () => {
  const t = topologyOf('istio-load-test');
  const options = { presenter: true, roomy: true };
  const whole = computeLayout(t, WHOLE.width, WHOLE.height, options);
  const svc = t.nodes.find((n) => n.name === 'svc-01')!;
  const kept = keptLayout(t, BESIDE.width, BESIDE.height, { ...options, focus: [svc.id] }, WHOLE);
  expect(reversed(whole, kept)).toEqual([]);
  expect(kept.overflows).toBe(true);
  expect(kept.scale).toBeCloseTo(floorOf(whole, kept, true), 5);
  const c = centres(kept).get('svc-01')!;
  expect(Math.abs(c.x - BESIDE.width / 2)).toBeLessThan(BESIDE.width / 10);
  const off = offStage(kept, IDENTITY_CAMERA);
  expect(off).not.toBeNull();
  expect(Object.values(off!).flat()).not.toContain('svc-01');
});

test('two-meshes-via-gateway (trial T2, item 6): beside the inspector at 1366x768 and 1024x768 its text is never drawn smaller than the whole picture drew it, nor under 10 px link labels; the inspected bridge lies whole in view and shoppers, cut at 1024x768, is named past the left edge', () => {
  const t = topologyOf('two-meshes-via-gateway');
  const bridge = t.nodes.find((n) => n.name === 'payments-bridge')!;
  // The stages closed and beside the panel at 1366x768 (T2's shot t2x-d: 624 px beside it) and 1024x768.
  for (const [w, b, h] of [
    [1038, 624, 505],
    [WHOLE.width, BESIDE.width, WHOLE.height],
  ]) {
    const whole = computeLayout(t, w, h);
    const kept = keptLayout(t, b, h, { focus: [bridge.id] }, { width: w, height: h });
    expect(reversed(whole, kept), `${w}`).toEqual([]);
    expect(kept.scale, `${w}`).toBeGreaterThanOrEqual(floorOf(whole, kept) - 1e-9);
    const off = offStage(kept, IDENTITY_CAMERA);
    const named = Object.values(off ?? {}).flat();
    expect(named, `${w}`).not.toContain('payments-bridge');
    if (w === WHOLE.width) expect(off?.left ?? [], `${w}: ${offStageWords(off)}`).toContain('shoppers');
  }
});

test('gateway-only at 1600x1000 goes bare beside the inspector; a fit held from that drawing (a drag) keeps it bare, every node where it was', () => {
  const t = topologyOf('gateway-only');
  // The stage at 1600x1000 closed and beside the panel (layoutkeep.spec: 1240 -> 744 px wide).
  const [w, b, h] = [1240, 744, 610];
  const drawn = keptLayout(t, b, h, {}, { width: w, height: h });
  expect(drawn.arrangement?.bare).toBe(true);
  const held = keptLayout(t, b, h, { fit: { scale: drawn.scale, tx: drawn.tx, ty: drawn.ty } }, { width: w, height: h });
  expect(held.arrangement?.bare).toBe(true);
  const [c0, c1] = [centres(drawn), centres(held)];
  for (const [name, c] of c0) expect(Math.hypot(c.x - c1.get(name)!.x, c.y - c1.get(name)!.y), name).toBeLessThan(0.01);
});
