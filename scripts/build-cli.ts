// Builds the `meshsim` bin (package.json `bin`) into dist-cli/: `npm run build:cli`, and `npm pack`
// runs it first (prepack). Plain JavaScript, so an installed package needs no TypeScript runner:
// - dist-cli/meshsim.js: src/cli/bin.ts and everything it imports, one ES module with a shebang;
// - dist-cli/sweep-worker.js: the sweep's piscina task (src/cli/sweep/worker.ts), which the
//   bin's sweep loads from beside itself.
// Both bundle their dependencies but piscina, which starts its threads from its own files.
import { readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { bundleCli } from './cliBundle';

const root = fileURLToPath(new URL('../', import.meta.url));
const out = `${root}dist-cli`;
const { version } = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as { version: string };

rmSync(out, { recursive: true, force: true });
bundleCli({ root, entry: `${root}src/cli/bin.ts`, outDir: out, bin: 'meshsim.js', version });
process.stdout.write(`dist-cli/meshsim.js and dist-cli/sweep-worker.js built (meshsim ${version})\n`);
