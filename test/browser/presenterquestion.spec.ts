// Presenter mode asks the room before it answers (trial N17, 2): at 1280x720 retry-storm's step 1 question lay below
// the story column and `n` went on to step 2, which answers it ("27"), before the room saw it. Now the first `n` brings
// the question (prompt and every choice) into view and stays on step 1; the next `n` moves on. The column's cue
// buttons carry the buttons' 3 px focus ring (it was the browser's 1 px). One page load; no real-time play.
import { expect, type Page } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { saveShot } from './fixtures/shots';

/** How far below the story column's foot the ahead question's last choice ends, px (0 or less: in view). */
const choicesBelow = (page: Page) =>
  page.evaluate(() => {
    const q = document.querySelector<HTMLElement>('[data-testid="question"][data-state="ahead"]');
    const column = q?.closest<HTMLElement>('.panel');
    const choices = q?.querySelector<HTMLElement>('.question-choices');
    if (!q || !column || !choices) return null;
    return choices.getBoundingClientRect().bottom - (column.getBoundingClientRect().top + column.clientTop + column.clientHeight);
  });

for (const [w, h] of [
  [1280, 720],
  [1024, 768],
] as const) {
  test(`retry-storm presented at ${w}x${h}: the first n shows step 1's question, the second goes to step 2's answer; the cue's focus ring is 3 px`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width: w, height: h });
    await page.goto('/?scenario=retry-storm');
    await expect(page.getByTestId('run-status')).toHaveText('ready', { timeout: 60_000 });
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('f');
    await expect(page.locator('.app.presenter')).toHaveCount(1);
    const step = page.getByTestId('narrative-step');
    await expect(step).toHaveText('step 1 of 4');
    await expect.poll(() => choicesBelow(page)).not.toBeNull();
    const before = (await choicesBelow(page))!;
    await saveShot(page, `presenterquestion-${w}x${h}-0.png`);
    // The trial's case: at 1280x720 the question starts below the column.
    if (w === 1280) expect(before).toBeGreaterThan(0.5);
    if (before > 0.5) {
      // A cue at the column's foot says there is more; focused from the keyboard it shows the buttons' ring.
      const cue = page.locator('.question-cue').first();
      await expect(cue).toBeVisible();
      await page.keyboard.press('Shift');
      await cue.focus();
      const ring = await cue.evaluate((b) => ({ width: parseFloat(getComputedStyle(b).outlineWidth), style: getComputedStyle(b).outlineStyle }));
      expect(ring.width).toBeGreaterThanOrEqual(2);
      expect(ring.style).toBe('solid');
      await page.locator('body').click({ position: { x: 5, y: 5 } });
      await page.keyboard.press('n');
      // Still step 1, no seek: the question in view, its every choice above the column's foot.
      await expect.poll(() => choicesBelow(page)).toBeLessThanOrEqual(0.5);
      await expect(step).toHaveText('step 1 of 4');
      await expect(page.getByTestId('question').filter({ hasText: 'How many attempts' }).first()).toBeInViewport();
      await saveShot(page, `presenterquestion-${w}x${h}-1-question.png`);
    }
    // Now n moves on, to the step that answers it.
    await page.keyboard.press('n');
    await expect(step).toHaveText('step 2 of 4', { timeout: 60_000 });
    await saveShot(page, `presenterquestion-${w}x${h}-2-answered.png`);
  });
}
