import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simAsync, simHere, type Result } from './spawnSim';

// The inputs of issue 10 that hung, grew without bound or crashed: each must now exit 2 with
// `path: message` and no stack trace. Spawns run two at a time (two cores).

const tmp = mkdtempSync(join(tmpdir(), 'meshsim-limits-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function file(name: string, content: unknown): string {
  const path = join(tmp, name);
  writeFileSync(path, JSON.stringify(content));
  return path;
}

const api = { name: 'api', serviceTime: '1ms' };
const closed = (users: number, duration: string, thinkTime: unknown = '1s') => ({
  name: 'load',
  duration,
  clients: [{ name: 'users', type: 'closed', users, thinkTime, target: 'api' }],
  services: [api],
});
const many = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `s${i}`, serviceTime: '1ms' }));

const cases: [string, () => string[], RegExp][] = [
  [
    'a closed loop with think time 0 calling a service with service time 0',
    () => [file('zero.json', { ...closed(10, '10s', '0ms'), services: [{ name: 'api', serviceTime: '0ms' }] })],
    /^line 1: clients\.users\.thinkTime: is always 0, and a request to "api" can be answered in no simulated time .* through api\): its 10 users would send again at the same instant for ever/m,
  ],
  ['1,000,000 users for 1,000,000 hours', () => [file('users-hours.json', closed(1_000_000, '1000000h'))], /^line 1: duration: must be at most 8760h \(one year of simulated time\), got "1000000h"$/m],
  ['1,000,000 users for a year', () => [file('users-year.json', closed(1_000_000, '8760h'))], /^line 1: clients: would send about 31,504,495,504,496 requests over the duration, more than 50,000,000/m],
  ['1e8 users', () => [file('users-1e8.json', closed(1e8, '10s'))], /^line 1: clients\.users\.users: must be at most 1,000,000: .*, got 100000000$/m],
  ['a duration of 400 digits', () => [file('digits.json', closed(10, '1' + '0'.repeat(400) + 'ms'))], /^line 1: duration: must be a finite duration, at most 8760h/m],
  [
    '1,000,000 replicas with sidecars',
    () => [file('replicas.json', { name: 'r', clients: [{ name: 'c', type: 'open', rate: 1, target: 'api' }], services: [{ ...api, replicas: 1_000_000, sidecar: true }] })],
    /^line 1: services\.api\.replicas: must be at most 1,000: .*, got 1000000$/m,
  ],
  [
    '125,000 services',
    () => [file('services.json', { name: 'r', clients: [{ name: 'c', type: 'open', rate: 1, target: 's0' }], services: many(125_000) })],
    /^services: 125,000 services, 0 gateways and 1 client make 125,001 nodes, more than 5,000: /m,
  ],
  [
    'a call loop through a gateway',
    () => [file('gw-loop.json', { name: 'g', clients: [{ name: 'c', type: 'open', rate: 1, target: 'a' }], services: [{ name: 'a', serviceTime: '1ms', calls: [{ service: 'g' }] }], gateways: [{ name: 'g', routes: [{ service: 'a' }] }] })],
    /^line 1: services\.a\.calls: calls and gateway routes form a loop: a -> g -> a$/m,
  ],
  ['--seed 99999999999999999999999', () => ['scenarios/mm1.json', '--seed', '99999999999999999999999'], /^--seed: must be a whole number from -9007199254740991 to 9007199254740991 .*, got 99999999999999999999999$/m],
  ['a seed of 1e300 in the file', () => [file('seed.json', { ...closed(1, '1s'), seed: 1e300 })], /^line 1: seed: must be a whole number from -9007199254740991 to 9007199254740991 .*, got 1e\+300$/m],
  ['--duration of 400 digits', () => ['scenarios/mm1.json', '--duration', '1' + '0'.repeat(400) + 'ms'], /^--duration: must be a finite duration, at most 8760h/m],
  [
    '--duration that makes a closed loop too big',
    () => {
      const f = file('closed-ok.json', closed(100_000, '10s'));
      return [f, '--duration', '8000h'];
    },
    /^--duration: .*closed-ok\.json would send about [\d,]+ requests in 333d 08h, more than 50,000,000 \(a run of many minutes\); give a shorter --duration$/m,
  ],
];

describe('npm run sim refuses inputs that would never end', () => {
  const results = new Map<string, Result>();
  beforeAll(async () => {
    // The first case through a spawned CLI, the others in this process, one at a time.
    for (const c of cases) results.set(c[0], await (c === cases[0] ? simAsync : simHere)(c[1]()));
  }, 120_000);

  it.each(cases)('%s: exit 2 with the field and the limit', (what, _args, expected) => {
    const r = results.get(what)!;
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(expected);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(r.stderr).not.toMatch(/^\w*Error:/m);
  });
});
