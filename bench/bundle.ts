import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { buildSync, type BuildOptions } from 'esbuild';

/**
 * esbuild's options for bundling bench/cases.ts into one ES module at `outfile` (any directory,
 * /tmp too), as the browser runs the engine. yaml ships CommonJS for Node, which an ES bundle
 * cannot require, so it stays external: but imported by its absolute path in this checkout's
 * node_modules (resolved from the working directory, the project's root under npm run), not as a
 * bare `yaml`, which Node would look for in node_modules folders above the bundle and, under /tmp,
 * not find. Throws if yaml is not installed.
 */
export function benchBundleOptions(outfile: string): BuildOptions {
  const yaml = createRequire(resolve('package.json')).resolve('yaml');
  return { entryPoints: ['bench/cases.ts'], bundle: true, platform: 'node', format: 'esm', outfile, logLevel: 'warning', alias: { yaml }, external: [yaml] };
}

/**
 * Bundles bench/cases.ts into one ES module, as the browser runs the engine, and returns its
 * path. Run it as `node <path> <case>` from the project's root (the cases read scenarios/).
 */
export function buildBenchBundle(outDir = 'node_modules/.cache/meshsim-bench'): string {
  mkdirSync(outDir, { recursive: true });
  const outfile = `${outDir}/cases.mjs`;
  buildSync(benchBundleOptions(outfile));
  return outfile;
}
