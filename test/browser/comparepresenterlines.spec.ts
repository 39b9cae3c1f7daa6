// Presenter mode on a compare at 1600x1000 (trial N12, 6a): each pane's step text takes the two
// lines the pane has room for before its "more", so a teacher reading aloud need not open each
// pane ("A retry on another replica, a shorter timeout per try, or ejecting the bad replica woul…
// more"). At 1024x768 the panes keep the step and its figure alone (7e2c898: presenter's 14 px floor).
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures/sharedPage';
import { saveShot } from './fixtures/shots';

const pane = (page: Page, side: 'A' | 'B') => page.locator(`[data-testid="compare-pane"][data-side="${side}"]`);

test('presenter mode on gateway-only vs mesh-only at 40 s sets each pane\'s step text on two lines at 1600x1000, and leaves it out at 1024x768', async ({ page }) => {
  test.setTimeout(150_000);
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto('/?compare=gateway-only,mesh-only&t=40s');
  await expect(page.getByTestId('run-status')).toHaveText('paused', { timeout: 90_000 });
  await page.keyboard.press('f');
  const view = page.getByTestId('compare-view');
  await expect(view).toHaveAttribute('data-presenter', 'on');
  await expect(view).toHaveAttribute('data-arrange', 'side');
  for (const side of ['A', 'B'] as const) {
    const text = pane(page, side).getByTestId('pane-step-text');
    await expect(text).toBeVisible();
    const { lines, px } = await text.evaluate((el) => {
      const s = getComputedStyle(el);
      return { lines: Math.round(el.clientHeight / Number.parseFloat(s.lineHeight)), px: Number.parseFloat(s.fontSize) };
    });
    expect(lines, `${side}: two lines of text`).toBe(2);
    expect(px, `${side}: in large type`).toBeGreaterThanOrEqual(16);
    // The pane's story stays inside the pane, the page unscrolled.
    const [p, story] = [(await pane(page, side).boundingBox())!, (await pane(page, side).locator('.compare-story').boundingBox())!];
    expect(story.y + story.height, side).toBeLessThanOrEqual(p.y + p.height + 1);
  }
  await expect.poll(() => page.evaluate(() => [window.scrollY, document.documentElement.scrollHeight <= window.innerHeight + 1])).toEqual([0, true]);
  await saveShot(page, 'comparepresenterlines-1600.png');
  await page.setViewportSize({ width: 1024, height: 768 });
  await expect(view).toHaveAttribute('data-presenter', 'on');
  for (const side of ['A', 'B'] as const) await expect(pane(page, side).getByTestId('pane-step-text')).toBeHidden();
  await saveShot(page, 'comparepresenterlines-1024.png');
});
