// Trial N15, finding 4: an Envoy audience reads failures by their access log's response flags. The
// CLI prints `timeout 81 [UT]`; the app said only the words. The failed list and the waterfall now
// give the flag beside the words, from the same table (src/models/envoy/responseFlags.ts), with
// what Envoy's access log docs say it means on hover; a call whose retries ran out shows URX.
import { expect } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { settled } from './fixtures/settle';
import { saveShot } from './fixtures/shots';
import { openRequests, openRetryStormRequests } from './fixtures/requestList';

const SIZES = [
  [1600, 1000],
  [1024, 768],
] as const;

test('gateway-only at 40 s: the failed list and the waterfall read "timeout [UT]" as the CLI does, the flag saying Envoy\'s meaning on hover (1600x1000, 1024x768)', async ({ page }) => {
  await page.setViewportSize({ width: SIZES[0][0], height: SIZES[0][1] });
  const panel = await openRequests(page, 'gateway-only', '40s');
  await panel.getByTestId('request-only').selectOption('timeout');
  await expect(panel.getByTestId('follow-requests')).toHaveAttribute('aria-busy', 'false');
  const rows = panel.getByTestId('request-list').locator('[data-request-id]');
  await expect(rows.first()).toBeVisible();
  const n = await rows.count();
  expect(n).toBeGreaterThan(0);
  // Every timeout row carries [UT]; its tooltip is Envoy's words.
  await expect(rows.locator('[data-testid="envoy-flag"]')).toHaveCount(n);
  for (const t of await rows.locator('[data-testid="envoy-flag"]').allTextContents()) expect(t).toBe('[UT]');
  await expect(rows.first().getByTestId('envoy-flag')).toHaveAttribute('title', "UT: Upstream request timeout, in addition to a 504 response code\n(Envoy's access log, %RESPONSE_FLAGS%)");
  await rows.first().click();
  const fall = panel.getByTestId('waterfall');
  await expect(fall.locator('h3')).toContainText(/timeout \[UT\] \(HTTP 504\) in /);
  // The gateway's call to frontend timed out on its own hop: its row says so with UT; the client's
  // call above it failed further down and has no flag (no Envoy on the client's side).
  const flagged = fall.locator('.waterfall-row.role-call').filter({ has: page.getByTestId('envoy-flag') });
  await expect(flagged.first().locator('.waterfall-note')).toHaveText(/^timeout \(on this hop\) \[UT\]$/);
  await expect(fall.locator('.waterfall-row.role-call').first().getByTestId('envoy-flag')).toHaveCount(0);
  for (const [w, h] of SIZES) {
    await page.setViewportSize({ width: w, height: h });
    await settled(page);
    // The flag reads whole beside the fate, the row not cut.
    const row = rows.first();
    const fits = await row.locator('.request-fate-cell').evaluate((el) => el.scrollWidth <= el.clientWidth + 1);
    expect(fits, `fate and flag whole at ${w}x${h}`).toBe(true);
    await saveShot(page, `envoyflags-timeout-${w}x${h}.png`);
  }
});

test('retry-storm at 20 s: a failed request\'s orders -> payments call, its retries used up on 503s, reads URX in the waterfall (1600x1000, 1024x768)', async ({ page }) => {
  await page.setViewportSize({ width: SIZES[0][0], height: SIZES[0][1] });
  const panel = await openRetryStormRequests(page);
  await panel.getByTestId('request-list').locator('[data-request-id]').first().click();
  const fall = panel.getByTestId('waterfall');
  await expect(fall).toBeVisible();
  // http-5xx is payments' own answer: Envoy adds no flag to the fate.
  await expect(fall.locator('h3')).toContainText(/http-5xx \(HTTP 503\)/);
  await expect(fall.locator('h3').getByTestId('envoy-flag')).toHaveCount(0);
  const urx = fall.locator('[data-testid="envoy-flag"][data-flags="URX"]');
  await expect(urx.first()).toBeVisible();
  await expect(urx.first()).toHaveAttribute('title', /^URX: The request was rejected because the upstream retry limit \(HTTP\) or maximum connect attempts \(TCP\) was reached\n/);
  // Every layer retried twice on 5xx and ran out: the gateway's call to web, web's to orders and
  // orders' to payments each read URX after 1 + 2 tries.
  const rows = fall.locator('.waterfall-row.role-call').filter({ has: page.locator('[data-flags="URX"]') });
  const labels = await rows.locator('.waterfall-label').allTextContents();
  // Each call row names its caller after the call (trial T2, 7: "call ledger" did not say who called).
  expect(labels.some((l) => /^call web from \S/.test(l)), labels.join(' | ')).toBe(true);
  expect(labels.some((l) => /^call payments from orders-\d/.test(l)), labels.join(' | ')).toBe(true);
  for (const title of await rows.evaluateAll((els) => els.map((e) => e.getAttribute('title') ?? ''))) expect(title).toMatch(/meshsim\.attempts: 3/);
  for (const [w, h] of SIZES) {
    await page.setViewportSize({ width: w, height: h });
    await settled(page);
    await urx.first().scrollIntoViewIfNeeded();
    await expect(urx.first()).toBeInViewport();
    await saveShot(page, `envoyflags-urx-${w}x${h}.png`);
  }
});

test("gateway-and-mesh at 20 s: a request the gateway rate-limited shows [RL] on the gateway's own row, not on the client's call (1600x1000, 1024x768)", async ({ page }) => {
  await page.setViewportSize({ width: SIZES[0][0], height: SIZES[0][1] });
  const panel = await openRequests(page, 'gateway-and-mesh', '20s');
  await panel.getByTestId('request-only').selectOption('rate-limited');
  await expect(panel.getByTestId('follow-requests')).toHaveAttribute('aria-busy', 'false');
  await panel.getByTestId('request-list').locator('[data-request-id]').first().click();
  const fall = panel.getByTestId('waterfall');
  // The fate keeps its flag, as the CLI's failures line ("rate-limited 1096 [RL]").
  await expect(fall.locator('h3')).toContainText(/rate-limited \[RL\] \(HTTP 429\)/);
  // The gateway refused it: its server row carries RL, where its access log has it; the client's call row none.
  const rl = fall.locator('.waterfall-row [data-testid="envoy-flag"][data-flags="RL"]');
  await expect(rl).toHaveCount(1);
  await expect(fall.locator('.waterfall-row.role-server').filter({ has: page.locator('[data-flags="RL"]') }).locator('.waterfall-label')).toHaveText('edge serves');
  await expect(fall.locator('.waterfall-row.role-call').getByTestId('envoy-flag')).toHaveCount(0);
  for (const [w, h] of SIZES) {
    await page.setViewportSize({ width: w, height: h });
    await settled(page);
    await rl.scrollIntoViewIfNeeded();
    await expect(rl).toBeInViewport();
    await saveShot(page, `envoyflags-rl-${w}x${h}.png`);
  }
});
