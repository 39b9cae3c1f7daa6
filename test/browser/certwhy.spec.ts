// Trial T2 (session 51), items 1, 3 and 8, as a teacher meets them:
// 1. two-meshes-cert-expiry: next › twice lands on "The payments certificate expires" at 24 s, and its figure reads
//    100% there (it stood at 21 s, a second before its 22 s window: "—").
// 3. two-meshes-via-gateway: the person expires the bridge's certificates at 8 s and closes ledger's connections after
//    1 s; a failed request's why names the bridge's payments certificate, ledger's sidecar that refused it and the fault.
// 8. A retried request's ↻N says N retries over all hops, not "a try N+1 at some hop".
// Screenshots at 1600x1000, 1024x768 and 1366x768.
import { expect, type Page } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { settled } from './fixtures/settle';
import { saveShot } from './fixtures/shots';
import { pickBridgeExpiry } from './fixtures/bridgeExpiry';
import { applyChange } from './fixtures/changeForm';
import { openFailedRequest } from './fixtures/failedRequest';

const SIZES = [
  [1600, 1000],
  [1024, 768],
  [1366, 768],
] as const;

async function paused(page: Page) {
  await expect(page.getByTestId('run-status')).toHaveText(/paused|ready|finished/, { timeout: 60_000 });
}

test("two-meshes-cert-expiry: next › twice stands on 'The payments certificate expires' at 24 s with its figure's 100% (T2, 1)", async ({ page }) => {
  test.setTimeout(150_000);
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto('/?scenario=two-meshes-cert-expiry');
  await paused(page);
  await page.getByTestId('narrative-next').click();
  await expect(page.getByTestId('narrative-title')).toHaveText("The bridge loses payments' control plane", { timeout: 60_000 });
  await page.getByTestId('narrative-next').click();
  await expect(page.getByTestId('narrative-title')).toHaveText('The payments certificate expires', { timeout: 60_000 });
  await expect(page.getByTestId('sim-time')).toHaveText('24.0 s', { timeout: 60_000 });
  await paused(page);
  for (const [w, h] of SIZES) {
    await page.setViewportSize({ width: w, height: h });
    await settled(page);
    await expect(page.getByTestId('lesson-figure-value').first()).toHaveText('100%');
    await page.getByTestId('lesson-figure').first().scrollIntoViewIfNeeded();
    await saveShot(page, `certwhy-step3-${w}x${h}.png`);
  }
});

test("an expiry injected on the bridge, ledger's connections closed after 1 s: a failed request says whose certificate, which sidecar refused it and the fault; ↻N says retries over all hops (T2, 3 and 8)", async ({ page }) => {
  test.setTimeout(240_000);
  await pickBridgeExpiry(page);
  await page.getByTestId('fault-inject').click();
  await expect(page.getByTestId('fault-list').getByTestId('fault-item')).toContainText('expire certificates');
  await applyChange(page, 'policy', 'ledger', '{"policy": {"maxConnectionDuration": "1s"}}');
  await expect(page.getByTestId('change-item')).toHaveCount(1);
  await page.locator('body').click({ position: { x: 2, y: 2 } });
  for (let i = 0; i < 4; i++) await page.keyboard.press('Shift+ArrowRight');
  await expect(page.getByTestId('sim-time')).toHaveText(/^12\.00? s$/, { timeout: 60_000 });
  await paused(page);
  await expect(page.getByTestId('failure-causes')).toContainText('tls-expired-cert');
  // 8: the retried mark's title is a sum over hops (read with the row picked: the list keeps its row).
  const { panel } = await openFailedRequest(page, 'tls-expired-cert');
  const mark = panel.getByTestId('request-list').locator('.request-retried').first();
  if ((await mark.count()) > 0) {
    const title = (await mark.getAttribute('title'))!;
    expect(title).toMatch(/^(1 retry, at one hop|[\d,]+ retries over all hops)/);
    expect(title).not.toMatch(/a try \d/);
  }
  const why = panel.getByTestId('request-why');
  await expect(why).toContainText(/Failed at payments-bridge → ledger-\d: payments-bridge's payments certificate had expired \(your fault: expire certificates on payments-bridge at 8\.00? s\), so ledger-\d's sidecar refused the mutual-TLS handshake/);
  for (const [w, h] of [SIZES[1], SIZES[0], SIZES[2]]) {
    await page.setViewportSize({ width: w, height: h });
    await settled(page);
    await why.scrollIntoViewIfNeeded();
    await saveShot(page, `certwhy-failed-why-${w}x${h}.png`);
  }
});

test("an expiry on the bridge and its lever in one click: 'Apply now: maxConnectionDuration 1s on ledger' makes checkouts fail tls-expired-cert, and a seek back and on keeps it (T2, 2)", async ({ page }) => {
  test.setTimeout(240_000);
  await pickBridgeExpiry(page);
  const note = page.getByTestId('fault-target-note');
  await expect(note.getByTestId('fault-target-note-apply')).toHaveText('Apply now: maxConnectionDuration 1s on ledger');
  await page.getByTestId('fault-inject').click();
  await expect(page.getByTestId('fault-list').getByTestId('fault-item')).toContainText('expire certificates');
  // The fault left its target picked: the note and its button are still there after the inject.
  await note.getByTestId('fault-target-note-apply').click();
  await expect(note.getByTestId('fault-target-note-applied')).toContainText('Made now');
  await expect(page.getByTestId('change-item')).toHaveCount(1);
  await note.scrollIntoViewIfNeeded();
  await saveShot(page, 'certwhy-lever-applied-1024x768.png');
  await page.locator('body').click({ position: { x: 2, y: 2 } });
  for (let i = 0; i < 4; i++) await page.keyboard.press('Shift+ArrowRight');
  await expect(page.getByTestId('sim-time')).toHaveText(/^12\.00? s$/, { timeout: 60_000 });
  await paused(page);
  await expect(page.getByTestId('failure-causes')).toContainText('tls-expired-cert');
  const failed = await page.getByTestId('failure-causes').textContent();
  for (const [w, h] of SIZES) {
    await page.setViewportSize({ width: w, height: h });
    await settled(page);
    await saveShot(page, `certwhy-lever-12s-${w}x${h}.png`);
  }
  // The recipe keeps it: back to 6 s (before the fault and the change) and on to 12 s again, the same failures.
  await page.locator('body').click({ position: { x: 2, y: 2 } });
  for (let i = 0; i < 6; i++) await page.keyboard.press('Shift+ArrowLeft');
  await expect(page.getByTestId('sim-time')).toHaveText(/^6\.00? s$/, { timeout: 60_000 });
  await paused(page);
  for (let i = 0; i < 6; i++) await page.keyboard.press('Shift+ArrowRight');
  await expect(page.getByTestId('sim-time')).toHaveText(/^12\.00? s$/, { timeout: 60_000 });
  await paused(page);
  await expect(page.getByTestId('change-item')).toHaveCount(1);
  await expect(page.getByTestId('failure-causes')).toHaveText(failed!);
});
