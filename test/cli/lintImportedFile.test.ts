import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { importMain } from '../../src/cli/import';
import { lint, scenarioFindings, type Finding } from '../../src/cli/lint';
import { validateScenario, type Scenario } from '../../src/scenario';

// Linting the scenario file `meshsim import` writes says what linting the manifests says. On
// Bookinfo the product page's own client (3 s a try, 1 retry) and its sidecar's Istio default
// retries are flattened into one route policy: 6 tries of 3 s under a 6 s timeout (the app's 2
// tries). That is no misconfiguration (the tries past 6 s are the sidecar's, inside each of the
// app's), and the import's call says so (`flattened: true`), so MS003 is silent on both.

const B = 'examples/bookinfo';
const dir = mkdtempSync(join(tmpdir(), 'meshsim-lint-imported-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `meshsim import ... -o out`, its warnings kept off the test's output; the exit code. */
function importTo(out: string, ...inputs: string[]): number {
  const err = vi.spyOn(process.stderr, 'write').mockReturnValue(true);
  try {
    return importMain([...inputs, '--workload', `${B}/workload.yaml`, '-o', out]);
  } finally {
    err.mockRestore();
  }
}

function findings(inputs: string[], workload?: string): Finding[] {
  const r = lint({ inputs, workload, json: true, failOn: 'error', simulate: false, help: false });
  if (!r.ok) throw new Error(r.lines.join('\n'));
  return r.report.findings;
}

/** Code, severity and scenario field of each finding, sorted: what two lints of one mesh must share. */
const gist = (fs: Finding[]) => fs.map((f) => `${f.severity} ${f.code} ${f.scenarioField ?? f.field}`).sort();

describe('lint on an imported scenario file agrees with lint on its manifests', () => {
  it.each(['route-to-v1', 'timeout-reviews', 'delay-for-jason'])('Bookinfo with %s: the same findings from the YAML file, the JSON file and the manifests, and no MS003 on the flattened calls', (task) => {
    const inputs = [`${B}/platform`, `${B}/tasks/${task}`];
    const yaml = join(dir, `${task}.yaml`);
    const json = join(dir, `${task}.json`);
    expect(importTo(yaml, ...inputs)).toBe(0);
    expect(importTo(json, ...inputs)).toBe(0);
    const direct = findings(inputs, `${B}/workload.yaml`);
    const fromYaml = findings([yaml]);
    expect(direct.filter((f) => f.code === 'MS003')).toEqual([]);
    expect(fromYaml.filter((f) => f.code === 'MS003')).toEqual([]);
    expect(gist(fromYaml)).toEqual(gist(direct));
    expect(gist(findings([json]))).toEqual(gist(direct));
    // The file carries the marker on productpage's two calls; the first is 6 tries of 3 s under 6 s.
    const calls = (JSON.parse(readFileSync(json, 'utf8')) as { services: { name: string; calls?: { flattened?: boolean; policy?: { timeout?: string; retries?: { attempts?: number; perTryTimeout?: string } } }[] }[] }).services.find((s) => s.name === 'productpage')!.calls!;
    expect(calls.map((c) => c.flattened)).toEqual([true, true]);
    expect(calls[0].policy).toMatchObject({ timeout: '6s', retries: { attempts: 5, perTryTimeout: '3s' } });
  });
});

describe('MS003 and a flattened call', () => {
  const scenario = (flattened: boolean | undefined): Scenario => {
    const r = validateScenario({
      name: 't',
      duration: '10s',
      clients: [{ name: 'users', type: 'open', rate: 10, target: 'front' }],
      services: [
        { name: 'front', serviceTime: '1ms', sidecar: true, calls: [{ service: 'back', policy: { timeout: '6s', retries: { attempts: 5, perTryTimeout: '3s' } }, ...(flattened === undefined ? {} : { flattened }) }] },
        { name: 'back', serviceTime: '1ms', sidecar: true },
      ],
    });
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    return r.scenario;
  };
  const ms003 = (s: Scenario) => scenarioFindings(s, () => undefined).filter((f) => f.code === 'MS003');

  it('trips on 6 tries of 3 s under a 6 s timeout written by hand, and not on the same call marked flattened: true', () => {
    const [f, ...rest] = ms003(scenario(undefined));
    expect(rest).toEqual([]);
    expect(f.figure.values).toEqual({ tries: 6, perTryTimeoutMs: 3000, neededMs: 18_000, timeoutMs: 6000, triesThatFit: 2 });
    expect(ms003(scenario(false))).toHaveLength(1);
    expect(ms003(scenario(true))).toEqual([]);
  });
});
