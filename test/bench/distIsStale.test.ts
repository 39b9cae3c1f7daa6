import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { distIsStale } from '../../bench/ui/bundleSize';

/** A project with src/a.ts and dist/index.html, each stamped at its own time (s since the epoch). */
function project(srcAt: number, builtAt: number | null) {
  const root = mkdtempSync(join(tmpdir(), 'meshsim-dist-'));
  mkdirSync(join(root, 'src', 'ui'), { recursive: true });
  const file = join(root, 'src', 'ui', 'a.ts');
  writeFileSync(file, 'export {};\n');
  utimesSync(file, srcAt, srcAt);
  if (builtAt !== null) {
    mkdirSync(join(root, 'dist'));
    writeFileSync(join(root, 'dist', 'index.html'), '<html></html>');
    utimesSync(join(root, 'dist', 'index.html'), builtAt, builtAt);
  }
  return root;
}

describe("bench:ui's dist is rebuilt when older than its sources", () => {
  it('a dist built after every source is kept; one built before a source changed is stale; no dist is stale', () => {
    const fresh = project(1_000, 2_000);
    expect(distIsStale(join(fresh, 'dist'), [join(fresh, 'src'), join(fresh, 'missing.json')])).toBe(false);
    const old = project(3_000, 2_000);
    expect(distIsStale(join(old, 'dist'), [join(old, 'src')])).toBe(true);
    const none = project(1_000, null);
    expect(distIsStale(join(none, 'dist'), [join(none, 'src')])).toBe(true);
  });
});
