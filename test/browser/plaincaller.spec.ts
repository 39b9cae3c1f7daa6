// The link inspector on a hop whose caller has no sidecar (trial N12, finding 3): partial-adoption's
// reports calls orders in plaintext and orders' STRICT sidecar resets it. No Envoy on reports' side
// flags the failure or makes a 503, so the inspector says what reports' own socket saw; a meshed
// caller's hop keeps Envoy's flag in brackets.
import { expect, type Page } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { saveShot } from './fixtures/shots';

async function settled(page: Page) {
  await expect(page.getByTestId('run-status')).toHaveText(/paused|ready|finished/);
}

test("a caller with no sidecar: its hop's failures read 'connection reset', not Envoy's UF", async ({ page }) => {
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto('/?scenario=partial-adoption&t=20s');
  await settled(page);
  await page.getByTestId('inspector-toggle').click();
  const panel = page.getByTestId('inspector');
  const picker = panel.getByTestId('inspector-picker');
  const link = await picker.locator('option[value^="edge:"]', { hasText: /reports\W+orders/ }).first().getAttribute('value');
  await picker.selectOption(link!);
  const edge = panel.getByTestId('inspect-edge');
  await expect(edge).toHaveAttribute('data-caller-proxy', 'no');
  const failed = edge.getByTestId('edge-failed-here');
  await expect(failed).toHaveText(/^tls-plaintext-rejected \(connection reset\) 100%$/);
  await expect(failed).toHaveAttribute('title', /reports has no sidecar/);
  await saveShot(page, 'plaincaller-reports-orders-1600x1000.png');
  await page.setViewportSize({ width: 1024, height: 768 });
  await expect(failed).toBeVisible();
  await saveShot(page, 'plaincaller-reports-orders-1024x768.png');
  // storefront has a sidecar: its hop to orders is an Envoy's, and keeps the flag form.
  const meshed = await picker.locator('option[value^="edge:"]', { hasText: /storefront\W+orders/ }).first().getAttribute('value');
  await picker.selectOption(meshed!);
  await expect(panel.getByTestId('inspect-edge')).toHaveAttribute('data-caller-proxy', 'yes');
});

test("a request failed behind a caller with no sidecar: the waterfall's heading says the status is what its client got (N13, 6)", async ({ page }) => {
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto('/?scenario=partial-adoption&t=20s');
  await settled(page);
  await page.getByTestId('inspector-toggle').click();
  const panel = page.getByTestId('inspector');
  await panel.getByTestId('follow-request').click();
  const row = panel.getByTestId('request-list').locator('[data-request-id]', { hasText: 'tls-plaintext-rejected' }).first();
  await expect(row).toBeVisible();
  await row.click();
  const waterfall = panel.getByTestId('waterfall');
  await expect(waterfall.getByTestId('request-fate')).toHaveText('tls-plaintext-rejected');
  // The 503 is analysts' answer from reports; reports' own call to orders had none (reset).
  await expect(waterfall.locator('h3')).toContainText(/^Request #\d+ from analysts: tls-plaintext-rejected \(analysts got HTTP 503\) in /);
  await expect(waterfall.getByTestId('request-why')).toContainText('connection reset');
  await saveShot(page, 'plaincaller-waterfall-1600x1000.png');
  await page.setViewportSize({ width: 1024, height: 768 });
  await expect(waterfall.locator('h3')).toBeVisible();
  await saveShot(page, 'plaincaller-waterfall-1024x768.png');
});
