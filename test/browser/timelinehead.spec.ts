// The timeline's playhead at t = 0 leaves step 1's marker readable and clickable: the marker
// is drawn over the head, and the head shows above and below it.
import { expect, test } from '@playwright/test';
import { shotPath } from './fixtures/shots';

for (const [w, h] of [
  [1600, 1000],
  [1024, 768],
] as const) {
  test(`at ${w}x${h} and t = 0, step "1" on the timeline is on top of the playhead, which still shows above and below it`, async ({ page }) => {
    await page.setViewportSize({ width: w, height: h });
    await page.goto('/?scenario=retry-storm');
    await expect(page.getByTestId('run-status')).toHaveText('ready');
    await expect(page.getByTestId('sim-time')).toHaveText('0.000 s');
    const step = page.getByTestId('timeline').locator('.timeline-step').first();
    await expect(step).toHaveText('1');
    const s = (await step.boundingBox())!;
    const head = (await page.getByTestId('timeline-head').boundingBox())!;
    // The head is at the step's time (both at 0 s).
    expect(Math.abs(head.x + head.width / 2 - (s.x + s.width / 2))).toBeLessThan(2);
    const topAt = await page.evaluate(([x, y]) => document.elementFromPoint(x, y)?.textContent ?? '', [s.x + s.width / 2, s.y + s.height / 2]);
    expect(topAt).toBe('1');
    expect(head.y).toBeLessThan(s.y - 2);
    expect(head.y + head.height).toBeGreaterThan(s.y + s.height + 2);
    await page.screenshot({ path: shotPath(`timeline-head-t0-${w}x${h}.png`), clip: { x: 0, y: Math.max(0, s.y - 40), width: w, height: 90 } });
  });
}
