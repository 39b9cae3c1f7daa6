import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { streamFor } from '../../src/sim-engine';
import { formatOfFile, formatProblems, parseScenarioText, validateScenario, type Problem } from '../../src/scenario';
import { shopScenario } from './shop';

/** A small valid scenario, built fresh for each test so tests can break it freely. */
function base(): any {
  return shopScenario({ type: 'exponential', mean: '1ms' });
}

/** The fields an unknown field's message lists at each level of base(), in the schema's order. */
const FIELDS = {
  top: '$schema, name, title, description, seed, duration, warmup, network, clients, services, gateways, meshes, kubernetes, faults, changes, layout, narrative, lesson',
  service: 'name, description, replicas, concurrency, queueCapacity, serviceTime, errorRate, calls, callMode, loadBalancer, protocol, zones, region, sidecar, mtls, mesh, boundary, namespace, external, certificate, policy, keepAliveTimeout',
  call: 'service, probability, latency, policy, routes, flattened',
  openClient: 'name, description, target, timeout, latency, zone, region, external, sidecar, mesh, boundary, certificate, consumer, credentials, host, path, version, headers, policy, flattened, type, rate, arrival',
  exponential: 'type, mean',
  retries: 'attempts, perTryTimeout, retryOn, retriableStatusCodes, backoff, budget',
};

function problemsOf(data: unknown): Problem[] {
  const r = validateScenario(data);
  if (r.ok) throw new Error('expected the scenario to be refused');
  return r.problems;
}

/** The single problem reported for `data`; fails when there are none or several. */
function onlyProblem(data: unknown): Problem {
  const ps = problemsOf(data);
  expect(ps, formatProblems(ps)).toHaveLength(1);
  return ps[0];
}

function textProblem(text: string): Problem {
  const r = parseScenarioText(text);
  if (r.ok) throw new Error('expected the text to be refused');
  expect(r.problems).toHaveLength(1);
  return r.problems[0];
}

describe('a valid scenario', () => {
  it('is accepted, with durations in ms and documented defaults filled in', () => {
    const r = validateScenario(base());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const s = r.scenario;
    expect(s.seed).toBe(1);
    expect(s.duration).toBe(10_000);
    expect(s.warmup).toBe(0);
    expect(s.clients[0]).toMatchObject({ type: 'open', rate: 10, arrival: 'poisson' });
    expect(s.services[0]).toMatchObject({
      replicas: 1,
      concurrency: 1,
      errorRate: 0,
      callMode: 'sequential',
      loadBalancer: 'round-robin',
      serviceTime: { type: 'constant', value: 2 },
      calls: [{ service: 'db', probability: 1 }],
    });
    expect(s.services[0].queueCapacity).toBeUndefined();
    expect(s.services[1].serviceTime).toEqual({ type: 'exponential', mean: 1 });
  });

  it('defaults the duration to 60 s and a closed client’s think time to exponential 1 s', () => {
    const d = base();
    delete d.duration;
    d.clients[0] = { name: 'users', type: 'closed', users: 5, target: 'api' };
    const r = validateScenario(d);
    expect(r.ok && r.scenario.duration).toBe(60_000);
    expect(r.ok && r.scenario.clients[0]).toMatchObject({ users: 5, thinkTime: { type: 'exponential', mean: 1000 } });
  });

  it.each([
    ['250ms', 250],
    ['5s', 5000],
    ['2m', 120_000],
    ['1.5h', 5_400_000],
    ['80us', 0.08],
    [1500, 1500],
  ])('reads the duration %j as %d ms, wherever a duration goes', (input, expected) => {
    const d = base();
    d.duration = input;
    d.warmup = 0;
    d.clients[0].timeout = input;
    d.services[0].serviceTime = input;
    d.services[1].serviceTime = { type: 'uniform', min: 0, max: input };
    const r = validateScenario(d);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.scenario.duration).toBe(expected);
    expect(r.scenario.clients[0].timeout).toBe(expected);
    expect(r.scenario.services[0].serviceTime).toEqual({ type: 'constant', value: expected });
    expect(r.scenario.services[1].serviceTime).toEqual({ type: 'uniform', min: 0, max: expected });
  });

  it('parses from JSON text', () => {
    const r = parseScenarioText(JSON.stringify(base(), null, 2));
    expect(r.ok).toBe(true);
  });
});

describe('a bad scenario gets path: message for each problem', () => {
  describe('malformed JSON', () => {
    it('names the line and column of a missing comma', () => {
      const text = '{\n  "name": "shop",\n  "seed": 3\n  "duration": "5s"\n}';
      const p = textProblem(text);
      expect(p.path).toBe('(file)');
      expect(p.message).toMatch(/^malformed JSON at line 4, column 3: /);
    });

    it('names the line and column of an unexpected token (a trailing comma)', () => {
      const text = '{\n  "name": "shop",\n  "services": [1, 2,]\n}';
      const p = textProblem(text);
      expect(p.path).toBe('(file)');
      expect(p.message).toMatch(/malformed JSON at line 3, column 21/);
    });

    it('names the line and column of a missing value', () => {
      const p = textProblem('{\n  "name": }');
      expect(p.message).toMatch(/malformed JSON at line 2, column 11/);
    });

    it('names the end of the text when it stops short', () => {
      const p = textProblem('{\n  "name": "shop",\n  "seed": ');
      expect(p.message).toMatch(/malformed JSON at line 3, column 11/);
    });

    it('says what the unexpected token was, without echoing the whole text', () => {
      const p = textProblem('[1,]');
      expect(p.message).toBe("malformed JSON at line 1, column 4: Unexpected token ']'");
    });

    it('gives a line and column inside the text for every seeded corruption of a real scenario', () => {
      const text = readFileSync(fileURLToPath(new URL('../../scenarios/hello-mesh.json', import.meta.url)), 'utf8');
      const rng = streamFor(1, 'json-corruption');
      const alphabet = '{}[],:"\\ 0123456789-.etrufalsn\nx';
      let malformed = 0;
      for (let k = 0; k < 300; k++) {
        // One to three random deletions, insertions or replacements, and sometimes a cut.
        let t = text;
        for (let j = 1 + Math.floor(rng() * 3); j > 0; j--) {
          const at = Math.floor(rng() * t.length);
          const op = rng();
          const ch = alphabet[Math.floor(rng() * alphabet.length)];
          t = op < 1 / 3 ? t.slice(0, at) + t.slice(at + 1) : op < 2 / 3 ? t.slice(0, at) + ch + t.slice(at) : t.slice(0, at) + ch + t.slice(at + 1);
        }
        if (rng() < 0.2) t = t.slice(0, Math.floor(rng() * t.length));
        let valid = true;
        try {
          JSON.parse(t);
        } catch {
          valid = false;
        }
        const r = parseScenarioText(t);
        if (valid) {
          expect(r.ok || r.problems.every((p) => p.path !== '(file)')).toBe(true);
          continue;
        }
        malformed++;
        expect(r.ok).toBe(false);
        if (r.ok) continue;
        const m = /^malformed JSON at line (\d+), column (\d+): \S/.exec(r.problems[0].message);
        expect(m, r.problems[0].message).not.toBeNull();
        const [line, column] = [Number(m![1]), Number(m![2])];
        const tLines = t.split('\n');
        expect(line).toBeLessThanOrEqual(tLines.length);
        expect(column).toBeLessThanOrEqual(tLines[line - 1].length + 1);
      }
      expect(malformed).toBeGreaterThan(150);
    });

    it('refuses an empty file, saying it is empty', () => {
      expect(textProblem('').message).toMatch(/^is empty/);
    });
  });

  it('refuses a document that is not an object', () => {
    const p = onlyProblem([1, 2]);
    expect(p.path).toBe('');
    expect(p.message).toMatch(/expected object, got an array/);
    expect(formatProblems([p])).toMatch(/^\(scenario\): /);
  });

  it.each([
    ['at the top level', (d: any) => (d.colour = 'red'), 'colour', FIELDS.top],
    ['in a service', (d: any) => (d.services[1].colour = 2), 'services.1.colour', FIELDS.service],
    ['in a call', (d: any) => (d.services[0].calls[0].weight = 2), 'services.0.calls.0.weight', FIELDS.call],
    ['in a client', (d: any) => (d.clients[0].rps = 2), 'clients.0.rps', FIELDS.openClient],
    ['in a distribution', (d: any) => (d.services[1].serviceTime.median = '1ms'), 'services.1.serviceTime.median', FIELDS.exponential],
  ])('refuses an unknown field %s, listing the fields that level has', (_where, breakIt, path, fields) => {
    const d = base();
    breakIt(d);
    expect(onlyProblem(d)).toEqual({ path, message: `unknown field (fields here: ${fields})` });
  });

  it.each([
    ['a misspelt top-level field', (d: any) => (d.servcies = []), 'servcies', 'services', FIELDS.top],
    ['a letter short in a service', (d: any) => (d.services[1].replica = 2), 'services.1.replica', 'replicas', FIELDS.service],
    ['two letters swapped in a client', (d: any) => (d.clients[0].tagret = 'api'), 'clients.0.tagret', 'target', FIELDS.openClient],
    ['a typo in a nested policy', (d: any) => (d.services[0].calls[0].policy = { retries: { atempts: 2 } }), 'services.0.calls.0.policy.retries.atempts', 'attempts', FIELDS.retries],
    ['a case slip', (d: any) => (d.services[0].serviceTIME = '1ms'), 'services.0.serviceTIME', 'serviceTime', FIELDS.service],
  ])('names the field meant beside an unknown field that is %s, then the fields that level has', (_where, breakIt, path, meant, fields) => {
    const d = base();
    breakIt(d);
    const problems = problemsOf(d).filter((p) => p.path === path);
    expect(problems).toEqual([{ path, message: `unknown field; did you mean ${meant}? (fields here: ${fields})` }]);
  });

  it('suggests nothing for a short or far-off key: rps is not rate, colour is nothing', () => {
    const d = base();
    d.clients[0].rps = 2;
    d.colour = 'red';
    expect(problemsOf(d)).toEqual(
      expect.arrayContaining([
        { path: 'colour', message: `unknown field (fields here: ${FIELDS.top})` },
        { path: 'clients.0.rps', message: `unknown field (fields here: ${FIELDS.openClient})` },
      ]),
    );
    expect(problemsOf(d)).toHaveLength(2);
  });

  it.each([
    ['the scenario name', (d: any) => delete d.name, 'name'],
    ['a service time', (d: any) => delete d.services[1].serviceTime, 'services.1.serviceTime'],
    ['a client target', (d: any) => delete d.clients[0].target, 'clients.0.target'],
    ['a call service', (d: any) => delete d.services[0].calls[0].service, 'services.0.calls.0.service'],
    ['a closed client’s users', (d: any) => (d.clients[0] = { name: 'u', type: 'closed', target: 'api' }), 'clients.0.users'],
  ])('says a missing required field (%s) is required', (_what, breakIt, path) => {
    const d = base();
    breakIt(d);
    const p = onlyProblem(d);
    expect(p.path).toBe(path);
    expect(p.message).toMatch(/^is required/);
  });

  it('says a missing distribution parameter is required', () => {
    const d = base();
    delete d.services[1].serviceTime.mean;
    const p = onlyProblem(d);
    expect(p.path).toBe('services.1.serviceTime.mean');
    expect(p.message).toMatch(/is required/);
    expect(p.message).not.toMatch(/undefined/);
  });

  it('says a missing service time takes a duration such as "5ms" or a distribution object', () => {
    const d = base();
    delete d.services[0].serviceTime;
    expect(onlyProblem(d)).toEqual({
      path: 'services.0.serviceTime',
      message: 'is required (a duration such as "5ms", or a distribution object such as {"type": "exponential", "mean": "5ms"})',
    });
  });

  it.each([
    [true, 'true'],
    [null, 'null'],
    [['5ms'], 'an array'],
  ])('says a service time of %j takes a duration or a distribution object, and names what it got', (value, got) => {
    const d = base();
    d.services[0].serviceTime = value;
    expect(onlyProblem(d)).toEqual({
      path: 'services.0.serviceTime',
      message: `expected a duration such as "5ms", or a distribution object such as {"type": "exponential", "mean": "5ms"}, got ${got}`,
    });
  });

  it('refuses a retry backoff whose max is below its base, as Envoy does, naming the base', () => {
    const d = base();
    d.services[1].policy = { retries: { backoff: { base: '100ms', max: '10ms' } } };
    expect(onlyProblem(d)).toEqual({ path: 'services.1.policy.retries.backoff.max', message: 'must not be less than base (100 ms), got 10.0 ms' });
    // Against the default base (25 ms) too, and on a call's own policy.
    const e = base();
    e.services[0].calls[0].policy = { retries: { backoff: { max: '10ms' } } };
    expect(onlyProblem(e)).toEqual({ path: 'services.0.calls.0.policy.retries.backoff.max', message: 'must not be less than base (25.0 ms), got 10.0 ms' });
  });

  it('accepts a retry backoff whose max equals its base', () => {
    const d = base();
    d.services[1].policy = { retries: { backoff: { base: '100ms', max: '100ms' } } };
    expect(validateScenario(d).ok).toBe(true);
  });

  it('says a client without a type needs one of the client types', () => {
    const d = base();
    delete d.clients[0].type;
    const p = onlyProblem(d);
    expect(p.path).toBe('clients.0.type');
    expect(p.message).toMatch(/must be one of "open", "closed"/);
    expect(p.message).toMatch(/got nothing/);
  });

  it('names the unknown client type it got', () => {
    const d = base();
    d.clients[0].type = 'burst';
    const p = onlyProblem(d);
    expect(p.path).toBe('clients.0.type');
    expect(p.message).toMatch(/must be one of "open", "closed"; got "burst"/);
  });

  it('names the unknown distribution type it got, and lists the known ones', () => {
    const d = base();
    d.services[1].serviceTime = { type: 'gamma', mean: '1ms' };
    const p = onlyProblem(d);
    expect(p.path).toBe('services.1.serviceTime.type');
    expect(p.message).toMatch(/"constant", "uniform", "exponential", "normal", "lognormal", "pareto"/);
    expect(p.message).toMatch(/got "gamma"/);
  });

  it('refuses a distribution of the wrong kind of value', () => {
    const d = base();
    d.services[1].serviceTime = true;
    const p = onlyProblem(d);
    expect(p.path).toBe('services.1.serviceTime');
    expect(p.message).toMatch(/got true/);
  });

  it('refuses a client target that names no service, listing the services', () => {
    const d = base();
    d.clients[0].target = 'apii';
    expect(onlyProblem(d)).toEqual({ path: 'clients.0.target', message: 'unknown service "apii" (services: api, db)' });
  });

  it('refuses a call to a service that does not exist', () => {
    const d = base();
    d.services[1].calls = [{ service: 'cache' }];
    expect(onlyProblem(d)).toEqual({ path: 'services.1.calls.0.service', message: 'unknown service "cache" (services: api, db)' });
  });

  it.each([
    [-5, 'negative'],
    [0, 'zero'],
  ])('refuses a %d (%s) rate', (rate) => {
    const d = base();
    d.clients[0].rate = rate;
    const p = onlyProblem(d);
    expect(p.path).toBe('clients.0.rate');
    expect(p.message).toMatch(/must be greater than zero/);
    expect(p.message).toContain(`got ${rate}`);
  });

  it('refuses a rate given as a string', () => {
    const d = base();
    d.clients[0].rate = '10/s';
    const p = onlyProblem(d);
    expect(p.path).toBe('clients.0.rate');
    expect(p.message).toBe('expected number, got "10/s"');
  });

  it('refuses a duration with an unknown unit, naming the units', () => {
    const d = base();
    d.duration = '5 parsecs';
    const p = onlyProblem(d);
    expect(p.path).toBe('duration');
    expect(p.message).toMatch(/"5 parsecs" is not a duration; use a number with a unit: us, ms, s, m or h/);
  });

  it('refuses a negative duration', () => {
    const d = base();
    d.clients[0].timeout = '-3s';
    expect(onlyProblem(d)).toEqual({ path: 'clients.0.timeout', message: 'must not be negative, got "-3s"' });
  });

  it('refuses a zero duration where time must pass', () => {
    const d = base();
    d.duration = '0s';
    expect(onlyProblem(d)).toEqual({ path: 'duration', message: 'must be greater than zero' });
  });

  it('explains a bad bare duration given as a distribution as a bad duration', () => {
    const d = base();
    d.services[0].serviceTime = '5 parsecs';
    const p = onlyProblem(d);
    expect(p.path).toBe('services.0.serviceTime');
    expect(p.message).toMatch(/"5 parsecs" is not a duration/);
  });

  it.each([
    ['a call probability', (d: any) => (d.services[0].calls[0].probability = 1.5), 'services.0.calls.0.probability'],
    ['an error rate', (d: any) => (d.services[1].errorRate = 2), 'services.1.errorRate'],
    ['a negative error rate', (d: any) => (d.services[1].errorRate = -0.1), 'services.1.errorRate'],
  ])('refuses %s outside [0, 1]', (_what, breakIt, path) => {
    const d = base();
    breakIt(d);
    const p = onlyProblem(d);
    expect(p.path).toBe(path);
    expect(p.message).toMatch(/must be between 0 and 1/);
  });

  it.each([
    ['replicas', 0, /must be at least 1/],
    ['concurrency', 2.5, /whole number/],
    ['queueCapacity', -1, /must not be negative/],
  ])('refuses %s = %d', (field, value, message) => {
    const d = base();
    d.services[0][field] = value;
    const p = onlyProblem(d);
    expect(p.path).toBe(`services.0.${field}`);
    expect(p.message).toMatch(message);
  });

  it('refuses a seed that is not a whole number', () => {
    const d = base();
    d.seed = 1.5;
    const p = onlyProblem(d);
    expect(p.path).toBe('seed');
    expect(p.message).toMatch(/whole number/);
    expect(p.message).toContain('1.5');
  });

  it('refuses an empty list of clients', () => {
    const d = base();
    d.clients = [];
    const p = onlyProblem(d);
    expect(p.path).toBe('clients');
    expect(p.message).toMatch(/needs at least one client/);
  });

  it('refuses a uniform distribution whose max is below its min', () => {
    const d = base();
    d.services[1].serviceTime = { type: 'uniform', min: '5ms', max: '1ms' };
    expect(onlyProblem(d)).toEqual({ path: 'services.1.serviceTime.max', message: 'max must be at least min' });
  });

  it('refuses a name with spaces', () => {
    const d = base();
    d.name = 'my shop';
    const p = onlyProblem(d);
    expect(p.path).toBe('name');
    expect(p.message).toMatch(/use letters, digits/);
  });

  it('refuses two services with the same name', () => {
    const d = base();
    d.services.push({ name: 'db', serviceTime: '1ms' });
    expect(problemsOf(d)).toEqual([
      { path: 'services.1.name', message: '"db" is also the name of services.2; services, clients and gateways each need their own name' },
      { path: 'services.2.name', message: '"db" is also the name of services.1; services, clients and gateways each need their own name' },
    ]);
  });

  it('refuses a client with the name of a service', () => {
    const d = base();
    d.clients[0].name = 'db';
    expect(problemsOf(d)).toEqual([
      { path: 'services.1.name', message: '"db" is also the name of clients.0; services, clients and gateways each need their own name' },
      { path: 'clients.0.name', message: '"db" is also the name of services.1; services, clients and gateways each need their own name' },
    ]);
  });

  it('refuses a service that calls itself', () => {
    const d = base();
    d.services[1].calls = [{ service: 'db' }];
    expect(onlyProblem(d)).toEqual({ path: 'services.1.calls.0.service', message: '"db" cannot call itself' });
  });

  it('refuses calls that form a loop, naming it', () => {
    const d = base();
    d.services.push({ name: 'cache', serviceTime: '1ms', calls: [{ service: 'api' }] });
    d.services[1].calls = [{ service: 'cache' }];
    expect(onlyProblem(d)).toEqual({ path: 'services.0.calls', message: 'calls form a loop: api -> db -> cache -> api' });
  });

  it('accepts two services calling the same third one (a diamond is not a loop)', () => {
    const d = base();
    d.services.push({ name: 'auth', serviceTime: '1ms', calls: [{ service: 'db' }] });
    d.services[0].calls.push({ service: 'auth' });
    expect(validateScenario(d).ok).toBe(true);
  });

  it.each(['10s', '12s'])('refuses a warmup of %s in a 10 s run', (warmup) => {
    const d = base();
    d.warmup = warmup;
    expect(onlyProblem(d)).toEqual({ path: 'warmup', message: 'must be shorter than duration (10.00 s)' });
  });
});

describe('every problem is listed at once', () => {
  it('lists two independent mistakes in the schema as two problems', () => {
    const d = base();
    d.clients[0].rate = -1;
    d.services[1].colour = 'red';
    expect(problemsOf(d).map((p) => p.path)).toEqual(['clients.0.rate', 'services.1.colour']);
  });

  it('lists two bad references as two problems', () => {
    const d = base();
    d.clients[0].target = 'nope';
    d.services[0].calls[0].service = 'gone';
    expect(problemsOf(d).map((p) => p.path)).toEqual(['clients.0.target', 'services.0.calls.0.service']);
  });

  it('lists a schema mistake and a bad reference together', () => {
    const d = base();
    d.clients[0].rate = -1;
    d.services[0].calls[0].service = 'gone';
    expect(problemsOf(d).map((p) => p.path).sort()).toEqual(['clients.0.rate', 'services.0.calls.0.service']);
  });

  it('formats them one per line as path: message', () => {
    const d = base();
    d.clients[0].rate = -1;
    d.services[1].colour = 'red';
    const lines = formatProblems(problemsOf(d)).split('\n');
    expect(lines).toEqual(['clients.0.rate: must be greater than zero (requests per second), got -1', `services.1.colour: unknown field (fields here: ${FIELDS.service})`]);
  });
});

describe('YAML scenario text', () => {
  const yaml = [
    'name: shop',
    'duration: 10s',
    'clients:',
    '  - { name: users, type: open, rate: 10, target: api }',
    'services:',
    '  - name: api',
    '    serviceTime: 2ms',
    '    calls: [{ service: db }]',
    '  - name: db',
    '    serviceTime: { type: exponential, mean: 1ms }',
    '',
  ].join('\n');

  it('gives the same scenario as the same content in JSON', () => {
    const fromYaml = parseScenarioText(yaml);
    const fromJson = parseScenarioText(JSON.stringify(base()));
    expect(fromYaml.ok && fromJson.ok).toBe(true);
    if (fromYaml.ok && fromJson.ok) expect(fromYaml.scenario).toEqual(fromJson.scenario);
  });

  it('reports a syntax error with its line and column', () => {
    expect(textProblem('name: shop\nclients: [ { name: users\nservices: []\n')).toEqual({
      path: '(file)',
      message: expect.stringMatching(/^malformed YAML at line \d+, column \d+: /),
    });
  });

  it('refuses a key given twice rather than keeping the last, in YAML and in JSON', () => {
    expect(textProblem(yaml.replace('duration: 10s', 'duration: 10s\nduration: 20s'))).toEqual({
      path: '(file)',
      message: 'malformed YAML at line 3, column 1: the key "duration" is given twice',
    });
    expect(textProblem('{\n  "name": "a",\n  "seed": 1,\n  "name": "b"\n}')).toEqual({
      path: '(file)',
      message: 'malformed JSON at line 4, column 3: the key "name" is given twice',
    });
  });

  it('refuses a lognormal sigma past 10 and a Pareto shape under 0.1, whose draws overflow, at their fields', () => {
    const s = base();
    s.services[0].serviceTime = { type: 'lognormal', median: '1ms', sigma: 1000 };
    s.services[1].serviceTime = { type: 'pareto', scale: '1ms', shape: 0.001 };
    expect(problemsOf(s)).toEqual([
      { path: 'services.0.serviceTime.sigma', message: 'must be at most 10 (at 10, one draw in a thousand is 10^13 times the median), got 1000' },
      { path: 'services.1.serviceTime.shape', message: 'must be at least 0.1 (below it, one draw in a thousand is past 10^30 times the scale), got 0.001' },
    ]);
  });

  it('bounds what the app must lay out: 200 narrative steps of 2,000 characters, names of 100, said by length', () => {
    const s = base();
    s.name = 'n'.repeat(101);
    s.narrative = [{ at: 0, title: 't', text: 'x'.repeat(2001) }];
    expect(problemsOf(s).map((p) => `${p.path}: ${p.message}`)).toEqual([
      'name: must be at most 100 characters (names appear in every message, table and label), got 101',
      'narrative.0.text: must be at most 2,000 characters (a step is one to three sentences), got 2,001',
    ]);
    const long = base();
    long.narrative = Array.from({ length: 201 }, (_, i) => ({ at: i, title: 't', text: 'x' }));
    expect(onlyProblem(long)).toEqual({ path: 'narrative', message: 'must have at most 200 steps (each is drawn on the timeline and listed in the app)' });
  });

  it('finds a JSON key given twice deep inside, or spelled with an escape, but not the same key in two objects', () => {
    const text = '{"name": "a", "services": [{"name": "x"}, {"name": "y", "calls": [], "\\u0063alls": []}]}';
    expect(textProblem(text)).toEqual({ path: '(file)', message: 'malformed JSON at line 1, column 70: the key "calls" is given twice' });
    const r = parseScenarioText('{"a": {"k": 1}, "b": {"k": 2}, "name": "n"}');
    expect(r.ok ? [] : r.problems.map((p) => p.message)).not.toContainEqual(expect.stringMatching(/given twice/));
    expect(r.ok ? [] : r.problems.map((p) => p.path)).toContain('a');
  });

  it('refuses an alias to no anchor, and aliases that expand without end, with a message rather than a crash', () => {
    expect(textProblem('name: x\nseed: *nope\n')).toEqual({ path: '(file)', message: 'malformed YAML: an alias (*name) refers to no anchor (&name) set before it' });
    const laughs = ['a: &a [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]', 'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]', 'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]', 'd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]'];
    expect(textProblem(laughs.join('\n'))).toEqual({ path: '(file)', message: 'malformed YAML: its aliases expand too far (more than 100 expansions)' });
  });

  it('refuses a %YAML 1.1 directive (it would make y and on booleans), deep bracket nests, and reads past a byte-order mark', () => {
    expect(textProblem(`%YAML 1.1\n---\n${yaml}`)).toEqual({ path: '(file)', message: 'is YAML 1.1; scenarios are YAML 1.2 (drop the %YAML directive)' });
    // Nested this deep, the YAML parser (used on JSON for duplicate keys) can exhaust the process.
    const deep = '{"a":'.repeat(20_000) + '1' + '}'.repeat(20_000);
    for (let k = 0; k < 2; k++) expect(textProblem(deep)).toEqual({ path: '(file)', message: 'nests brackets more than 64 deep; a scenario needs a handful' });
    expect(parseScenarioText('\uFEFF' + JSON.stringify(base())).ok).toBe(true);
    expect(parseScenarioText('\uFEFF' + yaml).ok).toBe(true);
  });

  it('says a file of several documents, or of comments only, is not a scenario', () => {
    expect(textProblem(`${yaml}---\n${yaml}`).message).toMatch(/^malformed YAML at line 11, column 1: holds more than one document \(---\); a scenario is one$/);
    expect(textProblem('# to do\n').message).toMatch(/^is empty/);
  });

  it('reads YAML 1.2: `yes` stays a string, so the schema names the field', () => {
    const r = parseScenarioText(yaml.replace('serviceTime: 2ms', 'serviceTime: yes'));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0].path).toBe('services.0.serviceTime');
  });

  it('reports schema problems by path, as for JSON', () => {
    const r = parseScenarioText(yaml.replace('rate: 10', 'rate: -1'));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(formatProblems(r.problems)).toBe('clients.0.rate: must be greater than zero (requests per second), got -1');
  });

  it('says an empty file is empty', () => {
    expect(textProblem('  \n')).toEqual({ path: '(file)', message: 'is empty: a scenario needs at least a name, clients and services' });
  });

  it('takes the format from the file name, and from the first character otherwise', () => {
    expect([formatOfFile('a.yaml'), formatOfFile('b.YML'), formatOfFile('c.json'), formatOfFile('d.txt')]).toEqual(['yaml', 'yaml', 'json', 'auto']);
    // JSON is read as JSON, with JSON's messages, when the text opens with a brace.
    expect(textProblem('{ "name": }').message).toMatch(/^malformed JSON at line 1/);
  });
});

describe('a fault line with no type', () => {
  it('says the type is required with the allowed types, and still checks the fields it can: a bad start and a misspelt field', () => {
    const d = JSON.parse(readFileSync(new URL('../../scenarios/hello-mesh.json', import.meta.url), 'utf8'));
    d.faults = [{ service: 'catalog', at: '5 parsecs', replika: 1 }];
    const r = validateScenario(d);
    expect(r.ok).toBe(false);
    const problems = r.ok ? [] : r.problems;
    expect(problems.map((p) => p.path)).toEqual(['faults.0.type', 'faults.0.at', 'faults.0.replika']);
    expect(problems[0].message).toMatch(/^is required: must be one of "kill-replica", "kill-service", .*"clock-skew"; got nothing$/);
    expect(problems[1].message).toMatch(/"5 parsecs" is not a duration/);
    expect(problems[2].message).toMatch(/^unknown field; did you mean replica\?/);
  });

  it('leaves fields only some types have unchecked, and says nothing more of a line whose other fields are fine', () => {
    const d = JSON.parse(readFileSync(new URL('../../scenarios/hello-mesh.json', import.meta.url), 'utf8'));
    d.faults = [{ service: 'catalog', replica: -1, at: '5s' }];
    const r = validateScenario(d);
    expect(r.ok ? [] : r.problems.map((p) => p.path)).toEqual(['faults.0.type']);
  });
});
