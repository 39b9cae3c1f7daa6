import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveScenarioNames } from '../../src/cli/scenarioName';
import { sweepMain } from '../../src/cli/sweep';
import { simHere } from './spawnSim';

// --print-jobs DIR prints commands that each write DIR/job-K.json, and each job refuses to run
// when DIR is missing: the folder is checked when the commands are printed (platform engineer,
// session 21: a forgotten 'mkdir -p results' failed every job, the print said nothing).
describe('sweep --print-jobs checks its folder', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'meshsim-printjobs-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));
  const SWEEP = ['sweep', 'scenarios/mm1.json', '--seeds', '2', '--duration', '8s'];

  it('a missing folder is said on stderr, with the mkdir to run, and the 2 commands are still printed', async () => {
    const dir = join(tmp, 'results');
    const r = await simHere([...SWEEP, '--print-jobs', dir]);
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(2);
    expect(r.stderr).toBe(`warning: --print-jobs: the folder ${dir} does not exist here; each job writes ${dir}/job-K.json and stops without it, so create it where the jobs run (mkdir -p ${dir})\n`);
  });

  it('an existing folder prints the commands and nothing on stderr', async () => {
    const r = await simHere([...SWEEP, '--print-jobs', tmp]);
    expect([r.code, r.stderr, r.stdout.trim().split('\n').length]).toEqual([0, '', 2]);
  });

  it('a file where the folder should be is refused, exit 2, nothing printed', async () => {
    const file = join(tmp, 'results.txt');
    writeFileSync(file, 'x');
    const r = await simHere([...SWEEP, '--print-jobs', file]);
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toBe(`--print-jobs: ${file} is a file, not a folder (each job writes ${file}/job-K.json)\n`);
  });

  // Helper B, session 26: 'sweep retry-storm --print-jobs' printed this clone's absolute path
  // (/work/main/scenarios/retry-storm.json), which a pod with the repository at /app lacks; and
  // the installed bin printed 'npm run -s sim -- ...', a script a project that installed
  // meshsim does not have, so every job would fail.
  it('a shipped scenario named bare stays bare in the printed commands, which start as the sweep was started', async () => {
    const printed = async (how: 'npm' | 'bin') => {
      let out = '';
      const code = await sweepMain(resolveScenarioNames(['mm1', '--seeds', '2', '--duration', '8s', '--print-jobs', tmp]), { stdout: { write: (t: string) => (out += t) }, stderr: { write: () => {} } }, how);
      return [code, ...out.trim().split('\n')];
    };
    expect(await printed('npm')).toEqual([0, `npm run -s sim -- sweep mm1 --seeds 2 --duration 8s --jobs 1 --job 0 --out ${tmp}/job-0.json`, `npm run -s sim -- sweep mm1 --seeds 2 --duration 8s --jobs 1 --job 1 --out ${tmp}/job-1.json`]);
    expect(await printed('bin')).toEqual([0, `npx meshsim sweep mm1 --seeds 2 --duration 8s --jobs 1 --job 0 --out ${tmp}/job-0.json`, `npx meshsim sweep mm1 --seeds 2 --duration 8s --jobs 1 --job 1 --out ${tmp}/job-1.json`]);
  });

  // Helper B, session 26: '--print-jobs results --html r.html --json' printed the commands, exit 0,
  // and never wrote r.html: there is no report until the jobs are merged.
  it('a report asked for beside --print-jobs is refused, naming the --merge that makes it', async () => {
    const r = await simHere([...SWEEP, '--print-jobs', tmp, '--html', join(tmp, 'r.html'), '--json']);
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr.split('\n').slice(0, 2)).toEqual([
      `--json: --print-jobs runs nothing, so there is no report yet; once the jobs are done: sweep --merge ${tmp}/*.json --json`,
      `--html: --print-jobs runs nothing, so there is no report yet; once the jobs are done: sweep --merge ${tmp}/*.json --html FILE`,
    ]);
  });
});
