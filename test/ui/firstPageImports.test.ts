// What the first page's JS holds (bench:ui's "initial JS, gzipped", target < 250 KB): the modules
// main.tsx reaches by static imports, dynamic import() and workers left out, as Vite bundles its
// entry chunk. Session 39's one seed message put src/scenario/seed.ts, which then built the file
// schema's zod seed rule, under the link reader (ui/recipe/url.ts): zod came into the first page,
// 247.7 -> 280.3 KB. Libraries the first page needs no part of must stay behind a dynamic import.
import { readFileSync, statSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(__dirname, '../../src');

/** Specifiers of a file's static value imports and re-exports (`import type` / `export type` are erased; `import()` is a chunk of its own). */
function staticImports(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\s+(?!type\b)[^;'"()]*?from\s*['"]([^'"]+)['"]/g)) out.push(m[1]);
  for (const m of text.matchAll(/(?:^|\n)\s*import\s*['"]([^'"]+)['"]/g)) out.push(m[1]);
  return out;
}

function resolveFile(from: string, spec: string): string | null {
  const base = resolve(dirname(from), spec);
  for (const p of [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`, `${base}/index.tsx`]) {
    try {
      if (statSync(p).isFile()) return p;
    } catch {
      // next
    }
  }
  return null;
}

/** Every source file and package main.tsx reaches through static imports. */
function firstPage(): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const todo = [resolve(SRC, 'ui/main.tsx')];
  while (todo.length > 0) {
    const f = todo.pop()!;
    if (files.has(f) || !/\.tsx?$/.test(f)) continue;
    files.add(f);
    for (const spec of staticImports(readFileSync(f, 'utf8'))) {
      if (spec.startsWith('.')) {
        const next = resolveFile(f, spec);
        if (next) todo.push(next);
      } else packages.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);
    }
  }
  return { files, packages };
}

describe("the first page's JS", () => {
  const { files, packages } = firstPage();

  it('is reached from main.tsx through more than 100 source files (the walk follows imports)', () => {
    expect(files.size).toBeGreaterThan(100);
    expect([...files].map((f) => relative(SRC, f))).toContain('ui/recipe/url.ts');
  });

  it('holds no zod, YAML parser or code editor: the schema, files and editor load when first used', () => {
    expect([...packages].filter((p) => ['zod', 'yaml', 'codemirror', '@codemirror/state', '@codemirror/view'].includes(p) || p.startsWith('@codemirror'))).toEqual([]);
  });

  it("holds no shipped scenario's text but hello-mesh's: the others (30 KB gzipped) are builtinTexts.ts, loaded when the page is idle (session 53, L1)", () => {
    const rel = [...files].map((f) => relative(SRC, f));
    expect(rel).toContain('ui/scenarios/catalog.ts');
    expect(rel).not.toContain('ui/scenarios/builtinTexts.ts');
    expect(rel).not.toContain('ui/glossary/glossary.ts'); // its own chunk (useGlossary)
    const catalog = readFileSync(resolve(SRC, 'ui/scenarios/catalog.ts'), 'utf8');
    // Its only `?raw` glob is hello-mesh's; every file's title is imported alone.
    expect([...catalog.matchAll(/import\.meta\.glob\(([^)]*)\)/g)].map((m) => m[1])).toEqual([
      "'/scenarios/hello-mesh.json', { query: '?raw', import: 'default', eager: true }",
      "['/scenarios/*.json', '!/scenarios/schema.json'], { import: 'title', eager: true }",
    ]);
  });
});
