import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { root, simCommand } from './spawnSim';

describe('a reader that stops reading early', () => {
  it('ends `run --json | head` quietly with exit 0, no EPIPE stack trace (863 kB of JSON from the full load test, the pipe closed after its first chunk)', async () => {
    const [cmd, argv] = simCommand(['run', 'scenarios/istio-load-test-full.json', '--duration', '600ms', '--json']);
    const child = spawn(cmd, argv, { cwd: root });
    let first = '';
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.stdout.setEncoding('utf8').once('data', (d: string) => {
      first = d;
      child.stdout.destroy();
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(first.startsWith('{"scenario":"istio-load-test-full"')).toBe(true);
    expect(stderr).not.toMatch(/EPIPE|Error|\n\s+at /);
    expect(code).toBe(0);
  }, 60_000);
});
