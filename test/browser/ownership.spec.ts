// The ownership view (issue 12.5): who applies each L7 feature on each path, with a feature two
// layers own flagged and its cost measured from the run; side by side in the compare view.
import { readFileSync } from 'node:fs';
import { expect, type Locator } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { World } from '../../src/models';
import { parseScenarioText } from '../../src/scenario';
import { saveShot } from './fixtures/shots';

/**
 * retry-storm's stacked retries as the model counts them, from a run of the shipped file in
 * Node: tries at payments (orders -> payments) per call ended on api -> web over the second
 * (fromS, toS], and the worst whole 5 s window ending by `toS` (the card's "worst 5 s": whole
 * buckets of the worker's series, seconds). The card must read these figures to the tenth.
 */
function retryStormCost(toS: number): { now: number; worst: number; worstFromS: number } {
  const parsed = parseScenarioText(readFileSync(new URL('../../scenarios/retry-storm.json', import.meta.url), 'utf8'));
  if (!parsed.ok) throw new Error(parsed.problems.map((p) => p.message).join('; '));
  const world = new World(parsed.scenario, parsed.scenario.seed);
  const { nodes, edges } = world.topology;
  const id = (name: string) => nodes.find((n) => n.name === name)!.id;
  const edge = (from: string, to: string) => edges.find((e) => e.from === id(from) && e.to === id(to))!.id;
  const [first, last] = [edge('api', 'web'), edge('orders', 'payments')];
  // Counts at each whole second, every event at or before it run.
  const at: { calls: number; tries: number }[] = [{ calls: 0, tries: 0 }];
  for (let s = 1; s <= toS; s++) {
    world.runUntil(s * 1000);
    at.push({ calls: world.edgeStats[first].requests, tries: world.edgeStats[last].attempts });
  }
  const ratio = (a: number, b: number) => (at[b].tries - at[a].tries) / (at[b].calls - at[a].calls);
  let worst = { v: -Infinity, from: 0 };
  for (let to = 5; to <= toS; to++) if (ratio(to - 5, to) > worst.v) worst = { v: ratio(to - 5, to), from: to - 5 };
  return { now: ratio(toS - 1, toS), worst: worst.v, worstFromS: worst.from };
}

// One page serves both sizes: opened paused at 20 s (a link's seek is exact), checked at
// 1600x1000 and, resized on the same page, at 1024x768 (the run is paused, so the figures are the
// same moment's). The card's figures are compared with the model's own for the windows it names:
// CI once read 22.4 at 19.6 s, where the run paused after playing, against a hand band of 27 +-
// 15% (the model's second-long windows from 12 s to 25 s read 24.7 to 32.9).
test('retry-storm: retries owned by the gateway and the sidecars are flagged with the tries at payments the model counts at 20 s (27.6, and the worst 5 s), at 1600x1000 and 1024x768', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const model = retryStormCost(20);
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto('/?scenario=retry-storm&t=20s');
  await expect(page.getByTestId('sim-time')).toHaveText('20.0 s', { timeout: 30_000 });
  await expect(page.getByTestId('run-status')).toHaveText('paused');
  await page.getByTestId('tab-ownership').click();
  const view = page.getByTestId('ownership');
  await expect(view).toBeVisible();
  await expect(view.getByTestId('ownership-cost').first()).toContainText('over the run so far');

  for (const size of [
    { width: 1600, height: 1000 },
    { width: 1024, height: 768 },
  ]) {
    await page.setViewportSize(size);
    const retries = view.locator('[data-testid="ownership-overlap"][data-feature="retries"]');
    await expect(retries).toContainText('Retries owned by gateway and sidecar');
    // The sidecars' like policies said once, their hops together (the box ran to five lines at 1024x768).
    await expect(retries).toContainText('gateway 2 retries on 5xx (api→web); sidecar 2 retries on 5xx (web→orders, orders→payments)');
    // Its cost from the run: tries at payments per request in the worker's last simulated second
    // (Frame.recent, as the link labels), the model's own figure for 19 s to 20 s, in the outage.
    const cost = retries.getByTestId('ownership-cost');
    await expect(cost).toContainText(/attempts at payments per user request in the last second \(19\.0 s to 20\.0 s\)/);
    // The ceiling is the meaning's last words ("= 27 attempts at payments for one request whose every try
    // fails"), not said again in the cost.
    await expect(retries.getByTestId('ownership-meaning')).toContainText('= 27 attempts at payments for one request whose every attempt fails.');
    await expect(cost).not.toContainText('when every attempt fails');
    const now = Number.parseFloat((await cost.textContent())!.replace(/^Cost: /, ''));
    expect(now, `the card's last second against the model's ${model.now}`).toBe(Math.round(model.now * 10) / 10);
    expect(Math.abs(now - 27) / 27).toBeLessThan(0.15);
    // The worst window is named by both of its ends, 5 s (and up to a frame's step) apart: it
    // read "at worst (5 s to 15.5 s)", taken for a window from 5 s.
    const worst = /([\d.]+) in the worst 5 s \((\d+\.\d) s to (\d+\.\d) s\)/.exec((await cost.textContent())!);
    expect(worst).not.toBeNull();
    // And it is the model's worst whole 5 s by 20 s, over the same window.
    expect(Number(worst![1]), `the card's worst 5 s against the model's ${model.worst} from ${model.worstFromS} s`).toBe(Math.round(model.worst * 10) / 10);
    expect(Number(worst![2])).toBe(model.worstFromS);
    // Both ends are shown to the tenth: compare tenths, not floats (20.3 - 15.3 is 4.999...).
    const span = (Math.round(Number(worst![3]) * 10) - Math.round(Number(worst![2]) * 10)) / 10;
    expect(span).toBeGreaterThanOrEqual(5);
    expect(span).toBeLessThanOrEqual(7);
    // Where, one line; the whole box 8 lines or fewer at 1024x768 (header, where, meaning 3, cost 3:
    // it ran to 10, the sidecars' policy and the 27 said twice, over the drawer's 175 px).
    const lines = (l: Locator) =>
      l.evaluate((el) => {
        const range = document.createRange();
        range.selectNodeContents(el);
        return new Set(Array.from(range.getClientRects()).map((r) => Math.round(r.bottom))).size;
      });
    if (size.width === 1024) {
      expect(await lines(retries.locator('.ownership-where'))).toBe(1);
      const [m, c] = [await lines(retries.getByTestId('ownership-meaning')), await lines(cost)];
      expect(1 + 1 + m + c, `meaning ${m} lines, cost ${c}`).toBeLessThanOrEqual(8);
    }

    // The path's table: who applies each feature on each hop.
    const table = view.getByTestId('ownership-table');
    await expect(table.locator('thead th')).toHaveText(['Feature', 'shoppers → api', 'api → web', 'web → orders', 'orders → payments']);
    const row = table.locator('[data-feature="retries"]');
    await expect(row).toHaveClass(/ownership-twice/);
    await expect(row.locator('td')).toHaveText(['', 'gateway 2 retries on 5xx', 'sidecar 2 retries on 5xx', 'sidecar 2 retries on 5xx']);
    await expect(table.locator('[data-feature="mtls"] td')).toHaveText(['no mTLS: plaintext', "gateway gateway's proxy to sidecar (PERMISSIVE)", 'sidecar sidecar to sidecar (PERMISSIVE)', 'sidecar sidecar to sidecar (PERMISSIVE)']);
    await expect(table.locator('[data-feature="load-balancing"]')).not.toHaveClass(/ownership-twice/);
    await saveShot(page, `ownership-${size.width}.png`);
  }
  expect(errors).toEqual([]);
});

test("retry-storm's first second of the outage: a figure over the config's 27 says why, at 1600x1000 and 1024x768; the card reads the same with the CPU slowed 6x", async ({ page }) => {
  let unhurried = '';
  for (const size of [
    { width: 1600, height: 1000 },
    { width: 1024, height: 768 },
  ]) {
    await page.setViewportSize(size);
    // The second load runs with the CPU slowed (page and worker), as under CI's load: the link's
    // seek then drew frames from 4 s on, and the card counted them as seen (CI read "2.7 in the
    // worst 5 s (4.0 s to 11.0 s)" where this load read none).
    const cdp = size.width === 1024 ? await page.context().newCDPSession(page) : null;
    await cdp?.send('Emulation.setCPUThrottlingRate', { rate: 6 });
    // 10.0 s to 11.0 s: the retries of requests that came in before payments began failing land
    // in this second, so it counts 56.6 tries at payments per request coming in, against the 27
    // the config allows a request. Without a word on it, a teacher reads a contradiction.
    await page.goto('/?scenario=retry-storm&t=11s');
    await expect(page.getByTestId('sim-time')).toHaveText('11.0 s', { timeout: 30_000 });
    // The drawer's tab is remembered across the loads of this test: open it only when folded.
    if ((await page.getByTestId('tab-ownership').getAttribute('aria-selected')) !== 'true') await page.getByTestId('tab-ownership').click();
    const cost = page.locator('[data-testid="ownership-overlap"][data-feature="retries"]').getByTestId('ownership-cost');
    await expect(cost).toContainText(/^Cost: \d+\.\d attempts at payments per user request in the last second \(10\.0 s to 11\.0 s\)/);
    const now = Number.parseFloat((await cost.textContent())!.replace(/^Cost: /, ''));
    expect(now).toBeGreaterThan(27);
    // The worst 5 s is the run's, from the worker's series up to 11 s, whatever frames the page
    // drew: the window from 6 s to 11 s, whole seconds (it was of the frames this view saw, none
    // opened unhurried, 4 s to 11 s in CI; before that it read 2.1 over 0 s to 11 s).
    await expect(cost).toContainText(/\d+\.\d in the worst 5 s \(6\.0 s to 11\.0 s\)/);
    await expect(cost).toContainText('in the worst 5 s (6.0 s to 11.0 s), ');
    await expect(cost).toContainText('; a window can pass 27: retries of earlier requests land in it');
    // The same link gives the same card, slowed or not.
    if (cdp === null) unhurried = (await cost.textContent())!;
    else await expect(cost).toHaveText(unhurried);
    await cost.scrollIntoViewIfNeeded();
    await saveShot(page, `ownership-outage-onset-${size.width}.png`);
    await cdp?.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    // Before the outage (1 try a request) the note is not there (once: the window does not change it).
    if (cdp !== null) continue;
    await page.goto('/?scenario=retry-storm&t=8s');
    await expect(page.getByTestId('sim-time')).toHaveText('8.00 s');
    await expect(page.getByTestId('tab-ownership')).toHaveAttribute('aria-selected', 'true');
    await expect(cost).toContainText(/^Cost: 1\.0 attempts at payments per user request in the last second/);
    await expect(cost).not.toContainText('a window can count more');
  }
});

test("gateway-and-mesh: the gateway owns keys, limits and versions; timeouts at gateway and sidecar are flagged with their timeout share and what the nesting does (the sidecar's 1 s fires first), at 1600x1000 and 1024x768", async ({ page }) => {
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto('/?scenario=gateway-and-mesh&t=30s');
  await expect(page.getByTestId('sim-time')).toHaveText('30.0 s');
  await page.getByTestId('tab-ownership').click();
  const view = page.getByTestId('ownership');
  const flags = view.getByTestId('ownership-overlap');
  await expect(flags).toHaveCount(1);
  await expect(flags).toHaveAttribute('data-feature', 'timeouts');
  await expect(flags).toContainText('Timeouts owned by gateway and sidecar');
  await expect(flags.getByTestId('ownership-cost')).toHaveText(/^Cost: \d+(\.\d)?% of user requests so far failed with timeout$/);
  await flags.getByRole('button', { name: 'show path' }).click();
  await expect(view.getByTestId('ownership-path')).toHaveValue('1');
  // The path menu names what is owned twice on each path.
  await expect(view.locator('[data-testid="ownership-path"] option').nth(1)).toHaveText('shoppers → edge → frontend → inventory  (timeouts owned twice)');
  await expect(view.locator('[data-testid="ownership-path"] option').nth(0)).toHaveText('shoppers → edge → frontend → catalog');
  const table = view.getByTestId('ownership-table');
  await expect(table.locator('[data-feature="authentication"] td').first()).toHaveText('gateway API key checked at edge');
  await expect(table.locator('[data-feature="api-versions"] td').first()).toHaveText('gateway v1 deprecated sunset at 40 s, v2');
  await expect(table.locator('[data-feature="timeouts"]')).toHaveClass(/ownership-twice/);
  // What owning timeouts twice means here, with the scenario's own numbers (overlapMeaning.ts).
  const meaning = flags.getByTestId('ownership-meaning');
  const said =
    "When inventory hangs, the sidecar's 1 s (250 ms a try, up to 3 tries) on frontend→inventory fires first; if no try answers, frontend answers 504. " +
    "The gateway's 2 s on edge→frontend spans that call: it fires only if frontend's answer takes over 2 s, and it passes that 504 on, not retrying it.";
  await expect(meaning).toHaveText(said);
  await expect(table.locator('[data-feature="timeouts"] .ownership-flag')).toHaveAttribute('title', said);
  for (const size of [
    { width: 1600, height: 1000 },
    { width: 1024, height: 768 },
  ]) {
    await page.setViewportSize(size);
    // Whole inside the card and the drawer, and at a readable size: no line cut off at either width.
    const [line, card, drawer] = [await meaning.boundingBox(), await flags.boundingBox(), await view.boundingBox()];
    expect(line!.x).toBeGreaterThanOrEqual(card!.x);
    expect(line!.x + line!.width).toBeLessThanOrEqual(Math.min(card!.x + card!.width, drawer!.x + drawer!.width) + 0.5);
    expect(await meaning.evaluate((e) => e.scrollWidth <= e.clientWidth + 1 && Number.parseFloat(getComputedStyle(e).fontSize) >= 12)).toBe(true);
    await meaning.scrollIntoViewIfNeeded();
    await saveShot(page, `ownership-nested-timeouts-${size.width}.png`);
  }
  // scraper's key is invalid: its path stops at edge with 401, said in the menu and above the table, with nothing
  // owned past edge (N9's trial: it was listed through to inventory, as if its retries and timeouts mattered).
  const scraper = view.locator('[data-testid="ownership-path"] option', { hasText: /^scraper/ });
  await expect(scraper).toHaveText('scraper → edge  (refused 401)');
  await view.getByTestId('ownership-path').selectOption({ label: 'scraper → edge  (refused 401)' });
  await expect(view.getByTestId('ownership-refused')).toHaveText("Every request on this path stops at edge with 401: scraper's credentials are invalid and edge checks an API key.");
  await expect(table.locator('thead th')).toHaveText(['Feature', 'scraper → edge']);
  for (const size of [
    { width: 1600, height: 1000 },
    { width: 1024, height: 768 },
  ]) {
    await page.setViewportSize(size);
    await view.getByTestId('ownership-refused').scrollIntoViewIfNeeded();
    await saveShot(page, `ownership-refused-path-${size.width}.png`);
  }
});

test('compare: retry-storm and retry-storm-fixed ownership side by side, retries owned twice only in A', async ({ page }) => {
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto('/?compare=retry-storm,retry-storm-fixed');
  const pair = page.getByTestId('compare-ownership');
  await expect(pair.getByTestId('ownership')).toHaveCount(2);
  const [a, b] = [pair.getByTestId('ownership').nth(0), pair.getByTestId('ownership').nth(1)];
  await expect(a).toContainText('A · retry-storm: who owns each L7 feature');
  await expect(b).toContainText('B · retry-storm-fixed: who owns each L7 feature');
  const retriesTwice = a.locator('[data-testid="ownership-overlap"][data-feature="retries"]');
  await expect(retriesTwice.getByTestId('ownership-cost')).toHaveText('Cost: no requests through it yet');
  await expect(retriesTwice.getByTestId('ownership-meaning')).toHaveText(
    "Retries multiply: each of the gateway's 3 attempts on api→web can start the sidecar's 3 on web→orders, each of those the sidecar's 3 on orders→payments: 3 × 3 × 3 = 27 attempts at payments for one request whose every attempt fails.",
  );
  await expect(b.getByTestId('ownership-clean')).toBeVisible();
  await expect(b.locator('[data-feature="retries"] td')).toHaveText(['', '', '', 'sidecar 2 retries on 5xx, budget 20%']);
  // Side by side: B's view starts right of A's, on the same row.
  const [ba, bb] = [await a.boundingBox(), await b.boundingBox()];
  expect(bb!.x).toBeGreaterThan(ba!.x + ba!.width - 1);
  expect(Math.abs(bb!.y - ba!.y)).toBeLessThan(2);
  await pair.scrollIntoViewIfNeeded();
  await saveShot(page, 'ownership-compare-1600.png');
});

test('config-rollout: the ownership view follows the retry policy the control plane rolls out at 20 s, and forgets it on a seek back', async ({ page }) => {
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto('/?scenario=config-rollout&t=10s');
  await expect(page.getByTestId('sim-time')).toHaveText('10.0 s');
  await page.getByTestId('tab-ownership').click();
  const view = page.getByTestId('ownership');
  await expect(view.getByTestId('ownership-as-of')).toHaveText('gateway, sidecar or the app, per hop, as the file starts; 1 config change to come');
  const table = view.getByTestId('ownership-table');
  const retries = table.locator('[data-feature="retries"]');
  await expect(table).not.toContainText('2 retries on 5xx');
  // Past 20 s: the change is made (each proxy takes it as its control plane pushes it).
  await page.locator('body').press('Shift+ArrowRight');
  for (let i = 0; i < 14; i++) await page.locator('body').press('Shift+ArrowRight');
  await expect(page.getByTestId('sim-time')).toHaveText('25.0 s');
  await expect(view.getByTestId('ownership-as-of')).toHaveText('gateway, sidecar or the app, per hop, with the 1 config change made by 25.0 s (the last at 20.0 s)');
  await expect(retries).toContainText('2 retries on 5xx');
  await saveShot(page, 'ownership-config-rollout-1600.png');
  // Back before 20 s: as the file starts again.
  await page.locator('body').press('Home');
  await expect(view.getByTestId('ownership-as-of')).toHaveText('gateway, sidecar or the app, per hop, as the file starts; 1 config change to come');
});
