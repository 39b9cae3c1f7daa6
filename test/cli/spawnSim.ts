import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, where `npm run sim` runs. */
export const root = fileURLToPath(new URL('../../', import.meta.url));
const tsx = join(root, 'node_modules', '.bin', 'tsx');

/**
 * How to start `npm run sim` with arguments: the bundle test/cli/globalSetup.ts built for this
 * test run, in Node alone, or (a test run without that set-up) src/cli/main.ts through tsx, as
 * `npm run sim` does.
 */
export function simCommand(args: readonly string[]): [string, string[]] {
  const bundle = process.env.MESHSIM_CLI_BUNDLE;
  return bundle ? [process.execPath, [bundle, ...args]] : [tsx, ['src/cli/main.ts', ...args]];
}

/** What one CLI run printed and how it exited. */
export interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI and waits for it, killing it after 30 s (a hang; `code` is then null). */
export function sim(...args: string[]): Result {
  return simWithin(30_000, ...args);
}

/**
 * Runs the CLI and waits up to `timeoutMs` (ms) for it: for whole runs of a scenario that take
 * seconds alone but many times that while the rest of the suite shares the two cores (replay's
 * `--to-end` of retry-storm: 5 s alone, killed at 30 s in session 38's CI).
 */
export function simWithin(timeoutMs: number, ...args: string[]): Result {
  const [cmd, argv] = simCommand(args);
  const r = spawnSync(cmd, argv, { cwd: root, encoding: 'utf8', timeout: timeoutMs });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Runs the CLI without blocking, so a test file can run two at a time on two cores. */
export function simAsync(args: string[]): Promise<Result> {
  return new Promise((resolve, reject) => {
    const [cmd, argv] = simCommand(args);
    const child = spawn(cmd, argv, { cwd: root });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * Runs `npm run sim`'s command in this process (src/cli/main.ts runCli), capturing what it
 * writes to stdout and stderr: the same code path as a spawn, less Node's start and the bundle's
 * load (about 1.3 s of CPU a run). An exception out of the command, which a spawned CLI would
 * print as a crash, comes back as exit 1 with its stack on stderr. For the cases that check
 * what the command says; each command keeps at least one test through a spawned process.
 * NOTE: not for two at once in one process (the capture replaces process.stdout.write).
 */
export async function simHere(args: string[]): Promise<Result> {
  let stdout = '';
  let stderr = '';
  const io = { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) } };
  const out = process.stdout.write;
  const err = process.stderr.write;
  process.stdout.write = ((s: string | Uint8Array) => io.stdout.write(String(s)) !== undefined) as typeof process.stdout.write;
  process.stderr.write = ((s: string | Uint8Array) => io.stderr.write(String(s)) !== undefined) as typeof process.stderr.write;
  try {
    // runCli's route for sweep, with the streams passed as the sweep takes them (given
    // process.stdout it would also listen for a closed pipe, once per call).
    const code = args[0] === 'sweep' ? await (await import('../../src/cli/sweep')).sweepMain(args.slice(1), io) : await (await import('../../src/cli/main')).runCli(args);
    return { code, stdout, stderr };
  } catch (e) {
    return { code: 1, stdout, stderr: `${stderr}${e instanceof Error ? (e.stack ?? e.message) : String(e)}` };
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
  }
}
