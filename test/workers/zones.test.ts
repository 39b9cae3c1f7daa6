import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SimHost } from '../../src/workers/SimHost';

const text = (name: string) => readFileSync(fileURLToPath(new URL(`../../scenarios/${name}.json`, import.meta.url)), 'utf8');

function loaded(name: string) {
  let t = 0;
  const host = new SimHost(() => (t += 1e-6));
  const r = host.load(text(name));
  if (!r.ok) throw new Error('load failed');
  return { host, info: r.info };
}

const payments = (host: SimHost, info: { topology: { nodes: { id: number; name: string }[] } }) => host.inspectNode(info.topology.nodes.find((n) => n.name === 'payments')!.id)!;

describe("zone-failover's zones and each replica's requests, as the app shows them", () => {
  it('the scenario info names each replica zone; a scenario placed in one zone has none', () => {
    const { info } = loaded('zone-failover');
    expect(info.zones?.payments).toEqual(['zone-a', 'zone-b', 'zone-a', 'zone-b']);
    expect(info.zones?.checkout).toEqual(['zone-a', 'zone-a']);
    expect(info.zones?.shoppers).toEqual(['zone-a']);
    expect(loaded('mm1').info.zones).toBeUndefined();
  });

  it('payments stays in zone-a at 10 s, fails over to zone-b at 30 s, comes home at 50 s; the counts at the end are the CLI sidecars passes over two', () => {
    const { host, info } = loaded('zone-failover');
    const at = (ms: number) => {
      host.seekTo(ms, 1e9);
      return payments(host, info).replicas;
    };
    const before = at(10_000);
    expect(before.map((r) => r.zone)).toEqual(['zone-a', 'zone-b', 'zone-a', 'zone-b']);
    expect(before.map((r) => r.recent?.share ?? -1).map((s) => Math.round(s * 100))).toEqual([expect.any(Number), 0, expect.any(Number), 0]);
    expect(before[0].recent!.share + before[2].recent!.share).toBe(1);
    expect(before[0].recent!.served).toBeGreaterThan(70);
    const during = at(30_000);
    expect(during.map((r) => r.state)).toEqual(['down', 'up', 'down', 'up']);
    expect(during[1].recent!.share + during[3].recent!.share).toBe(1);
    expect([during[0].recent!.served, during[2].recent!.served]).toEqual([0, 0]);
    // A replica down uses no proxy CPU in the window, though its CPU since the start is not 0.
    expect(during[0].recent!.proxyCpu).toBe(0);
    expect(during[0].proxy!.cpuUtilization).toBeGreaterThan(0.005);
    expect(during[1].recent!.proxyCpu).toBeGreaterThan(0);
    const after = at(50_000);
    expect(after[0].recent!.share + after[2].recent!.share).toBe(1);
    const end = at(60_000);
    // The CLI (seed 7, 60 s): sidecar passes 7,734 / 4,144 / 7,920 / 4,140, two a request served
    // (7,982 / 3,914 / 8,114 / 3,928 before ae3a1d1: zone-a's pods, back at 40 s, now rejoin their
    // Service as Kubernetes adds them, kubernetes.endpointsDelay and kube-proxy's sync later).
    const passes = [7734, 4144, 7920, 4140];
    end.forEach((r, i) => expect(Math.abs(r.served - passes[i] / 2)).toBeLessThanOrEqual(3));
    end.forEach((r, i) => expect(r.proxy!.passes).toBe(passes[i]));
  });
});
