// two-meshes-via-gateway with the bridge's certificates expired at 9 s, played in a SimHost: the run the expiry tests
// read (expiryConnections.test: the link's counts; expiredHandshakes.test: the frame's).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SimHost } from '../../src/workers/SimHost';

const scenario = JSON.parse(readFileSync(fileURLToPath(new URL('../../scenarios/two-meshes-via-gateway.json', import.meta.url)), 'utf8'));

/**
 * Loads two-meshes-via-gateway with an expire-certificates fault on payments-bridge at 9 s (and `changes`, timed
 * config changes as a scenario's `changes` has them) and plays it to `ms` simulated ms. Returns the host, the frame at
 * `ms`, and `edge(from, to)`: a link's id by its ends' names. Throws when the scenario does not load.
 */
export function runBridgeExpiry(ms: number, changes: object[] = []) {
  let t = 0;
  const host = new SimHost(() => (t += 1e-6));
  const r = host.load(JSON.stringify({ ...scenario, faults: [{ type: 'expire-certificates', service: 'payments-bridge', at: '9s' }], changes }));
  if (!r.ok) throw new Error('did not load');
  const frame = host.advance(ms, 1e9);
  const nodes = r.info.topology.nodes;
  const edge = (from: string, to: string) => r.info.topology.edges.find((e) => nodes[e.from].name === from && nodes[e.to].name === to)!.id;
  return { host, frame, edge };
}
