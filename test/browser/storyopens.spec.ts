// A story opened with a question asked before step 2 shows the step a person is on: its head with
// next ›, its title and its text's first line, with the question under it or, where the column
// cannot hold both, a cue at the column's foot naming it (session 53, G6; W6's report, item 2: at
// 1024x768 control-plane-outage opened with its step's head 84 px above the column, only the
// question in view; at 1366x768 its head was cut by 4 px). A click on the cue shows the question whole.
import { expect } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { saveShot } from './fixtures/shots';

for (const scenario of ['retry-storm', 'control-plane-outage'] as const) {
  test(`${scenario} opens on its step, next › and text in view, its question in view or named by a cue, at 1600x1000, 1366x768 and 1024x768`, async ({ page }) => {
    for (const [w, h] of [
      [1600, 1000],
      [1366, 768],
      [1024, 768],
    ] as const) {
      await page.setViewportSize({ width: w, height: h });
      await page.goto(`/?scenario=${scenario}`);
      await expect(page.getByTestId('run-status')).toHaveText('ready');
      const q = page.getByTestId('question');
      await expect(q).toHaveAttribute('data-state', 'ahead');
      await expect(page.getByTestId('narrative-step')).toHaveText(/^step 1 of \d$/);
      /** Where the step's parts and the question's answers lie against the story column's visible box. */
      const where = () =>
        page.evaluate(() => {
          const col = document.querySelector('[data-testid="narrative"]')!.closest('.panel')!.getBoundingClientRect();
          const foot = Math.min(col.bottom, innerHeight);
          const box = (sel: string) => document.querySelector(sel)!.getBoundingClientRect();
          const inCol = (r: DOMRect) => r.top >= col.top - 0.5 && r.bottom <= foot + 0.5;
          const text = box('[data-testid="narrative-text"]');
          const line = parseFloat(getComputedStyle(document.querySelector('[data-testid="narrative-text"]')!).lineHeight);
          return {
            head: inCol(box('[data-testid="narrative"] .narrative-head')),
            next: inCol(box('[data-testid="narrative-next"]')),
            title: inCol(box('[data-testid="narrative-title"]')),
            firstLine: text.top >= col.top - 0.5 && text.top + line <= foot + 0.5,
            answers: inCol(box('.question-choices')),
            prompt: box('[data-testid="question-prompt"]').top >= col.top - 0.5 && box('[data-testid="question-prompt"]').top < foot,
          };
        });
      // After the question's scroll and its second frame.
      await expect.poll(async () => {
        const p = await where();
        return `head ${p.head}, next ${p.next}, title ${p.title}, first line ${p.firstLine}`;
      }).toBe('head true, next true, title true, first line true');
      const cue = page.getByTestId('question-cue');
      const at = await where();
      console.log(`${scenario} ${w}x${h}: answers ${at.answers ? 'in view' : 'below, the cue shown'}, prompt's top ${at.prompt ? 'in view' : 'below'}`);
      if (at.answers) await expect(cue).toHaveCount(0);
      else {
        await expect(cue).toHaveText(/^↓ Question below: pick 1–\d$/);
        await expect(cue).toBeInViewport({ ratio: 1 });
      }
      await saveShot(page, `storyopens-${scenario}-${w}x${h}.png`);
      if (w === 1600) expect(at.answers, 'at 1600x1000 the question shows whole under the step').toBe(true);
      if (!at.answers) {
        await cue.click();
        await expect(cue).toHaveCount(0);
        await expect.poll(async () => (await where()).answers).toBe(true);
        await saveShot(page, `storyopens-${scenario}-${w}x${h}-cue-shown.png`);
      }
    }
  });
}
