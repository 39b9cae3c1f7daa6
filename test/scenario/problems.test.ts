import { describe, expect, it } from 'vitest';
import { formatProblems, validateScenario, type Problem } from '../../src/scenario';
import { shopScenario } from './shop';

function problemsOf(data: unknown): Problem[] {
  const r = validateScenario(data);
  if (r.ok) throw new Error('expected the scenario to be refused');
  return r.problems;
}

function shop(): any {
  return shopScenario('1ms', { gateways: [] });
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

describe('a schema error beside broken references', () => {
  /** A file the schema refuses (a negative rate, a service time that is not one, an unknown field in a fault) that also names things that do not exist. */
  function mixed(): any {
    const d = shop();
    d.clients[0].rate = -1;
    d.services[1].serviceTime = 'fast';
    d.services[0].calls.push({ service: 'cache' });
    d.gateways = [{ name: 'edge', routes: [{ service: 'nope' }] }];
    d.faults = [
      { type: 'latency', from: 'api', to: 'ghost', delay: '5ms' },
      { type: 'kill-replica', service: 'db', at: '1s', bogus: 1 },
      { type: 'partition', between: [['api'], ['phantom']], at: '2s' },
    ];
    return d;
  }

  it('lists every problem at once, each at its path: the schema’s, then an unknown call, an unknown service in a gateway route, faults on hosts that do not exist', () => {
    expect(formatProblems(problemsOf(mixed())).split('\n')).toEqual([
      'clients.0.rate: must be greater than zero (requests per second), got -1',
      'services.1.serviceTime: "fast" is not a duration; use a number with a unit: us, ms, s, m or h (250ms, 10s, 2m), or a bare number, which is milliseconds (250)',
      'faults.1.bogus: unknown field (fields here: type, service, replica, at, for)',
      'services.0.calls.1.service: unknown service or gateway "cache" (known: api, db, edge)',
      'gateways.0.routes.0.service: unknown service "nope" (services: api, db)',
      'faults.0.to: unknown service or gateway "ghost"',
      'faults.2.between.1.0: unknown service, gateway or client "phantom" (or "control-plane:<mesh>")',
    ]);
  });

  it('says a later fault’s path as in the file when an earlier one is left out for its own problem, and checks times against the run only while duration is good', () => {
    const d = shop();
    d.faults = [
      { type: 'kill-replica', service: 'api', at: 'soon' },
      { type: 'kill-replica', service: 'db', replica: 4 },
      { type: 'kill-service', service: 'api', at: '20s' },
    ];
    expect(formatProblems(problemsOf(d)).split('\n')).toEqual([
      'faults.0.at: "soon" is not a duration; use a number with a unit: us, ms, s, m or h (250ms, 10s, 2m), or a bare number, which is milliseconds (250)',
      'faults.1.replica: "db" has replicas 0 to 0, not 4',
      'faults.2.at: starts at 20.00 s, when the run is over (duration 10.00 s)',
    ]);
    d.duration = 'long';
    expect(problemsOf(d).map((p) => p.path)).toEqual(['duration', 'faults.0.at', 'faults.1.replica']);
  });

  it('says nothing about a value the schema refused and a default stands in for: replicas -1 is said once, not again as "db has replicas 0 to 0" for a fault on replica 2', () => {
    const d = shop();
    d.services[1].replicas = -1;
    d.faults = [{ type: 'kill-replica', service: 'db', replica: 2 }, { type: 'kill-replica', service: 'nope' }];
    expect(problemsOf(d).map((p) => `${p.path}: ${p.message}`)).toEqual([
      expect.stringMatching(/^services\.1\.replicas: /),
      'faults.1.service: unknown service "nope" (services: api, db)',
    ]);
  });

  it('keeps every name that names nothing in an element a default stands in for, whatever its wording: db (replicas -1) calling "ghost" and joining mesh "nomesh", a change, a highlight and a layout entry naming nothing, "db" given twice', () => {
    const d = shop();
    d.services[1].replicas = -1;
    d.services[1].calls = [{ service: 'ghost' }];
    d.services[1].mesh = 'nomesh';
    d.clients.push({ name: 'db', type: 'open', rate: 1, target: 'api' });
    d.changes = [{ type: 'mtls', service: 'dbx', mode: 'STRICT', at: '1s' }];
    d.narrative = [{ at: '0s', title: 't', text: 'x', highlight: ['db->nowhere'] }];
    d.layout = { phantom: { x: 0, y: 0 } };
    const lines = problemsOf(d).map((p) => `${p.path}: ${p.message}`);
    expect(lines[0]).toMatch(/^services\.1\.replicas: /);
    expect(lines.slice(1).map((l) => l.split(':')[0]).sort()).toEqual(
      ['clients.1.name', 'services.1.name', 'services.1.calls.0.service', 'services.1.mesh', 'changes.0.service', 'narrative.0.highlight.0', 'layout.phantom'].sort(),
    );
  });
});

describe('names that name nothing, in a large or careful file', () => {
  it('refuses a highlighted link between two nodes where nothing calls: "db->api" names both, but api calls db, not back', () => {
    const d = shop();
    d.narrative = [{ at: '0s', title: 't', text: 'x', highlight: ['api->db', 'db->api', 'users->db'] }];
    expect(formatProblems(problemsOf(d)).split('\n')).toEqual([
      'narrative.0.highlight.1: no link from "db" to "api" (db calls: none)',
      'narrative.0.highlight.2: no link from "users" to "db" (users calls: api)',
    ]);
  });

  it('cuts the list of names after 10 and leads with the nearest: a call to "svc-9999" in a 4,000-service file is one short line, not 40 KB', () => {
    const ids = Array.from({ length: 4000 }, (_, i) => `svc-${String(i).padStart(4, '0')}`);
    const d = {
      name: 'big',
      duration: '10s',
      clients: [{ name: 'users', type: 'open', rate: 10, target: 'svc-0000' }],
      services: ids.map((name, i) => ({ name, serviceTime: '1ms', calls: i === 17 ? [{ service: 'svc-9999' }] : [] })),
    };
    const [p] = problemsOf(d);
    expect(p.path).toBe('services.17.calls.0.service');
    expect(p.message).toBe('unknown service "svc-9999"; did you mean svc-0999? (services: svc-0000, svc-0001, svc-0002, svc-0003, svc-0004, svc-0005, svc-0006, svc-0007, svc-0008, svc-0009 and 3,990 more)');
    // Ten names or fewer are all listed, as before.
    const small = shop();
    small.clients[0].target = 'apii';
    expect(problemsOf(small)[0].message).toBe('unknown service "apii" (services: api, db)');
  });
});
