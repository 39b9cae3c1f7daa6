import { describe, expect, it } from 'vitest';
import { parseArgs, unknownCommand } from '../../src/cli/args';
import { parseSweepArgs } from '../../src/cli/sweep/args';
import { unknownOptionMessage } from '../../src/cli/unknownOptions';

const ok = (...argv: string[]) => {
  const r = parseArgs(argv);
  if (!r.ok) throw new Error(r.problems.join('\n'));
  return r.args;
};
const problems = (...argv: string[]) => {
  const r = parseArgs(argv);
  return r.ok ? [] : r.problems;
};

describe('parseArgs', () => {
  it('takes a file and defaults everything else', () => {
    expect(ok('s.json')).toEqual({ files: ['s.json'], json: false, help: false });
  });

  it('reads --seed and --duration with a space or an equals sign', () => {
    expect(ok('s.json', '--seed', '42', '--duration', '30s', '--json')).toMatchObject({ seed: 42, durationMs: 30_000, json: true });
    expect(ok('--seed=-3', '--duration=2m', 's.json')).toMatchObject({ seed: -3, durationMs: 120_000, files: ['s.json'] });
  });

  it('reads --duration with its unit', () => {
    expect(ok('s.json', '--duration', '1500ms').durationMs).toBe(1500);
    expect(ok('s.json', '--duration', '2m').durationMs).toBe(120_000);
  });

  it('reads compare with two files', () => {
    expect(ok('compare', 'a.json', 'b.json', '--json', '--seed', '7')).toEqual({ command: 'compare', files: ['a.json', 'b.json'], json: true, help: false, seed: 7 });
    expect(ok('compare', '--help').help).toBe(true);
  });

  it('names a mistyped command as one, not as a second file', () => {
    expect(problems('rnu', 'scenarios/retry-storm.json')).toEqual(['rnu: not a command; did you mean run? (commands: run, compare, sweep, import, lint; or give a scenario file first)']);
    expect(problems('comapre', 'a.json', 'b.json')[0]).toMatch(/^comapre: not a command; did you mean compare\?/);
    expect(problems('sweeep', 'a.json')[0]).toMatch(/^sweeep: not a command; did you mean sweep\?/);
    // A file, or a word near no command, is still a file.
    expect(problems('run.json', 'b.json')).toEqual(['FILE: expected one scenario file, got 2 (to run two side by side: compare A B)']);
    expect(ok('scenario').files).toEqual(['scenario']);
  });

  it('names a bare first word that is no command, file or shipped scenario an unknown command, with the commands and a near scenario name', () => {
    // It said 'frobnicate: no such file', as if a file had been meant.
    const none = () => false;
    expect(unknownCommand(['frobnicate'], none, ['hello-mesh', 'retry-storm'])).toBe('frobnicate: unknown command (commands: run, compare, sweep, import, lint, help), and no file or shipped scenario has that name (a scenario is given by its path, scenarios/hello-mesh.json, or a shipped one\'s name, hello-mesh)');
    expect(unknownCommand(['helo-mesh', '--seed', '3'], none, ['hello-mesh', 'retry-storm'])).toMatch(/^helo-mesh: unknown command .*has that name; did you mean hello-mesh\? \(/);
    // A command, help, a typo of a command (parseArgs says 'did you mean run?'), a path, an option, a file that exists: not this.
    for (const argv of [['run', 'x'], ['lint', 'x'], ['help'], ['rnu', 'x'], ['scenarios/x.json'], ['x.json'], ['--seed', '3'], []]) expect(unknownCommand(argv, none, []), argv.join(' ')).toBeNull();
    expect(unknownCommand(['Makefile'], (p) => p === 'Makefile', [])).toBeNull();
  });

  it('needs no file for --help', () => {
    expect(ok('--help').help).toBe(true);
    expect(ok('-h').help).toBe(true);
  });

  it.each([
    [['s.json', '--seed', '1.5'], '--seed: must be a whole number from -9007199254740991 to 9007199254740991 (2^53 − 1: larger numbers cannot be held exactly, so two seeds would run the same), got 1.5'],
    [['s.json', '--seed', 'abc'], '--seed: must be a whole number from -9007199254740991 to 9007199254740991 (2^53 − 1: larger numbers cannot be held exactly, so two seeds would run the same), got "abc"'],
    [['s.json', '--seed'], '--seed: needs a value'],
    [['s.json', '--duration', '0s'], '--duration: must be greater than zero'],
    [['s.json', '--duration', '30'], '--duration: "30" needs a unit, e.g. 30s or 30ms (a bare number is milliseconds in a scenario file, but on the command line it is ambiguous)'],
    [['s.json', '--duration', '9'.repeat(400)], '--duration: "9999999999…999999" (400 characters) needs a unit, e.g. 30s or 500ms (a bare number is milliseconds in a scenario file, but on the command line it is ambiguous)'],
    [['s.json', '--duration', '-3s'], '--duration: must not be negative, got "-3s"'],
    [['s.json', '--fast'], '--fast: unknown option (try --help)'],
    [[], 'FILE: give a scenario file, e.g. scenarios/hello-mesh.json'],
    [['a.json', 'b.json'], 'FILE: expected one scenario file, got 2 (to run two side by side: compare A B)'],
    [['compare', 'a.json'], 'compare: give two scenario files, e.g. compare scenarios/gateway-only.json scenarios/mesh-only.json (got 1)'],
    [['compare', 'a.json', 'b.json', 'c.json'], 'compare: give two scenario files, e.g. compare scenarios/gateway-only.json scenarios/mesh-only.json (got 3)'],
  ])('refuses %j with "%s"', (argv, message) => {
    expect(problems(...argv)).toContain(message);
  });

  it('takes the word after an unknown option as its value when it would make one file too many, and says so once', () => {
    // `FILE --speed 10` is one mistake: not also "expected one scenario file, got 2".
    expect(problems('scenarios/mm1.json', '--speed', '10')).toEqual(['--speed: unknown option; did you mean --seed? (try --help); "10" after it was taken as its value, not as a file']);
    expect(problems('compare', 'a.json', '--fast', 'yes', 'b.json')).toEqual(['--fast: unknown option (try --help); "yes" after it was taken as its value, not as a file']);
    // Where the file count is right without it, the word is the file, as before.
    expect(problems('--verbose', 'scenarios/mm1.json')).toEqual(['--verbose: unknown option (try --help)']);
    expect(problems('--speed=10', 'a.json', 'b.json')).toEqual(['--speed=10: unknown option; did you mean --seed? (try --help)', 'FILE: expected one scenario file, got 2 (to run two side by side: compare A B)']);
  });

  it('names the option meant when an unknown one is a slip of it, with = or without, in each command', () => {
    expect(problems('s.json', '--jsn')).toEqual(['--jsn: unknown option; did you mean --json? (try --help)']);
    expect(problems('s.json', '--duraton=5s')).toEqual(['--duraton=5s: unknown option; did you mean --duration? (try --help)']);
    const sweep = parseSweepArgs(['mm1.json', '--seeds', '2', '--jbos', '1']);
    expect(sweep.ok ? [] : sweep.problems).toEqual([
      '--jbos: unknown option for sweep; did you mean --jobs? (try sweep --help); "1" after it was taken as its value, not as a file',
    ]);
    expect(unknownOptionMessage('--fail-onn', ['--workload', '--json', '--fail-on', '--no-simulate', '--help'], 'try lint --help')).toBe('--fail-onn: unknown option; did you mean --fail-on? (try lint --help)');
    expect(unknownOptionMessage('--frobnicate', ['--workload', '--out', '--help'], 'try import --help')).toBe('--frobnicate: unknown option (try import --help)');
  });

  it('reports every bad argument at once', () => {
    expect(problems('--seed', 'x', '--duration', '5 parsecs', '--nope')).toHaveLength(4);
  });
});

describe('parseSweepArgs', () => {
  const sweepProblems = (...argv: string[]) => {
    const r = parseSweepArgs(argv);
    return r.ok ? [] : r.problems;
  };
  it('takes the word after an unknown option as its value when it would make one file too many, and says so once', () => {
    // `--vary x=1,2` (for --set) is one mistake: not also "expected one scenario file, got 2 (scenarios/mm1.json, x=1,2)".
    expect(sweepProblems('scenarios/mm1.json', '--vary', 'x=1,2', '--seeds', '2')).toEqual([
      '--vary: unknown option for sweep (try sweep --help); "x=1,2" after it was taken as its value, not as a file',
    ]);
    // Where one file is there without it, the word is the file, as before.
    expect(sweepProblems('--fast', 'scenarios/mm1.json', '--seeds', '2')).toEqual(['--fast: unknown option for sweep (try sweep --help)']);
  });
});
