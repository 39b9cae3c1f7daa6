// Bundles a CLI entry and the sweep's worker thread into one folder as plain ES modules, as the
// `meshsim` bin ships them (scripts/build-cli.ts) and as the CLI tests spawn them
// (test/cli/globalSetup.ts): one file each, so a spawned CLI starts in Node alone, with no
// TypeScript runner transpiling src/ at every start.
import { chmodSync } from 'node:fs';
import { buildSync, type BuildOptions } from 'esbuild';

// yaml, zod's locales and @stdlib are CommonJS: an ES bundle gives them Node's require.
const requireShim = "import { createRequire as __meshsimRequire } from 'node:module'; const require = __meshsimRequire(import.meta.url);";

/**
 * Writes `outDir/<bin>` (the bundled `entry`, executable, with a shebang) and
 * `outDir/sweep-worker.js` (src/cli/sweep/worker.ts, which a bundled sweep loads from beside
 * itself: src/cli/sweep/index.ts). `root` is the repository's root with a trailing slash;
 * `version` goes in as `__MESHSIM_VERSION__`. Both bundle their dependencies but piscina, which
 * starts its threads from its own files, and esbuild, which only a sweep run from source loads.
 * Throws esbuild's error when a file does not build.
 */
export function bundleCli(opts: { root: string; entry: string; outDir: string; bin: string; version: string }): void {
  const common: BuildOptions = {
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: ['piscina', 'esbuild'],
    logLevel: 'warning',
    legalComments: 'none',
    define: { __MESHSIM_VERSION__: JSON.stringify(opts.version) },
  };
  const bin = `${opts.outDir}/${opts.bin}`;
  buildSync({ ...common, entryPoints: [opts.entry], outfile: bin, banner: { js: `#!/usr/bin/env node\n${requireShim}` } });
  buildSync({ ...common, entryPoints: [`${opts.root}src/cli/sweep/worker.ts`], outfile: `${opts.outDir}/sweep-worker.js`, banner: { js: requireShim } });
  chmodSync(bin, 0o755);
}
