// A page's start, phase by phase: from `goto` to the run's 'ready' (or a link's moment, paused),
// in a fresh context and in a page reused as fixtures/sharedPage.ts reuses one (about:blank
// between). A script, not a test: it prints medians and checks nothing.
//
//   npx tsx bench/ui/startPhases.ts   (env: PORTS=4416,4418 servers already running `vite preview`
//   of a build, alternated run by run; or BASES=http://localhost:4396/a,http://localhost:4396/b, two
//   builds under one server's sub-paths (`vite preview --outDir` of a folder holding a/ and b/: the
//   build's URLs are relative); RUNS=5; LINKS='?scenario=a|?scenario=b&t=30s'; NOFRESH=1)
//
// Columns, ms from the document's navigation start (medians): tGoto (goto resolved, Node's clock,
// from the call), tSeen (the 'ready' seen from Node), js (main chunk's response end), dcl,
// worker (the simulation worker's script fetched), fcp, stage (the topology's stage in the DOM),
// ready (the status read ready or paused, no seek, seen at an animation frame); the app's marks:
// main (main.tsx runs), spawn, loaded (the worker's load answered), first-frame; the worker's
// (its clock moved onto the page's): w-start (its timeOrigin), w:worker-eval (its script
// compiled and run), w:load-start, w:load-end; cpu: the whole browser's CPU ms (CDP
// SystemInfo.getProcessInfo, every process) from goto to 1.5 s after the ready, as a test's next
// steps would share it. Browser as playwright.config.ts launches it.
import { chromium, type Page } from '@playwright/test';
import config from '../../playwright.config';

const BASES = process.env.BASES ? process.env.BASES.split(',') : (process.env.PORTS ?? '4173').split(',').map((p) => `http://localhost:${p}`);
const RUNS = Number(process.env.RUNS ?? 5);
const LINKS = (process.env.LINKS ?? '?scenario=hello-mesh|?scenario=gateway-and-mesh|?scenario=retry-storm|?scenario=gateway-and-mesh&t=30s').split('|');

/** In the page before the app: notes when the stage and the settled status first show (plain JS: tsx's helpers do not reach the page). */
const WATCH = `(() => {
  const w = window;
  w.__start = {};
  function mark(k) { if (w.__start[k] === undefined) w.__start[k] = performance.now(); }
  function look() {
    const el = document.querySelector('[data-testid="run-status"]');
    if (document.querySelector('.topology-stage svg, [data-testid="topology-canvas"]')) mark('stage');
    if (el) {
      const t = (el.textContent || '').trim();
      if (!el.getAttribute('data-seeking-to') && (t === 'ready' || t === 'paused')) return mark('ready');
    }
    requestAnimationFrame(look);
  }
  requestAnimationFrame(look);
})()`;

const READ = `(() => {
  const n = performance.getEntriesByType('navigation')[0];
  const res = performance.getEntriesByType('resource');
  const at = (re) => { const e = res.find((x) => re.test(x.name)); return e ? Math.round(e.responseEnd) : -1; };
  const fcp = performance.getEntriesByType('paint').find((e) => e.name === 'first-contentful-paint');
  const marks = Object.fromEntries(performance.getEntriesByType('mark').filter((e) => e.name.startsWith('meshsim:')).map((e) => [e.name.slice(8), Math.round(e.startTime)]));
  const s = window.__start;
  return Object.assign({ js: at(/assets\\/index-.*\\.js/), dcl: Math.round(n.domContentLoadedEventEnd), worker: at(/sim\\.worker/), fcp: fcp ? Math.round(fcp.startTime) : -1, stage: Math.round(s.stage), ready: Math.round(s.ready) }, marks);
})()`;

/** Opens `link` in `page` and reads the phases once the run is ready (or at its link's moment). */
async function open(page: Page, base: string, link: string): Promise<Record<string, number>> {
  const cpu0 = await cpuMs();
  const t0 = Date.now();
  await page.goto(base + '/' + link);
  const tGoto = Date.now() - t0;
  await page.waitForFunction('window.__start.ready !== undefined', null, { polling: 100, timeout: 120_000 });
  const tSeen = Date.now() - t0;
  const r = (await page.evaluate(READ)) as Record<string, number>;
  const origin = (await page.evaluate('performance.timeOrigin')) as number;
  for (const w of page.workers()) {
    if (!/sim\.worker/.test(w.url())) continue;
    const wm = (await w.evaluate(`({ o: performance.timeOrigin, m: performance.getEntriesByType('mark').map((e) => [e.name, e.startTime]) })`).catch(() => null)) as { o: number; m: [string, number][] } | null;
    if (!wm || !wm.m.some(([n]) => n === 'meshsim:load-end')) continue;
    r['w-start'] = Math.round(wm.o - origin);
    for (const [n, t] of wm.m) r[`w:${n.slice(8)}`] = Math.round(wm.o - origin + t);
  }
  await new Promise((done) => setTimeout(done, 1500));
  return { tGoto, tSeen, ...r, cpu: Math.round((await cpuMs()) - cpu0) };
}

/** CPU ms of every process of the browser so far. */
async function cpuMs(): Promise<number> {
  const { processInfo } = (await (await cdp).send('SystemInfo.getProcessInfo')) as { processInfo: { cpuTime: number }[] };
  return 1000 * processInfo.reduce((sum, p) => sum + p.cpuTime, 0);
}

const browser = await chromium.launch({ ...(config.use?.launchOptions ?? {}) });
const cdp = browser.newBrowserCDPSession();
const opts = { viewport: { width: 1440, height: 900 }, serviceWorkers: 'block' as const };
const rows: Record<string, Record<string, number>[]> = {};
const shared: Record<string, Page> = {};
for (const base of BASES) {
  // A worker's page has opened the app before (its code cached): two opens first, not counted.
  shared[base] = await (await browser.newContext(opts)).newPage();
  await shared[base].addInitScript({ content: WATCH });
  for (const link of LINKS.slice(0, 2)) {
    await open(shared[base], base, link);
    await shared[base].goto('about:blank');
  }
}
for (let i = 0; i < RUNS; i++) {
  for (const link of LINKS) {
    for (const base of i % 2 ? [...BASES].reverse() : BASES) {
      const port = base.slice(base.lastIndexOf(':') + 1);
      if (!process.env.NOFRESH) {
        const context = await browser.newContext(opts);
        const page = await context.newPage();
        await page.addInitScript({ content: WATCH });
        (rows[`${port} fresh ${link}`] ??= []).push(await open(page, base, link));
        await context.close();
      }
      (rows[`${port} reuse ${link}`] ??= []).push(await open(shared[base], base, link));
      await shared[base].evaluate('localStorage.clear(); sessionStorage.clear()');
      await shared[base].goto('about:blank');
    }
  }
}
await browser.close();
const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
const byLink = (k: string) => k.slice(k.indexOf(' ') + 1);
for (const [k, v] of Object.entries(rows).sort(([a], [b]) => byLink(a).localeCompare(byLink(b)) || a.localeCompare(b))) {
  console.log(k.padEnd(52), Object.keys(v[0]).map((x) => `${x} ${median(v.map((r) => r[x] ?? -1))}`).join('  '));
}
