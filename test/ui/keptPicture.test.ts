// Beside the open inspector the picture keeps the arrangement it had in the whole stage, scaled
// (keptPicture.ts; trial N10 finding 4: at 1024x768 gateway-only's chain was laid out again in
// bands as the panel opened, and the clicked dot jumped away).
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { World } from '../../src/models';
import { parseScenarioText } from '../../src/scenario';
import { computeLayout } from '../../src/ui/topology/layout';
import { keptLayout, KEPT_NAME_PX } from '../../src/ui/topology/keptPicture';
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

test('gateway-only at 1024x768: its own layout beside the inspector reorders the chain; the kept one keeps every order, drawn whole with names of 8.5 px or more', () => {
  const t = topologyOf('gateway-only');
  const whole = computeLayout(t, WHOLE.width, WHOLE.height);
  expect(reversed(whole, computeLayout(t, BESIDE.width, BESIDE.height)).length).toBeGreaterThan(0);
  const kept = keptLayout(t, BESIDE.width, BESIDE.height, {}, WHOLE);
  expect(reversed(whole, kept)).toEqual([]);
  expect(kept.overflows).toBeUndefined();
  expect(kept.scale * 18).toBeGreaterThanOrEqual(KEPT_NAME_PX);
});

test('istio-load-test (the large text at 1024x768) keeps its 3 x 4 grid of pairs; under the floor it is drawn at it, cut, the focused node centred', () => {
  const t = topologyOf('istio-load-test');
  const options = { presenter: true, roomy: true };
  const whole = computeLayout(t, WHOLE.width, WHOLE.height, options);
  const svc = t.nodes.find((n) => n.name === 'svc-01')!;
  const kept = keptLayout(t, BESIDE.width, BESIDE.height, { ...options, focus: [svc.id] }, WHOLE);
  expect(reversed(whole, kept)).toEqual([]);
  expect(kept.overflows).toBe(true);
  expect(kept.scale * 18).toBeCloseTo(KEPT_NAME_PX, 5);
  const c = centres(kept).get('svc-01')!;
  expect(Math.abs(c.x - BESIDE.width / 2)).toBeLessThan(BESIDE.width / 10);
});

test('two-meshes-via-gateway at 1600x1000 (captions under 8 px kept) goes bare in the same arrangement rather than re-arranged', () => {
  const t = topologyOf('two-meshes-via-gateway');
  const whole = computeLayout(t, 1240, 610);
  const kept = keptLayout(t, 744, 610, {}, { width: 1240, height: 610 });
  expect(reversed(whole, kept)).toEqual([]);
  expect(kept.overflows).toBeUndefined();
});
