// Compare's one number (trial T2, 4): at 1024x768 gateway-only vs mesh-only at 60 s showed pane A's story
// figure, 33.4% over 21 s – 58 s, beside a verdict line "failed 22% vs 0.0% (-22.1 pts)" over the whole run,
// and a teacher could not tell which to quote. The line now leads with the stories' window, naming it, and
// labels the whole run's figure after it, both shares with one decimal.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures/sharedPage';
import { saveShot } from './fixtures/shots';

const pane = (page: Page, side: 'A' | 'B') => page.locator(`[data-testid="compare-pane"][data-side="${side}"]`);

test("compare's verdict line at 1024x768 leads with the failed share over the stories' window (A's story figure, named with its window) and labels the whole run's, one decimal on both sides, inside the window; at 1600x1000 (no verdict line, the tables in view) the stories' window row reads the same", async ({ page }) => {
  test.setTimeout(150_000);
  for (const [width, height] of [
    [1024, 768],
    [1600, 1000],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.goto('/?compare=gateway-only,mesh-only&t=60s');
    await expect(page.getByTestId('run-status')).toHaveText(/paused|finished/, { timeout: 90_000 });
    if (width > 1100) {
      // Wide windows show the tables instead of the line (compare.css): the window's row gives the same pair.
      await expect(page.getByTestId('story-windows').locator('td[data-side="A"]').first()).toHaveText('33.4%');
      expect(await page.evaluate(() => document.documentElement.scrollWidth), 'no sideways scroll').toBeLessThanOrEqual(width);
      await saveShot(page, `compare-verdict-window-${width}x${height}.png`);
      continue;
    }
    const verdict = page.getByTestId('compare-verdict');
    await expect(verdict).toHaveAttribute('data-window', '21 s – 58 s');
    await expect(verdict).toContainText("A vs B at 60.0 s: failed 33.4% vs 0.0% (-33.4 pts) over the stories' 21 s – 58 s · whole run 22.1% vs 0.0% (-22.1 pts) · p99");
    // The number the line leads with is pane A's story figure.
    await expect(pane(page, 'A').getByTestId('pane-figure-value')).toHaveText('33.4%');
    const box = await verdict.boundingBox();
    expect(box!.y + box!.height, 'the verdict line lies inside the window').toBeLessThanOrEqual(height);
    expect(await page.evaluate(() => document.documentElement.scrollWidth), 'no sideways scroll').toBeLessThanOrEqual(width);
    const clipped = await verdict.locator('.compare-verdict-text').evaluate((el) => el.scrollWidth > el.clientWidth + 1);
    expect(clipped, 'the line is not cut off').toBe(false);
    await saveShot(page, `compare-verdict-window-${width}x${height}.png`);
  }
});
