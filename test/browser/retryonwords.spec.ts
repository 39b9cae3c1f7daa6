// T3's trial, 9b: mesh-only's retried request at 24 s; its failed first try to inventory said
// "retry-on reset matched timeout (...per-try timeout of 250 ms fired)" under retryOn [5xx,
// gateway-error, reset, connect-failure], and no response flag. Envoy retries a per-try timeout
// under any of 5xx, gateway-error or reset: each is named, and the try shows [UT].
import { expect } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { saveShot } from './fixtures/shots';
import { openRetriedRequest } from './fixtures/failedRequest';

for (const size of [
  { width: 1600, height: 1000 },
  { width: 1024, height: 768 },
]) {
  test(`at ${size.width}x${size.height} mesh-only at 24 s: the retried try names 5xx, gateway-error and reset, and shows [UT]`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.setViewportSize(size);
    await page.goto('/?scenario=mesh-only&t=24s');
    await expect(page.getByTestId('run-status')).toHaveText('paused', { timeout: 60_000 });
    const { waterfall } = await openRetriedRequest(page);
    // The failed first try is folded into its call's row: unfold it, as a person does.
    const fold = waterfall.getByTestId('waterfall-fold').first();
    if ((await fold.count()) > 0 && (await fold.locator('button').getAttribute('aria-expanded')) === 'false') await fold.locator('button').click();
    const tried = waterfall.locator('.waterfall-row[data-span-role="try"]', { hasText: /per-try timeout of 250 ms fired/ }).first();
    await expect(tried.locator('.waterfall-note')).toContainText('retry-on 5xx, gateway-error, reset matched timeout (HTTP 504: this router\'s per-try timeout of 250 ms fired)');
    await expect(tried.getByTestId('envoy-flag')).toHaveText('[UT]');
    await tried.scrollIntoViewIfNeeded();
    await saveShot(page, `retryonwords-try-${size.width}.png`);
  });
}
