// Beside the open inspector the drawing keeps readable text and centres what is inspected; for a
// failed request that is where its failure began, so the link the waterfall names is in view.
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { World } from '../../src/models';
import { parseScenarioText } from '../../src/scenario';
import { computeLayout } from '../../src/ui/topology/layout';
import { INSPECTOR_MIN_SCALE } from '../../src/ui/topology/layoutTypes';
import { focusOf } from '../../src/ui/components/topologyFit';

function topologyOf(file: string) {
  const r = parseScenarioText(readFileSync(new URL(`../../scenarios/${file}.json`, import.meta.url), 'utf8'));
  if (!r.ok) throw new Error(r.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
  return new World(r.scenario, r.scenario.seed).topology;
}

test('a failed request inspected at 1024x768 keeps the link it failed on (payments-bridge -> ledger) inside the stage beside the inspector; an ok one keeps the middle', () => {
  const t = topologyOf('two-meshes-via-gateway');
  const id = (name: string) => t.nodes.find((n) => n.name === name)!.id;
  const request = { kind: 'request', id: 1266 } as const;
  const focus = focusOf(request, t, { node: 'ledger', link: 'payments-bridge->ledger' });
  expect(focus).toEqual([id('payments-bridge'), id('ledger')]);
  // Failed at a service: that service alone; an ok request (no origin): nothing to centre.
  expect(focusOf(request, t, { node: 'ledger', link: null })).toEqual([id('ledger')]);
  expect(focusOf(request, t, null)).toBeUndefined();
  expect(focusOf(request, t, { node: 'nowhere', link: null })).toBeUndefined();
  // The stage left of the open inspector at 1024x768 (the picture from x 246 to 705, 530 high).
  const W = 459;
  const H = 530;
  const whole = computeLayout(t, W, H, { minScale: INSPECTOR_MIN_SCALE });
  const focused = computeLayout(t, W, H, { minScale: INSPECTOR_MIN_SCALE, focus });
  const xOf = (l: typeof whole, name: string) => { const p = l.nodes.find((n) => n.node.id === id(name))!; return l.tx + l.scale * p.x; };
  // Without the focus the ledger is drawn past the stage's right edge, under the inspector.
  expect(xOf(whole, 'ledger')).toBeGreaterThan(W);
  for (const name of ['payments-bridge', 'ledger']) {
    expect(xOf(focused, name), name).toBeGreaterThan(0);
    expect(xOf(focused, name), name).toBeLessThan(W);
  }
});
