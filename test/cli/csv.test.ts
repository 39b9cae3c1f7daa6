import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { overwritesInput } from '../../src/cli/csv';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { simAsync, simHere } from './spawnSim';

const tmp = mkdtempSync(join(tmpdir(), 'meshsim-csv-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A stack trace looks like "    at fn (file:line:col)" lines, or an "Error:" header. */
function expectNoStackTrace(stderr: string) {
  expect(stderr).not.toMatch(/^\s+at /m);
  expect(stderr).not.toMatch(/^\w*Error:/m);
}

describe('npm run sim -- run FILE --csv', () => {
  it('writes one row per simulated second whose ok and failed add up to the run summary, with the same trace hash as a run without --csv', async () => {
    const out = join(tmp, 'retry.csv');
    // The run with --csv through a spawned CLI, the one without in this process.
    const withCsv = await simAsync(['run', 'scenarios/retry-storm.json', '--duration', '20s', '--json', '--csv', out]);
    const without = await simHere(['scenarios/retry-storm.json', '--duration', '20s', '--json']);
    expect(withCsv.stderr).toBe('');
    expect(withCsv.code).toBe(0);
    const a = JSON.parse(withCsv.stdout);
    expect(a.traceHash).toBe(JSON.parse(without.stdout).traceHash);
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    const header = lines[0].split(',');
    expect(header.slice(0, 10)).toEqual(['t_start_s', 't_end_s', 'sent_req_per_s', 'ok_req_per_s', 'failed_req_per_s', 'latency_count_req', 'latency_mean_ms', 'latency_p50_ms', 'latency_p90_ms', 'latency_p99_ms']);
    expect(header).toContain('failed_http-5xx_req_per_s');
    const rows = lines.slice(1).map((l) => l.split(',').map(Number));
    expect(rows).toHaveLength(20);
    expect(rows[19].slice(0, 2)).toEqual([19, 20]);
    const col = (name: string) => rows.reduce((t, r) => t + r[header.indexOf(name)], 0);
    expect(col('ok_req_per_s')).toBe(a.requests.ok);
    expect(col('failed_req_per_s')).toBe(a.requests.failed);
    expect(col('sent_req_per_s')).toBe(a.requests.sent);
    // The abort on payments starts at 10 s: failures appear from then on, not before.
    expect(col('failed_http-5xx_req_per_s')).toBeGreaterThan(0);
    expect(rows.slice(0, 10).every((r) => r[header.indexOf('failed_req_per_s')] === 0)).toBe(true);
  });

  it('a path it cannot write is bad input: --csv: message, exit 2, nothing run or written, no stack trace', async () => {
    const missing = join(tmp, 'no-such-folder', 'out.csv');
    const noDir = await simHere(['run', 'scenarios/hello-mesh.json', '--csv', missing]);
    const isDir = await simHere(['scenarios/hello-mesh.json', '--csv', tmp]);
    const noValue = await simHere(['scenarios/hello-mesh.json', '--csv']);
    const inCompare = await simHere(['compare', 'scenarios/gateway-only.json', 'scenarios/mesh-only.json', '--csv', join(tmp, 'c.csv')]);
    expect(noDir.code).toBe(2);
    expect(noDir.stdout).toBe('');
    expect(noDir.stderr.trim()).toBe(`--csv: cannot write ${missing}: its folder ${join(tmp, 'no-such-folder')} does not exist`);
    expect(existsSync(missing)).toBe(false);
    expect(isDir.code).toBe(2);
    expect(isDir.stderr.trim()).toBe(`--csv: ${tmp} is a folder; give a file name, e.g. ${tmp}/series.csv`);
    expect(noValue.code).toBe(2);
    expect(noValue.stderr).toMatch(/^--csv: needs a value/);
    expect(inCompare.code).toBe(2);
    expect(inCompare.stderr).toMatch(/^--csv: writes the series of one run; compare runs two/);
    for (const r of [noDir, isDir, noValue, inCompare]) expectNoStackTrace(r.stderr);
  });

  it('refuses to write over the scenario it reads (--csv FILE, as --traces, a sweep\'s outputs and import\'s -o do), which it once replaced with its series', async () => {
    const scenario = join(tmp, 'mm1.json');
    writeFileSync(scenario, readFileSync('scenarios/mm1.json', 'utf8'));
    const same = `${tmp}/./mm1.json`;
    const r = await simHere(['run', scenario, '--duration', '6s', '--csv', same]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(`--csv: ${same} is ${scenario}, a file this command reads; writing it would overwrite it: give another name`);
    expect(readFileSync(scenario, 'utf8')).toBe(readFileSync('scenarios/mm1.json', 'utf8'));
    expectNoStackTrace(r.stderr);
    expect(overwritesInput('--html', 'a.json', ['b.json', './a.json'])).toBe('--html: a.json is ./a.json, a file this command reads; writing it would overwrite it: give another name');
    expect(overwritesInput('-o', 'out.yaml', ['workload.yaml'])).toBeNull();
  });
});
