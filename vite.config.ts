import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import type { Plugin } from 'vite';

/**
 * Test files run in a process of their own rather than in a worker shared with other files.
 * queueing.test's long single-service runs took 79-80 s in the shared worker against 12 s alone
 * (the same in CI and on a quiet machine, session 22): the engine's call sites there had already
 * seen every other file's actors and scenarios, so V8 compiled them for all of those shapes (the
 * reason bench/ runs each case in a fresh process). The unit run fell from 165 s to 132 s.
 */
const OWN_PROCESS = ['test/models/queueing.test.ts'];

/**
 * `vite preview` (the browser tests' server, and a way to try a build) serves the build's hashed
 * files under `assets/` as a host should: cacheable for a year and never revalidated
 * (`immutable`), since a file of another content has another name. Its own default, `no-cache`,
 * made the browser ask again for every file at each page load (a 304 each, a round trip to a
 * busy Node process): the main chunk and its preloads, the stylesheet, the simulation worker's
 * script, each lazy chunk. `index.html` keeps `no-cache`: a new build is seen at once.
 */
function immutableAssets(): Plugin {
  return {
    name: 'meshsim-immutable-assets',
    configurePreviewServer(server) {
      server.middlewares.use((req, res, next) => {
        if (/\/assets\/[^/]+-[\w-]{8}\.\w+$/.test((req.url ?? '').split('?')[0])) {
          // sirv sets its own Cache-Control in writeHead's headers: this one wins.
          const writeHead = res.writeHead.bind(res) as (...a: unknown[]) => typeof res;
          res.writeHead = ((status: number, ...rest: unknown[]) => {
            const headers = rest.find((r) => r && typeof r === 'object') as Record<string, unknown> | undefined;
            if (headers) for (const k of Object.keys(headers)) if (k.toLowerCase() === 'cache-control') delete headers[k];
            res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
            return writeHead(status, ...rest);
          }) as typeof res.writeHead;
        }
        next();
      });
    },
  };
}

export default defineConfig({
  // Relative URLs throughout the build, so `dist/` works from any static server and under any
  // sub-path (https://host/some/path/); the worker and lazy chunks resolve from their importer.
  base: './',
  plugins: [
    react(),
    immutableAssets(),
    // A service worker (Workbox, generated at build time) precaches every file of the build, so
    // the app opens and runs offline once it has been loaded. It is registered by main.tsx in
    // production builds only. autoUpdate: a new build's worker takes over at once and the page
    // reloads, so a stale cache never serves an old build after a new one is deployed.
    VitePWA({
      registerType: 'autoUpdate',
      injectRegister: false,
      manifest: false,
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,ico,json,wasm}'],
        // builtinTexts.ts' chunk inlines every shipped scenario (the full load test among them).
        maximumFileSizeToCacheInBytes: 16 * 1024 * 1024,
        cleanupOutdatedCaches: true,
        clientsClaim: true,
        skipWaiting: true,
        navigateFallback: 'index.html',
      },
    }),
  ],
  worker: { format: 'es' },
  server: { port: 5173, strictPort: false },
  preview: { port: 4173, strictPort: true },
  test: {
    environment: 'node',
    // Bundles the CLI once for the tests that spawn it (test/cli/spawnSim.ts).
    globalSetup: ['test/cli/globalSetup.ts'],
    // A test's limit in wall time, there to stop a hang, not to time it: at load 15 (session 17,
    // a CI-like run on a clean clone) queueing.test's M/M/1 at rho 0.9 took 172 s and its M/M/3
    // 119 s (53 s and 14 s in session 16's CI), and failed at 60 s.
    testTimeout: 240_000,
    // Both cores: vitest's default is one fewer than the cores, so on CI's 2-core machine the
    // files ran one at a time (434 s for 338 s of tests, session 11). No test times itself
    // (speed is the benchmarks' job), and the browser tests run after these, not beside them.
    maxWorkers: 2,
    // Test files share their worker's module cache: each file importing src/ afresh was most of
    // the suite's CPU (test/models, sim-engine and scenario: 186 s of CPU isolated, 105 s shared,
    // all 66 files passing either way; session 12). A test that changes module state must undo it.
    isolate: false,
    // Two projects: most files in shared workers, OWN_PROCESS each alone (isolate).
    projects: [
      { extends: true, test: { name: 'shared', include: ['test/**/*.test.ts'], exclude: ['test/browser/**', 'node_modules/**', ...OWN_PROCESS] } },
      { extends: true, test: { name: 'own', include: OWN_PROCESS, isolate: true } },
    ],
  },
});
