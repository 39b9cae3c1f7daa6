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

/** Runs the CLI and waits for it. */
export function sim(...args: string[]): Result {
  const [cmd, argv] = simCommand(args);
  const r = spawnSync(cmd, argv, { cwd: root, encoding: 'utf8', timeout: 30_000 });
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
