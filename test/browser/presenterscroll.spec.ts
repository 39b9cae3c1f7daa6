// Presenter mode at 1024x768: a story move that scrolls the story column never leaves the
// scenario's title cut mid-line at its top (N3's trial, 6e: zone-failover's step 3 showed only
// "over, come back" of it). The title shows whole, or the column starts at the step.
import { expect, type Page } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { saveShot } from './fixtures/shots';

/** How the title stands in the column: 'whole', 'above' (wholly scrolled off) or 'cut'. */
async function titleStands(page: Page): Promise<string> {
  return page.evaluate(() => {
    const title = document.querySelector('[data-testid="scenario-title"]')!;
    const column = title.closest('.panel')!;
    const c = column.getBoundingClientRect();
    const t = title.getBoundingClientRect();
    const top = c.top + column.clientTop;
    if (t.top >= top - 0.5) return 'whole';
    if (t.bottom <= top + 0.5) return 'above';
    return `cut: ${Math.round(top - t.top)} of ${Math.round(t.height)} px above`;
  });
}

for (const [w, h] of [[1024, 768], [1600, 1000]] as const) {
  test(`zone-failover in presenter mode at ${w}x${h}: through every step by n, the story column never cuts the scenario title`, async ({ page }) => {
    await page.setViewportSize({ width: w, height: h });
    await page.goto('/?scenario=zone-failover');
    await expect(page.getByTestId('run-status')).toHaveText('ready');
    await page.keyboard.press('f');
    await expect(page.getByTestId('app')).toHaveClass(/presenter/);
    // zone-failover tells its story in four steps.
    for (let i = 2; i <= 4; i++) {
      await page.keyboard.press('n');
      await expect(page.getByTestId('narrative-step')).toHaveText(new RegExp(`^step ${i} of`), { timeout: 30_000 });
      await expect(page.getByTestId('run-status')).not.toHaveClass(/status-seeking/, { timeout: 30_000 });
      // The step's figure fills in a frame or two after it lands, and the column may move again.
      await page.waitForTimeout(400);
      expect(await titleStands(page), `step ${i}`).toMatch(/^(whole|above)$/);
      await saveShot(page, `presenterscroll-zone-failover-${i}-${w}x${h}.png`);
    }
  });
}
