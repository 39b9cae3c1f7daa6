// Faults from the picture: a selected node or link is offered the catalog's faults that act on
// it, pre-filled, and each one as offered is a fault the worker accepts.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SimHost } from '../../src/workers/SimHost';
import { buildFault } from '../../src/ui/faults/faultForm';
import { faultsFor, selectionName } from '../../src/ui/faults/faultsFor';
import type { ScenarioInfo } from '../../src/workers/protocol';

function open(name: string): { host: SimHost; topology: ScenarioInfo['topology'] } {
  const host = new SimHost(() => 0);
  const r = host.load(readFileSync(`scenarios/${name}.json`, 'utf8'));
  if (!r.ok) throw new Error(r.problems[0].message);
  return { host, topology: r.info.topology };
}

const id = (t: ScenarioInfo['topology'], name: string) => t.nodes.find((n) => n.name === name)!.id;
const edge = (t: ScenarioInfo['topology'], from: string, to: string) => t.edges.find((e) => e.from === id(t, from) && e.to === id(t, to))!.id;

describe('faults for a selection', () => {
  it('offers a service its replica, service, latency, error and partition faults, aimed at it', () => {
    const { topology } = open('mesh-only');
    const offers = faultsFor({ kind: 'node', id: id(topology, 'inventory') }, topology);
    expect(offers.map((o) => o.values.type)).toEqual(['kill-replica', 'kill-service', 'slow-replica', 'http-abort', 'latency', 'clock-skew', 'partition']);
    for (const o of offers) expect(o.values.target).toBe('inventory');
    expect(offers.find((o) => o.values.type === 'partition')!.values.params.other).toBe('frontend');
    expect(selectionName({ kind: 'node', id: id(topology, 'inventory') }, topology)).toBe('inventory');
  });

  it('offers a link its latency, a partition of its two ends, faults on its callee and packet loss', () => {
    const { topology } = open('mesh-only');
    const sel = { kind: 'edge' as const, id: edge(topology, 'frontend', 'inventory') };
    const offers = faultsFor(sel, topology);
    expect(offers[0].values).toEqual({ type: 'latency', target: 'link:frontend->inventory', params: { delay: '100ms' }, duration: '' });
    expect(offers[1].values).toMatchObject({ type: 'partition', target: 'frontend', params: { other: 'inventory' } });
    expect(offers.map((o) => o.label)).toContain('kill replica #0 (inventory)');
    expect(offers[offers.length - 1].label).toBe('packet loss (whole network)');
    expect(selectionName(sel, topology)).toBe('frontend → inventory');
  });

  it("offers a control plane its mesh's outages and a gateway its capacity", () => {
    const cp = open('control-plane-outage').topology;
    const plane = cp.nodes.find((n) => n.kind === 'control-plane')!;
    expect(faultsFor({ kind: 'node', id: plane.id }, cp).map((o) => o.values.type)).toEqual(expect.arrayContaining(['control-plane-outage', 'ca-outage', 'expire-certificates']));
    const gw = open('gateway-only').topology;
    const gateway = gw.nodes.find((n) => n.kind === 'gateway')!;
    expect(faultsFor({ kind: 'node', id: gateway.id }, gw)[0].values).toMatchObject({ type: 'gateway-capacity', target: gateway.name, params: { factor: '25' } });
    // The form takes every share as a percent (7734783): 25% of capacity left, 0.25 to the engine.
  });

  it('offers only faults the worker accepts as they are filled in', () => {
    for (const name of ['mesh-only', 'two-meshes-direct', 'gateway-and-mesh', 'control-plane-outage']) {
      const { host, topology } = open(name);
      const selections = [...topology.nodes.map((n) => ({ kind: 'node' as const, id: n.id })), ...topology.edges.map((e) => ({ kind: 'edge' as const, id: e.id }))];
      for (const sel of selections) {
        for (const o of faultsFor(sel, topology)) {
          const r = host.injectFault(buildFault(o.values));
          expect(r.ok ? 'ok' : `${name} ${o.label}: ${r.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`).toBe('ok');
        }
      }
    }
  });
});
