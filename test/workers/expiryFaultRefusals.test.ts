// Brief U2, 3 (session 46): with several expire-certificates faults, each fault's line says its own first refused
// handshake (faultRefusals.ts, carried on FaultStatus.refusals), where session 45's read the run's first for all.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { SimHost } from '../../src/workers/SimHost';
import { Counter } from '../../src/workers/protocol';
import { refusalMarks } from '../../src/ui/components/expiredHandshakesWords';

const scenario = JSON.parse(readFileSync(fileURLToPath(new URL('../../scenarios/two-meshes-via-gateway.json', import.meta.url)), 'utf8'));

test("two expiries (the bridge at 9 s, storefront at 20 s): each fault's first refusal is its own, on its own links; the run's first is the earlier", () => {
  let t = 0;
  const host = new SimHost(() => (t += 1e-6));
  const faults = [
    { type: 'expire-certificates', service: 'payments-bridge', at: '9s' },
    { type: 'expire-certificates', service: 'storefront', at: '20s' },
  ];
  const r = host.load(JSON.stringify({ ...scenario, faults }));
  if (!r.ok) throw new Error('did not load');
  const { nodes, edges } = r.info.topology;
  const ends = (id: number) => [nodes[edges[id].from].name, nodes[edges[id].to].name];
  host.advance(15_000, 1e9);
  let [bridge, store] = host.faults();
  // Before its start a fault has no refusals to say.
  expect(store.refusals).toBeUndefined();
  expect(bridge.refusals!.count).toBeGreaterThan(0);
  const frame = host.advance(15_000, 1e9);
  [bridge, store] = host.faults();
  expect(bridge.refusals!.firstMs).toBe(frame.counters[Counter.expiredHandshakeFirstMs]);
  expect(bridge.refusals!.firstMs).toBeGreaterThanOrEqual(9_000);
  expect(bridge.refusals!.firstMs).toBeLessThan(20_000);
  expect(ends(bridge.refusals!.edge)).toContain('payments-bridge');
  // storefront's own: after its 20 s, on a link of storefront's (the build before said the run's 9.25 s here).
  expect(store.refusals!.count).toBeGreaterThan(0);
  expect(store.refusals!.firstMs).toBeGreaterThanOrEqual(20_000);
  expect(ends(store.refusals!.edge)).toContain('storefront');
  // The timeline marks each fault's first, earliest first, named by its fault.
  const marks = refusalMarks(host.faults(), frame.counters[Counter.expiredHandshakeFirstMs]);
  expect(marks.map((m) => m.ms)).toEqual([bridge.refusals!.firstMs, store.refusals!.firstMs]);
  expect(marks[1].label).toMatch(/^First handshake refused at 2\d\.\d s: certificate expired \(tls-expired-cert\), storefront's expiry$/);
}, 60_000);

test("the timeline marks the run's first refusal when no fault gives one, and nothing before any", () => {
  expect(refusalMarks([], -1)).toEqual([]);
  expect(refusalMarks([{ target: 'payments-bridge' }], 8410)).toEqual([{ ms: 8410, label: 'First handshake refused at 8.41 s: certificate expired (tls-expired-cert)' }]);
  // Two faults whose first is one refusal (a link between their proxies) share one mark.
  expect(refusalMarks([{ target: 'a', refusals: { firstMs: 9000 } }, { target: 'b', refusals: { firstMs: 9000 } }], 9000).map((m) => m.label)).toEqual(["First handshake refused at 9.00 s: certificate expired (tls-expired-cert), a and b's expiry"]);
});
