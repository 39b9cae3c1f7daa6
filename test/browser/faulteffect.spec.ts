// Session 54 (A1), trial T4, 3: "break it yourselves" on a story. An attendee opened the teacher's partial-adoption
// link at 10 s, injected HTTP errors on orders (50%, 503, 10 s) and played on: the failed list was the scenario's own
// tls-plaintext-rejected (213 of 226), the chip read 'tls-plaintext-rejected 214 +1', and nothing showed what their
// fault did. Now the fault's own line counts it (503s answered at orders, retried by a caller, user requests failed),
// the failed figure's causes start with 'yours', and "show only its requests" lists the kept requests it touched.
import { expect, type Page } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { saveShot } from './fixtures/shots';

async function paused(page: Page) {
  await expect(page.getByTestId('run-status')).toHaveText(/paused|ready|finished/, { timeout: 60_000 });
}

/** Whole seconds on by Shift+→, to `to` s, paused. */
async function secondsOn(page: Page, n: number, to: string) {
  await page.locator('body').click({ position: { x: 2, y: 2 } });
  for (let i = 0; i < n; i++) await page.keyboard.press('Shift+ArrowRight');
  await expect(page.getByTestId('sim-time')).toHaveText(to, { timeout: 60_000 });
  await paused(page);
}

/** Every element of the fault's item inside the Faults column (no clipping past its right edge). */
async function inside(page: Page, testId: string): Promise<boolean> {
  return page.getByTestId(testId).first().evaluate((el) => {
    const panel = el.closest('aside')!.getBoundingClientRect();
    return [el, ...Array.from(el.querySelectorAll('*'))].every((x) => x.getBoundingClientRect().right <= panel.right + 0.5);
  });
}

for (const [width, height] of [
  [1366, 768],
  [1024, 768],
] as const) {
  test(`my own HTTP errors on orders in partial-adoption at 10 s: its line counts what it did, the failed causes start with 'yours', and "show only its requests" lists only its requests (${width}x${height})`, async ({ page }) => {
    test.setTimeout(240_000);
    await page.setViewportSize({ width, height });
    await page.goto('/?scenario=partial-adoption&t=10s');
    await expect(page.getByTestId('sim-time')).toHaveText('10.0 s', { timeout: 60_000 });
    await paused(page);
    await page.getByTestId('fault-type').selectOption('http-abort');
    await page.getByTestId('fault-target').selectOption('orders');
    await page.getByTestId('fault-duration').fill('10s');
    await page.getByTestId('fault-inject').click();
    const item = page.getByTestId('fault-list').locator('[data-testid="fault-item"][data-owner="yours"][data-fault-type="http-abort"]');
    await expect(item).toHaveCount(1);
    const id = Number(await item.getAttribute('data-fault-id'));
    await secondsOn(page, 2, '12.0 s');

    // The fault's own line: its 503s at orders, the tries of those retried, the user requests it failed.
    const effect = item.getByTestId('fault-effect');
    await expect(effect).toBeVisible();
    const count = async (key: string) => Number(await item.getByTestId(`fault-effect-${key}`).getAttribute('data-count'));
    const [failed, retried, ended] = [await count('failed'), await count('retried'), await count('ended')];
    expect(failed).toBeGreaterThan(0);
    expect(retried + ended).toBeLessThanOrEqual(failed);
    await expect(item.getByTestId('fault-effect-failed')).toContainText('503s answered');
    expect(await inside(page, 'fault-effect'), 'the line inside the Faults column').toBe(true);

    // The failed figure's causes: 'yours' first, the requests it failed, the scenario's own after it.
    const chip = page.getByTestId('failure-yours');
    await expect(chip).toHaveCount(1);
    await expect(chip).toHaveAttribute('data-count', String(ended));
    await expect(chip.locator('.cause-name')).toHaveText('yours');
    const firstChip = page.getByTestId('failure-causes').locator('li.cause').first();
    await expect(firstChip.getByTestId('failure-yours')).toHaveCount(1);
    await item.scrollIntoViewIfNeeded();
    await saveShot(page, `faulteffect-line-${width}x${height}.png`);

    // One press: the kept requests it touched, named; none of the scenario's tls-plaintext-rejected.
    await item.getByTestId('fault-show-only').click();
    await expect(page.getByTestId('request-only')).toHaveValue(`fault:${id}`);
    await expect(page.getByTestId('failed-only')).not.toBeChecked();
    const rows = page.getByTestId('request-list').locator('.request-row');
    await expect(rows.first()).toBeVisible({ timeout: 30_000 });
    const fates = await rows.locator('.request-fate').allTextContents();
    expect(fates.length).toBeGreaterThan(0);
    for (const f of fates) expect(['ok', 'http-5xx']).toContain(f.trim());
    await expect(page.getByTestId('request-list-note')).toHaveAttribute('title', /yours: HTTP errors on orders/);
    await saveShot(page, `faulteffect-only-${width}x${height}.png`);
  });
}
