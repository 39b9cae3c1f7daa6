import { mkdirSync } from 'node:fs';
import { buildSync } from 'esbuild';

/**
 * Bundles bench/cases.ts into one ES module, as the browser runs the engine, and returns its
 * path. Run it as `node <path> <case>`.
 */
export function buildBenchBundle(outDir = 'node_modules/.cache/meshsim-bench'): string {
  mkdirSync(outDir, { recursive: true });
  const outfile = `${outDir}/cases.mjs`;
  // yaml ships CommonJS for Node, which an ES bundle cannot require: Node loads it itself.
  buildSync({ entryPoints: ['bench/cases.ts'], bundle: true, platform: 'node', format: 'esm', outfile, logLevel: 'warning', external: ['yaml'] });
  return outfile;
}
