// Presenter mode, next › after next ›: each step opens at its head (N6's trial, F1). Once the room
// had answered a story's question, every later step opened scrolled to the story column's foot,
// the step's head, title, figure and first lines above the view and the old question below it.
import { expect, type Page } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { settled } from './fixtures/settle';
import { saveShot } from './fixtures/shots';

/** How much of `sel`'s first element lies inside the story column's view, 0-1, and its top's distance below the column's top, px. */
async function seen(page: Page, sel: string) {
  return page.locator(sel).first().evaluate((el) => {
    const column = el.closest<HTMLElement>('.panel')!;
    const top = column.getBoundingClientRect().top + column.clientTop;
    const bottom = top + column.clientHeight;
    const r = el.getBoundingClientRect();
    const inView = Math.max(0, Math.min(r.bottom, bottom) - Math.max(r.top, top));
    return { share: r.height > 0 ? inView / r.height : 0, below: r.top - top };
  });
}

/** The first line of the step's text inside the column's view. */
async function firstLineSeen(page: Page) {
  return page.getByTestId('narrative-text').evaluate((p) => {
    const column = p.closest<HTMLElement>('.panel')!;
    const top = column.getBoundingClientRect().top + column.clientTop;
    const range = document.createRange();
    range.selectNodeContents(p);
    const first = range.getClientRects()[0];
    return first.top >= top - 0.5 && first.bottom <= top + column.clientHeight + 0.5;
  });
}

const STORIES = [
  ['retry-storm', 4],
  ['control-plane-outage', 6],
] as const;

for (const [w, h] of [
  [1600, 1000],
  [1024, 768],
] as const) {
  for (const [name, steps] of STORIES) {
    test(`presenter mode at ${w}x${h}: ${name}, a pick then next › to the end, each step opens at its head, title, figure and first line`, async ({ page }) => {
      await page.setViewportSize({ width: w, height: h });
      await page.goto(`/?scenario=${name}`);
      await expect(page.getByTestId('narrative-step')).toBeVisible({ timeout: 30_000 });
      await page.locator('body').click({ position: { x: 5, y: 5 } });
      await page.keyboard.press('f');
      await expect(page.getByTestId('app')).toHaveClass(/presenter/);
      await settled(page);
      for (let step = 1; step <= steps; step++) {
        if (step > 1) {
          await page.keyboard.press('n');
          await expect(page.getByTestId('narrative-step')).toHaveText(`step ${step} of ${steps}`, { timeout: 30_000 });
          await settled(page);
          await page.waitForTimeout(400);
        }
        // The room picks an answer (the second) whenever a question is asked.
        if ((await page.locator('[data-testid="question"][data-state="ahead"]').count()) > 0) await page.keyboard.press('2');
        const head = await seen(page, '[data-testid="narrative-step"]');
        const title = await seen(page, '[data-testid="narrative-title"]');
        await saveShot(page, `stepscroll-${name}-${step}-${w}.png`);
        console.log(`${name} ${w} step ${step}: head ${head.share.toFixed(2)} at ${head.below.toFixed(0)} px, title ${title.share.toFixed(2)}`);
        expect(head.share, `${name} step ${step}: the step's head`).toBe(1);
        expect(title.share, `${name} step ${step}: the step's title`).toBe(1);
        if ((await page.locator('.narrative [data-testid="lesson-figure"]').count()) > 0) expect((await seen(page, '.narrative [data-testid="lesson-figure"]')).share, `${name} step ${step}: its figure`).toBeGreaterThan(0.99);
        expect(await firstLineSeen(page), `${name} step ${step}: the first line of its text`).toBe(true);
        // The step that answers the room's pick shows the verdict, or says at the foot that it is below.
        const own = page.locator(`[data-testid="question"][data-state="revealed"][data-step="${step - 1}"] [data-testid="question-verdict"]`);
        if ((await own.count()) > 0 && (await seen(page, `[data-testid="question"][data-step="${step - 1}"] [data-testid="question-verdict"]`)).share < 1) {
          await expect(page.getByTestId('answer-cue'), `${name} step ${step}`).toBeVisible();
          await page.getByTestId('answer-cue').click();
          await expect.poll(async () => (await seen(page, `[data-testid="question"][data-step="${step - 1}"] [data-testid="question-explain"]`)).share).toBeGreaterThan(0.99);
          await saveShot(page, `stepscroll-${name}-${step}-answer-${w}.png`);
        }
      }
    });
  }
}
