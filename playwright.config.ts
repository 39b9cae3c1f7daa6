// Browser tests for what a person does in the app. `npm run test:browser` builds first; the
// tests run against `vite preview` of that build, in the system Chromium by default.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { defineConfig } from '@playwright/test';
// Waits look again every 100 ms, in every worker (fixtures/polling.ts says how and why).
import './test/browser/fixtures/polling';

/** Port and build folder can move, so several checkouts or sessions can test at once. */
const PORT = Number(process.env.MESHSIM_PORT ?? 4173);
const DIST = process.env.MESHSIM_DIST ?? 'dist';
/** Debian's chromium unless MESHSIM_CHROMIUM says otherwise; empty means Playwright's own. */
const chromium = process.env.MESHSIM_CHROMIUM ?? '/usr/bin/chromium';

/**
 * Chromium features off for every test's browser: Playwright's own list plus the address bar's
 * WebUI popups. Since Chromium 151 `WebUIOmniboxPopup` and `WebUIOmniboxAimPopup` are on by
 * default and preload chrome://omnibox-popup.top-chrome/ in renderers of their own, headless
 * included (gotenberg/gotenberg#1656), once per browser context: here (Debian's Chromium 156)
 * 1.2-2.5 s of CPU a context (six contexts opening hello-mesh, cpuacct cgroup, alternated, load
 * 19-26: 25.0 / 28.1 / 32.0 s against 17.3 / 22.9 / 16.5 s with them off; session 32). Most specs
 * share one page a worker (fixtures/sharedPage.ts), so a run pays it per worker and per context a
 * test opens itself: seconds, not minutes. A test never shows an address bar. Chromium keeps only the last
 * `--disable-features`, so Playwright's list (chromiumSwitches.ts, read from the playwright-core
 * that launches the browser) goes in too; when it cannot be read, no switch is added and the
 * popups stay, so Playwright's own switches are never lost.
 */
function disabledFeatures(): string[] {
  try {
    const bundle = readFileSync(createRequire(import.meta.url).resolve('playwright-core/lib/coreBundle'), 'utf8');
    const list = /disabledFeatures = \[([\s\S]*?)\]\.filter\(Boolean\)/.exec(bundle)?.[1];
    const own = list ? [...list.replace(/\/\/.*$/gm, '').matchAll(/"([A-Za-z0-9]+)"/g)].map((m) => m[1]) : [];
    return own.length > 0 ? [...own, 'WebUIOmniboxPopup', 'WebUIOmniboxAimPopup'] : [];
  } catch {
    return [];
  }
}
const features = disabledFeatures();

/**
 * V8's tiers for every test's page: up to Maglev, no TurboFan (`--max-opt=2`; 0 Ignition, 1
 * Sparkplug, 2 Maglev, 3 TurboFan). A test's page lives seconds, and each load starts the page and
 * its workers' isolates afresh, so TurboFan compiled the app and the engine again every time on the
 * renderer's pool threads and was done in time to pay back little. Opening a link at a moment, new
 * context each, 3 alternated rounds at load 8-14 (session 38, whole browser's CPU, median):
 * gateway-and-mesh t=30s 4,254 -> 3,487 ms, retry-storm t=20s 4,308 -> 3,240, two-meshes-direct
 * t=7s 3,492 -> 2,999, hello-mesh t=110s 4,323 -> 3,500; the 1,000-service istio-load-test-full at
 * t=3s too: 18.2 -> 14.6 s (its worker's CPU the same, 7.4 s). `MESHSIM_JSFLAGS` replaces the
 * flags (empty: V8's defaults, TurboFan on, as a person's browser runs). What a test checks never
 * depends on the tier: the engine's trace hashes are the same on any (app.spec compares the CLI's).
 */
const jsFlags = process.env.MESHSIM_JSFLAGS ?? '--max-opt=2';

export default defineConfig({
  testDir: 'test/browser',
  outputDir: process.env.MESHSIM_RESULTS ?? 'test-results',
  reporter: 'list',
  timeout: 90_000,
  // How long an expect waits for the page to get there (a wait, not a speed check): 30 s, as the
  // specs' own seek waits. With two workers on a machine at load 17-26 (session 18), a compare
  // view's two runs seeking to a moment took over 15 s (comparebranch, override specs' settled
  // waits for the seek's end), and ownership.spec's seek to 30 s stood at 22.8 s when 15 s ran out.
  expect: { timeout: 30_000 },
  // Two workers unless MESHSIM_WORKERS says otherwise (each worker takes whole files, in order:
  // fullyParallel stays off, all-scenarios.spec's last test sums what the file's earlier tests
  // wrote; it is named to sort first, so that longest file starts at once instead of running
  // alone at the end). At
  // one worker the browser tests kept one core busy and the other idle (session 19, helper C:
  // 189 s of wall for 197 s of CPU at low load); on a quiet machine two workers ran all 196 in
  // 9.1 min against 12.3 min at one, none flaky (session 19). Under heavy outside load (12-27)
  // robustness.spec's file stalled at t = 0 reached the app's 5 s start budget before the
  // engine's million-event guard (a different message); since session 20 the start waits for the
  // guard (a 60 s backstop), so the message no longer depends on the machine's speed.
  workers: Number(process.env.MESHSIM_WORKERS ?? 2),
  forbidOnly: !!process.env.CI,
  // `npm run sim`'s command bundled once for the run (MESHSIM_CLI_BUNDLE), for the specs that
  // compare with the CLI: spawned through tsx, each transpiled src/ first.
  globalSetup: './test/cli/globalSetup.ts',
  // On CI's shared 2-core machine a test that loses a race to load gets one more try; Playwright
  // reports it as flaky (in the list), and a test that fails twice fails the run.
  retries: process.env.CI ? 1 : 0,
  use: {
    baseURL: `http://localhost:${PORT}`,
    viewport: { width: 1440, height: 900 },
    browserName: 'chromium',
    // NOTE: `launch()` (what the test fixtures use) starts every browser with a fresh profile
    // in a new temporary user-data-dir (playwright_chromiumdev_profile-*) and deletes it on close.
    launchOptions: {
      ...(chromium ? { executablePath: chromium } : {}),
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        ...(jsFlags ? [`--js-flags=${jsFlags}`] : []),
        ...(features.length > 0 ? [`--disable-features=${features.join(',')}`] : []),
      ],
    },
    // A trace only for a failed test's retry (CI retries once): recording one for every test,
    // as 'retain-on-failure' does, took a third of the suite's time (layout.spec: 164 s with,
    // 111 s without, session 12). Locally, `npx playwright test --trace on` records them all.
    trace: 'on-first-retry',
    // Every test's page opens in a fresh profile, so without this each one installed the build's
    // service worker: it fetches every file again and Chromium compiles each script it caches,
    // about 1.2 s of CPU a page load (2.9 s -> 4.0 s to the first picture and 3 s after, median
    // of 5 loads). A person pays that once; offline.spec, whose behaviour it is, allows it.
    serviceWorkers: 'block',
  },
  // The offline project first: Playwright queues the projects' files in this order, and a
  // worker can only take files of the worker fixtures it was started with, so offline.spec's two
  // tests (30 s in session 28's CI) ran last, one worker busy with them while the other ended.
  // First, they run beside the start of all-scenarios.spec and the worker moves on to the rest.
  projects: [
    { name: 'offline', testMatch: /offline\.spec\.ts$/, use: { serviceWorkers: 'allow' } },
    { name: 'chromium', testIgnore: /offline\.spec\.ts$/ },
  ],
  webServer: {
    command: `npx vite preview --port ${PORT} --strictPort --outDir ${DIST}`,
    url: `http://localhost:${PORT}`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
