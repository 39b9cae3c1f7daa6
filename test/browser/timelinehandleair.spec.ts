// A fault handle stacked over a step circle keeps air between them (session 40, U18): retry-storm's
// fault at step 2's 10 s was raised a row above the circle, its 16 px in a 20 px row, and sat edge
// to edge on it. Raised handles now stand 4 px higher, their top a raised circle's.
import { expect } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { settled } from './fixtures/settle';
import { saveShot, shotPath } from './fixtures/shots';

// The moment opened once, at 1600x1000, and read at both sizes in the window resized (before, each
// size opened it and sought retry-storm to 20 s again).
test(`retry-storm at 20 s: the fault handle raised over step 2's circle keeps 3 px of air, inside the timeline (1600x1000 and 1024x768)`, async ({ page }) => {
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto('/?scenario=retry-storm&t=20s');
  await expect(page.getByTestId('timeline-seeking')).toHaveCount(0, { timeout: 60_000 });
  await expect(page.getByTestId('run-status')).toHaveText(/paused|ready|finished/, { timeout: 60_000 });
  for (const [width, height] of [
    [1600, 1000],
    [1024, 768],
  ] as const) {
    await page.setViewportSize({ width, height });
    await settled(page);
    const handle = page.locator('.timeline-track [data-testid="timeline-fault"][data-row="1"]');
    await expect(handle).toHaveCount(1);
    const gap = await page.evaluate(() => {
      const h = document.querySelector('.timeline-track [data-testid="timeline-fault"][data-row="1"]')!.getBoundingClientRect();
      const timeline = document.querySelector('.timeline')!.getBoundingClientRect();
      // The circle under it: the step whose box it stands over.
      const under = Array.from(document.querySelectorAll('.timeline-track .timeline-step'))
        .map((el) => el.getBoundingClientRect())
        .find((r) => r.left < h.right && h.left < r.right);
      return { air: under ? under.top - h.bottom : null, inside: h.top >= timeline.top - 0.5 };
    });
    expect(gap.air, `a step circle under the raised handle at ${width}x${height}`).not.toBeNull();
    expect(gap.air!).toBeGreaterThanOrEqual(3);
    expect(gap.inside, 'the handle inside the timeline').toBe(true);
    await page.locator('.timeline').screenshot({ path: shotPath(`timelinehandleair-${width}x${height}.png`) });
    await saveShot(page, `timelinehandleair-page-${width}x${height}.png`);
  }
});
