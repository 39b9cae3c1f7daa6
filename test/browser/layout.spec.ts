// The screen at 1280x720 and 1024x768 (issue 11 item 8, and a new user's pass over it): one
// header row, nothing over the picture, the inspector beside the topology (never over a node),
// and presenter mode drawing the whole topology with node text at 14 px or more, folding what
// cannot fit rather than cutting it off. Every check reads bounding boxes in the page; each
// case saves a screenshot under test-results/.
import { readdirSync, readFileSync } from 'node:fs';
import { expect, type Page } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { settled } from './fixtures/settle';
import type { Box } from './fixtures/walkChecks';
import { saveShot } from './fixtures/shots';

/** Shipped scenarios of 60 nodes or fewer (the full load test is the canvas view's, scale.spec). */
const SCENARIOS = readdirSync('scenarios')
  .filter((f) => f.endsWith('.json') && f !== 'schema.json')
  .map((f) => JSON.parse(readFileSync(`scenarios/${f}`, 'utf8')) as { name: string; services?: unknown[]; gateways?: unknown[]; clients?: unknown[] })
  .filter((s) => (s.services?.length ?? 0) + (s.gateways?.length ?? 0) + (s.clients?.length ?? 0) <= 60)
  .map((s) => s.name);

/**
 * What is drawn, in page pixels: the stage, the node parts and texts (SVG), or the canvas
 * scene's labels and node count, and the boxes laid over or beside the stage.
 */
async function readScreen(page: Page) {
  return page.evaluate(() => {
    const box = (el: Element, what: string) => {
      const r = el.getBoundingClientRect();
      return { x: r.left, y: r.top, w: r.width, h: r.height, what };
    };
    const stageEl = document.querySelector('.topology-stage')!;
    const stage = box(stageEl, 'stage');
    const view = (stageEl as HTMLElement).dataset.view ?? '';
    const shown = (el: Element) => {
      const s = getComputedStyle(el);
      const r = el.getBoundingClientRect();
      return s.display !== 'none' && s.visibility !== 'hidden' && r.width > 0 && r.height > 0;
    };
    const nodes: Box[] = [];
    const texts: (Box & { px: number })[] = [];
    if (view === 'svg') {
      for (const g of Array.from(document.querySelectorAll('[data-testid="topology"] [data-node]'))) {
        const name = g.getAttribute('data-node');
        for (const part of Array.from(g.querySelectorAll('.topo-card-front, .topo-card-behind, .topo-client-body, .topo-control-body, .topo-cloud'))) {
          if (shown(part)) nodes.push(box(part, `node ${name} (${part.getAttribute('class')})`));
        }
        for (const t of Array.from(g.querySelectorAll('text'))) {
          const text = (t.textContent ?? '').trim();
          const m = (t as SVGTextElement).getScreenCTM();
          if (!text || !shown(t) || !m) continue;
          texts.push({ ...box(t, `${name}: "${text}"`), px: parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b) });
        }
      }
    }
    const canvas = document.querySelector('[data-testid="topology-canvas"]') as (HTMLCanvasElement & { meshsimDrawn?: { nodes: number; marks: { kind: string; x: number; y: number; w?: number; h?: number; text?: string; px?: number }[] } }) | null;
    const drawn = view === 'canvas' ? (canvas?.meshsimDrawn ?? null) : null;
    if (drawn && canvas) {
      const c = canvas.getBoundingClientRect();
      for (const m of drawn.marks) {
        if (m.kind !== 'label') continue;
        texts.push({ x: c.left + m.x, y: c.top + m.y, w: m.w ?? 0, h: m.h ?? 0, what: `canvas label "${m.text}"`, px: m.px ?? 0 });
      }
    }
    const overlays: Box[] = [];
    for (const [sel, what] of [
      ['[data-testid="legend-bar"]', 'legend button'],
      ['[data-testid="legend"]', 'legend'],
      ['.topo-tools', 'search and Fit'],
      ['[data-testid="inspector-toggle"]', 'Inspect button'],
      ['[data-testid="inspector"]', 'inspector'],
    ] as const) {
      const el = document.querySelector(sel);
      if (el && shown(el)) overlays.push(box(el, what));
    }
    const header = box(document.querySelector('.header')!, 'header');
    const nodeCount = Number(/(\d+) nodes/.exec(canvas?.getAttribute('aria-label') ?? '')?.[1] ?? NaN);
    return { stage, view, nodes, texts, overlays, header, drawnNodes: drawn?.nodes ?? null, nodeCount };
  });
}

const inside = (a: Box, b: Box, slack = 0.5) => a.x >= b.x - slack && a.y >= b.y - slack && a.x + a.w <= b.x + b.w + slack && a.y + a.h <= b.y + b.h + slack;
const hit = (a: Box, b: Box, slack = 0.5) => a.x + slack < b.x + b.w && b.x + slack < a.x + a.w && a.y + slack < b.y + b.h && b.y + slack < a.y + a.h;

/** Everything wrong with the screen, in words: cut-off nodes and labels, overlays over them. */
function problems(s: Awaited<ReturnType<typeof readScreen>>): string[] {
  const out: string[] = [];
  for (const n of [...s.nodes, ...s.texts]) if (!inside(n, s.stage)) out.push(`${n.what} is cut by the stage's edge (${n.x.toFixed(0)},${n.y.toFixed(0)} ${n.w.toFixed(0)}x${n.h.toFixed(0)})`);
  for (const o of s.overlays) for (const n of [...s.nodes, ...s.texts]) if (hit(o, n)) out.push(`${o.what} lies over ${n.what}`);
  return out;
}

async function open(page: Page, scenario: string) {
  await page.goto(`/?scenario=${scenario}`);
  await expect(page.locator('.topology-stage')).toHaveAttribute('data-drawn', scenario);
  await expect(page.getByTestId('run-status')).toHaveText('ready');
}

/*
 * The tests' page, one a worker (`pickerPage`, declared in fixtures/sharedPage.ts so that this
 * file shares the other specs' worker fixtures and runs in its turn): each scenario's test picks its scenario in the picker, as a
 * workshop moves from one to the next, rather than loading the app afresh (a fresh page compiles
 * the app and the engine again: 19 page loads, a third of this file's time). Each test leaves the
 * page as it found it (inspector closed, presenter mode off, nothing scrolled); a failed test's
 * worker is replaced, and with it this page. The first paint's test (STILL) and retry-storm's,
 * which plays its run and opens the drawer, open their own document on the worker's other page
 * (fixtures/sharedPage.ts: a fresh document in a renderer that has loaded the app before, put back
 * as a fresh page after the test; until session 25 a fresh context each, and every other test
 * here asked for one too, unused). Only they ask for `page`: it leaves its page at about:blank.
 */

/** Opens `scenario` on the picker page: a load the first time, the picker after. */
async function pick(page: Page, scenario: string) {
  if (!page.url().startsWith('http')) return open(page, scenario);
  await page.getByTestId('scenario-select').selectOption(scenario);
  await page.getByTestId('scenario-select').blur();
  await expect(page.locator('.topology-stage')).toHaveAttribute('data-drawn', scenario);
  await expect(page.getByTestId('run-status')).toHaveText('ready');
}

/** Lets a resize or a mode switch reach the drawing: waits until it stands still across two frames. */
const settle = settled;

/**
 * Scenarios folded into group tiles in presenter mode at 1024x768: the twenty-node load tests
 * (their compact layout reaches 10.9 and 11.6 px node text at the 824x525 stage).
 * control-plane-boundary, two-meshes-via-gateway and partial-adoption fit since presenter mode
 * keeps one state line under a box, tighter mesh padding and links, centres a control plane over
 * its whole mesh, or puts it beside the mesh when that is larger (15.6, 14.7 and 16.3 px).
 */
// control-plane-boundary-fixed (session 44's twin) folded here at 0.746 of its design size beside the
// story column (two meshes and their bridge over five columns); its file's layout puts shoppers under
// storefront (session 45), which draws it whole at 0.87 (15.7 px names).
const PRESENTER_FOLDED = ['istio-load-test', 'istio-load-test-baseline'];

/** Node texts of different nodes that overlap one another, in words. */
function textOverlaps(texts: readonly Box[]): string[] {
  const out: string[] = [];
  const owner = (t: Box) => t.what.split(':')[0];
  texts.forEach((a, i) => {
    for (const b of texts.slice(i + 1)) if (owner(a) !== owner(b) && hit(a, b, 1)) out.push(`${a.what} overlaps ${b.what}`);
  });
  return out;
}

/**
 * At the page's size (`size`), on retry-storm as opened (inspector closed, legend and drawer
 * folded): every control, the faults panel, the charts, the event log and the inspector can be
 * reached. Leaves the page as it found it: inspector closed, nothing scrolled.
 */
async function reachable(page: Page, size: { width: number; height: number }) {
  for (const id of ['scenario-select', 'play', 'step', 'reset', 'speed', 'share-link', 'presenter-toggle', 'theme-toggle', 'inspector-toggle', 'legend-toggle', 'zoom-reset', 'node-search', 'timeline', 'tab-charts', 'tab-events']) {
    await expect(page.getByTestId(id), id).toBeInViewport({ ratio: 1 });
  }
  // Glyph-only buttons keep their names for screen readers.
  await expect(page.getByRole('button', { name: 'Step' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Reset' })).toBeVisible();
  await expect(page.getByText('Open file…', { exact: true })).toBeAttached();
  // The faults panel is in the left column: it scrolls into view and its form works.
  const fault = page.getByTestId('fault-type');
  await fault.scrollIntoViewIfNeeded();
  await expect(fault).toBeInViewport({ ratio: 1 });
  await expect(page.getByTestId('fault-inject')).toBeInViewport();
  // The legend opens in the bar, and the picture re-fits under it.
  const before = (await page.locator('.topology-stage').boundingBox())!;
  await page.getByTestId('legend-toggle').click();
  await expect(page.getByTestId('legend')).toBeInViewport();
  await expect(page.getByTestId('legend')).toContainText('call failed');
  await expect.poll(async () => (await page.locator('.topology-stage').boundingBox())!.y).toBeGreaterThan(before.y);
  await settle(page);
  expect(problems(await readScreen(page))).toEqual([]);
  await page.getByTestId('legend-toggle').click();
  // Charts and the event log open in the drawer.
  await page.getByTestId('tab-charts').click();
  await expect(page.getByTestId('chart-latency')).toBeInViewport();
  await page.getByTestId('tab-events').click();
  await expect(page.getByTestId('event-log')).toBeInViewport();
  await saveShot(page, `layout-reach-${size.width}x${size.height}.png`);
  await page.getByTestId('tab-events').click();
  // The inspector opens beside the picture, whole.
  await page.getByTestId('inspector-toggle').click();
  await expect(page.getByTestId('inspector')).toBeInViewport({ ratio: 1 });
  await expect(page.getByTestId('inspector-close')).toBeInViewport({ ratio: 1 });
  await page.getByTestId('inspector-close').click();
  await expect(page.getByTestId('inspector')).toHaveCount(0);
  // The faults panel was scrolled into view: back to the top, as on opening.
  await page.evaluate(() => {
    for (const el of Array.from(document.querySelectorAll('*'))) if (el.scrollTop !== 0) el.scrollTop = 0;
    window.scrollTo(0, 0);
  });
  await settle(page);
}

/** Median on-screen size of the drawing's node texts, CSS px (the measure of issue 11's new-user pass). */
const medianPx = (texts: readonly { px: number }[]) => {
  const px = texts.map((t) => t.px).sort((a, b) => a - b);
  return px[Math.floor(px.length / 2)] ?? 0;
};

/** Shipped scenarios of 25 nodes or fewer (the size issue 11 asks readable text for). */
const SMALL = readdirSync('scenarios')
  .filter((f) => f.endsWith('.json') && f !== 'schema.json')
  .map((f) => JSON.parse(readFileSync(`scenarios/${f}`, 'utf8')) as { name: string; services?: unknown[]; gateways?: unknown[]; clients?: unknown[] })
  .filter((s) => (s.services?.length ?? 0) + (s.gateways?.length ?? 0) + (s.clients?.length ?? 0) <= 25)
  .map((s) => s.name);

/**
 * Scenarios whose node text stays under 9 px (median) at 1024x768 with the inspector closed, and
 * the least it reaches: istio-load-test's ten client-service pairs in a 3 x 4 grid (8.3 px when
 * measured) do not fit the 778 x 493 px stage at a larger scale.
 */
const CLOSED_BELOW_9: Record<string, number> = { 'istio-load-test': 8 };

/**
 * At 1280x720 on retry-storm, played at 10x past 3 s and paused, with the legend and the charts
 * open: the inspector shows five rows of its request list or more. Plays the run, so it comes last.
 */
async function inspectorRows(page: Page) {
  await page.getByTestId('speed').selectOption('10');
  await expect(async () => {
    const play = page.getByTestId('play');
    if (await play.isVisible()) await play.click({ timeout: 1000 });
    await expect.poll(async () => Number((await page.getByTestId('sim-time').textContent())!.replace(/[^0-9.]/g, '')), { timeout: 1500 }).toBeGreaterThan(3);
  }).toPass({ timeout: 30_000 });
  const pause = page.getByTestId('pause');
  if (await pause.isVisible()) await pause.click();
  await page.getByTestId('legend-toggle').click();
  await page.getByTestId('tab-charts').click();
  await expect(page.getByTestId('chart-latency')).toBeInViewport();
  await page.getByTestId('inspector-toggle').click();
  const panel = page.getByTestId('inspector');
  await panel.getByTestId('failed-only').uncheck();
  const rows = panel.getByTestId('request-list').locator('[data-request-id]');
  await expect.poll(() => rows.count()).toBeGreaterThan(5);
  await settle(page);
  // Rows whole inside the list's visible part and the panel's.
  const shown = await page.evaluate(() => {
    const clip = (a: DOMRect, b: DOMRect) => ({ top: Math.max(a.top, b.top), bottom: Math.min(a.bottom, b.bottom) });
    const panelBox = document.querySelector('[data-testid="inspector"]')!.getBoundingClientRect();
    const list = document.querySelector('.inspector-requests')!.getBoundingClientRect();
    const view = clip(panelBox, list);
    return {
      rows: Array.from(document.querySelectorAll('[data-testid="request-list"] [data-request-id]')).filter((r) => {
        const b = r.getBoundingClientRect();
        return b.top >= view.top - 0.5 && b.bottom <= view.bottom + 0.5;
      }).length,
      panelH: panelBox.height,
    };
  });
  await saveShot(page, 'readable-inspector-1280x720.png');
  expect(shown.rows, `rows in view in a ${shown.panelH.toFixed(0)} px panel`).toBeGreaterThanOrEqual(5);
}

/**
 * At 1024x768 on retry-storm, the inspector on payments: its callers table is cut by nothing, its
 * headers whole, every column inside the panel or scrolled to there. Closes the inspector.
 */
async function callersTable(page: Page) {
  await page.getByTestId('inspector-toggle').click();
  const panel = page.getByTestId('inspector');
  await panel.getByTestId('inspector-picker').selectOption({ label: 'payments' });
  await expect(panel.getByTestId('inspect-node').locator('h3')).toHaveText(/^payments/);
  // The table stands in a box that scrolls sideways (SideScroll), under a line naming what is out of view.
  const table = panel.locator('h4:has-text("Its callers\' breakers and ejections") + .inspect-scroll table');
  await expect(table.locator('th')).toHaveText(['caller → callee', 'active', 'pending', 'retries', 'conns', 'overfl.', 'panic', 'ejected']);
  const box = (await panel.boundingBox())!;
  type El = { scrollWidth: number; clientWidth: number; scrollLeft: number; textContent: string | null; getBoundingClientRect(): { left: number; right: number } };
  // Each column's header shows its whole word (none clipped by its cell).
  const clipped = await table.locator('th').evaluateAll((ths) => (ths as unknown as El[]).filter((t) => t.scrollWidth > t.clientWidth + 1).map((t) => t.textContent));
  expect(clipped).toEqual([]);
  // The table's scroll box ends inside the panel; scrolled to its end, its last column does too.
  const t = (await table.locator('xpath=..').boundingBox())!;
  expect(t.x + t.width).toBeLessThanOrEqual(box.x + box.width + 0.5);
  const last = await table.evaluate((el) => {
    const e = el.parentElement as unknown as El & { querySelector(s: string): El };
    e.scrollLeft = e.scrollWidth;
    const r = e.querySelector('th:last-child').getBoundingClientRect();
    return { left: r.left, right: r.right, wider: e.scrollWidth > e.clientWidth };
  });
  expect(last.right, `ejected header ${last.left.toFixed(0)}-${last.right.toFixed(0)}, panel ${box.x.toFixed(0)}-${(box.x + box.width).toFixed(0)}`).toBeLessThanOrEqual(box.x + box.width + 0.5);
  expect(last.left).toBeGreaterThanOrEqual(box.x);
  await table.evaluate((el) => ((el.parentElement as unknown as El).scrollLeft = 0));
  await saveShot(page, 'inspector-callers-1024x768.png');
  await page.getByTestId('inspector-close').click();
  await expect(page.getByTestId('inspector')).toHaveCount(0);
}

/** Checks of one scenario at one size: topology whole, under no overlay, closed and beside the open inspector (after Fit). */
async function wholeAndBeside(page: Page, name: string, size: { width: number; height: number }, closed: Awaited<ReturnType<typeof readScreen>>): Promise<string[]> {
  const found: string[] = [];
  // One header row (38 px buttons and padding), not two.
  expect(closed.header.h, `${name}: header height at ${size.width}x${size.height}`).toBeLessThanOrEqual(56);
  expect(closed.view).toBe('svg');
  expect(closed.nodes.length, name).toBeGreaterThan(0);
  found.push(...problems(closed).map((p) => `${name} at ${size.width}x${size.height}: ${p}`));
  await saveShot(page, `layout-${name}-${size.width}x${size.height}.png`);

  await page.getByTestId('inspector-toggle').click();
  await expect(page.getByTestId('inspector')).toBeVisible();
  // Beside the inspector the drawing keeps a readable scale (it may overflow the stage, the
  // readable-text check below sees to that); Fit shows it whole there.
  await page.getByTestId('zoom-reset').click();
  // Fit has taken: the picture is no longer the kept one cut at the stage's edges (a read two frames
  // after the click could still see it, CI at 28c8b7b: svc-07 and svc-08 cut at 1024x768).
  await expect(page.getByTestId('kept-note')).toHaveCount(0);
  await settle(page);
  const opened = await readScreen(page);
  // The stage shrank to the room the panel leaves, and the drawing re-fitted into it.
  expect(opened.stage.x + opened.stage.w, `${name}: stage's right edge with the inspector open at ${size.width}x${size.height}`).toBeLessThanOrEqual(opened.overlays.find((o) => o.what === 'inspector')!.x + 0.5);
  expect(opened.stage.w).toBeLessThan(closed.stage.w * 0.7);
  found.push(...problems(opened).map((p) => `${name} at ${size.width}x${size.height}, inspector open: ${p}`));
  if (name === 'hello-mesh' || name === 'istio-load-test') await saveShot(page, `layout-${name}-${size.width}x${size.height}-inspector.png`);
  await page.getByTestId('inspector-close').click();
  await expect(page.getByTestId('inspector')).toHaveCount(0);
  return found;
}

/**
 * Node text at 1024x768 with the inspector closed (`closed`, read on opening) and beside it, with
 * the last service box drawn inspected (picked by its name) and centred in view as far as the
 * drawing reaches; Fit shows the
 * whole picture again beside the inspector. Returns what is wrong and the figures (closed/open px).
 */
async function readableBeside(page: Page, name: string, closed: Awaited<ReturnType<typeof readScreen>>): Promise<{ found: string[]; figure: string }> {
  const found: string[] = [];
  expect(closed.view, name).toBe('svg');
  const closedPx = medianPx(closed.texts);
  if (closedPx < (CLOSED_BELOW_9[name] ?? 9)) found.push(`${name}: node text ${closedPx.toFixed(1)} px with the inspector closed`);
  const target = closed.nodes.filter((n) => n.what.includes('topo-card-front')).at(-1)!;
  const nodeName = /^node (\S+)/.exec(target.what)![1];
  await page.getByTestId('inspector-toggle').click();
  await page.getByTestId('inspector-picker').selectOption({ label: nodeName });
  await expect(page.getByTestId('inspect-node')).toBeVisible();
  await settle(page);
  const opened = await readScreen(page);
  const openPx = medianPx(opened.texts);
  if (openPx < 8) found.push(`${name}: node text ${openPx.toFixed(1)} px beside the inspector`);
  // The inspected node lies whole in the stage, under no overlay; when the picture is larger
  // than the stage it is centred there (within a tenth of the stage) on each axis, or as near as
  // the drawing reaches (53a96dc, fitPlace.ts): off centre toward a side only where the drawing
  // ends inside the stage on that side, so centring it further would leave empty room there.
  const seen = opened.nodes.find((n) => n.what === target.what);
  if (!seen || !inside(seen, opened.stage)) found.push(`${name}: ${nodeName} is not whole in the stage beside the inspector`);
  else {
    for (const o of opened.overlays) if (hit(o, seen)) found.push(`${name}: ${o.what} lies over ${nodeName}`);
    const overflows = opened.nodes.some((n) => !inside(n, opened.stage));
    const st = opened.stage;
    const [x0, x1] = [Math.min(...opened.nodes.map((n) => n.x)), Math.max(...opened.nodes.map((n) => n.x + n.w))];
    const [y0, y1] = [Math.min(...opened.nodes.map((n) => n.y)), Math.max(...opened.nodes.map((n) => n.y + n.h))];
    const dx = seen.x + seen.w / 2 - (st.x + st.w / 2);
    const dy = seen.y + seen.h / 2 - (st.y + st.h / 2);
    // Left of centre: the drawing's left end is in the stage (and so on for each side).
    const xHeld = Math.abs(dx) <= st.w / 10 || (dx < 0 ? x0 >= st.x - 0.5 : x1 <= st.x + st.w + 0.5);
    const yHeld = Math.abs(dy) <= st.h / 10 || (dy < 0 ? y0 >= st.y - 0.5 : y1 <= st.y + st.h + 0.5);
    if (overflows && !(xHeld && yHeld)) found.push(`${name}: ${nodeName} is ${Math.abs(dx).toFixed(0)},${Math.abs(dy).toFixed(0)} px off the stage's centre, though the drawing reaches past the stage on that side`);
  }
  if (['retry-storm', 'two-meshes-via-gateway', 'istio-load-test', 'control-plane-boundary'].includes(name)) {
    await saveShot(page, `readable-${name}-1024x768-inspector.png`);
  }
  // Fit shows the whole picture again beside the inspector.
  await page.getByTestId('zoom-reset').click();
  await settle(page);
  const fitted = await readScreen(page);
  found.push(...fitted.nodes.filter((n) => !inside(n, fitted.stage)).map((n) => `${name}: after Fit ${n.what} is cut by the stage's edge`));
  await page.getByTestId('inspector-close').click();
  await expect(page.getByTestId('inspector')).toHaveCount(0);
  return { found, figure: `${name} ${closedPx.toFixed(1)}/${openPx.toFixed(1)}` };
}

/** Presenter mode at 1024x768: the whole topology, node text at 14 px or more, or folded into tiles and said so; the same with the legend open. Leaves presenter mode. */
async function presenterWhole(page: Page, name: string): Promise<string[]> {
  const found: string[] = [];
  await page.keyboard.press('f');
  await expect(page.getByTestId('app')).toHaveClass(/presenter/);
  // Counters, clock and timeline stay.
  for (const id of ['sent-count', 'failed-count', 'sim-time', 'timeline']) await expect(page.getByTestId(id)).toBeInViewport({ ratio: 1 });
  await settle(page);
  let s = await readScreen(page);
  // Every picture of up to 25 nodes keeps the SVG drawing but those PRESENTER_FOLDED names.
  expect(s.view === 'canvas', `${name}: folded into group tiles in presenter mode`).toBe(PRESENTER_FOLDED.includes(name));
  if (s.view === 'canvas') {
    // Folded into group tiles: the page says so, and every node has its mark in the picture.
    await expect(page.getByTestId('presenter-fold')).toHaveAttribute('data-fold', 'groups');
    await expect(page.getByTestId('presenter-fold')).toBeVisible();
    await expect.poll(async () => (await readScreen(page)).drawnNodes, { message: `${name}: nodes drawn` }).toBe(s.nodeCount);
    s = await readScreen(page);
  } else {
    await expect(page.getByTestId('presenter-fold')).toHaveCount(0);
  }
  expect(s.texts.length, `${name}: texts drawn`).toBeGreaterThan(0);
  const smallest = s.texts.reduce((a, t) => (t.px < a.px ? t : a));
  if (smallest.px < 14) found.push(`${name}: ${smallest.what} is ${smallest.px.toFixed(1)} px`);
  found.push(...problems(s).map((p) => `${name}, presenter mode: ${p}`));
  if (s.view === 'svg') {
    // The compact layout fills the stage: the nodes span 60% of its width or height or more.
    const b = await page.locator('svg[data-testid="topology"] .topo-nodes').boundingBox();
    const fill = b ? Math.max(b.width / s.stage.w, b.height / s.stage.h) : 0;
    if (fill < 0.6) found.push(`${name}: the nodes span ${(fill * 100).toFixed(0)}% of the stage`);
    found.push(...textOverlaps(s.texts).map((p) => `${name}: ${p}`));
  }
  await saveShot(page, `presenter-${name}-1024x768.png`);
  // The same outcome with the legend open (a choice the browser keeps): its list takes 72 px of
  // the stage, and partial-adoption (545 px; 472 needed for 14 px text) folded into nine one-node
  // group tiles with it open and was drawn whole with it folded. The fold is judged without it.
  await page.getByTestId('legend-toggle').click();
  await expect(page.getByTestId('legend-toggle')).toHaveAttribute('aria-expanded', 'true');
  await settle(page);
  expect((await readScreen(page)).view, `${name}: drawn as before with the legend open in presenter mode`).toBe(s.view);
  await page.getByTestId('legend-toggle').click();
  await expect(page.getByTestId('legend-toggle')).toHaveAttribute('aria-expanded', 'false');
  await page.keyboard.press('f');
  await expect(page.getByTestId('app')).not.toHaveClass(/presenter/);
  return found;
}

/** The scenario whose page load also checks that nothing moves the stage: its timeline stacks a row of markers and its failures come in two causes. */
const STILL = 'partial-adoption';

/** Simulated ms up to which the first paint's checks read layout shifts and the counters' boxes. */
const STILL_UNTIL_MS = 1000;

/**
 * Before the page's scripts: keeps the stage's box at its first paint (`__firstStage`), sums
 * Chrome's layout shifts not caused by input while the clock reads `until` ms or less
 * (`__cls`), and, from the run's first 'ready' to then, notes each frame at which a counter's box
 * (x and width) differs from its box at that first 'ready' (`__stripMoved`: the figure's class,
 * the clock, the boxes). The clock bound makes the window one of simulated time: a read that
 * came late under load (played on to partial-adoption's step at 2 s, whose narrative shift is
 * 0.006-0.009) once summed 0.024.
 */
function watchFirstPaint(until: number) {
  const w = window as unknown as { __firstStage?: number[]; __cls: number; __stripMoved: string[] };
  w.__cls = 0;
  w.__stripMoved = [];
  const clock = () => Number(document.querySelector('[data-testid="sim-time"]')?.getAttribute('data-value') ?? 0);
  new PerformanceObserver((list) => {
    if (clock() > until) return;
    for (const e of list.getEntries() as unknown as { value: number; hadRecentInput: boolean }[]) if (!e.hadRecentInput) w.__cls += e.value;
  }).observe({ type: 'layout-shift', buffered: true });
  const first = () => {
    const el = document.querySelector('.topology-stage');
    if (!el) return requestAnimationFrame(first);
    const r = el.getBoundingClientRect();
    w.__firstStage = [r.x, r.y, r.width, r.height];
  };
  requestAnimationFrame(first);
  let ready: string[] | null = null;
  let why = false;
  const boxes = () => Array.from(document.querySelectorAll('.strip > .figure')).map((f) => {
    const r = f.getBoundingClientRect();
    return `${f.className.replace(/ figure-alarm/, '')} ${Math.round(r.x * 10) / 10}+${Math.round(r.width * 10) / 10}`;
  });
  const strip = () => {
    const t = clock();
    if (t > until) return;
    if (ready === null && document.querySelector('[data-testid="run-status"]')?.textContent === 'ready') ready = boxes();
    // The proxy figure's handshake share ('74% TLS handshakes', proxyCpuWhy.ts) widens it while
    // it shows: a change of its own, not the counts' or the causes' (not shown in a run's first
    // second since session 36, where it came and went). The boxes after it are held from then on.
    const whyNow = document.querySelector('[data-testid="proxy-cpu-why"]') !== null;
    if (ready !== null && whyNow !== why) ready = boxes();
    why = whyNow;
    if (ready !== null) {
      const now = boxes();
      const moved = now.filter((b, i) => b !== ready![i]);
      if ((moved.length > 0 || now.length !== ready.length) && w.__stripMoved.length < 5) w.__stripMoved.push(`at ${t} ms: ${moved.join('; ')} (at ready: ${ready.join('; ')})`);
      if (moved.length > 0) ready = now;
    }
    requestAnimationFrame(strip);
  };
  requestAnimationFrame(strip);
}

/**
 * On a page opened with watchFirstPaint: plays at 1x until the run is past STILL_UNTIL_MS of
 * simulated time with a failure's cause shown (partial-adoption's second cause, http-5xx, comes in
 * at 0.7-0.8 s), then the stage's box equals its box at the first paint (the header, timeline and
 * counters kept their sizes while the scenario loaded and its figures came in), no counter moved
 * or changed width from the run's 'ready' on (a count, a cause or a latency coming in; the proxy figure's handshake share coming or going, a change of its own, is let be), and the
 * layout shifts up to then sum to under 0.02. Pauses. It played at the 0.1x it opens with, 10 s
 * and more of wall time for the same simulated second: the figures change with simulated time,
 * not with the wall's. Not further: at 1024x768 the counters wrap to two rows around 11-12 s (the
 * stage 402 px tall rather than 490), which a read at a load-dependent later moment (played at
 * 10x) caught in one run and not in another.
 */
async function stageStill(page: Page, size: { width: number; height: number }) {
  const first = await page.evaluate(() => (window as unknown as { __firstStage?: number[] }).__firstStage);
  expect(first, 'the stage at its first paint').toBeDefined();
  await page.getByTestId('speed').selectOption('1');
  await page.getByTestId('play').click();
  await expect(page.getByTestId('failure-causes').locator('li:not(.causes-none)').first()).toBeVisible({ timeout: 30_000 });
  await expect.poll(async () => Number(await page.getByTestId('sim-time').getAttribute('data-value')), { timeout: 30_000 }).toBeGreaterThan(STILL_UNTIL_MS);
  const now = await page.evaluate(() => {
    const r = document.querySelector('.topology-stage')!.getBoundingClientRect();
    const w = window as unknown as { __cls: number; __stripMoved: string[] };
    return { box: [r.x, r.y, r.width, r.height], cls: w.__cls, stripMoved: w.__stripMoved };
  });
  await page.getByTestId('pause').click();
  await saveShot(page, `stage-still-${size.width}.png`);
  const tenths = (b: number[]) => b.map((v) => Math.round(v * 10) / 10);
  expect(tenths(now.box), `${size.width}x${size.height}: the stage's box (x, y, width, height) after play against its first paint`).toEqual(tenths(first!));
  console.log(`${STILL} at ${size.width}x${size.height}: stage ${tenths(now.box).join(', ')} from the first paint on; layout shifts ${now.cls.toFixed(4)} to ${STILL_UNTIL_MS} ms; counters moved: ${now.stripMoved.length === 0 ? 'none' : now.stripMoved.join(' | ')}`);
  expect(now.stripMoved, `${size.width}x${size.height}: the counters' boxes from 'ready' to ${STILL_UNTIL_MS} ms`).toEqual([]);
  expect(now.cls, `${size.width}x${size.height}: cumulative layout shift`).toBeLessThan(0.02);
}

// Every shipped scenario of 60 nodes or fewer, opened once: at 1024x768 (the topology whole
// closed and beside the inspector, readable node text for those of 25 nodes or fewer, presenter
// mode), then resized on the same page to 1280x720 (whole closed and beside the inspector). Each
// check starts with the inspector closed and presenter mode off, as on opening. retry-storm's page
// also serves the checks of the controls (at both sizes), of the callers table (1024x768) and,
// last since it plays the run, of the inspector's request list (1280x720).
const RETRY_STORM_CHECKS = ' at both sizes every control, the faults panel, the charts, the event log and the inspector can be reached; at 1024x768 the inspector\'s callers table is cut by nothing: its headers whole, every column inside the panel or scrolled to there; at 1280x720 with the legend and the charts open the inspector shows five rows of its request list or more';
// The picker page lives as long as its worker, which goes on to other files: leave its document
// at once, so a paused run's background fill does not share the CPU with them.
test.afterAll(async ({ pickerPage }) => {
  await pickerPage.goto('about:blank');
});

for (const name of SCENARIOS) {
  const small = SMALL.includes(name);
  const storm = name === 'retry-storm';
  const run = async (page: Page) => {
    await page.setViewportSize({ width: 1024, height: 768 });
    if (name === STILL) await page.addInitScript(watchFirstPaint, STILL_UNTIL_MS);
    if (name === STILL || storm) await open(page, name);
    else await pick(page, name);
    if (name === STILL) {
      await test.step("1024x768: the stage keeps its first paint's box through loading and play to 1 s (no counter moved, no layout shift of 0.02)", () => stageStill(page, { width: 1024, height: 768 }));
      // Back to the page as opened: time zero, ready.
      await page.getByTestId('reset').click();
      await expect(page.getByTestId('run-status')).toHaveText('ready');
    }
    await settle(page);
    const closed = await readScreen(page);
    const found: string[] = [];
    found.push(...(await wholeAndBeside(page, name, { width: 1024, height: 768 }, closed)));
    await settle(page);
    if (small) {
      const readable = await readableBeside(page, name, closed);
      console.log(`node text px at 1024x768, closed/open: ${readable.figure}`);
      found.push(...readable.found);
      await settle(page);
    }
    found.push(...(await presenterWhole(page, name)));
    if (storm) {
      await settle(page);
      await test.step('1024x768: every control, the faults panel, the charts, the event log and the inspector can be reached', () => reachable(page, { width: 1024, height: 768 }));
      await test.step("1024x768: the inspector's callers table is cut by nothing", () => callersTable(page));
    }
    await page.setViewportSize({ width: 1280, height: 720 });
    await settle(page);
    found.push(...(await wholeAndBeside(page, name, { width: 1280, height: 720 }, await readScreen(page))));
    expect(found).toEqual([]);
    if (storm) {
      await settle(page);
      await test.step('1280x720: every control, the faults panel, the charts, the event log and the inspector can be reached', () => reachable(page, { width: 1280, height: 720 }));
      await test.step('1280x720, played past 3 s, legend and charts open: five rows of the request list or more', () => inspectorRows(page));
    }
    if (name === STILL) {
      await test.step("1600x1000, opened again: the stage keeps its first paint's box through loading and play to 1 s (no counter moved, no layout shift of 0.02)", async () => {
        await page.setViewportSize({ width: 1600, height: 1000 });
        await open(page, name);
        await stageStill(page, { width: 1600, height: 1000 });
      });
    }
  };
  const title = `${name}: at 1024x768 and 1280x720 the topology lies whole in the stage, under no overlay, and beside the open inspector;${small ? ' at 1024x768 node text is 9 px or more (median) with the inspector closed and 8 px or more beside it, the inspected node centred in view;' : ''} presenter mode at 1024x768 draws it whole, node text at 14 px or more, or folds it and says so, the same with the legend open${storm ? `;${RETRY_STORM_CHECKS}` : ''}${name === STILL ? "; at 1024x768 and 1600x1000 the stage keeps its first paint's box through loading and play to 1 s, the counters theirs from 'ready' on" : ''}`;
  if (name === STILL || storm) test(title, ({ page }) => run(page));
  else test(title, ({ pickerPage }) => run(pickerPage));
}
