// The compare view (issue 12, item 1): a ready-made pair opened by its link, both panes on one
// clock under one set of controls, the figures table against each pane's own counters and the
// CLI's `compare`, a fault injected into both, where the runs first differ, and a share link.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, type Page } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { untilStill } from './fixtures/settle';
import { simCommand } from '../cli/spawnSim';
import { saveShot, shotPath } from './fixtures/shots';
import { logTexts, runStatusLog, textLog } from './fixtures/statusLog';
import { labelsOverBoxes, meshRegionProblems } from './fixtures/meshRegions';
import { labelGaps } from './fixtures/labelGaps';
import { sharedLink } from './fixtures/share';

const PAIR = '/?compare=retry-storm,retry-storm-fixed';

/**
 * Waits until no seek runs, neither pane is still being brought up to the other (after Pause or
 * Step the header says "pausing…" or "stepping…" until both stand at one time), and both runs
 * are paused, ready or finished.
 */
async function settled(page: Page) {
  await expect(page.getByTestId('timeline-seeking')).toHaveCount(0);
  await expect(page.getByTestId('run-status')).not.toHaveAttribute('data-settling', /./);
  await expect(page.getByTestId('run-status')).toHaveText(/paused|ready|finished/);
}

const pane = (page: Page, side: 'A' | 'B') => page.locator(`[data-testid="compare-pane"][data-side="${side}"]`);
const paneValue = async (page: Page, side: 'A' | 'B', id: string) => (await pane(page, side).getByTestId(id).getAttribute('data-value'))!;
const diffCell = (page: Page, key: string, side: 'A' | 'B' | 'ratio') => page.locator(`[data-testid="metrics-diff"] tr[data-key="${key}"] td[data-side="${side}"]`);
const diffValue = async (page: Page, key: string, side: 'A' | 'B' | 'ratio') => Number(await diffCell(page, key, side).getAttribute('data-value'));

/** A pane's node names' sizes on screen, px, in the drawing's order, once they stand still. */
const nameSizes = (page: Page, side: 'A' | 'B') =>
  untilStill(
    page,
    () => pane(page, side).locator('[data-node] text.topo-name').evaluateAll((els) => els.map((e) => Math.round(10 * parseFloat(getComputedStyle(e).fontSize) * (e as SVGGraphicsElement).getScreenCTM()!.a) / 10)),
    `pane ${side}'s node names`,
  );

/** Both panes' moment: time, counters and trace hash. */
async function moment(page: Page) {
  const one = async (side: 'A' | 'B') => ({
    t: await paneValue(page, side, 'pane-time'),
    sent: await paneValue(page, side, 'pane-sent'),
    failed: await paneValue(page, side, 'pane-failed'),
    hash: await paneValue(page, side, 'pane-hash'),
  });
  return { a: await one('A'), b: await one('B') };
}

async function open(page: Page, url = PAIR) {
  await page.goto(url);
  await expect(page.getByTestId('compare-pane')).toHaveCount(2);
  await expect(page.getByTestId('run-status')).toHaveText(/ready|paused/);
  await settled(page);
}

// One page for both: the run played, paused, stepped and seeked, then sent to its end (the end
// is the same whatever moment it is sent there from).
test('a ready-made pair plays, pauses, steps and seeks on one clock, and the figures table matches each pane; at the end, the figures and trace hashes are the CLI compare\'s, and the timeline marks where the runs first differ', async ({ page }) => {
  // The CLI runs while the page opens, plays and seeks.
  const cliRun = promisify(execFile)(...simCommand(['compare', 'scenarios/retry-storm.json', 'scenarios/retry-storm-fixed.json', '--json']), { encoding: 'utf8' });
  cliRun.catch(() => undefined); // awaited below, where a failure fails the test
  await page.setViewportSize({ width: 1600, height: 1000 });
  await open(page);
  await test.step('plays, pauses, steps and seeks on one clock; the figures table matches each pane', async () => {
    await expect(pane(page, 'A')).toContainText('retry-storm');
    await expect(pane(page, 'B')).toContainText('retry-storm-fixed');
    await page.getByTestId('speed').selectOption('10');
    await page.getByTestId('play').click();
    // Both panes move while playing, and neither gets ahead of the other by more than one frame's
    // step (at 10x, a frame is at most 100 ms of wall time: 1 s of simulated time). Then 1x, so
    // the run is still going when the test pauses it.
    // Sampled in the page, in one call, and only up to 15 s of the 40 s run: read from the test, one
    // sample took 1-1.6 s at load 8 (the page busy playing at 10x), and ten of them ran past the
    // run's end, so there was no Pause to click below.
    const gaps = await page.getByTestId('sim-time').evaluate(async (el) => {
      const out: number[] = [];
      for (let i = 0; i < 10 && Number(el.getAttribute('data-b')) < 15_000; i++) {
        // Both times read at once (two reads would straddle a frame).
        out.push(Math.abs(Number(el.getAttribute('data-a')) - Number(el.getAttribute('data-b'))));
        await new Promise((r) => setTimeout(r, 100));
      }
      return out;
    });
    console.log(`compare: while playing at 10x, the pane ahead led by at most ${Math.max(...gaps).toFixed(1)} ms of simulated time (${gaps.length} samples)`);
    expect(gaps.length).toBeGreaterThanOrEqual(3);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(1000 + 1e-6);
    await page.getByTestId('speed').selectOption('1');
    await expect.poll(async () => Number(await paneValue(page, 'A', 'pane-time')), { timeout: 30_000 }).toBeGreaterThan(2000);
    await expect.poll(async () => Number(await paneValue(page, 'B', 'pane-time')), { timeout: 30_000 }).toBeGreaterThan(2000);
    await page.getByTestId('pause').click();
    await settled(page);
    // One clock: both panes stopped at the same simulated time, and the table is of that moment.
    let m = await moment(page);
    expect(m.b.t).toBe(m.a.t);
    // The address bar's t is that moment, clean (three decimals of a ms at most, at most a
    // microsecond on): it was written exactly, float noise and all (2466.6666666666665ms).
    // The bar follows the pair through a throttled writer (addressBar.ts: at most one write every
    // 2 s while playing, written at once on the pause, then at most one every 500 ms while the
    // pause settles, the last one asked for always lands), so for up to half a second after the
    // pause it may still hold an earlier moment, itself clean (CI read it 234 ms behind the
    // pause): wait until it holds the paused moment, then it must be clean and at most a
    // microsecond on. Each read is the whole verdict, so a bar that stayed behind or unclean fails
    // here with its t.
    const clean = /^(\d+s|\d+(\.\d{1,3})?ms)$/;
    const barT = () => {
      const t = new URL(page.url()).searchParams.get('t') ?? '';
      const tMs = t.endsWith('ms') ? Number(t.slice(0, -2)) : Number(t.slice(0, -1)) * 1000;
      const off = tMs - Number(m.a.t);
      return `t=${t}: ${clean.test(t) ? 'clean' : 'not clean'}, ${off >= 0 && off <= 1e-3 ? 'at the paused moment' : `${off} ms from the paused moment ${m.a.t}`}`;
    };
    await expect.poll(barT, { message: "the address bar's t after the pause" }).toMatch(/: clean, at the paused moment$/);
    await expect(page.getByTestId('metrics-diff')).toHaveAttribute('data-at', m.a.t);
    for (const side of ['A', 'B'] as const) {
      expect(await diffValue(page, 'p99', side)).toBe(Number(await paneValue(page, side, 'pane-p99')));
      const sent = Number(await paneValue(page, side, 'pane-sent'));
      expect(await diffValue(page, 'rps', side)).toBeCloseTo((1000 * sent) / Number(m.a.t), 9);
      expect(await diffValue(page, 'failed', side)).toBe(sent > 0 ? Number(await paneValue(page, side, 'pane-failed')) / sent : 0);
    }
    // Step: one event in each, then the one behind runs up to the other.
    await page.getByTestId('step').click();
    await settled(page);
    m = await moment(page);
    expect(m.b.t).toBe(m.a.t);
    // Seek back a second with the keyboard, then to 20 s on the timeline: both go there.
    const before = Number(m.a.t);
    await page.locator('body').press('Shift+ArrowLeft');
    await settled(page);
    await expect.poll(async () => Number(await paneValue(page, 'A', 'pane-time'))).toBe(before - 1000);
    expect(await paneValue(page, 'B', 'pane-time')).toBe(String(before - 1000));
    const track = page.getByTestId('timeline');
    const box = (await track.boundingBox())!;
    await track.click({ position: { x: box.width / 2, y: box.height / 2 } });
    await settled(page);
    m = await moment(page);
    expect(Math.abs(Number(m.a.t) - 20_000)).toBeLessThan(40_000 / box.width + 1);
    expect(m.b.t).toBe(m.a.t);
    await expect(page.getByTestId('metrics-diff')).toHaveAttribute('data-at', m.a.t);
    expect(await diffValue(page, 'p99', 'A')).toBe(Number(await paneValue(page, 'A', 'pane-p99')));
    await saveShot(page, 'compare-1600x1000.png');
  });
  await test.step("the shared timeline is a slider as the single run's is: 0 to 40,000 ms, now at both panes' time, read as the clock reads", async () => {
    const t = await paneValue(page, 'A', 'pane-time');
    const slider = page.getByRole('slider', { name: /Simulated time of both runs/ });
    await expect(slider).toHaveAttribute('aria-valuemin', '0');
    await expect(slider).toHaveAttribute('aria-valuemax', '40000');
    await expect(slider).toHaveAttribute('aria-valuenow', String(Math.round(Number(t))));
    // The clock's own text (formatClock: 20.0 s reads '20.0 s', never rounded up).
    await expect(slider).toHaveAttribute('aria-valuetext', `${(Math.floor(Number(t) / 100 + 1e-9) / 10).toFixed(1)} s`);
    // Shift+→ (the view's keys) moves it a second on.
    await page.locator('body').press('Shift+ArrowRight');
    await settled(page);
    await expect(slider).toHaveAttribute('aria-valuenow', String(Math.round(Number(t) + 1000)));
  });
  await test.step('at the end: the figures and trace hashes are the CLI compare\'s; the timeline marks where the runs first differ', async () => {
    const m0 = Number(await paneValue(page, 'A', 'pane-time'));
    const t0 = Date.now();
    await page.locator('body').press('End');
    await expect(page.getByTestId('run-status')).toHaveText('finished', { timeout: 60_000 });
    console.log(`compare: both retry-storm runs seeked from ${m0 / 1000} s to their end (40 s) in ${Date.now() - t0} ms of wall time`);
    await settled(page);
    const cli = JSON.parse((await cliRun).stdout);
    const m = await moment(page);
    expect(m.a.hash).toBe(cli.a.traceHash);
    expect(m.b.hash).toBe(cli.b.traceHash);
    expect(m.a.sent).toBe(String(cli.a.requests.sent));
    for (const q of ['p50', 'p90', 'p99', 'mean'] as const) {
      expect(await diffValue(page, q, 'A')).toBe(cli.a.latencyMs[q]);
      expect(await diffValue(page, q, 'B')).toBe(cli.b.latencyMs[q]);
      expect(await diffValue(page, q, 'ratio')).toBe(cli.ratios[q]);
    }
    await expect(diffCell(page, 'p99', 'A')).toHaveText('558 ms');
    // B/A and, beside it, B - A as Istio quotes a sidecar's cost (trial N16, 6): 202.5 - 558 ms.
    const d99 = cli.b.latencyMs.p99 - cli.a.latencyMs.p99;
    expect(d99).toBeCloseTo(-355.5, 6);
    await expect(diffCell(page, 'p99', 'ratio').getByTestId('diff-delta')).toHaveText('-356 ms');
    await expect(diffCell(page, 'p99', 'ratio')).toHaveText('0.36x-356 ms');
    expect(await diffValue(page, 'failed', 'ratio')).toBeCloseTo(cli.ratios.failedShare, 12);
    expect(await diffValue(page, 'retries', 'ratio')).toBeCloseTo(cli.ratios.retries, 12);
    for (const n of ['web', 'orders', 'payments']) expect(await diffValue(page, `svc:${n}`, 'ratio')).toBeCloseTo(cli.ratios.services[n], 12);
    await expect(diffCell(page, 'svc:payments', 'A')).toHaveText('420 req/s');
    // The first visible difference: the storm's load on orders -> payments in the 10th second (the
    // fault's start; p99 apart only from the 25th), marked on the shared timeline.
    const marker = page.getByTestId('divergence-marker');
    await expect(marker).toHaveAttribute('data-ms', '10000');
    await expect(marker).toHaveAttribute('title', /^The runs first differ: 10\.0 s – 11\.0 s: orders -> payments carried 453 attempts in retry-storm, 82 in retry-storm-fixed \(0\.18x\)\. The rule: a first failure in one run only; or failed shares in one second more than 10 points and 4 standard errors apart; or p99s in one second more than 10% apart with 1,000 ok requests or more in each run/);
    await expect(page.getByTestId('divergence-text')).toContainText('First differ at 10.0 s');
    // Overlaid charts: a line per run in its own colour.
    await expect(page.getByTestId('compare-chart-latency').locator('path[data-pane="A"]')).toHaveCount(2);
    await expect(page.getByTestId('compare-chart-latency').locator('path[data-pane="B"]')).toHaveCount(2);
    await saveShot(page, 'compare-end-1600x1000.png');
  });
});

test('a fault injected once hits the node of that name in both panes, and a share link reopens the moment with both hashes', async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  await open(page);
  await page.getByTestId('speed').selectOption('10');
  await page.locator('body').press('Shift+ArrowRight');
  await page.locator('body').press('Shift+ArrowRight');
  await settled(page);
  await page.getByTestId('compare-fault-type').selectOption('kill-service');
  await page.getByTestId('compare-fault-target').selectOption('orders');
  await page.getByTestId('compare-inject').click();
  const listed = page.getByTestId('compare-fault');
  await expect(listed).toHaveCount(1);
  await expect(listed).toHaveAttribute('data-hit', 'AB');
  await expect(listed).toContainText('kill a service on orders at 2.0 s · in both');
  // Both runs fail from there on.
  await page.locator('body').press('Shift+ArrowRight');
  await page.locator('body').press('Shift+ArrowRight');
  await settled(page);
  expect(Number(await paneValue(page, 'A', 'pane-failed'))).toBeGreaterThan(0);
  expect(Number(await paneValue(page, 'B', 'pane-failed'))).toBeGreaterThan(0);
  const m = await moment(page);
  expect(m.b.t).toBe(m.a.t);
  // The first difference's sentence wraps beside the track, or goes under it, rather than
  // squeezing the track (~280 px at 1024x768 before).
  await expect(page.getByTestId('divergence-text')).toContainText('First differ');
  expect(await page.getByTestId('timeline').evaluate((t) => t.getBoundingClientRect().width)).toBeGreaterThanOrEqual(460);
  const link = await sharedLink(page);
  expect(new URL(link).searchParams.get('compare')).toBe('retry-storm,retry-storm-fixed');
  expect(new URL(link).searchParams.get('faults')).toBeTruthy();
  expect(new URL(link).searchParams.get('faultsB')).toBeTruthy();
  await page.screenshot({ path: shotPath('compare-fault-1024x768.png'), fullPage: true });
  await test.step('the link made closes as a popover does: a press elsewhere or Escape; a press in it keeps it', async () => {
    // It stayed under the sticky header for good, over the overlaid charts as the page scrolled.
    const field = page.getByTestId('share-link');
    await field.click();
    await expect(field).toBeVisible();
    await page.getByTestId('metrics-diff').locator('caption').click();
    await expect(field).toHaveCount(0);
    await page.getByTestId('share').click();
    await expect(field).toHaveValue(link);
    await page.keyboard.press('Escape');
    await expect(field).toHaveCount(0);
  });
  // Reopened as a new document in this tab, which the steps below go on from (a tab of its own
  // started a renderer more: the app keeps nothing of a document it leaves but localStorage, which
  // tabs share; the link's moment, faults and speed are what this page stood at).
  const fresh = page;
  // The status and the header clock's seek line from the first paint (trial T1, 8: no clear "done" while both seek).
  await logTexts(fresh, { status: '[data-testid="run-status"]', clock: '[data-testid="clock-seeking"]' });
  await fresh.goto(link);
  await expect(fresh.getByTestId('compare-pane')).toHaveCount(2);
  await expect.poll(() => paneValue(fresh, 'A', 'pane-time'), { timeout: 30_000 }).toBe(m.a.t);
  await settled(fresh);
  await test.step("while both runs seek to the link's moment the header says 'seeking to 4.0 s', not 'paused'", async () => {
    expect(await runStatusLog(fresh)).toEqual(['opening both…', 'seeking to 4.0 s', 'paused']);
  });
  await test.step("meanwhile the clock says which run is behind and how far it got ('seeking A to 4.0 s · 40%'); landed, the status carries the moment as data-ready", async () => {
    const lines = await textLog(fresh, 'clock');
    expect(lines.length).toBeGreaterThan(0);
    const seen = lines.map((t) => /^seeking ([AB]) to 4\.0 s · (\d{1,2})%$/.exec(t));
    expect(seen.every((m) => m !== null), lines.join(' | ')).toBe(true);
    for (const side of ['A', 'B']) {
      const shares = seen.filter((m) => m![1] === side).map((m) => Number(m![2]));
      expect(shares, `${side}: ${lines.join(' | ')}`).toEqual([...shares].sort((a, b) => a - b));
    }
    await expect(fresh.getByTestId('clock-seeking')).toHaveCount(0);
    await expect(fresh.getByTestId('run-status')).toHaveAttribute('data-ready', m.a.t);
    await expect(fresh.getByTestId('sim-time')).toHaveAttribute('data-value', m.a.t);
  });
  expect(await moment(fresh)).toEqual(m);
  await test.step("npm run sim -- replay on the link the view shared gives each pane's trace hash and counts (trial N7: it refused a compare link)", async () => {
    const [cmd, args] = simCommand(['replay', link, '--json']);
    const cli = JSON.parse((await promisify(execFile)(cmd, args, { cwd: process.cwd() })).stdout) as { a: { traceHash: string; requests: { sent: number; failed: number } }; b: { traceHash: string; requests: { sent: number; failed: number } }; atMs: number[]; actions: number[] };
    expect([cli.a.traceHash, cli.b.traceHash]).toEqual([m.a.hash, m.b.hash]);
    expect([cli.a.requests.sent, cli.a.requests.failed, cli.b.requests.sent, cli.b.requests.failed].map(String)).toEqual([m.a.sent, m.a.failed, m.b.sent, m.b.failed]);
    expect([cli.atMs, cli.actions]).toEqual([[Number(m.a.t), Number(m.b.t)], [1, 1]]);
  });
  await expect(fresh.getByTestId('compare-fault')).toHaveAttribute('data-hit', 'AB');
  await expect(fresh.getByTestId('speed')).toHaveValue('10');
  await expect(fresh.getByTestId('link-problems')).toHaveCount(0);
  // The compare form had a type, a target and "for" only: a latency went in at the catalog's
  // 100 ms, a slow replica at 20x, whatever was wanted. It now has the single view's fields.
  await test.step("the compare form has the single view's fields: a latency's delay of 250ms reaches both runs", async () => {
    await page.getByTestId('compare-fault-type').selectOption('latency');
    const delay = page.getByTestId('compare-fault-delay');
    await expect(delay).toHaveValue('100ms');
    await expect(page.locator('.compare-fault-form').getByLabel('delay')).toBeVisible();
    await delay.fill('250ms');
    await page.getByTestId('compare-fault-target').selectOption('web');
    await page.getByTestId('compare-inject').click();
    await expect(page.getByTestId('compare-fault')).toHaveCount(2);
    await expect(page.getByTestId('compare-fault').nth(1)).toHaveText('add latency on web at 4.0 s · in both');
    // Injected while paused, it is in force at once in both panes, as the same moment sought again
    // shows it: web's state line says so at 4.0 s (it waited for the next frame of play).
    for (const side of ['A', 'B'] as const) {
      await expect(pane(page, side).getByTestId('topology').locator('[data-node="web"] .topo-state tspan'), `${side}: web at 4.0 s`).toContainText([/⚡ (add )?latency/]);
    }
    expect(await paneValue(page, 'A', 'pane-time')).toBe('4000');
    await page.locator('body').press('Shift+ArrowRight');
    await settled(page);
    // At 1024x768 the panel covers the other pane: B is asked for by its button.
    for (const side of ['A', 'B'] as const) {
      await (side === 'A' ? pane(page, 'A').getByTestId('inspector-toggle') : page.getByTestId('inspect-other')).click();
      await pane(page, side).getByTestId('topology').locator('[data-node="web"]').click();
      await expect(page.getByTestId('inspector-about')).toContainText(`About ${side} · `);
      await expect(page.getByTestId('inspect-node').getByTestId('inspect-faults')).toContainText('⚡ add latency on web, +250 ms (since 4.00 s)');
    }
    await page.getByTestId('inspector-close').click();
    await page.getByTestId('compare-fault-type').selectOption('slow-replica');
    await expect(page.getByTestId('compare-fault-target')).toHaveValue('web');
    await expect(page.locator('.compare-fault-form').getByLabel('times slower')).toHaveValue('20');
    for (const [w, h] of [
      [1024, 768],
      [1600, 1000],
    ] as const) {
      await page.setViewportSize({ width: w, height: h });
      await page.locator('.compare-faults').evaluate((el) => el.scrollIntoView({ block: 'center' }));
      await saveShot(page, `compare-fault-form-${w}x${h}.png`);
    }
  });
});

test('a fault on a node only one pane has is said so, not skipped', async ({ page }) => {
  await page.setViewportSize({ width: 1600, height: 1000 });
  await open(page, '/?compare=gateway-only,mesh-only');
  await page.getByTestId('compare-fault-type').selectOption('gateway-capacity');
  await expect(page.getByTestId('compare-fault-target').locator('option')).toHaveText(['edge (only in A)']);
  await page.getByTestId('compare-inject').click();
  const listed = page.getByTestId('compare-fault');
  await expect(listed).toHaveAttribute('data-hit', 'A');
  await expect(listed).toContainText('shrink gateway capacity on edge at 0.0 s · in A only');
  await expect(listed).toContainText('B (mesh-only) has no node named edge: not injected there');
});

test('an unknown scenario in compare= is named with the scenarios there are, and the pairs are offered', async ({ page }) => {
  await page.goto('/?compare=retry-storm,no-such-mesh');
  await expect(page.getByTestId('link-problems')).toContainText('compare: unknown scenario "no-such-mesh" for B (scenarios: hello-mesh, ');
  await expect(page.getByTestId('compare-pane')).toHaveCount(0);
  await expect(page.getByTestId('compare-pairs').locator('a')).toHaveCount(8);
});

test('"Single view" from a link with one unknown side opens the side it named rightly, not the default scenario', async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.goto('/?compare=no-such-mesh,retry-storm-fixed');
  await expect(page.getByTestId('link-problems')).toContainText('compare: unknown scenario "no-such-mesh" for A');
  await expect(page.getByTestId('single-view')).toHaveAttribute('href', '?scenario=retry-storm-fixed');
  await test.step('with no pair to open, Share and Present are disabled and say why; f does not enter presenter mode', async () => {
    // Both stayed enabled: Share answered 'Nothing to share before both runs have opened', and
    // Present put the error page in presenter mode.
    await expect(page.getByTestId('share')).toBeDisabled();
    await expect(page.getByTestId('share')).toHaveAttribute('title', 'No pair to share: pick a pair below');
    await expect(page.getByTestId('presenter-toggle')).toBeDisabled();
    await expect(page.getByTestId('presenter-toggle')).toHaveAttribute('title', 'No pair to present: pick a pair below');
    await page.locator('body').press('f');
    await expect(page.getByTestId('presenter-toggle')).toHaveAttribute('aria-pressed', 'false');
    await expect(page.getByTestId('compare-pairs').locator('a')).toHaveCount(8);
  });
  await saveShot(page, 'compare-badlink-1024x768.png');
  await page.getByTestId('single-view').click();
  await expect(page.getByTestId('scenario-select')).toHaveValue('retry-storm-fixed');
  await expect(page.getByTestId('scenario-title')).toContainText('Retry storm, fixed');
});

test('the single view offers the pairs, and the compare view leads back to the single view at its moment', async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.goto('/?scenario=retry-storm');
  await expect(page.getByTestId('scenario-title')).toBeVisible();
  await page.getByTestId('compare-pair').filter({ hasText: 'Retry storm vs retries at one layer' }).click();
  await expect(page).toHaveURL(/\?compare=retry-storm,retry-storm-fixed/);
  await expect(page.getByTestId('compare-pane')).toHaveCount(2);
  await settled(page);
  await page.locator('body').press('Shift+ArrowRight');
  await settled(page);
  await expect(page.getByTestId('sim-time')).toHaveText('1.00 s');
  await saveShot(page, 'compare-1024x768.png');
  // The answer above the fold (trial T1, 6: the figures table was wholly below it at 1024x768).
  const verdict = page.getByTestId('compare-verdict');
  await expect(verdict).toContainText(/A vs B at 1\.00 s: failed \d[\d.]*% vs \d[\d.]*%/);
  const vb = await verdict.boundingBox();
  expect(vb!.y + vb!.height, 'the verdict line lies inside the 768 px window').toBeLessThanOrEqual(768);
  const namesBefore = { A: await nameSizes(page, 'A'), B: await nameSizes(page, 'B') };
  await test.step("each pane draws retry-storm's mesh shop as one region round api, web, orders and payments (it drew three) with no side under 12 units (it had a 9-unit notch), in presenter mode too, with no link label over a box", async () => {
    expect(await meshRegionProblems(page)).toEqual([]);
    expect(await labelsOverBoxes(page)).toEqual([]);
    await page.keyboard.press('f');
    await expect(page.getByTestId('compare-view')).toHaveAttribute('data-presenter', 'on');
    await settled(page);
    expect(await meshRegionProblems(page)).toEqual([]);
    expect(await labelsOverBoxes(page)).toEqual([]);
    await saveShot(page, 'compare-presenter-1024x768.png');
    await page.keyboard.press('f');
    await expect(page.getByTestId('compare-view')).not.toHaveAttribute('data-presenter', 'on');
    // Back in the narrow window's drawing, as before presenter mode (it kept the wide window's: captions, 11.6 px names).
    await settled(page);
    expect({ A: await nameSizes(page, 'A'), B: await nameSizes(page, 'B') }).toEqual(namesBefore);
    expect(Math.min(...namesBefore.A, ...namesBefore.B)).toBeGreaterThanOrEqual(12);
  });
  await test.step("Inspect in a pane at 1024x768 draws the panel over the other pane, naming whose run it asks about: the pane inspected keeps its picture whole (beside a 496 px pane the panel left it 176 px, drawn as 6 group tiles), in presenter mode too", async () => {
    for (const presenter of [false, true]) {
      if (presenter) {
        await page.keyboard.press('f');
        await expect(page.getByTestId('compare-view')).toHaveAttribute('data-presenter', 'on');
        await settled(page);
      }
      const closed = { A: await nameSizes(page, 'A'), B: await nameSizes(page, 'B') };
      for (const [side, other] of [['B', 'A'], ['A', 'B']] as const) {
        if (side === 'B') await pane(page, 'B').getByTestId('inspector-toggle').click();
        else await page.getByTestId('inspect-other').click();
        const panel = page.getByTestId('inspector');
        await expect(panel).toBeVisible();
        await expect(page.getByTestId('inspector-about')).toContainText(`About ${side} · `);
        await expect(pane(page, side).getByTestId('compare-inspecting')).toHaveCount(1);
        // Drawn in the other pane's dock, covering it, and not in the stage of the pane it asks.
        await expect(pane(page, other).getByTestId('inspector-dock').getByTestId('inspector')).toBeVisible();
        await expect(pane(page, side).locator('.compare-stage [data-testid="inspector"]')).toHaveCount(0);
        const [p, o] = [await pane(page, side).boundingBox(), await panel.boundingBox()];
        expect(o!.x + o!.width <= p!.x || o!.x >= p!.x + p!.width || o!.y + o!.height <= p!.y || o!.y >= p!.y + p!.height, `the panel lies clear of pane ${side}`).toBe(true);
        // The pane asked keeps its SVG picture; a click on its payments shows payments, of its run.
        await settled(page);
        await expect(pane(page, side).getByTestId('presenter-fold')).toHaveCount(0);
        await pane(page, side).getByTestId('topology').locator('[data-node="payments"]').click();
        await expect(page.getByTestId('inspect-node')).toContainText('payments');
        await expect(pane(page, side).getByTestId('presenter-fold')).toHaveCount(0);
        // Its node names as large as with the inspector closed (6 names at 12.9 px).
        const names = await nameSizes(page, side);
        expect(names.length, `pane ${side}'s node names`).toBe(6);
        expect(names.map((n, i) => Math.abs(n - closed[side][i])).every((d) => d < 0.1), `pane ${side}'s names ${names} px, closed ${closed[side]}`).toBe(true);
        await saveShot(page, `compare-inspect-${side}${presenter ? '-presenter' : ''}-1024x768.png`);
      }
      await page.getByTestId('inspector-close').click();
      await expect(page.getByTestId('inspector')).toHaveCount(0);
      await expect(page.getByTestId('inspector-dock').first()).toBeHidden();
    }
    await page.keyboard.press('f');
    await expect(page.getByTestId('compare-view')).not.toHaveAttribute('data-presenter', 'on');
  });
  await page.getByTestId('single-view').click();
  await expect(page.getByTestId('scenario-select')).toHaveValue('retry-storm');
  await expect(page.getByTestId('sim-time')).toHaveText('1.00 s');
});

test('each ready-made pair opens from the picker with both panes moving and the figures table filled', async ({ page }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1600, height: 1000 });
  for (const [a, b] of [['gateway-only', 'mesh-only'], ['two-meshes-direct', 'two-meshes-via-gateway'], ['istio-load-test-baseline', 'istio-load-test']]) {
    await open(page, `/?compare=${a},${b}`);
    await expect(page.getByTestId('compare-select')).toHaveValue(`${a},${b}`);
    await page.getByTestId('speed').selectOption('1');
    await page.getByTestId('play').click();
    await expect.poll(async () => Number(await paneValue(page, 'A', 'pane-sent')), { timeout: 30_000 }).toBeGreaterThan(0);
    await expect.poll(async () => Number(await paneValue(page, 'B', 'pane-sent')), { timeout: 30_000 }).toBeGreaterThan(0);
    await page.getByTestId('pause').click();
    await settled(page);
    const m = await moment(page);
    expect(m.b.t).toBe(m.a.t);
    expect(m.a.hash).not.toBe(m.b.hash);
    await expect(page.getByTestId('metrics-diff').locator('tbody tr')).not.toHaveCount(0);
    expect(await diffValue(page, 'rps', 'A')).toBeGreaterThan(0);
    await saveShot(page, `compare-${a}-1600x1000.png`);
  }
  // Two runs of one small scenario (a branch's link) at 1024x768: gateway-and-mesh's 9 nodes
  // missed the panes' 12 px floor in their roomy columns (10.8 px) and folded into 9 one-node
  // group tiles, names cut to 'ed…', 'fro…', 'bulk-ex…'; control-plane-boundary and l4-vs-l7 too.
  await test.step("at 1024x768 two runs of gateway-and-mesh are drawn whole in both panes, not as one-node tiles: every node's name in full, 11 px or more beside each pane's story, inside its pane, no link label over a node", async () => {
    await page.setViewportSize({ width: 1024, height: 768 });
    await open(page, '/?compare=gateway-and-mesh,gateway-and-mesh&t=12s');
    await expect(page.locator('[data-testid="compare-pane"] .topo-edge-label', { hasText: 'req/s' }).first()).toBeVisible();
    for (const side of ['A', 'B'] as const) {
      await expect(pane(page, side).getByTestId('presenter-fold')).toHaveCount(0);
      await expect(pane(page, side).locator('.topology-stage')).toHaveAttribute('data-view', 'svg');
      const sizes = await nameSizes(page, side);
      expect(sizes.length, `pane ${side}'s node names`).toBe(9);
      // 11 px with each pane's own story under its counters (C1, session 41: its step, figure and
      // text on two lines at this height cost the picture 12.7 -> 11.1 px); 12 px before it.
      expect(Math.min(...sizes), `pane ${side}'s smallest name, px`).toBeGreaterThanOrEqual(11);
      const names = await pane(page, side).evaluate((p) => {
        const stage = p.querySelector('.topology-stage')!.getBoundingClientRect();
        return Array.from(p.querySelectorAll('[data-node]')).map((n) => {
          const t = n.querySelector('text.topo-name')!;
          const r = t.getBoundingClientRect();
          const inside = r.left >= stage.left - 1 && r.right <= stage.right + 1 && r.top >= stage.top - 1 && r.bottom <= stage.bottom + 1;
          // A control plane's node is 'control-plane:<mesh>', named by its mesh.
          const name = n.getAttribute('data-node')!.replace(/^control-plane:/, '');
          return `${name}: ${t.textContent!.startsWith(name) ? 'whole' : `'${t.textContent}'`}${inside ? '' : ', cut by the pane'}`;
        });
      });
      expect(names.sort()).toEqual(['bulk-export', 'catalog', 'edge', 'frontend', 'inventory', 'old-app', 'scraper', 'shop', 'shoppers'].map((n) => `${n}: whole`));
      // Drawn in presenter mode's own columns (64 units, not 120): the labels still keep off every node part.
      const gaps = await labelGaps(pane(page, side));
      expect(gaps.length, `pane ${side}'s link labels`).toBeGreaterThanOrEqual(6);
      const nearest = gaps.reduce((a, g) => (g.gap < a.gap ? g : a));
      expect(nearest.gap, `pane ${side}: ${nearest.label} from ${nearest.part}, px`).toBeGreaterThan(0);
    }
    expect(await labelsOverBoxes(page)).toEqual([]);
    await saveShot(page, 'compare-small-whole-1024x768.png');
  });
});

test('a lone second of ok requests between gaps is drawn on the overlaid latency chart: retry-storm\'s 844 ms p99 at 25-26 s, where their p99s first differ', async ({ page }) => {
  // One opening at 26 s serves both sizes: the window shrinks on the same page and the chart is
  // drawn again at its new width.
  await page.setViewportSize({ width: 1600, height: 1000 });
  await open(page, `${PAIR}&t=26s`);
  for (const size of [
    { width: 1600, height: 1000 },
    { width: 1024, height: 768 },
  ]) {
    await page.setViewportSize(size);
    // The chart stands still at its new width: the same width and line across two frames.
    await untilStill(page, () => page.getByTestId('compare-chart-latency').evaluate((c) => [c.querySelector('svg')?.getBoundingClientRect().width, c.querySelector('path[data-series="A-p99"]')?.getAttribute('d')]), 'the latency chart');
    // Every try failed from 10 s to 25 s in A, so its p99 has a gap there; 25-26 s is one second
    // alone. A line through one point drew nothing, so the mark "first differ at 25.0 s: p99 830
    // ms" (before the links' tries were a sign: now at 10 s) pointed at an empty chart.
    await expect(page.getByTestId('divergence-text')).toContainText('First differ at 10.0 s');
    const chart = page.getByTestId('compare-chart-latency');
    const lone = await chart.locator('path[data-series="A-p99"]').evaluate((p) => {
      const d = p.getAttribute('d') ?? '';
      const piece = document.createElementNS('http://www.w3.org/2000/svg', 'path');
      piece.setAttribute('d', d.slice(d.lastIndexOf('M')));
      p.parentNode!.appendChild(piece);
      const box = piece.getBBox();
      const length = piece.getTotalLength();
      piece.remove();
      return { length, x: box.x, width: box.width };
    });
    // The tick spans the second, 1/40 of the 40 s axis.
    const plot = await chart.locator('svg').evaluate((s) => s.getBoundingClientRect().width);
    expect(lone.length).toBeGreaterThan(plot / 40 / 2);
    expect(lone.width).toBeGreaterThan(plot / 40 / 2);
    await chart.scrollIntoViewIfNeeded();
    await chart.screenshot({ path: shotPath(`compare-lone-second-${size.width}.png`) });
  }
});
