// Builds the `meshsim` bin (package.json `bin`) into dist-cli/: `npm run build:cli`, and `npm pack`
// runs it first (prepack). Plain JavaScript, so an installed package needs no TypeScript runner:
// - dist-cli/meshsim.js: src/cli/bin.ts and everything it imports, one ES module with a shebang;
// - dist-cli/sweep-worker.js: the sweep's piscina task (src/cli/sweep/worker.ts), which the
//   bin's sweep loads from beside itself.
// Both bundle their dependencies but piscina, which starts its threads from its own files.
import { chmodSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildSync, type BuildOptions } from 'esbuild';

const root = fileURLToPath(new URL('../', import.meta.url));
const out = `${root}dist-cli`;
const { version } = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as { version: string };
// yaml, zod's locales and @stdlib are CommonJS: an ES bundle gives them Node's require.
const requireShim = "import { createRequire as __meshsimRequire } from 'node:module'; const require = __meshsimRequire(import.meta.url);";
const common: BuildOptions = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // esbuild: the sweep loads it only when run from source (src/cli/sweep/index.ts).
  external: ['piscina', 'esbuild'],
  logLevel: 'warning',
  legalComments: 'none',
  define: { __MESHSIM_VERSION__: JSON.stringify(version) },
};

rmSync(out, { recursive: true, force: true });
buildSync({ ...common, entryPoints: [`${root}src/cli/bin.ts`], outfile: `${out}/meshsim.js`, banner: { js: `#!/usr/bin/env node\n${requireShim}` } });
buildSync({ ...common, entryPoints: [`${root}src/cli/sweep/worker.ts`], outfile: `${out}/sweep-worker.js`, banner: { js: requireShim } });
chmodSync(`${out}/meshsim.js`, 0o755);
process.stdout.write(`dist-cli/meshsim.js and dist-cli/sweep-worker.js built (meshsim ${version})\n`);
