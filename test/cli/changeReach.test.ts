import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { simAsync, simHere } from './spawnSim';

const tmp = mkdtempSync(join(tmpdir(), 'meshsim-reach-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** retry-storm with `changes`, written to a file; its path. */
function retryStormWith(name: string, changes: unknown[]): string {
  const s = JSON.parse(readFileSync('scenarios/retry-storm.json', 'utf8'));
  delete s.$schema;
  const path = join(tmp, `${name}.json`);
  writeFileSync(path, JSON.stringify({ ...s, changes }, null, 2));
  return path;
}

const WARNING =
  "changes.0 (policy web): web's retries are overridden on its only path: gateway api sets its own retries for web (attempts 2 on 5xx). This change will not alter any request. The change that would act: " +
  '{"type":"gateway-route","gateway":"api","route":0,"policy":{"retries":{"attempts":0}},"at":"5s"}';

describe('npm run sim, a change that reaches no request', () => {
  it("run and compare warn on stderr that web's retries are overridden by gateway api, and the summary does not say the change took effect", async () => {
    const noop = retryStormWith('noop', [{ type: 'policy', at: '5s', service: 'web', policy: { retries: { attempts: 0 } } }]);
    const acts = retryStormWith('acts', [{ type: 'gateway-route', at: '5s', gateway: 'api', route: 0, policy: { retries: { attempts: 0 } } }]);
    // The table through a spawned CLI (the warning on its stderr), the other three in this process.
    const run = await simAsync([noop]);
    const json = await simHere([noop, '--json']);
    const compare = await simHere(['compare', 'scenarios/retry-storm.json', noop]);
    const fine = await simHere([acts, '--json']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe(`warning: ${noop}: ${WARNING}\n`);
    expect(run.stdout).not.toMatch(/proxies had it/);
    expect(run.stdout).toMatch(/^ {2}policy web {3}at 5\.00 s: changed no request \(see the warning above\); its config reached all 6 proxies \d+ ms later, at 5\.\d+ s$/m);
    // --json: one object on stdout, the change's reach in it, the warning on stderr alone.
    expect(json.stderr).toBe(`warning: ${noop}: ${WARNING}\n`);
    const s = JSON.parse(json.stdout);
    expect(s.changes).toMatchObject([{ type: 'policy', target: 'web', atMs: 5000, proxies: 6, applied: 6, reach: 'none' }]);
    // The runs' figures agree: nothing changed at payments.
    expect(compare.code).toBe(0);
    expect(compare.stderr).toBe(`warning: ${noop}: ${WARNING}\n`);
    expect(compare.stdout).toMatch(/^ {2}payments\s+16814\s+16814\s+1\.00x$/m);
    // The change on api's own route acts: no warning, and it says so in --json.
    expect(fine.stderr).toBe('');
    const f = JSON.parse(fine.stdout);
    expect(f.changes).toMatchObject([{ type: 'gateway-route', target: 'api route 0', reach: 'all' }]);
    expect(f.services.payments.requests).toBe(6400);
  }, 60_000);
});
