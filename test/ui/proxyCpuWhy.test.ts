import { expect, test } from 'vitest';
import { compactCount, HANDSHAKE_SHARE_SHOWN, proxyCpuWarming, proxyCpuWhy, proxySaturatedWhy, SATURATED_ROOM } from '../../src/ui/components/proxyCpuWhy';

// two-meshes-direct's first 5 s (every try fails its handshake, tls-unknown-ca): 4,299.8 ms of CPU
// over 6,492 passes, 3,159 handshakes of two 0.5 ms halves: the figure 1.32 against Istio's 0.35.
test("two-meshes-direct: 1.32 vCPU per 1000 req/s is 73% TLS handshakes redone at every failed try, and 0.35 the passes' own", () => {
  const why = proxyCpuWhy(4299.8, 6492, 3159, true)!;
  expect(why.percent).toBe(73);
  expect([why.what, why.why]).toEqual(['73% TLS handshakes', 'redone each failed try']);
  expect(why.title).toMatch(/^1\.32 vCPU per 1000 req\/s per proxy: 0\.97 of it TLS handshakes \(73%\), 0\.35 the requests' own passes \(Istio's load test: 0\.35\)\. Most tries fail their TLS handshake; /);
});

test('a run whose handshakes are a small share (hello-mesh: 54 halves in its first 5 s over 2,417 passes) says nothing; a large share with requests ok blames new connections, not failures', () => {
  expect(proxyCpuWhy(439.6, 2417, 27, false)).toBeNull();
  expect(proxyCpuWhy(100, 200, 100 * HANDSHAKE_SHARE_SHOWN - 0.1, false)).toBeNull();
  const churn = proxyCpuWhy(100, 200, 50, false)!;
  expect([churn.what, churn.why]).toEqual(['50% TLS handshakes', 'for new connections']);
  expect(churn.title).toMatch(/Connections are being set up often/);
  expect(proxyCpuWhy(0, 0, 0, true)).toBeNull();
});

test("a frame counts the sidecars' handshake CPU apart: two-meshes-direct's first 5 s, where every try fails its handshake, show it as most of the proxies' CPU; hello-mesh's as little", async () => {
  const { readFileSync } = await import('node:fs');
  const { SimHost } = await import('../../src/workers/SimHost');
  const { Counter } = await import('../../src/workers/protocol');
  const share = (file: string) => {
    let t = 0;
    const h = new SimHost(() => (t += 1e-6));
    if (!h.load(readFileSync(new URL(`../../scenarios/${file}.json`, import.meta.url), 'utf8')).ok) throw new Error(`${file} did not load`);
    const c = h.seekTo(5000, 1e9).counters;
    return { share: c[Counter.proxyHandshakeCpuMs] / c[Counter.proxyCpuMs], why: proxyCpuWhy(c[Counter.proxyCpuMs], c[Counter.proxyPasses], c[Counter.proxyHandshakeCpuMs], c[Counter.failed] > c[Counter.ok]) };
  };
  const direct = share('two-meshes-direct');
  expect(direct.share).toBeGreaterThan(0.7);
  expect(direct.why?.what).toMatch(/^7\d% TLS handshakes$/);
  const hello = share('hello-mesh');
  expect(hello.share).toBeLessThan(0.1);
  expect(hello.why).toBeNull();
});

test('the saturated words count in at most five characters, never wider than the room the figure keeps for them', () => {
  expect([0, 6612.4, 9999, 10_049, 15_234, 152_340, 999_999, 1_170_000, 12_345_678].map(compactCount)).toEqual(['0', '6,612', '9,999', '10k', '15k', '150k', '1M', '1.2M', '12M']);
  expect(proxySaturatedWhy(1_170_000, 80)?.why).toBe('≈1.2M waiting');
  expect(proxySaturatedWhy(6612, 80)?.why).toBe('6,612 waiting');
  expect(proxySaturatedWhy(1_170_000, 10)).toBeNull();
  for (const held of [1, 9_999, 10_049, 99_999, 152_340, 1_170_000, 12_345_678]) {
    expect(proxySaturatedWhy(held, 80)!.why.length).toBeLessThanOrEqual(SATURATED_ROOM.why.length);
  }
});

// Trial N16, 7: latency waited for the warm-up while proxy CPU read 0.47 in it; now both wait.
test("proxy CPU says 'warming up (0.5 s)' before the warm-up's end, and nothing from it on or with none", () => {
  const w = proxyCpuWarming(170, 500)!;
  expect([w.what, w.why]).toEqual(['warming up', '(0.5 s)']);
  expect(w.title).toMatch(/first 0\.5 s, as latency is/);
  expect(proxyCpuWarming(500, 500)).toBeNull();
  expect(proxyCpuWarming(4000, 500)).toBeNull();
  expect(proxyCpuWarming(0, 0)).toBeNull();
  expect(proxyCpuWarming(999, 1000)?.why).toBe('(1 s)');
});
