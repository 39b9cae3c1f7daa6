import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { simHere } from './spawnSim';

// Session 42 (M4): every bad input of `sweep` says the flag or the field and the problem, exits 2 before any job, and
// shows no stack trace; a problem in the file is at its line, as `run` says it (S6, session 41: sweep's own lines
// lacked them).

const tmp = mkdtempSync(join(tmpdir(), 'meshsim-sweepbad-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const ok = join(tmp, 'ok.yaml');
writeFileSync(ok, 'name: ok\nduration: 2s\nclients:\n  - { name: u, type: open, rate: 10, target: api }\nservices:\n  - name: api\n    replicas: 2\n    serviceTime: 5ms\n    calls: [ { service: db } ]\n  - name: db\n    serviceTime: 1ms\nfaults:\n  - { type: kill-replica, service: api, replica: 1, at: 1s }\n');
const broken = join(tmp, 'broken.yaml');
writeFileSync(broken, 'name: broken\nduration: 2s\nclients:\n  - { name: u, type: open, rate: 10, target: api }\nservices:\n  - name: api\n    replicas: two\n    serviceTime: 5ms\n');

const sweep = async (...args: string[]) => {
  const r = await simHere(['sweep', ...args]);
  expect(r.code, r.stderr).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr).not.toMatch(/^\s+at |Error:|TypeError/m);
  expect(r.stderr).not.toMatch(/jobs done/);
  return r.stderr.split('\n')[0];
};

describe('sweep refuses bad input with the flag or field and the problem, exit 2, no stack trace', () => {
  it.each([
    [['--set', 'services.api.replicas='], '--set services.api.replicas: empty value in "" (give each value, separated by commas)'],
    [['--set', 'services.api.replicas=1,,3'], '--set services.api.replicas: empty value in "1,,3" (give each value, separated by commas)'],
    [['--set', 'services.nosuch.replicas=2'], '--set services.nosuch.replicas: unknown service "nosuch" (services are api, db)'],
    [['--set', 'services.api.replicsa=2'], /^--set services\.api\.replicsa=2: unknown field; did you mean replicas\?/],
    [['--set', 'services.api.replicas=2,abc,3'], '--set services.api.replicas=abc: expected number, got "abc"'],
    [['--set', 'services.db.replicas=1,0'], '--set services.db.replicas=0: must be at least 1, got 0'],
    [['--set', 'services.api.serviceTime=5,10ms'], /^--set services\.api\.serviceTime=5: "5" needs a unit, e\.g\. 5s or 5ms/],
    [['--set', 'services.api.replicas=1e400'], '--set services.api.replicas=1e400: a number beyond ±1.8e308, which reads as Infinity; give a finite number'],
    [['--set', 'services.api.serviceTime={"type":"constant","value":1e999}'], /^--set services\.api\.serviceTime=\{"type":"constant","value":1e999\}: a number beyond ±1\.8e308/],
    [['--set', 'services.api.replicas'], /^--set: expected path=v1,v2,\.\.\. e\.g\. /],
  ])('%j', async (set, first) => {
    const line = await sweep(ok, '--seeds', '2', ...set);
    if (typeof first === 'string') expect(line).toBe(first);
    else expect(line).toMatch(first);
  });

  it.each([
    [['--seeds', '0'], '--seeds: expected the replications per point, a whole number from 1 to 100,000, got "0"'],
    [['--seeds', '2.5'], '--seeds: expected the replications per point, a whole number from 1 to 100,000, got "2.5"'],
    [['--seeds', '2', '--jobs', '-1'], '--jobs: expected the worker threads to run jobs on, a whole number from 1 to 1,024, got "-1"'],
    [['--seeds', '2', '--jobs', '0'], '--jobs: expected the worker threads to run jobs on, a whole number from 1 to 1,024, got "0"'],
    [['--seeds', '2', '--metric', 'nope'], /^--metric nope: unknown metric \(metrics: p50Ms/],
  ])('%j', async (flags, first) => {
    const line = await sweep(ok, ...flags);
    if (typeof first === 'string') expect(line).toBe(first);
    else expect(line).toMatch(first);
  });

  it("names the point and the field's line for a problem a point causes elsewhere: replicas 1 leaves the fault's replica 1 out", async () => {
    expect(await sweep(ok, '--seeds', '2', '--set', 'services.api.replicas=1,2')).toBe(`${ok} with services.api.replicas=1: line 13: faults.0.replica: "api" has replicas 0 to 0, not 1`);
  });

  it("says a problem the file has at its line, once, as run does (it was once a point, with no line)", async () => {
    const r = await simHere(['sweep', broken, '--seeds', '2', '--set', 'services.api.serviceTime=1ms,2ms']);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n').filter((l) => l.includes('replicas'))).toEqual([`${broken}: line 7: services.api.replicas: expected number, got "two"`]);
    const run = await simHere(['run', broken]);
    expect(run.stderr).toContain('line 7: services.api.replicas: expected number, got "two"');
  });
});
