import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseScenarioText, formatProblems } from '../../src/scenario';
import { loadScenarioFile } from '../../src/cli/load';
import { problemsWithLines } from '../../src/ui/editor/lines';
import { BROKEN_REFERENCES } from '../trialN11Files';

// Trial N11 (session 41), finding 8: a file with two bad retryOn values in a gateway's only
// route and `mesh: retial` said "2 problems" (retryOn only); the unknown mesh came only once
// those were fixed. And the CLI's lines had no "line 43:" as the app's have.

const tmp = mkdtempSync(join(tmpdir(), 'meshsim-at-once-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const RETRY_ON = 'must be one of "5xx", "gateway-error", "reset", "connect-failure", "retriable-status-codes", "refused-stream"';
const MESH = 'unknown mesh "retial"; did you mean retail? (meshes: retail)';

describe('schema problems and reference problems, all at once', () => {
  it("a gateway's only route with bad retryOn values and an unknown mesh: all four problems in one round", () => {
    const r = parseScenarioText(BROKEN_REFERENCES, 'yaml');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(formatProblems(r.problems).split('\n')).toEqual([
      `gateways.0.routes.0.policy.retries.retryOn.1: ${RETRY_ON}; got "retriable-4xx"`,
      `gateways.0.routes.0.policy.retries.retryOn.2: ${RETRY_ON}; got "bogus"`,
      `services.0.mesh: ${MESH}`,
      `gateways.0.mesh: ${MESH}`,
    ]);
  });

  it('with the retryOn values fixed, the same mesh problems and no others (nothing was said twice or made up)', () => {
    const r = parseScenarioText(BROKEN_REFERENCES.replace(', retriable-4xx, bogus', ''), 'yaml');
    expect(r.ok ? [] : formatProblems(r.problems).split('\n')).toEqual([`services.0.mesh: ${MESH}`, `gateways.0.mesh: ${MESH}`]);
  });

  it('the CLI says them at the lines the app names, in reading order', () => {
    const file = join(tmp, 'broken2.yaml');
    writeFileSync(file, BROKEN_REFERENCES);
    const r = loadScenarioFile(file);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.lines.join('\n').split('\n')).toEqual([
      `${file}: 4 problems`,
      `line 9: services.checkout.mesh: ${MESH}`,
      `line 19: gateways.egress.mesh: ${MESH}`,
      `line 22: gateways.egress.routes.0.policy.retries.retryOn.1: ${RETRY_ON}; got "retriable-4xx"`,
      `line 22: gateways.egress.routes.0.policy.retries.retryOn.2: ${RETRY_ON}; got "bogus"`,
    ]);
    // The app's Open file… alert: the same lines (scenarioOpening.ts uses problemsWithLines).
    const app = parseScenarioText(BROKEN_REFERENCES, 'yaml');
    if (!app.ok) expect(formatProblems(problemsWithLines(BROKEN_REFERENCES, app.problems)).split('\n')).toEqual(r.lines.slice(1).join('\n').split('\n'));
  });
});
