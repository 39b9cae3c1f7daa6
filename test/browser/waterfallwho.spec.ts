// The waterfall at 1024x768 (trial T2, 7): the proxies' rows read "proxy inbound …" and "proxy outbou…", so whose
// sidecar decided needed a hover, and a call's row did not name its caller. Now a proxy row reads "frontend-1
// sidecar ↓in" and a call "call catalog from frontend-1", on two lines where one is too narrow, never cut.
import { expect, test } from './fixtures/sharedPage';
import { saveShot } from './fixtures/shots';

test("hello-mesh's waterfall at 1024x768 and 1600x1000 names each proxy row's sidecar and way and each call's caller, none cut off", async ({ page }) => {
  test.setTimeout(200_000);
  for (const [width, height] of [
    [1024, 768],
    [1600, 1000],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.goto('/?scenario=hello-mesh&t=5s');
    await expect(page.getByTestId('run-status')).toHaveText('paused', { timeout: 90_000 });
    await page.getByTestId('inspector-toggle').click();
    const panel = page.getByTestId('inspector');
    await panel.getByTestId('follow-request').click();
    await panel.getByTestId('failed-only').uncheck();
    await expect(panel.getByTestId('follow-requests')).toHaveAttribute('aria-busy', 'false');
    await panel.getByTestId('request-list').locator('[data-request-id]').first().click();
    const waterfall = panel.getByTestId('waterfall');
    await expect(waterfall).toBeVisible();
    const proxy = waterfall.locator('.waterfall-row.role-proxy .waterfall-label');
    await expect(proxy.first()).toHaveText(/^frontend-\d sidecar ↓in$/);
    await expect(proxy.first()).toHaveAttribute('title', 'proxy inbound (request)');
    const texts = await proxy.allTextContents();
    expect(texts.some((t) => /^frontend-\d sidecar ↑out$/.test(t)), texts.join(' | ')).toBe(true);
    const calls = await waterfall.locator('.waterfall-row.role-call .waterfall-label').allTextContents();
    expect(calls).toContain('call frontend from shoppers');
    expect(calls.some((t) => /^call catalog from frontend-\d$/.test(t)), calls.join(' | ')).toBe(true);
    const cut = await waterfall.locator('.waterfall-row.role-proxy .waterfall-label, .waterfall-row.role-call .waterfall-label').evaluateAll((els) => els.filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => e.textContent));
    expect(cut, 'no proxy or call label cut off').toEqual([]);
    await saveShot(page, `waterfall-who-${width}x${height}.png`);
  }
});
