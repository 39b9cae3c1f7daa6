// The timeline's playhead at t = 0 leaves step 1's marker readable and clickable: the marker
// is drawn over the head, and the head shows above and below it.
import { expect } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { settled, untilStill } from './fixtures/settle';
import { shotPath } from './fixtures/shots';

const SIZES = [
  [1600, 1000],
  [1024, 768],
] as const;

// One page at t = 0 for both sizes: read at 1600x1000, then the window made 1024x768 (each size a
// step named as its own test was, which loaded the page again).
test(`at ${SIZES.map(([w, h]) => `${w}x${h}`).join(' and ')} and t = 0, step "1" on the timeline is on top of the playhead, which still shows above and below it`, async ({ page }) => {
  await page.setViewportSize({ width: SIZES[0][0], height: SIZES[0][1] });
  await page.goto('/?scenario=retry-storm');
  await expect(page.getByTestId('run-status')).toHaveText('ready');
  for (const [w, h] of SIZES) {
    await test.step(`at ${w}x${h} and t = 0, step "1" on the timeline is on top of the playhead, which still shows above and below it`, async () => {
      await page.setViewportSize({ width: w, height: h });
      await settled(page);
      await expect(page.getByTestId('run-status')).toHaveText('ready');
      await expect(page.getByTestId('sim-time')).toHaveText('0.000 s');
      const step = page.getByTestId('timeline').locator('.timeline-step').first();
      await expect(step).toHaveText('1');
      // The timeline re-lays its marks after the resize: read them once they stand still.
      const read = async () => ({ s: (await step.boundingBox())!, head: (await page.getByTestId('timeline-head').boundingBox())! });
      const { s, head } = await untilStill(page, read, 'the step marker and the playhead');
      // The head is at the step's time (both at 0 s).
      expect(Math.abs(head.x + head.width / 2 - (s.x + s.width / 2))).toBeLessThan(2);
      const topAt = await page.evaluate(([x, y]) => document.elementFromPoint(x, y)?.textContent ?? '', [s.x + s.width / 2, s.y + s.height / 2]);
      expect(topAt).toBe('1');
      expect(head.y).toBeLessThan(s.y - 2);
      expect(head.y + head.height).toBeGreaterThan(s.y + s.height + 2);
      await page.screenshot({ path: shotPath(`timeline-head-t0-${w}x${h}.png`), clip: { x: 0, y: Math.max(0, s.y - 40), width: w, height: 90 } });
    });
  }
});
