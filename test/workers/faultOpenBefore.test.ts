// Session 51, G3: an injected expiry's line in the Faults list says how many connections opened before it still carry
// requests (FaultStatus.refusals.openBefore, faultRefusals.ts), the count the link inspector's edge-expiry line keeps
// per link (expiryConnections.ts); and a bridge's expiry scoped to one mesh counts that mesh's side only.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { World } from '../../src/models';
import { parseScenarioText } from '../../src/scenario';
import { inspectEdge } from '../../src/workers/inspect';
import { faultStatuses } from '../../src/workers/recipe';

/** two-meshes-via-gateway with `fault` (an expire-certificates on the bridge at 8 s), ledger closing connections after `ledgerMax` when given. */
function run(fault: Record<string, unknown>, ledgerMax?: string) {
  const raw = JSON.parse(readFileSync(new URL('../../scenarios/two-meshes-via-gateway.json', import.meta.url), 'utf8')) as Record<string, any>;
  if (ledgerMax) {
    const ledger = raw.services.find((s: { name: string }) => s.name === 'ledger');
    ledger.policy = { ...(ledger.policy ?? {}), maxConnectionDuration: ledgerMax };
  }
  raw.faults = [{ type: 'expire-certificates', service: 'payments-bridge', at: '8s', ...fault }];
  const r = parseScenarioText(JSON.stringify(raw));
  if (!r.ok) throw new Error(r.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
  const world = new World(r.scenario, r.scenario.seed);
  world.start();
  const edges = world.topology.edges.map((e, id) => ({ id, name: `${world.sim.actor(e.from).name}->${world.sim.actor(e.to).name}` }));
  const edge = (name: string) => edges.find((e) => e.name === name)!.id;
  const status = () => faultStatuses(world, raw, [], 0, 0)[0];
  return { world, edge, status };
}

describe("an expiry's open connections, as its Faults list line says them (G3, 1)", () => {
  it("both of the bridge's identities at 8 s: at 8.5 s the fault's count is the two links' edge-expiry counts added, still expired, no mesh named", () => {
    const { world, edge, status } = run({});
    world.runUntil(8_500);
    const s = status();
    const open = [edge('checkout->payments-bridge'), edge('payments-bridge->ledger')].map((id) => inspectEdge(world, id)!.expiry!.openBefore);
    expect(open.every((n) => n > 0)).toBe(true);
    expect(s.refusals!.openBefore).toBe(open[0] + open[1]);
    expect(s.refusals!.expired).toBe(true);
    expect(s.mesh).toBeUndefined();
  });

  it("its payments identity alone, ledger closing connections after 1 s: every connection opened before it gone by 10 s, so it refuses every new handshake; renewed at the CA's next retry (10 s on, 18 s) it no longer is expired", () => {
    const { world, edge, status } = run({ mesh: 'payments' }, '1s');
    world.runUntil(8_500);
    expect(status().refusals!.openBefore).toBe(inspectEdge(world, edge('payments-bridge->ledger'))!.expiry!.openBefore);
    world.runUntil(10_000);
    const s = status();
    expect(s.mesh).toBe('payments');
    expect(s.refusals!.openBefore).toBe(0);
    expect(s.refusals!.expired).toBe(true);
    expect(s.refusals!.count).toBeGreaterThan(0);
    expect(s.refusals!.edge).toBe(edge('payments-bridge->ledger'));
    world.runUntil(19_000);
    expect(status().refusals!.expired).toBe(false);
  });

  it("its retail identity alone: the links into the bridge only, none towards ledger, refusing or open", () => {
    const { world, edge, status } = run({ mesh: 'retail' }, '1s');
    world.runUntil(12_000);
    const s = status();
    expect(s.mesh).toBe('retail');
    // checkout -> bridge's connections stay open (nothing closes them), ledger's close every second and reopen fine.
    expect(s.refusals!.openBefore).toBe(inspectEdge(world, edge('checkout->payments-bridge'))!.expiry!.openBefore);
    expect(inspectEdge(world, edge('payments-bridge->ledger'))!.expiry).toBeUndefined();
    expect([-1, edge('checkout->payments-bridge')]).toContain(s.refusals!.edge);
  });
});
