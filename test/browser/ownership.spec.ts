// The ownership view (issue 12.5): who applies each L7 feature on each path, with a feature two
// layers own flagged and its cost measured from the run; side by side in the compare view.
import { expect, test } from '@playwright/test';
import { shotPath } from './fixtures/shots';

// One page serves both sizes: opened at 13 s, played to past 18 s and paused at 1600x1000, then
// checked at 1600x1000 and, resized on the same page, at 1024x768 (the run is paused, so the
// figures are the same moment's).
test('retry-storm: retries owned by the gateway and the sidecars are flagged with about 27 tries at payments at 1600x1000 and 1024x768', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto('/?scenario=retry-storm&t=13s');
  await expect(page.getByTestId('sim-time')).toHaveText('13.0 s');
  await page.getByTestId('tab-ownership').click();
  const view = page.getByTestId('ownership');
  await expect(view).toBeVisible();
  // Opened while paused, it has the run so far; played on, the last second and the worst 5 s too.
  await expect(view.getByTestId('ownership-cost').first()).toContainText('over the run so far');
  // Played at 10x: the card's figures are the run's (the last second from the worker's frame,
  // the worst 5 s from the series' buckets), not the frames drawn, so 1x only waited 5 s longer.
  await page.getByTestId('speed').selectOption('10');
  await page.getByTestId('play').click();
  await expect.poll(async () => Number.parseFloat((await page.getByTestId('sim-time').textContent())!), { timeout: 60_000 }).toBeGreaterThan(18);
  await page.getByTestId('pause').click();

  for (const size of [
    { width: 1600, height: 1000 },
    { width: 1024, height: 768 },
  ]) {
    await page.setViewportSize(size);
    const retries = view.locator('[data-testid="ownership-overlap"][data-feature="retries"]');
    await expect(retries).toContainText('Retries owned by gateway and sidecar');
    await expect(retries).toContainText('gateway 2 retries on 5xx (api→web); sidecar 2 retries on 5xx (web→orders); sidecar 2 retries on 5xx (orders→payments)');
    // Its cost from the run: tries at payments per request in the worker's last simulated second
    // (Frame.recent, as the link labels), in the outage: 24.7 to 30.0 from 12 s to 25 s.
    const cost = retries.getByTestId('ownership-cost');
    await expect(cost).toContainText(/tries at payments per request in the last second \(\d+\.\d s to \d+\.\d s\)/);
    await expect(cost).toContainText('up to 27 tries at payments per request when every try fails');
    const now = Number.parseFloat((await cost.textContent())!.replace(/^Cost: /, ''));
    expect(Math.abs(now - 27) / 27).toBeLessThan(0.15);
    // The worst window is named by both of its ends, 5 s (and up to a frame's step) apart: it
    // read "at worst (5 s to 15.5 s)", taken for a window from 5 s.
    const worst = /in the worst 5 s \((\d+\.\d) s to (\d+\.\d) s\)/.exec((await cost.textContent())!);
    expect(worst).not.toBeNull();
    // Both ends are shown to the tenth: compare tenths, not floats (20.3 - 15.3 is 4.999...).
    const span = (Math.round(Number(worst![2]) * 10) - Math.round(Number(worst![1]) * 10)) / 10;
    expect(span).toBeGreaterThanOrEqual(5);
    expect(span).toBeLessThanOrEqual(7);

    // The path's table: who applies each feature on each hop.
    const table = view.getByTestId('ownership-table');
    await expect(table.locator('thead th')).toHaveText(['Feature', 'shoppers → api', 'api → web', 'web → orders', 'orders → payments']);
    const row = table.locator('[data-feature="retries"]');
    await expect(row).toHaveClass(/ownership-twice/);
    await expect(row.locator('td')).toHaveText(['', 'gateway 2 retries on 5xx', 'sidecar 2 retries on 5xx', 'sidecar 2 retries on 5xx']);
    await expect(table.locator('[data-feature="mtls"] td').nth(1)).toHaveText("gateway gateway's proxy to sidecar (PERMISSIVE)");
    await expect(table.locator('[data-feature="load-balancing"]')).not.toHaveClass(/ownership-twice/);
    await page.screenshot({ path: shotPath(`ownership-${size.width}.png`) });
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
    await expect(cost).toContainText(/^Cost: \d+\.\d tries at payments per request in the last second \(10\.0 s to 11\.0 s\)/);
    const now = Number.parseFloat((await cost.textContent())!.replace(/^Cost: /, ''));
    expect(now).toBeGreaterThan(27);
    // The worst 5 s is the run's, from the worker's series up to 11 s, whatever frames the page
    // drew: the window from 6 s to 11 s, whole seconds (it was of the frames this view saw, none
    // opened unhurried, 4 s to 11 s in CI; before that it read 2.1 over 0 s to 11 s).
    await expect(cost).toContainText(/\d+\.\d in the worst 5 s \(6\.0 s to 11\.0 s\)/);
    await expect(cost).toContainText('up to 27 tries at payments per request when every try fails; a window can count more than 27, since retries of requests that came in before it land in it');
    // The same link gives the same card, slowed or not.
    if (cdp === null) unhurried = (await cost.textContent())!;
    else await expect(cost).toHaveText(unhurried);
    await cost.scrollIntoViewIfNeeded();
    await page.screenshot({ path: shotPath(`ownership-outage-onset-${size.width}.png`) });
    await cdp?.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    // Before the outage (1 try a request) the note is not there.
    await page.goto('/?scenario=retry-storm&t=8s');
    await expect(page.getByTestId('sim-time')).toHaveText('8.00 s');
    await expect(page.getByTestId('tab-ownership')).toHaveAttribute('aria-selected', 'true');
    await expect(cost).toContainText(/^Cost: 1\.0 tries at payments per request in the last second/);
    await expect(cost).not.toContainText('a window can count more');
  }
});

test('gateway-and-mesh: the gateway owns keys, limits and versions; timeouts at gateway and sidecar are flagged with their timeout share', async ({ page }) => {
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
  const table = view.getByTestId('ownership-table');
  await expect(table.locator('[data-feature="authentication"] td').first()).toHaveText('gateway API key checked at edge');
  await expect(table.locator('[data-feature="api-versions"] td').first()).toHaveText('gateway v1 deprecated sunset at 40 s, v2');
  await expect(table.locator('[data-feature="timeouts"]')).toHaveClass(/ownership-twice/);
});

test('compare: retry-storm and retry-storm-fixed ownership side by side, retries owned twice only in A', async ({ page }) => {
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto('/?compare=retry-storm,retry-storm-fixed');
  const pair = page.getByTestId('compare-ownership');
  await expect(pair.getByTestId('ownership')).toHaveCount(2);
  const [a, b] = [pair.getByTestId('ownership').nth(0), pair.getByTestId('ownership').nth(1)];
  await expect(a).toContainText('A · retry-storm: who owns each L7 feature');
  await expect(b).toContainText('B · retry-storm-fixed: who owns each L7 feature');
  await expect(a.locator('[data-testid="ownership-overlap"][data-feature="retries"]')).toContainText('no requests through it yet; up to 27 tries at payments per request when every try fails');
  await expect(b.getByTestId('ownership-clean')).toBeVisible();
  await expect(b.locator('[data-feature="retries"] td')).toHaveText(['', '', '', 'sidecar 2 retries on 5xx, budget 20%']);
  // Side by side: B's view starts right of A's, on the same row.
  const [ba, bb] = [await a.boundingBox(), await b.boundingBox()];
  expect(bb!.x).toBeGreaterThan(ba!.x + ba!.width - 1);
  expect(Math.abs(bb!.y - ba!.y)).toBeLessThan(2);
  await pair.scrollIntoViewIfNeeded();
  await page.screenshot({ path: shotPath('ownership-compare-1600.png') });
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
  await page.screenshot({ path: shotPath('ownership-config-rollout-1600.png') });
  // Back before 20 s: as the file starts again.
  await page.locator('body').press('Home');
  await expect(view.getByTestId('ownership-as-of')).toHaveText('gateway, sidecar or the app, per hop, as the file starts; 1 config change to come');
});
