import { describe, expect, it } from 'vitest';
import { GW50 } from '../trialN11Files';
import { SimHost } from '../../src/workers/SimHost';
import { Counter } from '../../src/workers/protocol';
import { shareText } from '../../src/cli/gatewayRetries';

// Session 43: the counter strip names the link whose breaker refused retries (or how many links), and the node
// inspector gives a gateway's CPU and its retries' share, the figures of `run`'s tables at the same moment.

/** A host with `text` loaded and run to `ms` (a clock so slow that budgets never run out). */
function runTo(text: string, ms: number) {
  let t = 0;
  const host = new SimHost(() => (t += 1e-6));
  const r = host.load(text);
  if (!r.ok) throw new Error('did not load');
  const frame = host.advance(ms, 1e9);
  const edge = (from: string, to: string) => {
    const id = (n: string) => r.info.topology.nodes.find((x) => x.name === n)!.id;
    return r.info.topology.edges.find((e) => e.from === id(from) && e.to === id(to))!.id;
  };
  return { host, info: r.info, frame, edge };
}

describe("the frame's refused retries by link", () => {
  it("gw50 at 20 s: 57 refused, all on egress -> partner, the link's id in the frame", () => {
    const { frame, edge } = runTo(GW50, 20_000);
    expect(frame.counters[Counter.retryOverflows]).toBe(57);
    expect(frame.counters[Counter.retryOverflowLinks]).toBe(1);
    expect(frame.counters[Counter.retryOverflowEdge]).toBe(edge('egress', 'partner'));
  });

  it("gw50 with checkout retrying too, its breaker at 1 retry, at 20 s: refused on two links, the frame names the one with the most", () => {
    const two = GW50.replace('{ service: egress, policy: { retries: { attempts: 0 } } }', '{ service: egress, policy: { timeout: 2s, retries: { attempts: 2, perTryTimeout: 1s, retryOn: [5xx] }, circuitBreaker: { maxRetries: 1 } } }');
    expect(two).not.toBe(GW50);
    const { host, frame, edge } = runTo(two, 20_000);
    const a = host.inspectEdge(edge('checkout', 'egress'))!.retryOverflows;
    const b = host.inspectEdge(edge('egress', 'partner'))!.retryOverflows;
    expect(a).toBeGreaterThan(0);
    expect(b).toBeGreaterThan(0);
    expect(frame.counters[Counter.retryOverflows]).toBe(a + b);
    expect(frame.counters[Counter.retryOverflowLinks]).toBe(2);
    expect(frame.counters[Counter.retryOverflowEdge]).toBe(a >= b ? edge('checkout', 'egress') : edge('egress', 'partner'));
  });

  it('none refused before the partner fails (10 s): no link, edge -1', () => {
    const { frame } = runTo(GW50, 9_000);
    expect(frame.counters[Counter.retryOverflows]).toBe(0);
    expect(frame.counters[Counter.retryOverflowLinks]).toBe(0);
    expect(frame.counters[Counter.retryOverflowEdge]).toBe(-1);
  });
});

describe("a gateway's CPU in the node inspector", () => {
  it("gw50 at 20 s: egress's CPU 0.50 s, 13.0% of it its 242 retries, as run's gateway table says (gatewayRetries.test)", () => {
    const { host, info } = runTo(GW50, 20_000);
    const id = (n: string) => info.topology.nodes.find((x) => x.name === n)!.id;
    const g = host.inspectNode(id('egress'))!.gatewayCpu!;
    expect(g.retries).toBe(242);
    expect(`${(g.cpuMs / 1000).toFixed(2)} s`).toBe('0.50 s');
    expect(shareText(g.retryCpuMs / g.cpuMs)).toBe('13.0%');
    // The bridge retries nothing; a service has no gateway CPU.
    const bridge = host.inspectNode(id('payments-bridge'))!.gatewayCpu!;
    expect(bridge.retries).toBe(0);
    expect(bridge.retryCpuMs).toBe(0);
    expect(bridge.cpuMs).toBeGreaterThan(0);
    expect(host.inspectNode(id('checkout'))!.gatewayCpu).toBeUndefined();
  });
});
