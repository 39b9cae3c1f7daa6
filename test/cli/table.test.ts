import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { formatSummary, table } from '../../src/cli/table';
import { runScenario } from '../../src/models';
import { parseScenarioText } from '../../src/scenario';
import { scenario } from '../models/helpers';

function summaryOf(file: string) {
  const p = parseScenarioText(readFileSync(file, 'utf8'), 'json');
  if (!p.ok) throw new Error(JSON.stringify(p.problems));
  return runScenario(p.scenario, { durationMs: 3000 }).summary;
}

describe('table', () => {
  // Math.max(...xs) threw "Maximum call stack size exceeded" here from about 200,000 rows (the
  // issue's 125,000 services did so deeper in the stack): 500,000 fails it with room to spare.
  it('aligns 500,000 rows without spreading them into a call', () => {
    const rows = [['service', 'requests'], ...Array.from({ length: 500_000 }, (_, i) => [`s${i}`, String(i)])];
    const lines = table(rows);
    expect(lines).toHaveLength(500_001);
    expect(lines[0]).toBe('service  requests');
    expect(lines[500_000]).toBe('s499999    499999');
  });
});

describe('formatSummary', () => {
  it("says how much each fault did, as the app's list and report do: retry-storm's abort reads 'http-abort payments (100% → 503)', a kill nothing more", () => {
    const p = parseScenarioText(readFileSync('scenarios/retry-storm.json', 'utf8'), 'json');
    if (!p.ok) throw new Error(JSON.stringify(p.problems));
    const s = runScenario(p.scenario, { durationMs: 12_000 }).summary;
    expect(s.faults).toEqual([{ type: 'http-abort', target: 'payments', amount: '100% → 503', startMs: 10_000, endMs: null }]);
    expect(formatSummary(s)).toMatch(/^ {2}http-abort payments \(100% → 503\) {3}10\.00 s -> end of run$/m);
  });

  it('lists meshes as a table with a header row, so the mesh a scenario leaves unnamed no longer reads "mesh mesh"', () => {
    const two = formatSummary(summaryOf('scenarios/two-meshes-via-gateway.json')).split('\n');
    const head = two.findIndex((l) => l.startsWith('mesh '));
    expect(two[head]).toMatch(/^mesh\s+control plane\s+connections\s+pushes\s+proxies fresh\s+stale\s+no config\s+certs issued\s+renewed\s+renewals failed\s+expired$/);
    // Certs issued: the members' (4 and 2) and the bridge's two replicas' own, one from each CA
    // (a gateway's certificates come from its mesh's CA as a sidecar's do: models/build.ts buildGatewayProxy).
    expect(two[head + 1]).toMatch(/^retail\s+up\s+4\s+4\s+4\s+0\s+0\s+6\s+0\s+0\s+0$/);
    expect(two[head + 2]).toMatch(/^payments\s+up\s+2\s+2\s+2\s+0\s+0\s+4\s+0\s+0\s+0$/);
    const one = formatSummary(summaryOf('scenarios/hello-mesh.json'));
    expect(one).not.toMatch(/mesh mesh/);
    expect(one).toMatch(/^mesh\s+up\s+7\s+7\s+7\s+0\s+0\s+7\s+0\s+0\s+0$/m);
  });

  it("says on a link how many plaintext connections a switch to STRICT drained: users->db, STRICT at 5 s, '2 plaintext connections drained by STRICT' after its 473 refusals", () => {
    const s = runScenario(
      scenario({
        name: 'drain',
        duration: '10s',
        meshes: [{ name: 'm', controlPlane: { pushBase: '100ms', perProxy: '100ms' } }],
        clients: [{ name: 'users', type: 'open', rate: 100, target: 'db', arrival: 'constant' }],
        services: [{ name: 'db', replicas: 2, serviceTime: '1ms', sidecar: true }],
        changes: [{ type: 'mtls', service: 'db', mode: 'STRICT', at: '5s' }],
      }),
      { seed: 1 },
    ).summary;
    const line = formatSummary(s).split('\n').find((l) => l.startsWith('users->db'))!;
    // users is a plain client: no Envoy on its side flags or answers its refusals (trial N12, 3).
    expect(line).toMatch(/\s+tls-plaintext-rejected 473 \(connection reset by db's sidecar: no HTTP answer\); 2 plaintext connections drained by STRICT$/);
    // A link with none drained says nothing of it.
    expect(formatSummary(summaryOf('scenarios/hello-mesh.json'))).not.toMatch(/drained/);
  });

  it("gives a caller with no sidecar its socket's error, not an Envoy flag and a 503: partial-adoption's reports->orders reads 'connection reset by orders' sidecar: no HTTP answer' (trial N12, 3)", () => {
    const s = summaryOf('scenarios/partial-adoption.json');
    const out = formatSummary(s).split('\n');
    const n = s.failures['tls-plaintext-rejected'];
    expect(n).toBeGreaterThan(0);
    expect(out.find((l) => l.startsWith('reports->orders'))).toMatch(new RegExp(`\\s+tls-plaintext-rejected ${n} \\(connection reset by orders' sidecar: no HTTP answer\\)$`));
    // The run's failures line: no [UF] where only plain callers met the cause; reports' own answer to analysts stays.
    expect(out.find((l) => l.startsWith('failures'))).toMatch(new RegExp(`  tls-plaintext-rejected ${n}   HTTP 503 x\\d+$`));
    // --json: no flag or 503 on the hop; the socket's resets counted; a meshed caller's edge as it was.
    expect(s.edges['reports->orders']).toMatchObject({ responseFlags: {}, httpErrors: {}, callerProxy: false, socketErrors: { reset: n } });
    expect(s.edges['storefront->orders'].callerProxy).toBeUndefined();
  });
});
