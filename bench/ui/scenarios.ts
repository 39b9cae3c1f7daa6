// Scenarios the UI benchmark makes for itself (they teach nothing, so they are not in
// scenarios/), and the full-scale Istio load test that ships in scenarios/.

/**
 * Ten services behind ten open-loop clients at 1000 requests/s each, with a one-second hop
 * each way: by Little's law 10 × 1000/s × 2 s = 20,000 requests in flight once the first two
 * simulated seconds have passed, nearly all of them on a link (drawn as dots). Plain data.
 */
export function inFlight20k(): Record<string, unknown> {
  const ids = Array.from({ length: 10 }, (_, i) => String(i).padStart(2, '0'));
  return {
    name: 'bench-in-flight-20k',
    title: 'Benchmark: 10 services, 20,000 requests in flight',
    seed: 1,
    duration: '120s',
    clients: ids.map((i) => ({ name: `load-${i}`, type: 'open', arrival: 'constant', rate: 1000, target: `svc-${i}`, latency: '1s' })),
    services: ids.map((i) => ({ name: `svc-${i}`, concurrency: 64, serviceTime: '1ms' })),
  };
}

/** Services in Istio's published load test (istio.io, "Performance and Scalability"). */
export const ISTIO_SERVICES = 1000;
/** Requests per second through the whole mesh in that test. */
export const ISTIO_MESH_RPS = 70_000;

/**
 * Istio's load test at full scale: 1,000 services of 2 replicas, each behind its own meshed
 * fortio-like client, 70 requests/s per client (70,000/s in all), a sidecar on every replica
 * and client, mutual TLS between them. The same shape and story as scenarios/istio-load-test.json
 * (its 1/100 twin). Plain data; `npx tsx bench/ui/makeIstioFull.ts` writes the shipped file.
 */
export function istioLoadTestFull(): Record<string, unknown> {
  const ids = Array.from({ length: ISTIO_SERVICES }, (_, i) => String(i).padStart(3, '0'));
  const rate = ISTIO_MESH_RPS / ISTIO_SERVICES;
  return {
    name: 'istio-load-test-full',
    title: "Istio's load test at full scale",
    description:
      'Istio measured its proxies on a mesh of 1000 services and 2000 sidecars carrying 70,000 requests/s. This is that mesh: 1000 services of 2 replicas, each called by its own meshed fortio-like client at 70 requests/s, so every call crosses two sidecars over mutual TLS. Its 1/100 twin, istio-load-test.json, is the one to read the figures on.',
    lesson:
      'At 70,000 requests/s over 1000 services, two sidecars per call still add about 2.65 ms at p90 (within 10%) over the same services without them, as at 1/100 scale: a proxy costs per request through it, not per service in the mesh.',
    seed: 1,
    duration: '4s',
    warmup: '500ms',
    network: { placement: {} },
    clients: ids.map((i) => ({ name: `fortio-${i}`, type: 'open', rate, target: `svc-${i}`, sidecar: true })),
    services: ids.map((i) => ({
      name: `svc-${i}`,
      replicas: 2,
      concurrency: 16,
      sidecar: true,
      mtls: 'STRICT',
      serviceTime: { type: 'exponential', mean: '1ms' },
    })),
    narrative: [
      {
        at: '0s',
        title: 'A thousand services, three thousand sidecars',
        text: 'Each of the 1000 fortio clients runs its own sidecar and calls one service of two replicas, each with a sidecar. Every request makes four proxy passes and every new connection a mutual TLS handshake.',
        highlight: ['fortio-000->svc-000', 'fortio-500->svc-500', 'fortio-999->svc-999'],
      },
      {
        at: '1s',
        title: '70,000 requests a second',
        text: 'Each client sends 70 requests/s, 70,000 across the mesh. Find one service by name with the search box, or hide a group to look at the others.',
        highlight: ['svc-000', 'svc-500', 'svc-999'],
      },
      {
        at: '2s',
        title: 'The cost does not grow with the mesh',
        text: 'A proxy pays per request, so at this scale each call still costs about 2.65 ms at p90 over the bare services. The 1/100 twin, istio-load-test.json, shows the same figures on ten services.',
        highlight: ['fortio-000', 'svc-000'],
      },
    ],
  };
}
