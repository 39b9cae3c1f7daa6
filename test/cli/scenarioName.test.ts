import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveScenarioName, resolveScenarioNames, scenarioReadProblem, shippedScenarioNames } from '../../src/cli/scenarioName';
import { root, simHere } from './spawnSim';

// `npm run sim` names shipped scenarios as the meshsim bin does (README: "A scenario shipped in
// scenarios/ may be named without its path"); before, `npm run sim -- run hello-mesh` said
// "hello-mesh: no such file" and `lint retry-storm` "no such file or folder".

describe('shipped scenario names on the command line', () => {
  const dirs = [join(root, 'scenarios/')];

  it("a bare name becomes the shipped file, but never the value of an option that writes a file: '--csv hello-mesh' stays ./hello-mesh, not over scenarios/hello-mesh.json", () => {
    const words = ['run', 'mm1', '--csv', 'hello-mesh', '--traces', 'mm1', '--seed', '42', '--duration', '30s'];
    expect(resolveScenarioNames(words, dirs)).toEqual(['run', join(root, 'scenarios/mm1.json'), '--csv', 'hello-mesh', '--traces', 'mm1', '--seed', '42', '--duration', '30s']);
    for (const out of ['--html', '--out', '-o', '--print-jobs']) expect(resolveScenarioNames(['sweep', 'mm1', out, 'retry-storm'], dirs)[3]).toBe('retry-storm');
  });

  it('npm run sim -- run hello-mesh runs scenarios/hello-mesh.json (exit 0); lint takes names too, and one of no shipped scenario stays as typed', async () => {
    const run = await simHere(['run', 'hello-mesh', '--duration', '1s', '--json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ scenario: 'hello-mesh', simulatedMs: 1_000 });
    const lint = await simHere(['lint', 'no-such-scenario']);
    expect(lint.code).toBe(2);
    expect(lint.stderr).toMatch(/^no-such-scenario: no such file or folder$/m);
  });

  it("a bare name that is neither a file nor a shipped scenario lists the shipped ones, after 'did you mean' for a near miss (run hello-msh); a path stays 'no such file'", async () => {
    const enoent = Object.assign(new Error('gone'), { code: 'ENOENT' });
    const near = scenarioReadProblem('hello-msh', enoent, dirs);
    expect(near).toMatch(/^no such file, nor a shipped scenario; did you mean hello-mesh\? \(shipped: config-rollout, .*, hello-mesh, .*, zone-failover\)$/);
    expect(near).not.toMatch(/schema/);
    expect(scenarioReadProblem('nosuch', enoent, dirs)).toMatch(/^no such file, nor a shipped scenario \(shipped: config-rollout, /);
    expect(scenarioReadProblem('./nosuch.json', enoent, dirs)).toBe('no such file');
    expect(scenarioReadProblem('scenarios', Object.assign(new Error('dir'), { code: 'EISDIR' }), dirs)).toBe('is a directory, not a scenario file');
    const run = await simHere(['run', 'hello-msh']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^hello-msh: no such file, nor a shipped scenario; did you mean hello-mesh\? \(shipped: /m);
    expect(run.stderr).not.toMatch(/\bat \w+ \(/);
  });

  it("scenarios/schema.json (the JSON Schema) is no scenario name, as in the app's list: not listed, and 'run schema' is not run (trial N7, finding 7)", () => {
    const names = shippedScenarioNames(dirs);
    expect(names).toContain('hello-mesh');
    expect(names).not.toContain('schema');
    expect(resolveScenarioName('schema', dirs)).toBe('schema');
    expect(scenarioReadProblem('schema', Object.assign(new Error('gone'), { code: 'ENOENT' }), dirs)).toMatch(/^no such file, nor a shipped scenario/);
  });
});
