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
