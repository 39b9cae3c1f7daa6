// Presenter mode as a room reads it (N4-report 2): at a projector's 1024x768 the story column is
// wide enough for a line of words (it was 200 px: 3-4 words a line, the picture 80% of the width),
// and a question's answer, revealed by next ›, comes into the column's view by itself (at
// 1600x1000 retry-storm's "The answer is 27" and why lay below it, scrolled to by hand).
import { expect, type Page } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { settled } from './fixtures/settle';
import { saveShot } from './fixtures/shots';

/** The story column's box and, for `testId`'s first element, how much of it lies inside the column's view (0-1). */
async function inColumn(page: Page, testId: string) {
  return page.getByTestId(testId).first().evaluate((el) => {
    const column = el.closest<HTMLElement>('.panel')!;
    const c = column.getBoundingClientRect();
    const top = c.top + column.clientTop;
    const bottom = top + column.clientHeight;
    const r = el.getBoundingClientRect();
    const seen = Math.max(0, Math.min(r.bottom, bottom) - Math.max(r.top, top));
    return r.height > 0 ? seen / r.height : 0;
  });
}

/** Words a line of the step's text, on average, and the story column's width, px. */
async function storyLines(page: Page) {
  return page.getByTestId('narrative-text').evaluate((p) => {
    const range = document.createRange();
    range.selectNodeContents(p);
    const tops = new Set(Array.from(range.getClientRects()).map((r) => Math.round(r.top)));
    const words = (p.textContent ?? '').trim().split(/\s+/).length;
    return { words, lines: tops.size, perLine: words / tops.size, column: p.closest<HTMLElement>('.panel')!.getBoundingClientRect().width, stage: document.querySelector('.topology-stage')!.getBoundingClientRect().width };
  });
}

test.describe('presenter mode for a room', () => {
  // Not yet: at 340 px a line held 4.8 words (2.6-4 at 200 px), but from 240 px on
  // two-meshes-via-gateway's six nodes fold into group tiles at 14 px text (presenter.spec), so the
  // column stays 200 px until the width is chosen per picture (session 35, U7's report).
  test.fixme('at 1024x768 the story column holds 4.5 words a line or more (2.6 in its 200 px), 320 px wide or more', async ({ page }) => {
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.goto('/?scenario=retry-storm');
    await expect(page.getByTestId('narrative-step')).toBeVisible({ timeout: 30_000 });
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('f');
    await expect(page.locator('.app.presenter')).toHaveCount(1);
    for (const step of [1, 2, 3]) {
      if (step > 1) {
        await page.keyboard.press('n');
        await expect(page.getByTestId('narrative-step')).toHaveText(`step ${step} of 4`, { timeout: 30_000 });
      }
      await settled(page);
      const s = await storyLines(page);
      expect(s.column, `column ${s.column} px beside a ${s.stage} px stage`).toBeGreaterThanOrEqual(320);
      expect(s.perLine, `step ${step}: ${s.words} words on ${s.lines} lines`).toBeGreaterThanOrEqual(4.5);
      await saveShot(page, `presenterroom-step${step}-1024x768.png`);
    }
  });

  for (const [w, h] of [[1600, 1000], [1024, 768]] as const) {
    test(`at ${w}x${h} a question answered (key 3) then next ›: the answer and why come into the column's view`, async ({ page }) => {
      await page.setViewportSize({ width: w, height: h });
      await page.goto('/?scenario=retry-storm');
      await expect(page.getByTestId('narrative-step')).toBeVisible({ timeout: 30_000 });
      await page.locator('body').click({ position: { x: 5, y: 5 } });
      await page.keyboard.press('f');
      await expect(page.locator('[data-testid="question"][data-state="ahead"]')).toBeVisible();
      await page.keyboard.press('3');
      await expect(page.locator('[data-testid="question"][data-state="ahead"] [data-testid="question-choice"]').nth(2)).toHaveAttribute('aria-checked', 'true');
      await settled(page);
      await saveShot(page, `presenterroom-picked-${w}x${h}.png`);
      // Step 2 runs and answers it; step 3 still shows the answer under its own text.
      for (const step of [2, 3]) {
        await page.keyboard.press('n');
        await expect(page.getByTestId('narrative-step')).toHaveText(`step ${step} of 4`, { timeout: 30_000 });
        await expect(page.getByTestId('question-verdict')).toContainText('27');
        await settled(page);
        // Whole, by itself: no scrolling by hand.
        await expect.poll(() => inColumn(page, 'question-verdict'), { timeout: 5_000, message: `step ${step}` }).toBe(1);
        expect(await inColumn(page, 'question-explain'), `step ${step}`).toBeGreaterThan(0.99);
        await saveShot(page, `presenterroom-revealed-step${step}-${w}x${h}.png`);
      }
    });
  }
});
