import { describe, expect, it } from 'vitest';
import { formatProblems, validateScenario, type Problem } from '../../src/scenario';

function problemsOf(data: unknown): Problem[] {
  const r = validateScenario(data);
  if (r.ok) throw new Error('expected the scenario to be refused');
  return r.problems;
}

function shop(): any {
  return {
    name: 'shop',
    duration: '10s',
    clients: [{ name: 'users', type: 'open', rate: 10, target: 'api' }],
    services: [
      { name: 'api', serviceTime: '2ms', calls: [{ service: 'db' }] },
      { name: 'db', serviceTime: '1ms' },
    ],
    gateways: [],
  };
}

const UNIQUE = 'services, clients and gateways each need their own name';

describe('a name given twice', () => {
  it('is reported at both places, each citing the other', () => {
    const d = shop();
    d.gateways = [{ name: 'api', routes: [{ match: { pathPrefix: '/' }, service: 'db' }] }];
    expect(problemsOf(d)).toEqual([
      { path: 'services.0.name', message: `"api" is also the name of gateways.0; ${UNIQUE}` },
      { path: 'gateways.0.name', message: `"api" is also the name of services.0; ${UNIQUE}` },
    ]);
  });

  it('given three times, each place cites the other two', () => {
    const d = shop();
    d.services.push({ name: 'db', serviceTime: '1ms' });
    d.clients.push({ name: 'db', type: 'open', rate: 1, target: 'api' });
    expect(formatProblems(problemsOf(d)).split('\n')).toEqual([
      `services.1.name: "db" is also the name of services.2 and clients.1; ${UNIQUE}`,
      `services.2.name: "db" is also the name of services.1 and clients.1; ${UNIQUE}`,
      `clients.1.name: "db" is also the name of services.1 and services.2; ${UNIQUE}`,
    ]);
  });

  it('given many times, cites three others and counts the rest, so the message stays short', () => {
    const d = shop();
    for (let i = 0; i < 1000; i++) d.services.push({ name: 'db', serviceTime: '1ms' });
    const ps = problemsOf(d);
    expect(ps).toHaveLength(1001);
    expect(ps[0]).toEqual({ path: 'services.1.name', message: `"db" is also the name of services.2, services.3, services.4 and 997 more; ${UNIQUE}` });
    expect(ps[1000].path).toBe('services.1001.name');
  });

  it('is still cited at both places when the schema refuses something else in the file', () => {
    const d = shop();
    d.services.push({ name: 'api', serviceTime: '1ms' });
    d.clients[0].rate = -1;
    expect(problemsOf(d).map((p) => p.path)).toEqual(['clients.0.rate', 'services.0.name', 'services.2.name']);
  });
});

describe('an unknown fault type', () => {
  const KNOWN = /^must be one of "kill-replica", .*; got "kil-replica"$/;

  it('is reported, and so are the other faults’ problems: an unknown service, a replica out of range, a start after the run', () => {
    const d = shop();
    d.faults = [
      { type: 'kil-replica', service: 'api' },
      { type: 'kill-replica', service: 'nope' },
      { type: 'slow-replica', service: 'db', replica: 3, factor: 2 },
      { type: 'kill-service', service: 'api', at: '20s' },
    ];
    const ps = problemsOf(d);
    expect(ps[0]).toEqual({ path: 'faults.0.type', message: expect.stringMatching(KNOWN) });
    expect(ps.slice(1)).toEqual([
      { path: 'faults.1.service', message: 'unknown service "nope" (services: api, db)' },
      { path: 'faults.2.replica', message: '"db" has replicas 0 to 0, not 3' },
      { path: 'faults.3.at', message: 'starts at 20.00 s, when the run is over (duration 10.00 s)' },
    ]);
  });

  it('does not hide the problems of fields elsewhere that only the reference checks find', () => {
    const d = shop();
    d.faults = [{ type: 'explode', service: 'db' }];
    d.warmup = '30s';
    d.services[0].sidecar = true;
    d.services[0].mesh = 'nowhere';
    const paths = problemsOf(d).map((p) => p.path);
    expect(paths[0]).toBe('faults.0.type');
    expect(paths).toContain('warmup');
    expect(paths).toContain('services.0.mesh');
  });

  it('keeps each fault’s own index when faults after it are checked', () => {
    const d = shop();
    d.faults = [{ type: 'kill-replica', service: 'db' }, { type: 'nope' }, { type: 'nope-too' }, { type: 'kill-replica', service: 'gone' }];
    expect(problemsOf(d).map((p) => p.path)).toEqual(['faults.1.type', 'faults.2.type', 'faults.3.service']);
  });
});
