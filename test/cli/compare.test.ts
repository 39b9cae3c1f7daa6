import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareRuns, formatComparison } from '../../src/cli/compare';
import { runScenario } from '../../src/models';
import { scenario } from '../models/helpers';
import { simAsync, simHere, type Result } from './spawnSim';

// Four CLI runs, each checking a lot: --json through a spawned CLI, the other three in this
// process (simHere; a spawn costs about 1.5 s of CPU).

const tmp = mkdtempSync(join(tmpdir(), 'meshsim-compare-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const tiny = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  seed: 3,
  duration: '2s',
  clients: [{ name: 'users', type: 'open', rate: 100, target: 'api' }],
  services: [{ name: 'api', concurrency: 4, serviceTime: '2ms', ...extra }],
});

describe('compareRuns', () => {
  const a = runScenario(scenario(tiny('plain'))).summary;
  const b = runScenario(scenario(tiny('flaky', { errorRate: 0.5, serviceTime: '4ms' }))).summary;

  it('gives B/A for each key figure, and for requests at each service both runs have', () => {
    const c = compareRuns(a, b);
    expect(c.a).toBe(a);
    expect(c.b).toBe(b);
    expect(c.ratios.sent).toBe(b.requests.sent / a.requests.sent);
    expect(c.ratios.okShare).toBe(b.requests.ok / b.requests.sent / (a.requests.ok / a.requests.sent));
    expect(c.ratios.p50).toBeCloseTo(2, 6);
    expect(c.ratios.p99).toBe(b.latencyMs.p99 / a.latencyMs.p99);
    expect(c.ratios.events).toBe(b.events / a.events);
    expect(c.ratios.services).toEqual({ api: b.services.api.requests / a.services.api.requests });
  });

  it('has an in-flight row, so ok, failed and in flight add up to sent: a 300 ms service leaves 26 of 177 requests in flight at 2 s (14.69%)', () => {
    const slow = runScenario(scenario(tiny('slow', { serviceTime: '300ms', concurrency: 64 }))).summary;
    expect(slow.requests).toEqual({ sent: 177, ok: 151, failed: 0, inFlight: 26 });
    // A has 1 of its 177 in flight at 2 s: without the row its 99.44% ok and 0.00% failed left 0.56% unsaid.
    expect(a.requests).toEqual({ sent: 177, ok: 176, failed: 0, inFlight: 1 });
    const c = compareRuns(a, slow);
    expect(c.ratios.inFlightShare).toBe(26);
    const text = formatComparison(c);
    expect(text).toMatch(/^ok\s+99\.44%\s+85\.31%\s+0\.86x$/m);
    expect(text).toMatch(/^failed\s+0\.00%\s+0\.00%\s+-$/m);
    expect(text).toMatch(/^in flight\s+0\.56%\s+14\.69%\s+26\.00x$/m);
    // The rows stand in the order ok, failed, in flight, and the note under the table says what they are.
    expect(text.indexOf('\nin flight')).toBeGreaterThan(text.indexOf('\nfailed'));
    expect(text).toMatch(/ok, failed and in flight \(not ended when the run stopped\) as shares of sent$/);
  });

  it('says under the table when A and B ran different durations, whose counts then cover different times (2 s: sent 177; 4 s: about twice as many, 2.0x read as B sending more)', () => {
    const long = runScenario(scenario({ ...tiny('long'), duration: '4s' })).summary;
    const c = compareRuns(a, long);
    expect(c.ratios.sent).toBeGreaterThan(1.9);
    const text = formatComparison(c);
    expect(text.split('\n').at(-1)).toBe("A ran 2.00 s and B 4.00 s (each its file's duration): sent, events, retries and attempts received at each service count over different times; give --duration to run both as long");
    // The same duration on both sides: no such line, the table's note ends the output.
    expect(formatComparison(compareRuns(a, b))).not.toContain('\nA ran ');
  });

  it('has no ratio (null, "-" in the table) where A is zero', () => {
    const c = compareRuns(a, b);
    expect(a.requests.failed).toBe(0);
    expect(c.ratios.failedShare).toBeNull();
    expect(formatComparison(c)).toMatch(/^failed\s+0\.00%\s+\d+\.\d\d%\s+-$/m);
  });
});

describe('npm run sim -- compare', () => {
  const cases = {
    json: ['compare', 'scenarios/retry-storm.json', 'scenarios/retry-storm-fixed.json', '--json', '--duration', '15s'],
    table: ['compare', 'scenarios/gateway-only.json', 'scenarios/mesh-only.json', '--seed', '4', '--duration=5s'],
    oneFile: ['compare', 'scenarios/mm1.json'],
    badFiles: () => ['compare', join(tmp, 'nope.json'), writeTmp('broken.json', { ...tiny('broken'), seed: 1.5 }), '--duration', '1s'],
  };
  const writeTmp = (name: string, content: unknown) => {
    const path = join(tmp, name);
    writeFileSync(path, JSON.stringify(content));
    return path;
  };
  const results = new Map<string, Result>();
  beforeAll(async () => {
    for (const [k, v] of Object.entries(cases)) results.set(k, await (k === 'json' ? simAsync : simHere)([...(typeof v === 'function' ? v() : v)]));
  }, 60_000);

  it('--json prints exactly one {a, b, client, ratios, figures} object: both runs on A\'s seed, with B/A for the key figures', () => {
    const r = results.get('json')!;
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    const c = JSON.parse(r.stdout);
    expect(Object.keys(c)).toEqual(['a', 'b', 'client', 'ratios', 'figures']);
    expect([c.a.scenario, c.b.scenario]).toEqual(['retry-storm', 'retry-storm-fixed']);
    expect([c.a.seed, c.b.seed]).toEqual([5, 5]);
    expect([c.a.simulatedMs, c.b.simulatedMs]).toEqual([15_000, 15_000]);
    expect(Object.keys(c.ratios).sort()).toEqual(['events', 'failedShare', 'inFlightShare', 'mean', 'okShare', 'p50', 'p90', 'p99', 'retries', 'sent', 'services'].sort());
    // ok, failed and in flight are each run's whole: their shares add up to 1 on both sides.
    for (const s of [c.a, c.b]) expect(s.requests.ok + s.requests.failed + s.requests.inFlight).toBe(s.requests.sent);
    // Same seed, same client: the very same requests are sent in both.
    expect(c.ratios.sent).toBe(1);
    expect(c.ratios.p90).toBe(c.b.latencyMs.p90 / c.a.latencyMs.p90);
    expect(c.ratios.failedShare).toBeCloseTo(c.b.requests.failed / c.a.requests.failed, 12);
    // The storm's 27 attempts per request against the fix's 3, over 5 s of a 15 s run.
    expect(c.ratios.services.payments).toBeLessThan(0.3);
    expect(c.ratios.retries).toBeLessThan(0.15);
  });

  it('prints a side-by-side table with --seed and --duration applied to both', () => {
    const r = results.get('table')!;
    expect(r.code).toBe(0);
    // The 5 s run ends before the scenarios' faults start: the CLI says so, once per fault.
    for (const line of r.stderr.split('\n').filter(Boolean)) expect(line).toMatch(/^warning: scenarios\/(gateway|mesh)-only\.json: faults\.\d+ \(.+\) starts at .+, after this 5\.00 s run ends$/);
    expect(r.stdout).toMatch(/^A {2}gateway-only {3}seed 4 {3}simulated 5\.00 s/m);
    expect(r.stdout).toMatch(/^B {2}mesh-only {3}seed 4 {3}simulated 5\.00 s/m);
    expect(r.stdout).toMatch(/^\s+A gateway-only\s+B mesh-only\s+B\/A, B-A$/m);
    for (const row of ['sent', 'ok', 'failed', 'in flight', 'events']) {
      expect(r.stdout).toMatch(new RegExp(`^${row}\\s+\\S+( \\S+)?\\s+\\S+( \\S+)?\\s+(\\d+\\.\\d\\dx|-)$`, 'm'));
    }
    // Latency and CPU also as B - A, with the unit (trial N16, 6: Istio quotes "+2.65 ms"), as
    // many decimals as a latency of its size shows (two under 10 ms, one to 100, none from 100: T5, 6).
    for (const row of ['latency p50', 'latency p90', 'latency p99', 'latency mean']) {
      expect(r.stdout).toMatch(new RegExp(`^${row}\\s+\\S+ \\S+\\s+\\S+ \\S+\\s+\\d+\\.\\d\\dx {2}([-+](\\d\\.\\d\\d|\\d\\d\\.\\d|\\d{3}) ms|[-+]\\d+\\.\\d\\d s|±0 ms)$`, 'm'));
    }
    expect(r.stdout).toMatch(/^sent\s+(\d+)\s+\1\s+1\.00x$/m);
    expect(r.stdout).toMatch(/^ {2}inventory\s+\d+\s+\d+\s+\d+\.\d\dx$/m);
  });

  it('refuses anything but two files, and lists every problem with both files as path: message (exit 2)', () => {
    const one = results.get('oneFile')!;
    expect(one.code).toBe(2);
    expect(one.stdout).toBe('');
    expect(one.stderr).toMatch(/^compare: give two scenario files, .* \(got 1\)$/m);
    const bad = results.get('badFiles')!;
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toMatch(/nope\.json: no such file$/m);
    expect(bad.stderr).toMatch(/broken\.json: 1 problem$/m);
    expect(bad.stderr).toMatch(/^line 1: seed: must be a whole number from -9007199254740991 to 9007199254740991 \(2\^53 − 1: larger numbers cannot be held exactly, so two seeds would run the same\), got 1\.5$/m);
    expect(bad.stderr).not.toMatch(/^\s+at /m);
  });
});
