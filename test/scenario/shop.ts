// The small valid scenario the scenario checks' tests break in their own ways.

/**
 * users -> api -> db for 10 s: `db` is db's service time, `extra` is laid over the top level
 * (faults, changes, gateways). A fresh object each call, so a test may mutate it.
 */
export function shopScenario(db: unknown = '1ms', extra: Record<string, unknown> = {}): any {
  return {
    name: 'shop',
    duration: '10s',
    clients: [{ name: 'users', type: 'open', rate: 10, target: 'api' }],
    services: [
      { name: 'api', serviceTime: '2ms', calls: [{ service: 'db' }] },
      { name: 'db', serviceTime: db },
    ],
    ...extra,
  };
}
