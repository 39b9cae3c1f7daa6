import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, where `npm run sim` runs. */
export const root = fileURLToPath(new URL('../../', import.meta.url));
const tsx = join(root, 'node_modules', '.bin', 'tsx');

/** What one CLI run printed and how it exited. */
export interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI and waits for it (about a second a run). */
export function sim(...args: string[]): Result {
  const r = spawnSync(tsx, ['src/cli/main.ts', ...args], { cwd: root, encoding: 'utf8', timeout: 30_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Runs the CLI without blocking, so a test file can run two at a time on two cores. */
export function simAsync(args: string[]): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(tsx, ['src/cli/main.ts', ...args], { cwd: root });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
