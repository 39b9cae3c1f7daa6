import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildBenchBundle } from '../../bench/bundle';

describe('npm run bench', () => {
  it('builds its bundle and runs every case (smoke size) to a positive rate', () => {
    const bundle = buildBenchBundle();
    const out = JSON.parse(execFileSync(process.execPath, [bundle, 'smoke'], { encoding: 'utf8' }));
    expect(out.value).toBeGreaterThan(0);
    expect(out.events).toBeGreaterThan(out.value);
  });

  it('runs from a bundle written outside the checkout (bench:misses --dir /tmp/...): yaml imported from the project', () => {
    const dir = mkdtempSync(join(tmpdir(), 'meshsim-bench-'));
    try {
      const bundle = buildBenchBundle(dir);
      const out = JSON.parse(execFileSync(process.execPath, [bundle, 'smoke'], { encoding: 'utf8' }));
      expect(out.value).toBeGreaterThan(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses an unknown case by name (exit 2)', () => {
    const bundle = buildBenchBundle();
    let code = 0;
    let stderr = '';
    try {
      execFileSync(process.execPath, [bundle, 'nope'], { encoding: 'utf8', stdio: 'pipe' });
    } catch (e) {
      code = (e as { status: number }).status;
      stderr = String((e as { stderr: string }).stderr);
    }
    expect(code).toBe(2);
    expect(stderr).toMatch(/unknown benchmark case "nope"; cases: hold, mm1, chain3, chain3Warm, chain10, floor3, smoke/);
  });

  it('runs the chain and its floor for bench:misses (requests as counted after warm-up): 1,000 a simulated second, and the floor as asked', () => {
    const bundle = buildBenchBundle();
    const run = (c: string, n: number) => JSON.parse(execFileSync(process.execPath, [bundle, c, String(n)], { encoding: 'utf8' })).value;
    expect(run('chainStretch', 300)).toBeGreaterThan(240);
    expect(run('chainStretch', 300)).toBeLessThan(360);
    expect(run('floorStretch', 500)).toBe(500);
  });

  it('runs the scale stretch cachegrind counts by (services and simulated ms as arguments): more requests in a longer stretch, 70 a second a service', () => {
    const bundle = buildBenchBundle();
    const run = (ms: number) => JSON.parse(execFileSync(process.execPath, [bundle, 'scaleStretch', '10', String(ms)], { encoding: 'utf8' })).value;
    const [short, long] = [run(100), run(400)];
    // 10 services at 70 requests/s: about 210 more requests in 300 ms more.
    expect(long - short).toBeGreaterThan(150);
    expect(long - short).toBeLessThan(270);
  });
});
