import { afterEach, describe, expect, it, vi } from 'vitest';
import { BIN_USAGE, dispatch } from '../../src/cli/dispatch';
import { USAGE } from '../../src/cli/args';
import { LINT_USAGE } from '../../src/cli/lint';
import { FAIL_ON } from '../../src/cli/lint';
import { usageAs } from '../../src/cli/invocation';

describe("the bin's usage", () => {
  it("lists every --fail-on value lint takes, in lint's order (it left out info)", () => {
    const line = BIN_USAGE.split('\n').find((l) => l.includes('meshsim lint'));
    expect(line).toContain(`[--fail-on ${FAIL_ON.join('|')}]`);
  });
});

/** Runs the bin's dispatch in this process, catching what it writes. */
async function meshsim(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((stdout += String(s)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((stderr += String(s)), true));
  try {
    const code = await dispatch(argv, 'test');
    return { code, stdout, stderr };
  } finally {
    vi.restoreAllMocks();
  }
}

describe('the meshsim bin names its commands as meshsim, as the person typed them', () => {
  afterEach(() => vi.restoreAllMocks());

  it("meshsim frobnicate: the unknown command is named, then the bin's usage (it printed npm run sim's), exit 2", async () => {
    const r = await meshsim('frobnicate');
    expect(r.code).toBe(2);
    const lines = r.stderr.split('\n');
    expect(lines[0]).toMatch(/^frobnicate: unknown command \(commands: run, compare, sweep, import, lint, help\)/);
    // The problem again under the usage, so it stays on screen (trial T1, 9).
    expect(lines.slice(2).join('\n')).toBe(BIN_USAGE + '\n\n' + lines[0] + '\n');
    expect(r.stderr).not.toContain('npm run sim -- [run]');
  });

  it('a command with a bad option prints that command\'s usage as meshsim COMMAND: run, compare, sweep, import', async () => {
    for (const [argv, head] of [
      [['run', 'hello-mesh', '--fast'], 'usage: meshsim run FILE [--seed N]'],
      [['compare', 'hello-mesh', 'mm1', '--fast'], 'usage: meshsim compare A B [--seed N]'],
      [['sweep', 'mm1', '--fast'], 'usage: meshsim sweep FILE --seeds N'],
      [['import', '--fast'], 'usage: meshsim import FILES_OR_DIRS...'],
    ] as const) {
      const r = await meshsim(...argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stderr, argv.join(' ')).toContain(`\n${head}`);
      expect(r.stderr, argv.join(' ')).not.toContain('npm run sim');
    }
  });

  it('meshsim help COMMAND and COMMAND --help print the usage as meshsim COMMAND; lint keeps one usage line', async () => {
    for (const argv of [['help', 'run'], ['help', 'compare'], ['help', 'sweep'], ['help', 'import'], ['help', 'lint'], ['run', '--help'], ['compare', '--help']]) {
      const r = await meshsim(...argv);
      expect(r.code, argv.join(' ')).toBe(0);
      expect(r.stdout, argv.join(' ')).toMatch(/^usage: meshsim \w+ /);
      expect(r.stdout, argv.join(' ')).not.toContain('npm run sim --');
    }
    const lint = (await meshsim('help', 'lint')).stdout;
    expect(lint.split('\n').filter((l) => l.includes('meshsim lint ...'))).toEqual([]);
    expect((await meshsim('help', 'frobnicate')).stderr).toContain(`\n\n${BIN_USAGE}\n`);
  });

  it('npm run sim keeps its own usages: usageAs changes nothing for npm', () => {
    expect(usageAs(USAGE, 'npm')).toBe(USAGE);
    expect(usageAs(LINT_USAGE, 'npm')).toBe(LINT_USAGE);
    expect(usageAs('usage: npm run sim -- run FILE\n  npm run sim -- run hello-mesh', 'bin')).toBe('usage: meshsim run FILE\n  meshsim run hello-mesh');
  });
});
