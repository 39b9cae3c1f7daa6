// Timeline markers stay clickable where they meet: two faults at a narrative step's time are
// stacked on rows above and below the track, and a click on each seeks to its time. That every
// marker of every scenario with faults lies on top and apart, at 1600x1000 and 1024x768, is
// checked in all-scenarios.spec.ts.
import { expect, test } from './fixtures/sharedPage';
import { shotPath } from './fixtures/shots';

test('control-plane-outage: the two faults at 10 s and step 2 at 10 s are three markers; each click seeks to its time', async ({ page }) => {
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto('/?scenario=control-plane-outage&t=50s');
  await expect(page.getByTestId('sim-time')).toHaveText('50.0 s');
  const handles = page.getByTestId('timeline-fault');
  await expect(handles).toHaveCount(3);
  const rows = await handles.evaluateAll((hs) => hs.map((h) => h.getAttribute('data-row')));
  const step2 = page.locator('.timeline-step').nth(1);
  // Step 2 stays on the track; the faults at its time go above and below it.
  expect(await step2.getAttribute('data-row')).toBe('0');
  expect(new Set(rows.slice(0, 2))).toEqual(new Set(['1', '2']));
  await page.screenshot({ path: shotPath('timeline-stacked.png') });
  for (const i of [0, 1]) {
    await page.getByTestId('timeline').click({ position: { x: 5, y: 4 } });
    await expect(page.getByTestId('sim-time')).not.toHaveText('10.0 s');
    await handles.nth(i).click();
    await expect(page.getByTestId('sim-time')).toHaveText('10.0 s');
  }
  await page.getByTestId('timeline').click({ position: { x: 5, y: 4 } });
  await expect(page.getByTestId('sim-time')).not.toHaveText('10.0 s');
  await step2.click();
  await expect(page.getByTestId('sim-time')).toHaveText('10.0 s');
  await expect(page.getByTestId('narrative-step')).toHaveText('step 2 of 6');
});
