// What a person new to meshsim meets on a first pass (session 9's walk through the README): the
// header keeps its one row when a run has ended, and the inspector says over which window each of
// a link's figures is counted, so its shares agree with the link's label or say why not.
import { expect, test, type Page } from '@playwright/test';

/** Header height and, for each of its controls, its top edge (px). */
async function headerRows(page: Page): Promise<{ h: number; tops: number[] }> {
  return page.locator('.header').evaluate((el) => ({
    h: el.getBoundingClientRect().height,
    tops: Array.from(el.querySelectorAll<HTMLElement>('button, select, .status')).filter((b) => b.offsetParent !== null).map((b) => Math.round(b.getBoundingClientRect().top)),
  }));
}

for (const [w, h] of [
  [1024, 768],
  [1280, 720],
] as const) {
  test(`the header keeps one row once the run has finished and Play reads "Play again" (${w}x${h})`, async ({ page }) => {
    await page.setViewportSize({ width: w, height: h });
    await page.goto('/?scenario=istio-load-test');
    await expect(page.getByTestId('run-status')).toHaveText(/ready|paused/);
    const before = await headerRows(page);
    await page.keyboard.press('End');
    await expect(page.getByTestId('run-status')).toHaveText('finished');
    await expect(page.getByTestId('play')).toHaveAccessibleName(/Play again/);
    const after = await headerRows(page);
    await page.screenshot({ path: `test-results/newuser-finished-header-${w}.png` });
    // One header row (38 px buttons and padding), as before the end: every control on one line.
    expect(after.h, `header height ${after.h} px at the end (${before.h} px before)`).toBeLessThanOrEqual(56);
    expect(Math.max(...after.tops) - Math.min(...after.tops), `control tops ${after.tops.join(', ')}`).toBeLessThanOrEqual(4);
  });
}
