// Trial N14, findings 1 and 10. (1) In two-meshes-via-gateway an expiry injected on the bridge failed
// nothing: connections already open outlive a certificate. The fault's note says so and names the
// lever (a config change closing ledger's connections after 1 s); the link view counts the
// connections opened before the expiry and the handshakes failed since; pulling the lever makes
// checkouts fail tls-expired-cert. (10) In partial-adoption the STRICT sidecar's reset is on the
// plaintext request's first bytes, after a TCP connect that succeeded.
import { expect, type Page } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { saveShot } from './fixtures/shots';
import { pickBridgeExpiry } from './fixtures/bridgeExpiry';
import { applyChange } from './fixtures/changeForm';

async function paused(page: Page) {
  await expect(page.getByTestId('run-status')).toHaveText(/paused|ready|finished/, { timeout: 60_000 });
}

/** Opens the inspector on link `name` ("payments-bridge → ledger"). */
async function inspectLink(page: Page, name: string) {
  if (!(await page.getByTestId('inspector').isVisible())) await page.getByTestId('inspector-toggle').click();
  const picker = page.getByTestId('inspector-picker');
  await picker.selectOption((await picker.locator('option', { hasText: new RegExp(`^${name}$`) }).first().getAttribute('value'))!);
}

test("an expiry on the bridge: the note says open connections carry on, the link counts them, and closing ledger's connections after 1 s makes checkouts fail tls-expired-cert (1024x768, 1600x1000)", async ({ page }) => {
  test.setTimeout(240_000);
  await pickBridgeExpiry(page);
  const note = page.getByTestId('fault-target-note');
  await expect(note).toContainText('Open connections carry on: at first nothing may fail.');
  await page.getByTestId('fault-target-note-why').locator('summary').click();
  await expect(note).toContainText('Connections already open keep carrying requests until they close (idle timeout, max connection duration, a drain, a restart)');
  await expect(note).toContainText('service policy on ledger, {"policy": {"maxConnectionDuration": "1s"}}');
  await note.scrollIntoViewIfNeeded();
  await saveShot(page, 'expiryopen-note-1024x768.png');
  await page.getByTestId('fault-inject').click();
  await expect(page.getByTestId('fault-list').getByTestId('fault-item')).toContainText('expire certificates');
  // One second on (Shift+→): nothing failed, and the link says why.
  await page.locator('body').click({ position: { x: 2, y: 2 } });
  await page.keyboard.press('Shift+ArrowRight');
  await expect(page.getByTestId('sim-time')).toHaveText(/^9\.00? s$/, { timeout: 60_000 });
  await paused(page);
  await inspectLink(page, 'payments-bridge → ledger');
  const expiry = page.getByTestId('inspector').getByTestId('edge-expiry');
  await expect(expiry).toHaveText(/^([1-9]\d*) connections opened before the expiry still in use; 0 new handshakes failed since\. TLS checks a certificate only at the handshake/);
  await expect(page.getByTestId('inspector').getByTestId('edge-failed-here')).toHaveText('none');
  await expiry.scrollIntoViewIfNeeded();
  await saveShot(page, 'expiryopen-link-1024x768.png');
  await page.setViewportSize({ width: 1600, height: 1000 });
  await expiry.scrollIntoViewIfNeeded();
  await saveShot(page, 'expiryopen-link-1600x1000.png');
  // The lever the note names: ledger's connections close after 1 s, and the bridge must shake hands again.
  await applyChange(page, 'policy', 'ledger', '{"policy": {"maxConnectionDuration": "1s"}}');
  await expect(page.getByTestId('change-item')).toHaveCount(1);
  await page.locator('body').click({ position: { x: 2, y: 2 } });
  for (let i = 0; i < 3; i++) await page.keyboard.press('Shift+ArrowRight');
  await expect(page.getByTestId('sim-time')).toHaveText(/^12\.00? s$/, { timeout: 60_000 });
  await paused(page);
  await expect(page.getByTestId('failure-causes')).toContainText('tls-expired-cert');
  await expect(expiry).toHaveText(/^\d+ connections? opened before the expiry still in use; [1-9][\d,]* new handshakes failed since, the first at (9|1[01])\.\d s \(tls-expired-cert\)$/);
  await expiry.scrollIntoViewIfNeeded();
  await saveShot(page, 'expiryopen-lever-1600x1000.png');
  await page.setViewportSize({ width: 1024, height: 768 });
  await expiry.scrollIntoViewIfNeeded();
  await saveShot(page, 'expiryopen-lever-1024x768.png');
});

test("partial-adoption: a plaintext call into STRICT connects over TCP, and the reset is on its request's first bytes (N14, 10)", async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto('/?scenario=partial-adoption&t=20s');
  await paused(page);
  await page.getByTestId('inspector-toggle').click();
  const panel = page.getByTestId('inspector');
  await panel.getByTestId('follow-request').click();
  const row = panel.getByTestId('request-list').locator('[data-request-id]', { hasText: 'tls-plaintext-rejected' }).first();
  await row.click();
  const waterfall = panel.getByTestId('waterfall');
  await expect(waterfall.getByTestId('request-fate')).toHaveText('tls-plaintext-rejected');
  const tcp = waterfall.locator('.waterfall-row', { hasText: 'tcp connect' }).first();
  const bytes = waterfall.locator('.waterfall-row', { hasText: 'request bytes (plaintext)' }).first();
  await expect(tcp).not.toHaveClass(/\berror\b/);
  await expect(bytes).toHaveClass(/\berror\b/);
  await expect(bytes).toContainText('tls-plaintext-rejected');
  await bytes.scrollIntoViewIfNeeded();
  await saveShot(page, 'plaintext-firstbytes-1600x1000.png');
  await page.setViewportSize({ width: 1024, height: 768 });
  await bytes.scrollIntoViewIfNeeded();
  await saveShot(page, 'plaintext-firstbytes-1024x768.png');
});
