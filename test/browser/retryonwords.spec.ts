// T3's trial, 9b: mesh-only's retried request at 24 s; its failed first try to inventory said
// "retry-on reset matched timeout (...per-try timeout of 250 ms fired)" under retryOn [5xx,
// gateway-error, reset, connect-failure], and no response flag. Envoy retries a per-try timeout
// under any of 5xx, gateway-error or reset: each is named, and the try shows [UT].
// Session 53, F6: that try's own words said 'meshsim.failed: answered by the host'; they now say its per-try timer of
// 250 ms ended it before the host answered, and the span carries the timer and the UT flag (the row's flag reads it).
// The conditions are named in the route's own order: the same shop with retryOn written [reset, connect-failure,
// gateway-error, 5xx] reads "retry-on reset, gateway-error, 5xx" (it read "5xx, gateway-error, reset").
import { readFileSync } from 'node:fs';
import { expect, type Page } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { saveShot } from './fixtures/shots';
import { openRetriedRequest } from './fixtures/failedRequest';
import { pack } from '../../src/ui/recipe/codec';

const TIMED_OUT = 'meshsim.failed: ended by the per-try timeout of 250 ms after the request went out: the host had not answered; the router reset the upstream request';

/** Opens the first retried request's waterfall, unfolds its failed tries as a person does, and returns the row of the try its per-try timer ended. */
async function timedOutTry(page: Page) {
  const { waterfall } = await openRetriedRequest(page);
  const fold = waterfall.getByTestId('waterfall-fold').first();
  if ((await fold.count()) > 0 && (await fold.locator('button').getAttribute('aria-expanded')) === 'false') await fold.locator('button').click();
  return waterfall.locator('.waterfall-row[data-span-role="try"]', { hasText: /per-try timeout of 250 ms fired/ }).first();
}

for (const size of [
  { width: 1600, height: 1000 },
  { width: 1024, height: 768 },
]) {
  test(`at ${size.width}x${size.height} mesh-only at 24 s: the retried try names 5xx, gateway-error and reset, shows [UT], and says its per-try timer ended it`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.setViewportSize(size);
    await page.goto('/?scenario=mesh-only&t=24s');
    await expect(page.getByTestId('run-status')).toHaveText('paused', { timeout: 60_000 });
    const tried = await timedOutTry(page);
    await expect(tried.locator('.waterfall-note')).toContainText('retry-on 5xx, gateway-error, reset matched timeout (HTTP 504: this router\'s per-try timeout of 250 ms fired)');
    await expect(tried.getByTestId('envoy-flag')).toHaveText('[UT]');
    // The row's title lists the span's attributes: the timer's words, its length and the flag the router set.
    const title = (await tried.getAttribute('title')) ?? '';
    expect(title).toContain(TIMED_OUT);
    expect(title).toContain('meshsim.retry.per_try_timeout_ms: 250');
    expect(title).toContain('meshsim.envoy.response_flags: UT');
    expect(title).not.toContain('answered by the host');
    await tried.scrollIntoViewIfNeeded();
    await saveShot(page, `retryonwords-try-${size.width}.png`);
  });

  test(`at ${size.width}x${size.height} mesh-only with retryOn written [reset, connect-failure, gateway-error, 5xx]: the try names them in that order`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.setViewportSize(size);
    const shop = JSON.parse(readFileSync('scenarios/mesh-only.json', 'utf8')) as { name: string; services: { name: string; policy?: { retries?: { retryOn?: string[] } } }[] };
    const inventory = shop.services.find((s) => s.name === 'inventory')!;
    inventory.policy!.retries!.retryOn = ['reset', 'connect-failure', 'gateway-error', '5xx'];
    await page.goto(`/?t=24s#data=${pack(JSON.stringify({ ...shop, name: 'mesh-only-reordered' }))}`);
    await expect(page.getByTestId('run-status')).toHaveText('paused', { timeout: 60_000 });
    const tried = await timedOutTry(page);
    await expect(tried.locator('.waterfall-note')).toContainText('retry-on reset, gateway-error, 5xx matched timeout (HTTP 504: this router\'s per-try timeout of 250 ms fired)');
    await expect(tried.getByTestId('envoy-flag')).toHaveText('[UT]');
    await tried.scrollIntoViewIfNeeded();
    await saveShot(page, `retryonwords-order-${size.width}.png`);
  });
}
