// The floors only point down (the developers' guide): ui -> workers -> models -> sim-engine /
// scenario, with the CLI a head beside the UI. Every relative import in src/ is read and placed
// on its floor, so a module that reaches up (the worker's lesson figures once took their number
// text from ui/format.ts) fails here by file and import.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(__dirname, '../src');

/** What each top folder of src/ may import besides itself. */
const MAY_IMPORT: Record<string, readonly string[]> = {
  'sim-engine': [],
  scenario: ['sim-engine'],
  models: ['sim-engine', 'scenario'],
  workers: ['models', 'sim-engine', 'scenario'],
  ui: ['workers', 'models', 'sim-engine', 'scenario'],
  // A head beside the UI: it may use the UI's DOM-free modules (its tables), never a component.
  cli: ['ui', 'workers', 'models', 'sim-engine', 'scenario'],
};

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : /\.tsx?$/.test(n) ? [p] : [];
  });
}

/** Relative specifiers of static imports, re-exports and dynamic imports. */
function imports(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^;'"]*?from\s*['"](\.{1,2}\/[^'"]+)['"]/g)) out.push(m[1]);
  for (const m of text.matchAll(/import\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g)) out.push(m[1]);
  return out;
}

const floorOf = (abs: string) => relative(SRC, abs).split(sep)[0];

describe('layering', () => {
  const all = files(SRC);

  it('reads the imports of every source file (more than 300 files, more than 1,000 relative imports)', () => {
    const count = all.reduce((n, f) => n + imports(readFileSync(f, 'utf8')).length, 0);
    expect(all.length).toBeGreaterThan(300);
    expect(count).toBeGreaterThan(1000);
  });

  it('has no module importing a floor above its own, and the CLI no React component', () => {
    const wrong: string[] = [];
    for (const f of all) {
      const from = floorOf(f);
      const allowed = MAY_IMPORT[from];
      if (!allowed) continue; // src/*.ts at the top, if any
      for (const spec of imports(readFileSync(f, 'utf8'))) {
        const target = resolve(dirname(f), spec);
        const to = floorOf(target);
        const tsx = /\.tsx$/.test(spec) || (() => { try { return statSync(`${target}.tsx`).isFile(); } catch { return false; } })();
        if (to !== from && !allowed.includes(to)) wrong.push(`${relative(SRC, f)} imports ${spec} (${from} -> ${to})`);
        else if (from === 'cli' && to === 'ui' && tsx) wrong.push(`${relative(SRC, f)} imports the component ${spec}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
