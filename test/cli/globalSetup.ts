// Vitest's global set-up (vite.config.ts), and Playwright's (playwright.config.ts: the browser
// tests that compare with the CLI): bundles `npm run sim`'s command once for the whole test run
// (test/cli/simEntry.ts and the sweep's worker, scripts/cliBundle.ts), and tells the workers where
// through MESHSIM_CLI_BUNDLE (test/cli/spawnSim.ts). Spawned through tsx, every CLI run
// transpiled src/ again at start: one to two seconds of CPU a spawn, over a hundred spawns.
// The bundle lives under node_modules/.cache so the one package it leaves out, piscina,
// resolves from it.
import { mkdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { bundleCli } from '../../scripts/cliBundle';

const root = fileURLToPath(new URL('../../', import.meta.url));

export default function setup(): () => void {
  const outDir = `${root}node_modules/.cache/meshsim-cli-test/${process.pid}`;
  mkdirSync(outDir, { recursive: true });
  bundleCli({ root, entry: `${root}test/cli/simEntry.ts`, outDir, bin: 'sim.mjs', version: 'source' });
  process.env.MESHSIM_CLI_BUNDLE = `${outDir}/sim.mjs`;
  return () => rmSync(outDir, { recursive: true, force: true });
}
