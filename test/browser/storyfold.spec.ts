// A teacher at a 1280x720 projector sees a step's head, its lesson figure and the first lines of its
// text in the story column without scrolling (session 45, N15's trial, finding 3), in the normal
// view, and so at 1024x768 and 1600x1000. The step's figure stands under its title, before its
// text (NarrativePanel); what lies under the fold at a story's first step is the scenario's own
// lesson box, which gives away the answer of a question asked later (gateway-only's 33%).
import { expect } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { settled } from './fixtures/settle';
import { saveShot } from './fixtures/shots';

const MOMENTS = [
  { scenario: 'gateway-only', t: '25s', step: 'STEP 4 OF 5' },
  { scenario: 'retry-storm', t: '13s', step: 'STEP 3 OF 4' },
] as const;

for (const m of MOMENTS) {
  test(`${m.scenario} at ${m.t} (${m.step.toLowerCase()}): the step's head, lesson figure and two lines of its text are in the story column's view, unscrolled, at 1280x720, 1024x768 and 1600x1000`, async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto(`/?scenario=${m.scenario}&t=${m.t}`);
    await expect(page.getByTestId('timeline-seeking')).toHaveCount(0, { timeout: 60_000 });
    await expect(page.getByTestId('run-status')).toHaveText(/paused|ready|finished/, { timeout: 60_000 });
    await expect(page.getByTestId('narrative').locator('.section-title')).toContainText(m.step, { ignoreCase: true });
    for (const [width, height] of [
      [1280, 720],
      [1024, 768],
      [1600, 1000],
    ] as const) {
      await page.setViewportSize({ width, height });
      await settled(page);
      const seen = await page.evaluate(() => {
        const box = (s: string) => document.querySelector(s)!.getBoundingClientRect();
        // The column: the narrative's nearest scrolling ancestor.
        let col = document.querySelector<HTMLElement>('[data-testid="narrative"]')!.parentElement!;
        while (getComputedStyle(col).overflowY === 'visible') col = col.parentElement!;
        const c = col.getBoundingClientRect();
        const text = document.querySelector('[data-testid="narrative-text"]')!;
        const line = parseFloat(getComputedStyle(text).lineHeight);
        return {
          scrolled: col.scrollTop,
          top: c.top,
          bottom: Math.min(c.bottom, window.innerHeight),
          head: box('[data-testid="narrative"] .narrative-head').top,
          figure: box('[data-testid="lesson-figure"]').bottom,
          twoLines: box('[data-testid="narrative-text"]').top + 2 * line,
        };
      });
      const where = `${width}x${height}`;
      expect(seen.scrolled, `${where}: the column unscrolled`).toBe(0);
      expect(seen.head, `${where}: the step's head under the column's top`).toBeGreaterThanOrEqual(seen.top);
      expect(seen.figure, `${where}: the lesson figure's bottom above the column's (${seen.bottom.toFixed(0)} px)`).toBeLessThanOrEqual(seen.bottom);
      expect(seen.twoLines, `${where}: the text's second line above the column's bottom`).toBeLessThanOrEqual(seen.bottom);
      console.log(`storyfold ${m.scenario} ${where}: figure ends ${seen.figure.toFixed(0)}, two lines ${seen.twoLines.toFixed(0)}, column ${seen.top.toFixed(0)}-${seen.bottom.toFixed(0)} px`);
      await saveShot(page, `storyfold-${m.scenario}-${width}x${height}.png`);
    }
  });
}
