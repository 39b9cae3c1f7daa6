// README's claims a new user acts on, checked against what they describe (trial N7, session 38: findings 9 and 10).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root } from './spawnSim';

const read = (path: string) => readFileSync(join(root, path), 'utf8');
const readme = read('README.md');

describe("README's claims", () => {
  it("istio-load-test-full's sidecars: the row gives the file's count, 1,000 clients' and 2,000 replicas' (it said 2,000 in all)", () => {
    const s = JSON.parse(read('scenarios/istio-load-test-full.json')) as { clients: { sidecar?: boolean }[]; services: { replicas?: number; sidecar?: unknown }[] };
    const clients = s.clients.filter((c) => c.sidecar).length;
    const replicas = s.services.reduce((n, v) => n + (v.sidecar ? (v.replicas ?? 1) : 0), 0);
    const n = (x: number) => x.toLocaleString('en-US');
    const row = readme.split('\n').find((l) => l.startsWith('| `istio-load-test-full.json` |'));
    expect(row).toContain(`${n(clients + replicas)} sidecars (${n(clients)} clients' and ${n(replicas)} replicas')`);
    expect([clients, replicas]).toEqual([1000, 2000]);
  });

  it("gateway-only's 33% is said with its window, 21-58 s, beside the whole run's 22.1% that compare prints without one (trial T1, 2)", () => {
    // Each line that says 33% (or 33.4%) with gateway-only, read with the three lines after it.
    const lines = readme.split('\n');
    const says = lines.flatMap((l, i) => (/\b33(\.4)?%/.test(l) && /gateway-only/.test(lines.slice(i - 1, i + 1).join(' ')) ? [lines.slice(i, i + 4).join(' ')] : []));
    expect(says.length).toBeGreaterThanOrEqual(2);
    for (const para of says) {
      expect(para).toMatch(/21(-| s – )58 s/);
      expect(para).toMatch(/22\.1(0)?%/);
    }
    expect(readme).toContain('`npm run sim -- compare gateway-only mesh-only --from 21s --to 58s`');
  });

  it('"A first run" tells a teacher to serve the built app for a class and the 1,000-service scenario, with a command that exists and its port', () => {
    const firstRun = readme.slice(readme.indexOf('## A first run'), readme.indexOf('1. `npm start` opens'));
    expect(firstRun).toContain('`npm run build && npm run preview` (http://localhost:4173/)');
    expect(firstRun).toContain('istio-load-test-full');
    const pkg = JSON.parse(read('package.json')) as { scripts: Record<string, string> };
    expect([pkg.scripts.build, pkg.scripts.preview]).toEqual(['vite build', 'vite preview']);
    expect(read('vite.config.ts')).toMatch(/preview: \{ port: 4173\b/);
  });
});
