// Trial N11's files (session 41), as the unit tests and the browser specs both read them.

/** A first draft: checkout's 2 replicas at the default concurrency (1), 4 ms of its own work, then a call to a 60 ms partner; 40 req/s (finding 9: saturated). */
export const SATURATED_DRAFT = `name: draft
duration: 10s
clients:
  - { name: shoppers, type: open, rate: 40, target: checkout, timeout: 3s }
services:
  - name: checkout
    replicas: 2
    serviceTime: 4ms
    calls:
      - { service: partner }
  - name: partner
    replicas: 2
    concurrency: 16
    serviceTime: 60ms
`;

/** N11's broken2.yaml, cut to what finding 8 needs: two bad retryOn values and `mesh: retial` twice. */
export const BROKEN_REFERENCES = `name: flaky-partner
duration: 10s
meshes:
  - { name: retail }
clients:
  - { name: shoppers, type: open, rate: 40, target: checkout }
services:
  - name: checkout
    mesh: retial
    sidecar: true
    serviceTime: 4ms
    calls:
      - { service: egress }
  - name: partner
    external: true
    serviceTime: 60ms
gateways:
  - name: egress
    mesh: retial
    routes:
      - service: partner
        policy: { timeout: 1s, retries: { attempts: 2, retryOn: [5xx, retriable-4xx, bogus] } }
`;

/**
 * N11's gw50.yaml whole (finding 2): two meshes, a bridge, an egress gateway retrying a partner that fails 50% from 10 s
 * to 40 s, 2 retries at the gateway (Envoy's default maxRetries 3 refuses some). At `--duration 20s`: trace
 * e088a7787663c940, egress made 242 retries, 57 refused.
 */
export const GW50 = `name: flaky-partner-gw-retry
title: Flaky partner, retries at the egress gateway
duration: 60s
seed: 3
network: { placement: {} }
meshes:
  - { name: retail }
  - { name: payments }
clients:
  - { name: shoppers, type: open, rate: 40, target: checkout, external: true, timeout: 3s }
services:
  - name: checkout
    replicas: 2
    concurrency: 32
    mesh: retail
    sidecar: true
    serviceTime: { type: lognormal, median: 4ms, sigma: 0.4 }
    calls:
      - { service: payments-bridge }
      - { service: egress, policy: { retries: { attempts: 0 } } }
  - name: ledger
    replicas: 2
    mesh: payments
    sidecar: true
    mtls: STRICT
    serviceTime: 5ms
  - name: partner
    external: true
    replicas: 2
    concurrency: 16
    serviceTime: { type: lognormal, median: 60ms, sigma: 0.5 }
gateways:
  - name: payments-bridge
    replicas: 2
    bridge: { from: retail, to: payments }
    mtls: STRICT
    routes: [ { service: ledger } ]
  - name: egress
    replicas: 2
    mesh: retail
    routes:
      - service: partner
        policy: { timeout: 1s, retries: { attempts: 2, perTryTimeout: 300ms, retryOn: [5xx] } }
faults:
  - { type: http-abort, service: partner, percent: 50, status: 503, at: 10s, for: 30s }
`;

/** N11's sc50.yaml: GW50 with the 2 retries moved from the egress route to checkout's sidecar. */
export const SC50 = GW50.replace('name: flaky-partner-gw-retry', 'name: flaky-partner-sidecar-retry')
  .replace('retries at the egress gateway', 'retries at the checkout sidecar')
  .replace('{ service: egress, policy: { retries: { attempts: 0 } } }', '{ service: egress, policy: { timeout: 1s, retries: { attempts: 2, perTryTimeout: 300ms, retryOn: [5xx] } } }')
  .replace('policy: { timeout: 1s, retries: { attempts: 2, perTryTimeout: 300ms, retryOn: [5xx] } }\nfaults', 'policy: { retries: { attempts: 0 } }\nfaults');

/**
 * Trial N11's files as the person chose them in Open file… (name -> text), for the specs that open them:
 * gw-retry.yaml and sc-retry.yaml are GW50 and SC50 (the same two meshes, bridge, egress and partner; the
 * retries at the egress route or at checkout's sidecar), broken1.yaml a file with bad references. The
 * trial's own copies lived outside the repository (session 41's notes), which a clean clone has not.
 */
export const N11_FILES: Readonly<Record<string, string>> = {
  'gw-retry.yaml': GW50,
  'sc-retry.yaml': SC50,
  'broken1.yaml': BROKEN_REFERENCES,
};
