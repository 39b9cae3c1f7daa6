// Presenter mode: next › plays on into the step's figure's window, so the room reads a number, not
// "—" (N6's trial, F3: at 12 of 24 figure-bearing steps the figure's window began after the step's
// moment, where next › stopped; mesh-only's "Retried, then ejected" read "21 s – 58 s: no requests
// in the window yet").
import { expect, type Page } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { settled } from './fixtures/settle';
import { saveShot } from './fixtures/shots';

/** The step's own figure's value and note, and the simulated clock's text. */
async function reading(page: Page) {
  const fig = page.locator('.narrative > [data-testid="lesson-figure"]');
  return { value: (await fig.getByTestId('lesson-figure-value').textContent())?.trim(), note: (await fig.locator('.lesson-figure-note').textContent())?.trim() };
}

/**
 * Whether the story column's question still to be answered ends below the column's foot: then presenter
 * mode's first `n` brings it into view and moves no step (useShortcuts.showQuestionFirst, trial N17, 2),
 * and the next `n` moves on. Since session 53 (G6) a story opens with its step and next › in view, so
 * mesh-only's question before step 3 starts below the foot at 1600x1000.
 */
async function questionBelow(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const q = document.querySelector<HTMLElement>('[data-testid="question"][data-state="ahead"]');
    const choices = q?.querySelector<HTMLElement>('.question-choices');
    const column = q?.closest<HTMLElement>('.panel');
    if (!choices || !column) return false;
    return choices.getBoundingClientRect().bottom > column.getBoundingClientRect().top + column.clientTop + column.clientHeight + 0.5;
  });
}

for (const [w, h] of [
  [1600, 1000],
  [1024, 768],
] as const) {
  test(`presenter mode at ${w}x${h}: next › to mesh-only's "Retried, then ejected" and control-plane-outage's expiry shows each figure's number`, async ({ page }) => {
    await page.setViewportSize({ width: w, height: h });
    for (const [name, t, from, steps, to, expectValue] of [
      ['mesh-only', '5s', 2, 6, 4, /%/],
      ['control-plane-outage', '30s', 4, 6, 5, /%/],
    ] as const) {
      await page.goto(`/?scenario=${name}&t=${t}`);
      // The link's moment reached: its step, and no seek under way.
      await expect(page.getByTestId('narrative-step')).toHaveText(`step ${from} of ${steps}`, { timeout: 30_000 });
      await expect(page.getByTestId('narrative-going')).toHaveCount(0, { timeout: 30_000 });
      await page.locator('body').click({ position: { x: 5, y: 5 } });
      await page.keyboard.press('f');
      await expect(page.getByTestId('app')).toHaveClass(/presenter/);
      for (let s = from + 1; s <= to; s++) {
        if (await questionBelow(page)) {
          // The room sees the question before the step that answers it.
          await page.keyboard.press('n');
          await expect.poll(() => questionBelow(page), { message: `${name}: n brings the question into view` }).toBe(false);
          await expect(page.getByTestId('narrative-step')).toHaveText(`step ${s - 1} of ${steps}`);
        }
        await page.keyboard.press('n');
        await expect(page.getByTestId('narrative-step')).toHaveText(`step ${s} of ${steps}`, { timeout: 30_000 });
      }
      await expect(page.getByTestId('narrative-going')).toHaveCount(0, { timeout: 30_000 });
      await settled(page);
      const r = await reading(page);
      await saveShot(page, `figurelanding-${name}-${to}-${w}.png`);
      console.log(`${name} ${w} step ${to}: ${r.value} · ${r.note}`);
      expect(r.value, `${name} step ${to}: ${r.note}`).toMatch(expectValue);
      expect(r.value).not.toBe('—');
      // Still the step the presenter asked for.
      await expect(page.getByTestId('narrative-step')).toHaveText(`step ${to} of ${steps}`);
    }
  });
}
