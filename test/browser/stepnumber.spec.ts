// A story step's figure reads its number at the step's own moment (session 53, W8; session 52 W6's table):
// next › stopped at 13 steps whose figure's window had not opened or had only just opened, the number beside
// "lesson: ..." a "—" and "from 21 s (starts in 1 s)". Each step now stands where its figure reads. As a teacher
// does it: a link to the step before, next ›, the number read beside the lesson's, at 1024x768 and 1600x1000.
// test/scenarios/stepFigures.test.ts holds every shipped step to a number at its moment; this is what the screen shows.
import { expect } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { settled } from './fixtures/settle';
import { saveShot } from './fixtures/shots';

const CASES = [
  // [scenario, link's moment (the step before), step after next ›, its moment (ms), the number, the note's end]
  ['gateway-and-mesh', '2s', 'step 3 of 5', 22_000, '0%', 'lesson: under 0.5%'],
  ['control-plane-outage', '30s', 'step 5 of 6', 67_000, '100%', 'lesson: 100%'],
  ['idle-timeout-race', '0s', 'step 2 of 4', 26_000, '20.0%', 'lesson: about 20%'],
] as const;

test("next › to gateway-and-mesh's hung replica (22 s), control-plane-outage's expiry (67 s) and idle-timeout-race's resets (26 s) shows each figure's number beside its lesson's, at 1024x768 and 1600x1000", async ({ page }) => {
  test.setTimeout(300_000);
  for (const [name, from, step, atMs, value, lesson] of CASES) {
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.goto(`/?scenario=${name}&t=${from}`);
    await expect(page.getByTestId('run-status')).toHaveText(/paused|ready/, { timeout: 60_000 });
    await expect(page.getByTestId('run-status')).not.toHaveAttribute('data-seeking-to', /./, { timeout: 60_000 });
    await page.getByTestId('narrative-next').click();
    await expect(page.getByTestId('narrative-step')).toHaveText(step, { timeout: 60_000 });
    await expect(page.getByTestId('sim-time')).toHaveAttribute('data-value', String(atMs), { timeout: 60_000 });
    await expect(page.getByTestId('run-status')).not.toHaveAttribute('data-seeking-to', /./, { timeout: 60_000 });
    const figure = page.locator('.narrative > [data-testid="lesson-figure"]');
    for (const [width, height] of [
      [1024, 768],
      [1600, 1000],
    ] as const) {
      await page.setViewportSize({ width, height });
      await settled(page);
      await expect(figure.getByTestId('lesson-figure-value')).toHaveText(value);
      await expect(figure.locator('.lesson-figure-note')).toContainText(lesson);
      await expect(figure.locator('.lesson-figure-note')).not.toContainText('starts in');
      await expect(figure.getByTestId('lesson-figure-value')).toBeInViewport();
      await saveShot(page, `stepnumber-${name}-${width}x${height}.png`);
    }
  }
});
