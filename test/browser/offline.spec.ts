// The static site (issue 12.8): the build served by a plain static file server under a sub-path
// opens, loads scenarios and runs them with no backend; its share link keeps the sub-path; once
// loaded it reopens and runs offline (the service worker's cache); and a newer build served in
// its place takes over at the next visit instead of the cached one.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { saveShot } from './fixtures/shots';
import { sharedLink } from './fixtures/share';

/** The build under test (as playwright.config.ts serves it), and where this test serves it. */
const DIST = process.env.MESHSIM_DIST ?? 'dist';
const PORT = Number(process.env.MESHSIM_SUBPATH_PORT ?? 4188);
const PREFIX = '/deep/sub/path/';
const BASE = `http://localhost:${PORT}${PREFIX}`;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.webmanifest': 'application/manifest+json',
};

/**
 * A static file server as a host would run one: files of `root()` under PREFIX, `index.html` for
 * a folder, 404 for anything else (no fallback, no API). It records every path asked for. A
 * request `held(url)` gives a promise for is answered once that promise settles (as a slow
 * network answers late), and counted in `waiting` meanwhile.
 */
function staticServer(root: () => string, down: () => boolean, held: (url: string) => Promise<void> | null) {
  const asked: string[] = [];
  const refused: string[] = [];
  const waiting = { count: 0 };
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', BASE).pathname);
    // Down, as a host that went away: the connection is dropped unanswered.
    if (down()) return void (refused.push(path), req.socket.destroy());
    const hold = held(req.url ?? '/');
    if (hold) {
      waiting.count++;
      return void hold.then(() => {
        waiting.count--;
        answer(path, res);
      });
    }
    answer(path, res);
  });
  const answer = (path: string, res: ServerResponse) => {
    asked.push(path);
    if (!path.startsWith(PREFIX)) return void res.writeHead(404).end('not under the sub-path');
    let rel = normalize(path.slice(PREFIX.length));
    if (rel.startsWith('..')) return void res.writeHead(403).end();
    if (rel === '.' || rel.endsWith('/')) rel = join(rel, 'index.html');
    const file = join(root(), rel);
    if (!existsSync(file)) return void res.writeHead(404).end('no such file');
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  };
  return { server, asked, refused, waiting };
}

const num = async (page: Page, id: string) => Number((await page.getByTestId(id).textContent())!.replace(/[^0-9.]/g, ''));

/** Waits until this page is controlled by the build's service worker (it claims the page on activation). */
const controlled = (page: Page) =>
  page.waitForFunction(() => (globalThis as unknown as { navigator: { serviceWorker: { controller: unknown } } }).navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });

let root = DIST;
let down = false;
/** While set, requests for the file `gate.path` (under PREFIX) wait for `gate.open`. */
let gate: { path: string; open: Promise<void> } | null = null;
const { server, asked, refused, waiting } = staticServer(() => root, () => down, (url) => (gate && new URL(url, BASE).pathname === PREFIX + gate.path ? gate.open : null));
let tmp = '';

test.beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'meshsim-offline-'));
  await new Promise<void>((resolve) => server.listen(PORT, 'localhost', resolve));
});
test.afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(tmp, { recursive: true, force: true });
});

test('the build runs from a static server under a sub-path, and offline once loaded', async ({ page, context }) => {
  test.setTimeout(180_000);
  root = DIST;
  await page.setViewportSize({ width: 1600, height: 1000 });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: `http://localhost:${PORT}` });
  await page.goto(`${BASE}?scenario=mesh-only`);
  await expect(page.locator('[data-drawn="mesh-only"]')).toBeVisible({ timeout: 60_000 });
  await page.getByTestId('play').click();
  await expect.poll(() => num(page, 'sent-count'), { timeout: 30_000 }).toBeGreaterThan(20);
  await page.getByTestId('pause').click();
  // Every file the app asked for (the worker, the scenarios, the service worker) lies under the sub-path.
  expect(asked.length).toBeGreaterThan(3);
  expect(asked.filter((p) => !p.startsWith(PREFIX))).toEqual([]);
  expect(asked.some((p) => /\/assets\/sim\.worker-[\w-]+\.js$/.test(p))).toBe(true);

  // The share link keeps the sub-path and reopens the same moment there.
  const link = await sharedLink(page);
  expect(link.startsWith(`${BASE}?scenario=mesh-only&`)).toBe(true);
  const hash = (await page.getByTestId('trace-hash').textContent())!.trim();
  const time = (await page.getByTestId('sim-time').textContent())!.trim();
  const again = await context.newPage();
  await again.goto(link);
  await expect(again.getByTestId('sim-time')).toHaveText(time, { timeout: 60_000 });
  await expect(again.getByTestId('trace-hash')).toHaveText(hash);
  await again.close();

  // Another scenario from the picker loads from the build, no server behind it.
  await page.getByTestId('scenario-select').selectOption('retry-storm');
  await expect(page.locator('[data-drawn="retry-storm"]')).toBeVisible({ timeout: 60_000 });
  await controlled(page);

  // Offline, and the server gone too: the page reloads from the service worker's cache and
  // still runs a scenario. (Playwright's offline mode leaves the browser's own check for a newer
  // service worker on the network; with the server down that check fails, as it would on a train.)
  await context.setOffline(true);
  down = true;
  await page.reload();
  await expect(page.locator('[data-drawn]')).toBeVisible({ timeout: 60_000 });
  await page.getByTestId('scenario-select').selectOption('gateway-only');
  await expect(page.locator('[data-drawn="gateway-only"]')).toBeVisible({ timeout: 60_000 });
  await page.getByTestId('play').click();
  await expect.poll(() => num(page, 'sent-count'), { timeout: 30_000 }).toBeGreaterThan(20);
  await expect(page.getByTestId('run-status')).toHaveText('running');
  // The exporters, loaded lazily, come from the cache too.
  await page.getByTestId('export-menu').click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
  expect(readFileSync((await download.path())!, 'utf8')).toMatch(/^t_start_s,t_end_s,/);
  await page.keyboard.press('Escape');
  expect(refused.filter((p) => !/\/(sw|workbox-[\w-]+)\.js$/.test(p))).toEqual([]);
  await saveShot(page, 'offline-1600.png');
  await page.setViewportSize({ width: 1024, height: 768 });
  await saveShot(page, 'offline-1024.png');
  await context.setOffline(false);
  down = false;
});

test('a newer build served in place of the cached one takes over at the next visit', async ({ page }) => {
  test.setTimeout(120_000);
  // Build B: the same files with a marker in index.html; its service worker lists the new revision.
  const b = join(tmp, 'dist-b');
  cpSync(DIST, b, { recursive: true });
  writeFileSync(join(b, 'index.html'), readFileSync(join(b, 'index.html'), 'utf8').replace('<head>', '<head>\n    <meta name="meshsim-build" content="B" />'));
  const sw = readFileSync(join(b, 'sw.js'), 'utf8');
  expect(sw).toMatch(/url:"index\.html",revision:"[0-9a-f]+"/);
  writeFileSync(join(b, 'sw.js'), sw.replace(/(url:"index\.html",revision:")[0-9a-f]+"/, '$1build-b"'));

  root = DIST;
  await page.goto(`${BASE}?scenario=hello-mesh`);
  await expect(page.locator('[data-drawn="hello-mesh"]')).toBeVisible({ timeout: 60_000 });
  await controlled(page);
  await expect(page.locator('meta[name="meshsim-build"]')).toHaveCount(0);
  // index.html changed on the server but the worker not: pages come from the cache (A), so the
  // reload below into B is the new worker's doing, not the server's.
  const stale = join(tmp, 'dist-stale');
  cpSync(b, stale, { recursive: true });
  writeFileSync(join(stale, 'sw.js'), sw);
  root = stale;
  await page.reload();
  await expect(page.locator('[data-drawn="hello-mesh"]')).toBeVisible({ timeout: 60_000 });
  await expect(page.locator('meta[name="meshsim-build"]')).toHaveCount(0);
  // Deployed B: the next visit is first served from A's cache, finds B's worker, and reloads into B.
  // B's worker installs by fetching B's index.html (its new revision; the page itself comes from
  // A's cache, asked for as the folder, never as index.html): that answer waits until the visit's
  // page is drawn, so B takes over a page that has started
  // (the takeover listener is main.tsx's first line). Under load the browser's own check for a
  // newer worker (about a second after a navigation; the stale visit's one too) could find B and
  // let it take over while the page's scripts still loaded, a takeover nobody was listening for:
  // the page then stayed on A (failed once in session 23, passed on rerun).
  let open!: () => void;
  gate = { path: 'index.html', open: new Promise<void>((r) => (open = r)) };
  try {
    root = b;
    await page.reload();
    await expect(page.locator('[data-drawn="hello-mesh"]')).toBeVisible({ timeout: 60_000 });
    // Served from A's cache, and B's worker found: it is installing, waiting for B's index.html.
    await expect(page.locator('meta[name="meshsim-build"]')).toHaveCount(0);
    await expect.poll(() => waiting.count, { timeout: 60_000, message: "B's worker asks for B's index.html" }).toBeGreaterThan(0);
    open();
    await expect(page.locator('meta[name="meshsim-build"]')).toHaveCount(1, { timeout: 60_000 });
    await expect(page.locator('[data-drawn="hello-mesh"]')).toBeVisible({ timeout: 60_000 });
  } finally {
    open();
    gate = null;
  }
});
