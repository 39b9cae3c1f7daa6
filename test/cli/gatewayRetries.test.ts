import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { GW50, SC50 } from '../trialN11Files';
import { simHere } from './spawnSim';

// Session 42 (M4): run's gateway table and compare's table show a gateway's retries made, refused and their share of
// its CPU (M3 put them in --json only). Trial N11's gw50.yaml at 20 s: egress made 242 retries, its breaker refused 57,
// and they cost 65.5 of its 504 ms of CPU (13.0%).

const tmp = mkdtempSync(join(tmpdir(), 'meshsim-gwretries-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const gw = join(tmp, 'gw50.yaml');
const sc = join(tmp, 'sc50.yaml');
writeFileSync(gw, GW50);
writeFileSync(sc, SC50);

/** The lines from the one starting `head` to the next blank one. */
const block = (out: string, head: RegExp) => {
  const lines = out.split('\n');
  const i = lines.findIndex((l) => head.test(l));
  expect(i).toBeGreaterThanOrEqual(0);
  const end = lines.indexOf('', i);
  return lines.slice(i, end < 0 ? undefined : end);
};

describe("run's gateway table", () => {
  it('has retries, refused, cpu and retry cpu per gateway, aligned under their heads, with a line saying what they count', async () => {
    const r = await simHere(['run', gw, '--duration', '20s']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('trace e088a7787663c940');
    const [head, bridge, egress, note, ...rest] = block(r.stdout, /^gateway /);
    expect(rest).toEqual([]);
    expect(head.split(/\s{2,}/)).toEqual(['gateway', 'attempts received', 'forwarded', 'rejected', 'deprecated', 'retries', 'refused', 'cpu', 'retry cpu', 'utilization']);
    expect(bridge.split(/\s+/)).toEqual(['payments-bridge', '822', '822', '0', '0', '0', '0', '0.44', 's', '0.0%', '0.1%']);
    expect(egress.split(/\s+/)).toEqual(['egress', '822', '822', '0', '0', '242', '57', '0.50', 's', '13.0%', '0.1%']);
    // Right-aligned: each figure ends where its head ends.
    for (const [col, value] of [['retries', '242'], ['refused', '57'], ['retry cpu', '13.0%'], ['cpu', '0.50 s']]) {
      const end = head.indexOf(` ${col} `) + col.length + 1;
      expect(egress.slice(end - value.length, end), col).toBe(value);
    }
    expect(note).toMatch(/^retries: upstream tries after a call's first.*refused: retries its circuit breaker did not make \(circuitBreaker\.maxRetries, Envoy's upstream_rq_retry_overflow.*retry cpu: the share of the gateway's cpu its retries cost/);
    // The edge's own count: 243 decided, 57 refused (the same 57 as the gateway's).
    expect(r.stdout).toMatch(/^egress->partner +no +815 +718 +97 +243 +57 /m);
  });

  it('agrees with --json: retries, retryCpuMs / cpuMs and the egress edges\' retryOverflows', async () => {
    const r = await simHere(['run', gw, '--duration', '20s', '--json']);
    const j = JSON.parse(r.stdout);
    expect(j.gateways.egress.retries).toBe(242);
    expect(j.gateways.egress.retryCpuMs / j.gateways.egress.cpuMs).toBeCloseTo(0.13, 2);
    expect(j.edges['egress->partner'].retryOverflows).toBe(57);
  });

  it('says nothing under the table when no gateway retried (sc50: the retries are at the sidecar)', async () => {
    const r = await simHere(['run', sc, '--duration', '20s']);
    const rows = block(r.stdout, /^gateway /);
    expect(rows).toHaveLength(3);
    expect(rows[2].split(/\s+/).slice(5, 10)).toEqual(['0', '0', '0.61', 's', '0.0%']);
  });
});

describe("compare's gateway retries", () => {
  it('sets each retrying gateway side by side: egress 242 / 0 made, 57 / 0 refused, 13.0% / 0.0% of its CPU; the bridge, retrying in neither, is left out', async () => {
    const r = await simHere(['compare', gw, sc, '--duration', '20s']);
    expect(r.code).toBe(0);
    const rows = block(r.stdout, /^gateway retries/).slice(0, 4);
    expect(rows[0].trim()).toBe('gateway retries');
    expect(rows.slice(1).map((l) => l.trim().split(/\s{2,}/))).toEqual([
      ['egress: retries made', '242', '0', '0.00x'],
      ['egress: retries refused', '57', '0', '0.00x'],
      ['egress: retry share of its cpu', '13.0%', '0.0%', '0.00x'],
    ]);
    expect(r.stdout).not.toMatch(/payments-bridge: retries/);
  });
});
