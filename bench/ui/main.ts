/// <reference lib="dom" />
// `npm run bench:ui`: how the app feels in headless Chromium at 1600x1000. A script, not a
// test: it prints figures (medians over --runs, default 3) as a table and as one JSON object,
// and checks nothing. It serves a build with `vite preview` on its own port (building one
// first when the folder has none, or with --build) and drives Debian's Chromium.
//
//   npm run bench:ui -- [--runs N] [--dist DIR] [--port P] [--build] [--json] [--only a,b]
//   (--only takes hello, inflight, presenter, istio, seek)
//                       [--trace FILE]
//
// --trace records a Chrome trace (CDP Tracing, devtools.timeline) of the full load test's 5 s of
// play in each run, writes the last to FILE, and prints each main-thread task over 50 ms with
// what took its time. Tracing slows the page: take figures from runs without it.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { distIsStale, initialJsGzipBytes } from './bundleSize';
import { inFlight20k } from './scenarios';
import { longTasks, type TraceEvent } from './traceSummary';

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
};
const RUNS = Math.max(1, Number(option('runs', '3')));
const DIST = option('dist', 'dist');
const PORT = Number(option('port', process.env.MESHSIM_BENCH_PORT ?? '4191'));
const ONLY = option('only', '').split(',').filter(Boolean);
const CHROMIUM = process.env.MESHSIM_CHROMIUM ?? '/usr/bin/chromium';
const TRACE = option('trace', '');
const VIEWPORT = { width: 1600, height: 1000 };
/** Wall time over which frames and long tasks are counted while a run plays. */
const PLAY_MS = 5000;
const BASE = `http://localhost:${PORT}`;

/** One measured figure per run; null with a reason when it could not be measured. */
type Figure = number | null;

interface RunFigures {
  /** maxLongestTaskMs: the longest main-thread task from picking max speed until the run is finished (test/browser/responsiveness.spec.ts checks the behaviour, this the figure). */
  helloMesh: { fps: Figure; longestTaskMs: Figure; firstTopologyMs: Figure; maxLongestTaskMs: Figure };
  inFlight20k: { fps: Figure; longestTaskMs: Figure; inFlight: Figure; dotsDrawn: Figure };
  istioFull: { openMs: Figure; openLongestTaskMs: Figure; fps: Figure; longestTaskMs: Figure; pauseMs: Figure; simSecondsPerWallSecond: Figure };
  seekMs: Figure;
  /** l4-vs-l7 in presenter mode: the longest task from pressing f until its presenter-size labels are drawn, then 5 s of play. */
  presenter: { enterLongestTaskMs: Figure; fps: Figure; longestTaskMs: Figure };
}

async function main(): Promise<void> {
  // Built when asked, or when dist/ is missing or older than its sources (a stale dist measured an old app).
  if (flag('build') || distIsStale(DIST, ['src', 'scenarios', 'index.html', 'vite.config.ts', 'package-lock.json'])) {
    if (!flag('build') && existsSync(`${DIST}/index.html`)) console.error(`${DIST}/ is older than the sources: building it`);
    const b = spawnSync('npx', ['vite', 'build', '--outDir', DIST, '--emptyOutDir'], { stdio: ['ignore', 'ignore', 'inherit'] });
    if (b.status !== 0) throw new Error(`vite build failed (exit ${b.status})`);
  }
  const server = await startPreview();
  const browser = await chromium.launch({
    ...(CHROMIUM ? { executablePath: CHROMIUM } : {}),
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const runs: RunFigures[] = [];
  const notes: Record<string, string> = {};
  try {
    for (let r = 0; r < RUNS; r++) {
      process.stderr.write(`run ${r + 1} of ${RUNS}\n`);
      runs.push(await oneRun(browser, notes));
    }
  } finally {
    await browser.close();
    server.kill();
  }
  const med = (pick: (r: RunFigures) => Figure) => median(runs.map(pick));
  const result = {
    viewport: `${VIEWPORT.width}x${VIEWPORT.height}`,
    runs: RUNS,
    helloMesh: {
      fps: med((r) => r.helloMesh.fps),
      longestTaskMs: med((r) => r.helloMesh.longestTaskMs),
      firstTopologyMs: med((r) => r.helloMesh.firstTopologyMs),
      maxLongestTaskMs: med((r) => r.helloMesh.maxLongestTaskMs),
    },
    inFlight20k: {
      fps: med((r) => r.inFlight20k.fps),
      longestTaskMs: med((r) => r.inFlight20k.longestTaskMs),
      inFlight: med((r) => r.inFlight20k.inFlight),
      dotsDrawn: med((r) => r.inFlight20k.dotsDrawn),
    },
    istioFull: {
      openMs: med((r) => r.istioFull.openMs),
      openLongestTaskMs: med((r) => r.istioFull.openLongestTaskMs),
      fps: med((r) => r.istioFull.fps),
      longestTaskMs: med((r) => r.istioFull.longestTaskMs),
      pauseMs: med((r) => r.istioFull.pauseMs),
      simSecondsPerWallSecond: med((r) => r.istioFull.simSecondsPerWallSecond),
    },
    seekMs: med((r) => r.seekMs),
    presenter: {
      enterLongestTaskMs: med((r) => r.presenter.enterLongestTaskMs),
      fps: med((r) => r.presenter.fps),
      longestTaskMs: med((r) => r.presenter.longestTaskMs),
    },
    initialJsGzipKB: round(initialJsGzipBytes(DIST) / 1024, 1),
    notes,
  };
  if (!flag('json')) printTable(result);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

/** Starts `vite preview` of DIST on PORT and resolves once it answers. */
async function startPreview(): Promise<{ kill: () => void }> {
  // Its own process group, so stopping it stops vite and not only npx.
  const child = spawn('npx', ['vite', 'preview', '--port', String(PORT), '--strictPort', '--outDir', DIST], { stdio: ['ignore', 'ignore', 'inherit'], detached: true });
  const stop = () => {
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      // already gone
    }
  };
  process.on('exit', stop);
  child.on('exit', (code) => {
    if (code) process.stderr.write(`vite preview exited with code ${code}\n`);
  });
  // 90 s: at load 18 (helpers' builds and specs beside it) `npx vite preview` took 10-35 s to answer.
  for (let i = 0; i < 450; i++) {
    try {
      if ((await fetch(BASE)).ok) return { kill: stop };
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  stop();
  throw new Error(`vite preview did not answer on port ${PORT}`);
}

// Installed before any page script: long tasks are buffered from the start.
const INIT = () => {
  const w = window as unknown as { __longtasks: { start: number; duration: number }[] };
  w.__longtasks = [];
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longtasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // no long-task API: the figure stays empty
  }
};

async function newPage(browser: Browser): Promise<Page> {
  const page = await browser.newPage({ viewport: VIEWPORT });
  // tsx keeps function names with an `__name` helper that the page does not have.
  await page.addInitScript('globalThis.__name = (f) => f;');
  await page.addInitScript(INIT);
  return page;
}

/**
 * Resolves when the topology of `name` is on screen: the canvas view marks its stage with
 * `data-drawn`, the SVG view has a `[data-node]` named `node`. Returns performance.now().
 */
async function waitTopology(page: Page, name: string, node: string, timeoutMs = 120_000): Promise<number> {
  await page.waitForFunction(
    ([n, d]) => !!document.querySelector(`[data-drawn="${n}"]`) || !!document.querySelector(`svg[data-testid="topology"] [data-node="${d}"]`),
    [name, node] as const,
    { timeout: timeoutMs, polling: 'raf' },
  ).catch(async () => {
    const shown = await page.evaluate(() => document.querySelector('[data-testid="run-status"]')?.textContent ?? 'no status');
    throw new Error(`the topology of ${name} was not drawn within ${timeoutMs / 1000} s (run status: ${shown})`);
  });
  return page.evaluate(() => performance.now());
}

async function statusIs(page: Page, text: string, timeout = 120_000): Promise<void> {
  await page.waitForFunction((t) => document.querySelector('[data-testid="run-status"]')?.textContent === t, text, { timeout }).catch(async () => {
    const shown = await page.evaluate(() => document.querySelector('[data-testid="run-status"]')?.textContent ?? 'no status');
    throw new Error(`the run status did not read "${text}" within ${timeout / 1000} s (it reads "${shown}")`);
  });
}

/** The longest main-thread task (ms) overlapping [t0, t1] (performance.now() ms); 0 when none passed 50 ms. */
async function longestTaskBetween(page: Page, t0: number, t1: number): Promise<number> {
  return page.evaluate(
    ([a, b]) =>
      (window as unknown as { __longtasks: { start: number; duration: number }[] }).__longtasks
        .filter((e) => e.start + e.duration >= a && e.start <= b)
        .reduce((m, e) => Math.max(m, e.duration), 0),
    [t0, t1] as const,
  );
}

/** Frames per second and the longest main-thread task over PLAY_MS of wall time. */
async function measurePlay(page: Page): Promise<{ fps: number; longestTaskMs: number }> {
  return page.evaluate(async (ms) => {
    const w = window as unknown as { __longtasks: { start: number; duration: number }[] };
    const t0 = performance.now();
    let frames = 0;
    await new Promise<void>((resolve) => {
      const tick = (t: number) => {
        frames++;
        if (t - t0 < ms) requestAnimationFrame(tick);
        else resolve();
      };
      requestAnimationFrame(tick);
    });
    const t1 = performance.now();
    // A task that overlaps the window counts.
    const longest = w.__longtasks.filter((e) => e.start + e.duration >= t0 && e.start <= t1).reduce((a, e) => Math.max(a, e.duration), 0);
    return { fps: (frames * 1000) / (t1 - t0), longestTaskMs: longest };
  }, PLAY_MS);
}

async function setSpeed(page: Page, id: string): Promise<void> {
  await page.selectOption('[data-testid="speed"]', id);
}

const readNumber = (page: Page, testId: string) =>
  page.evaluate((id) => Number((document.querySelector(`[data-testid="${id}"]`)?.textContent ?? '').replace(/[^\d.]/g, '')), testId);

const simTimeMs = (page: Page) => page.evaluate(() => Number(document.querySelector('[data-testid="timeline"]')?.getAttribute('aria-valuenow') ?? NaN));

async function oneRun(browser: Browser, notes: Record<string, string>): Promise<RunFigures> {
  const out: RunFigures = {
    helloMesh: { fps: null, longestTaskMs: null, firstTopologyMs: null, maxLongestTaskMs: null },
    inFlight20k: { fps: null, longestTaskMs: null, inFlight: null, dotsDrawn: null },
    istioFull: { openMs: null, openLongestTaskMs: null, fps: null, longestTaskMs: null, pauseMs: null, simSecondsPerWallSecond: null },
    seekMs: null,
    presenter: { enterLongestTaskMs: null, fps: null, longestTaskMs: null },
  };
  const want = (c: string) => ONLY.length === 0 || ONLY.includes(c);

  if (want('hello')) {
    const page = await newPage(browser);
    await page.goto(BASE);
    // performance.now() counts from navigation start.
    out.helloMesh.firstTopologyMs = round(await waitTopology(page, 'hello-mesh', 'frontend'));
    await page.click('[data-testid="play"]');
    await page.waitForTimeout(1000);
    Object.assign(out.helloMesh, roundAll(await measurePlay(page)));
    // Then at max speed to the end: the worker simulates as fast as its time budget allows and
    // the main thread only draws frames (responsiveness.spec.ts's run; its bound is this figure).
    const t0 = await page.evaluate(() => performance.now());
    await setSpeed(page, 'max');
    await statusIs(page, 'finished');
    out.helloMesh.maxLongestTaskMs = round(await page.evaluate((from) => (window as unknown as { __longtasks: { start: number; duration: number }[] }).__longtasks.filter((e) => e.start + e.duration >= from).reduce((a, e) => Math.max(a, e.duration), 0), t0));
    await page.close();
  }

  if (want('inflight')) {
    const page = await newPage(browser);
    await page.goto(BASE);
    await waitTopology(page, 'hello-mesh', 'frontend');
    await page.setInputFiles('[data-testid="scenario-file"]', { name: 'in-flight-20k.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(inFlight20k())) });
    await waitTopology(page, 'bench-in-flight-20k', 'svc-09');
    await setSpeed(page, '1');
    await page.click('[data-testid="play"]');
    // Little's law: 2 simulated seconds to fill up, and a few more while each client's
    // connection pool grows to its 2,000 concurrent requests (a new connection costs a round trip).
    await page
      .waitForFunction(() => Number(document.querySelector('[data-testid="timeline"]')?.getAttribute('aria-valuenow')) >= 8000, null, { timeout: 90_000 })
      .catch(() => {
        notes.inFlight20k = 'the run did not reach 8 simulated seconds within 90 s';
      });
    Object.assign(out.inFlight20k, roundAll(await measurePlay(page)));
    out.inFlight20k.inFlight = await readNumber(page, "in-flight-count");
    out.inFlight20k.dotsDrawn = await page.evaluate(() => Number(document.querySelector('[data-testid="traffic"]')?.getAttribute('data-dots') ?? NaN)).then((n) => (Number.isFinite(n) ? n : null));
    await page.close();
  }

  if (want('presenter')) {
    // Presenter mode lays the picture out again and places its link labels at presenter size,
    // where the placer tries spots further off and the short form (edgeLabelPlace.ts): once a
    // drawing, in the task that draws it.
    const page = await newPage(browser);
    await page.goto(`${BASE}/?scenario=l4-vs-l7`);
    await waitTopology(page, 'l4-vs-l7', 'postgres');
    await statusIs(page, 'ready');
    const t0 = await page.evaluate(() => performance.now());
    await page.keyboard.press('f');
    await page.waitForFunction(() => (document.querySelector<SVGTextElement>('svg[data-testid="topology"] .topo-edge-label')?.style.fontSize ?? '') === '16.5px', null, { timeout: 60_000 });
    await page.waitForTimeout(500);
    out.presenter.enterLongestTaskMs = round(await page.evaluate((from) => (window as unknown as { __longtasks: { start: number; duration: number }[] }).__longtasks.filter((e) => e.start + e.duration >= from).reduce((a, e) => Math.max(a, e.duration), 0), t0));
    await page.click('[data-testid="play"]');
    await page.waitForTimeout(1000);
    const played = roundAll(await measurePlay(page));
    out.presenter.fps = played.fps;
    out.presenter.longestTaskMs = played.longestTaskMs;
    await page.close();
  }

  if (want('istio')) {
    const page = await newPage(browser);
    await page.goto(BASE);
    await waitTopology(page, 'hello-mesh', 'frontend');
    const t0 = await page.evaluate(() => performance.now());
    await page.selectOption('[data-testid="scenario-select"]', 'istio-load-test-full');
    const t1 = await waitTopology(page, 'istio-load-test-full', 'svc-999');
    out.istioFull.openMs = round(t1 - t0);
    // The page's longest task from the pick to a second after the topology is drawn: how long the
    // tab stands frozen (no click, no scroll answered) while 1,000 services are opened.
    await page.waitForTimeout(1000);
    out.istioFull.openLongestTaskMs = round(await longestTaskBetween(page, t0, t1 + 1000));
    // The shipped file runs 4 simulated s, which the page now plays through within the 1 s + 5 s
    // measured here (0.65 simulated s a wall second at a load average of 1): play a 60 s copy, so
    // frames, tasks and the Pause click are taken while it runs.
    const long = { ...JSON.parse(readFileSync('scenarios/istio-load-test-full.json', 'utf8')), name: 'istio-load-test-full-60s', duration: '60s' };
    await page.setInputFiles('[data-testid="scenario-file"]', { name: 'istio-load-test-full-60s.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(long)) });
    await waitTopology(page, 'istio-load-test-full-60s', 'svc-999');
    await statusIs(page, 'ready');
    await setSpeed(page, '1');
    await page.click('[data-testid="play"]');
    await page.waitForTimeout(1000);
    const sim0 = await simTimeMs(page);
    const wall0 = Date.now();
    const tracing = TRACE ? await startTrace(page) : null;
    Object.assign(out.istioFull, roundAll(await measurePlay(page)));
    if (tracing) {
      const events = await tracing.stop();
      writeFileSync(TRACE, JSON.stringify({ traceEvents: events }));
      const long = longTasks(events);
      process.stderr.write(`trace: ${events.length} events in ${TRACE}; ${long.length} main-thread task(s) over 50 ms\n`);
      for (const t of long) process.stderr.write(`  at ${t.startMs} ms, ${t.durationMs} ms: ${t.inside.map((x) => `${x.name} ${x.selfMs}`).join(', ')}\n`);
    }
    const sim1 = await simTimeMs(page);
    out.istioFull.simSecondsPerWallSecond = round((sim1 - sim0) / (Date.now() - wall0), 3);
    out.istioFull.pauseMs = await pauseLatency(page);
    await page.close();
  }

  if (want('seek')) {
    const page = await newPage(browser);
    await page.goto(BASE);
    await waitTopology(page, 'hello-mesh', 'frontend');
    await page.selectOption('[data-testid="scenario-select"]', 'control-plane-outage');
    // Its own topology first: the status still reads hello-mesh's "ready" until it has loaded, and a
    // Play clicked then went to hello-mesh, and the new scenario stood at "ready".
    await waitTopology(page, 'control-plane-outage', 'orders');
    await statusIs(page, 'ready');
    await setSpeed(page, 'max');
    await page.click('[data-testid="play"]');
    await statusIs(page, 'finished');
    const box = (await page.locator('[data-testid="timeline"]').boundingBox())!;
    const duration = await page.evaluate(() => Number(document.querySelector('[data-testid="timeline"]')?.getAttribute('aria-valuemax')));
    const target = 90_000;
    const start = Date.now();
    await page.mouse.click(box.x + (box.width * target) / duration, box.y + box.height / 2);
    // The seek is over when the clock stands near 90 s and the run is paused there.
    const reached = await page
      .waitForFunction(
        (t) => {
          const v = Number(document.querySelector('[data-testid="timeline"]')?.getAttribute('aria-valuenow'));
          return Math.abs(v - t) < 1000 && document.querySelector('[data-testid="run-status"]')?.textContent === 'paused';
        },
        target,
        { timeout: 60_000, polling: 'raf' },
      )
      .then(
        () => true,
        () => false,
      );
    if (reached) out.seekMs = Date.now() - start;
    else notes.seekMs = 'a click on the timeline at 90 s did not bring the run to 90 s within 60 s';
    await page.close();
  }
  return out;
}

/** Starts a CDP trace of the page's timeline; `stop` ends it and gives its events. */
async function startTrace(page: Page): Promise<{ stop: () => Promise<TraceEvent[]> }> {
  const cdp = await page.context().newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (e) => void events.push(...(e.value as unknown as TraceEvent[])));
  await cdp.send('Tracing.start', {
    categories: 'devtools.timeline,disabled-by-default-devtools.timeline,disabled-by-default-devtools.timeline.frame,toplevel,v8.execute,blink,cc,gpu,disabled-by-default-v8.gc',
    transferMode: 'ReportEvents',
  });
  return {
    async stop() {
      const done = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
      await cdp.send('Tracing.end');
      await done;
      await cdp.detach();
      return events;
    },
  };
}

/**
 * Clicks Pause with the mouse (as a person would; the input waits for the main thread) and
 * returns the wall ms until the status reads "paused".
 */
async function pauseLatency(page: Page): Promise<Figure> {
  const box = await page.locator('[data-testid="pause"]').boundingBox();
  if (!box) return null;
  await page.evaluate(() => {
    const w = window as unknown as { __pausedAt: number };
    w.__pausedAt = 0;
    const el = document.querySelector('[data-testid="run-status"]')!;
    const mo = new MutationObserver(() => {
      if (el.textContent === 'paused' && !w.__pausedAt) {
        w.__pausedAt = performance.timeOrigin + performance.now();
        mo.disconnect();
      }
    });
    mo.observe(el, { childList: true, characterData: true, subtree: true });
  });
  const start = Date.now();
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await statusIs(page, 'paused', 60_000);
  const at = await page.evaluate(() => (window as unknown as { __pausedAt: number }).__pausedAt);
  return round(Math.max(0, at - start));
}

function median(xs: Figure[]): Figure {
  const v = xs.filter((x): x is number => x !== null && Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return null;
  return v.length % 2 ? v[(v.length - 1) / 2] : round((v[v.length / 2 - 1] + v[v.length / 2]) / 2, 1);
}

function round(x: number, digits = 1): number {
  const k = 10 ** digits;
  return Math.round(x * k) / k;
}

function roundAll<T extends Record<string, number>>(o: T): T {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, round(v)])) as T;
}

function printTable(r: {
  helloMesh: RunFigures['helloMesh'];
  inFlight20k: RunFigures['inFlight20k'];
  istioFull: RunFigures['istioFull'];
  seekMs: Figure;
  presenter: RunFigures['presenter'];
  initialJsGzipKB: number;
  notes: Record<string, string>;
  runs: number;
}): void {
  const f = (x: Figure, unit = '') => (x === null ? 'n/a' : `${x}${unit}`);
  const rows: [string, string, string][] = [
    ['hello-mesh: fps while playing', f(r.helloMesh.fps), ''],
    ['hello-mesh: longest task', f(r.helloMesh.longestTaskMs, ' ms'), ''],
    ['hello-mesh: longest task, max speed to the end', f(r.helloMesh.maxLongestTaskMs, ' ms'), '<= 50 ms'],
    ['time to first topology (hello-mesh, from navigation)', f(r.helloMesh.firstTopologyMs, ' ms'), ''],
    ['10 services, 20,000 in flight: fps', f(r.inFlight20k.fps), '>= 55'],
    ['10 services, 20,000 in flight: longest task', f(r.inFlight20k.longestTaskMs, ' ms'), ''],
    ['  requests in flight / dots drawn', `${f(r.inFlight20k.inFlight)} / ${f(r.inFlight20k.dotsDrawn)}`, ''],
    ['istio-load-test-full: open (pick to topology)', f(r.istioFull.openMs, ' ms'), '< 3000 ms'],
    ['istio-load-test-full: longest task opening it', f(r.istioFull.openLongestTaskMs, ' ms'), '<= 50 ms'],
    ['istio-load-test-full: fps while playing', f(r.istioFull.fps), '>= 30'],
    ['istio-load-test-full: longest task', f(r.istioFull.longestTaskMs, ' ms'), '<= 50 ms'],
    ['istio-load-test-full: pause latency', f(r.istioFull.pauseMs, ' ms'), '< 100 ms'],
    ['istio-load-test-full: simulated s per wall s', f(r.istioFull.simSecondsPerWallSecond), ''],
    ['seek, control-plane-outage 100 s -> 90 s', f(r.seekMs, ' ms'), '< 1000 ms'],
    ['l4-vs-l7 presenter mode: longest task entering it', f(r.presenter.enterLongestTaskMs, ' ms'), ''],
    ['l4-vs-l7 presenter mode: fps / longest task playing', `${f(r.presenter.fps)} / ${f(r.presenter.longestTaskMs, ' ms')}`, ''],
    ['initial JS, gzipped', `${r.initialJsGzipKB} KB`, '< 250 KB'],
  ];
  const w0 = Math.max(...rows.map((x) => x[0].length));
  const w1 = Math.max(...rows.map((x) => x[1].length));
  process.stdout.write(`median of ${r.runs} run${r.runs > 1 ? 's' : ''}, headless Chromium ${VIEWPORT.width}x${VIEWPORT.height}\n`);
  for (const [a, b, c] of rows) process.stdout.write(`${a.padEnd(w0)}  ${b.padStart(w1)}  ${c}\n`);
  for (const [k, v] of Object.entries(r.notes)) process.stdout.write(`note: ${k}: ${v}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`bench:ui: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
