// A found service's label on the canvas view says its rates (nodeRates) in a scene drawn anew:
// after a resize while paused, the new scene had its found node marked before any figures, and the
// one rates update that follows stopped at the first part that changed, so "inventory" showed
// without "· 99 req/s in" (Z3, session 50).
import { describe, expect, it } from 'vitest';
import { World } from '../../src/models';
import { readScenarioText, validateScenario } from '../../src/scenario';
import { computeGroupLayout } from '../../src/ui/topology/groupLayout';
import { createCanvasTopology } from '../../src/ui/topology/renderCanvasTopology';
import type { EdgeRate } from '../../src/ui/topology/edgeRates';

const TEXT = [
  'name: found-rates',
  'duration: 2s',
  'clients:',
  '  - { name: c, type: open, arrival: poisson, rate: 100, target: web }',
  'services:',
  '  - { name: web, replicas: 2, serviceTime: 5ms, calls: [{ service: inventory }] }',
  '  - { name: inventory, replicas: 2, serviceTime: 5ms }',
  ...Array.from({ length: 60 }, (_, i) => `  - { name: svc-${String(i).padStart(3, '0')}, replicas: 1, serviceTime: 5ms }`),
  '',
].join('\n');

function topology() {
  const r = readScenarioText(TEXT);
  if (!r.ok) throw new Error('unreadable');
  const v = validateScenario(r.data);
  if (!v.ok) throw new Error(`invalid: ${JSON.stringify(v)}`);
  return new World(v.scenario, 1).topology;
}

const rate = (tries: number): EdgeRate => ({ perSecond: tries, triesPerSecond: tries, failedShare: 0, failedHereShare: 0, tries: 1 });

describe("a found service's label on the canvas view", () => {
  it('says its rates after the first rates update of a scene drawn anew with the node already found', () => {
    const t = topology();
    const inventory = t.nodes.find((n) => n.name === 'inventory')!.id;
    const intoInventory = t.edges.find((e) => e.to === inventory)!.id;
    const rates = (e: number) => (e === intoInventory ? rate(99) : rate(40));
    // As drawStage does on a resize: a new scene, its found node kept (keepFoundInView) before
    // any figures, then the figures on show in its first paint.
    const scene = createCanvasTopology(t, computeGroupLayout(t, 1024, 600));
    scene.setFound(inventory);
    expect(scene.foundRates()).toBe('');
    expect(scene.updateRates(rates)).toBe(true);
    expect(scene.foundRates()).toBe('99 req/s in');
    // Nothing new: nothing to draw again.
    expect(scene.updateRates(rates)).toBe(false);
    // Found once the figures are in, it says them at once (the Find box at 1600x1000).
    const other = createCanvasTopology(t, computeGroupLayout(t, 1600, 900));
    other.updateRates(rates);
    other.setFound(inventory);
    expect(other.foundRates()).toBe('99 req/s in');
    // Found before the run has played (no figures on any link): its name alone, no '0.0 req/s in'.
    const before = createCanvasTopology(t, computeGroupLayout(t, 1600, 900));
    before.updateRates(() => null);
    before.setFound(inventory);
    expect(before.foundRates()).toBe('');
    other.setFound(null);
    expect(other.foundRates()).toBe('');
  });
});
