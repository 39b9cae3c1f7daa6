import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// The layout of src/models (issue 13.8): no import cycle (type-only imports count too), files
// under 300 lines, and the data plane's envoy/ files each naming the Envoy source they follow.

const ROOT = resolve(__dirname, '../../src/models');
const MAX_LINES = 300;
/**
 * Files still at 300 lines or more, and why: ownership.ts is another engineer's area. (Service.ts
 * and World.ts, 302 and 305 after session 28, were split in session 29: Replica.ts, wireWorld.ts.)
 */
const TOO_LONG_ALLOWED = new Set(['ownership.ts']);

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? tsFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/**
 * The files under `root` a source file imports or re-exports from, by relative specifier
 * (`import`, `import type`, `export ... from`, and `import('...')`), resolved to `.ts` files or
 * folders' `index.ts`.
 */
export function importsOf(file: string, source: string, root: string): string[] {
  const specs = [
    ...source.matchAll(/^\s*(?:import|export)\s[^;]*?\sfrom\s+'(\.[^']+)'/gms),
    ...source.matchAll(/^\s*import\s+'(\.[^']+)'/gm),
    ...source.matchAll(/import\(\s*'(\.[^']+)'\s*\)/g),
  ].map((m) => m[1]);
  const out: string[] = [];
  for (const spec of specs) {
    const base = resolve(dirname(file), spec);
    const hit = [`${base}.ts`, join(base, 'index.ts')].find((p) => {
      try {
        return statSync(p).isFile();
      } catch {
        return false;
      }
    });
    if (hit !== undefined && hit.startsWith(root)) out.push(hit);
  }
  return out;
}

/** Every import cycle of a graph (its strongly connected components of two or more, or a self-import), each as a path `a -> b -> a`. */
export function cyclesOf(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const c: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        c.push(w);
      } while (w !== v);
      if (c.length > 1 || (graph.get(v) ?? []).includes(v)) components.push(c);
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  // Name each component by one cycle through it: walk from its first file, inside it, back home.
  return components.map((c) => {
    const inside = new Set(c);
    const start = [...c].sort()[0];
    const path = [start];
    const seen = new Set([start]);
    const walk = (v: string): boolean => {
      for (const w of graph.get(v) ?? []) {
        if (w === start) return path.push(w) > 0;
        if (!inside.has(w) || seen.has(w)) continue;
        seen.add(w);
        path.push(w);
        if (walk(w)) return true;
        path.pop();
      }
      return false;
    };
    walk(start);
    return path;
  });
}

function modelsGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const f of tsFiles(ROOT)) graph.set(f, importsOf(f, readFileSync(f, 'utf8'), ROOT));
  return graph;
}

const rel = (p: string) => relative(ROOT, p);

describe('src/models layout', () => {
  it('finds a cycle when there is one, naming its files in order (the check below can fail)', () => {
    const g = new Map([
      ['World.ts', ['DataPlane.ts']],
      ['DataPlane.ts', ['envoy/router.ts']],
      ['envoy/router.ts', ['World.ts', 'events.ts']],
      ['events.ts', []],
      ['self.ts', ['self.ts']],
    ]);
    expect(cyclesOf(g)).toEqual([['DataPlane.ts', 'envoy/router.ts', 'World.ts', 'DataPlane.ts'], ['self.ts', 'self.ts']]);
    const src = "import type { World } from '../World';\nexport { X } from './x';\nimport {\n  a,\n  b,\n} from '../Call';\n";
    expect(importsOf(join(ROOT, 'envoy/router.ts'), src, ROOT).map(rel)).toEqual(['World.ts', 'Call.ts']);
  });

  it('has no import cycle among src/models files, type-only imports included', () => {
    const graph = modelsGraph();
    expect(graph.size).toBeGreaterThan(40);
    // The data plane's pieces are really read: the router imports its retry state.
    expect(graph.get(join(ROOT, 'envoy/router.ts'))!.map(rel)).toContain('envoy/retryState.ts');
    const cycles = cyclesOf(graph).map((c) => c.map(rel).join(' -> '));
    expect(cycles, `import cycles in src/models:\n${cycles.join('\n')}`).toEqual([]);
  });

  it('keeps every src/models file under 300 lines', () => {
    const long = tsFiles(ROOT)
      .map((f) => ({ file: rel(f), lines: readFileSync(f, 'utf8').split('\n').length - 1 }))
      .filter((f) => f.lines >= MAX_LINES && !TOO_LONG_ALLOWED.has(f.file))
      .map((f) => `${f.file}: ${f.lines} lines`);
    expect(long, `files of ${MAX_LINES} lines or more in src/models:\n${long.join('\n')}`).toEqual([]);
  });

  it('opens each envoy/ file with a header naming the Envoy source it follows', () => {
    const files = tsFiles(join(ROOT, 'envoy'));
    expect(files.map(rel).sort()).toEqual(
      ['cluster', 'connPool', 'connPools', 'faultFilter', 'http1ConnPool', 'http2ConnPool', 'loadBalancer', 'locality', 'outlierDetector', 'resourceManager', 'responseFlags', 'retryState', 'ringHash', 'routeTable', 'router', 'upstreamConnect'].map((n) => `envoy/${n}.ts`),
    );
    const missing = files.filter((f) => !/^\/\/[^\n]*\n(\/\/[^\n]*\n)*/.exec(readFileSync(f, 'utf8'))?.[0].includes('envoyproxy/envoy source/')).map(rel);
    expect(missing, 'envoy/ files without a header naming envoyproxy/envoy source/...').toEqual([]);
  });
});
