import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseArgs, USAGE } from '../../src/cli/args';
import { COMMAND_USAGE } from '../../src/cli/help';
import { parseImportArgs } from '../../src/cli/import';
import { parseLintArgs } from '../../src/cli/lint/args';
import { resolveScenarioNames } from '../../src/cli/scenarioName';
import { parseSweepArgs } from '../../src/cli/sweep/args';
import { parseReplayArgs } from '../../src/cli/replay';
import { sim, simHere } from './spawnSim';

const COMMANDS = ['run', 'compare', 'sweep', 'import', 'lint', 'replay'] as const;

/** The command lines under a usage's "Example:" or "Examples:", as words after the command. */
function examples(usage: string): string[][] {
  const lines = usage.split('\n');
  const from = lines.findIndex((l) => /^Examples?:$/.test(l));
  if (from < 0) return [];
  const out: string[][] = [];
  for (const l of lines.slice(from + 1)) {
    const m = /^ {2}(?:npm run sim --|meshsim) (.+)$/.exec(l);
    if (!m) break;
    out.push(m[1].trim().split(/\s+/));
  }
  return out;
}

/** A flag's description in a usage: its line and the deeper-indented lines under it, joined. */
function flagText(usage: string, flag: string): string {
  const lines = usage.split('\n');
  const at = lines.findIndex((l) => l.startsWith(`  ${flag} `));
  if (at < 0) return '';
  const more = lines.slice(at + 1).findIndex((l) => !/^ {5,}\S/.test(l));
  return lines.slice(at, more < 0 ? undefined : at + 1 + more).map((l) => l.trim()).join(' ');
}

/** Whether a command line reads without a problem, by the command's own parser. */
function parses(words: string[]): string[] {
  const [command, ...rest] = words;
  const r = command === 'sweep' ? parseSweepArgs(rest) : command === 'import' ? parseImportArgs(rest) : command === 'lint' ? parseLintArgs(rest) : command === 'replay' ? parseReplayArgs(rest) : parseArgs(words);
  return r.ok ? [] : r.problems;
}

describe("each command's --help", () => {
  it('prints that command\'s own usage on stdout (not the general one), and exits 0', async () => {
    for (const command of COMMANDS) {
      const r = await simHere([command, '--help']);
      expect([command, r.code, r.stderr]).toEqual([command, 0, '']);
      expect(r.stdout).toBe(COMMAND_USAGE[command] + '\n');
      expect(r.stdout.split('\n')[0]).toMatch(new RegExp(`^usage: (npm run sim --|meshsim) ${command} `));
      // No other command's usage line in it.
      for (const other of COMMANDS.filter((c) => c !== command)) expect(r.stdout, `${command} --help names ${other}`).not.toMatch(new RegExp(`^ *(usage: )?(npm run sim --|meshsim) ${other} `, 'm'));
      // `help COMMAND` says the same.
      expect(await simHere(['help', command])).toEqual(r);
    }
    // The general usage stays for --help alone, and says where each command's is.
    const general = await simHere(['--help']);
    expect([general.code, general.stdout]).toEqual([0, USAGE + '\n']);
    expect(general.stdout).toContain('npm run sim -- compare --help');
  });

  it('compare --help, as a shell sees it: compare\'s usage, exit 0, nothing on stderr', () => {
    const r = sim('compare', '--help');
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout.split('\n')[0]).toBe('usage: npm run sim -- compare A B [--seed N] [--duration T] [--from T] [--to T] [--client NAME] [--json]');
  });

  it('describes every flag its usage line shows, the durations with their units and the defaults', () => {
    for (const command of COMMANDS) {
      const usage = COMMAND_USAGE[command];
      const flags = new Set([...usage.split('\n\n')[0].matchAll(/\[(--[a-z-]+|-o)\b/g)].map((m) => m[1]));
      expect(flags.size, command).toBeGreaterThan(0);
      for (const f of flags) expect(usage, `${command} ${f}`).toMatch(new RegExp(`^ {2}(-o, )?${f}\\b`, 'm'));
      if (usage.includes('--duration T')) expect(flagText(usage, '--duration'), command).toMatch(/\b30s\b.*\(default: [^)]+\)/);
      if (usage.includes('--seed N')) expect(flagText(usage, '--seed'), command).toMatch(/\(default: [^)]+\)/);
    }
    expect(COMMAND_USAGE.compare).toContain("(default: A's seed, for both runs)");
    expect(COMMAND_USAGE.run).toContain("(default: the scenario's duration)");
  });

  it('gives an example each, a command line that its parser takes and whose scenario or folder exists', () => {
    for (const command of COMMANDS) {
      const lines = examples(COMMAND_USAGE[command]);
      expect(lines.length, command).toBeGreaterThan(0);
      for (const words of lines) {
        expect(words[0]).toBe(command);
        const resolved = command === 'import' || command === 'replay' ? words : resolveScenarioNames(words);
        expect(parses(resolved), words.join(' ')).toEqual([]);
        // The first input named (a file, a shipped name or a folder) is there; replay's is a link to a shipped one.
        if (command === 'replay') expect(resolveScenarioNames([/(?:scenario|compare)=([\w-]+)/.exec(resolved[1])![1]])[0], resolved[1]).toMatch(/scenarios\/[\w-]+\.json$/);
        else expect(existsSync(resolved[1]), resolved[1]).toBe(true);
      }
    }
  });

  it('bad input to compare lists the problem, then compare\'s usage, then the problem again as the last line on screen (trial T1, 9), on stderr, exit 2', async () => {
    const r = await simHere(['compare', 'scenarios/hello-mesh.json']);
    expect(r.code).toBe(2);
    const problem = 'compare: give two scenario files, e.g. compare scenarios/gateway-only.json scenarios/mesh-only.json (got 1)';
    expect(r.stderr).toBe(`${problem}\n\n${COMMAND_USAGE.compare}\n\n${problem}\n`);
    expect(r.stderr.trimEnd().split('\n').at(-1)).toBe(problem);
  });

  it('help with an unknown command names it and exits 2', async () => {
    const r = await simHere(['help', 'comapre']);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe('help comapre: not a command (commands: run, compare, sweep, import, lint, replay)');
  });

  it("the general usage gives every exit code its commands use: lint's and sweep's 1 too (it said only 0 and 2, while lint exits 1 on a finding)", () => {
    const codes = USAGE.slice(USAGE.indexOf('Exit codes:')).replace(/\s+/g, ' ');
    expect(codes).toBe("Exit codes: 0 ran, 1 lint found a finding at --fail-on or worse, or a sweep's run was stopped by the engine, 2 bad input (each problem printed as path: message).");
    for (const c of ['lint', 'sweep'] as const) expect(COMMAND_USAGE[c]).toMatch(/Exit codes: 0 [^\n]*, 1 /);
  });
});

