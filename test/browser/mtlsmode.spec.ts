// T3's trial, 6: STRICT and PERMISSIVE services looked alike (every link has a padlock). The
// node inspector says a meshed service's mode: partial-adoption's orders is STRICT, catalog
// PERMISSIVE, and the client (no sidecar) has none.
import { expect } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { saveShot } from './fixtures/shots';

for (const size of [
  { width: 1600, height: 1000 },
  { width: 1024, height: 768 },
]) {
  test(`at ${size.width}x${size.height} partial-adoption: the inspector says orders is mTLS STRICT and catalog PERMISSIVE`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.setViewportSize(size);
    await page.goto('/?scenario=partial-adoption');
    await expect(page.locator('[data-drawn="partial-adoption"]')).toBeVisible({ timeout: 60_000 });
    await page.getByTestId('inspector-toggle').click();
    const panel = page.getByTestId('inspector');
    const picker = panel.getByTestId('inspector-picker');
    const pick = async (name: string) => picker.selectOption((await picker.locator('option', { hasText: new RegExp(`^${name}$`) }).first().getAttribute('value'))!);
    await pick('orders');
    await expect(panel.getByTestId('inspect-node').locator('h3')).toContainText('orders');
    await expect(panel.getByTestId('inspect-mtls')).toHaveText('mTLS STRICT');
    await expect(panel.getByTestId('inspect-mtls')).toHaveAttribute('title', /accept mutual TLS only/);
    await saveShot(page, `mtlsmode-orders-${size.width}.png`);
    await pick('catalog');
    await expect(panel.getByTestId('inspect-node').locator('h3')).toContainText('catalog');
    await expect(panel.getByTestId('inspect-mtls')).toHaveText('mTLS PERMISSIVE');
    await pick('shoppers');
    await expect(panel.getByTestId('inspect-node').locator('h3')).toContainText('shoppers');
    await expect(panel.getByTestId('inspect-mtls')).toHaveCount(0);
  });
}
