// A 1280x720 projector in the normal view (trial N15, finding 3: the back row read 9 px node names):
// a picture whose own names fall under 10 px there takes presenter mode's text, as at 1024x768
// (readableText.ts READABLE_TEXT_WINDOW_QUERY); the fold into group tiles stays the 1,100 px window's.
import { expect } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { readNames, settledWithFigures } from './fixtures/walkChecks';
import { saveShot } from './fixtures/shots';

test('partial-adoption at 1280x720 in the normal view draws its node names at 10 px or more (9.5 px before) with presenter text, whole in the stage, no link label over a node, name or label; at 1600x1000 it keeps its own text', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('/?scenario=partial-adoption&t=10s');
  await expect(page.getByTestId('run-status')).toHaveText(/paused|ready|finished/, { timeout: 60_000 });
  await settledWithFigures(page, true);
  const seen = await readNames(page);
  console.log(`partial-adoption 1280x720: least name ${seen.least} px (${seen.leastName}), large ${seen.large}, ${seen.labels} link labels`);
  await saveShot(page, 'text1280-partial-adoption.png');
  expect(seen.view).toBe('svg');
  expect(seen.large, 'presenter text').toBe(true);
  expect(seen.least, `least node name (${seen.leastName})`).toBeGreaterThanOrEqual(10);
  expect(seen.cut, 'cut by the stage').toEqual([]);
  expect(seen.over, 'link labels over a node, name or label').toEqual([]);
  await page.setViewportSize({ width: 1600, height: 1000 });
  await settledWithFigures(page, true);
  expect((await readNames(page)).large, 'its own text at 1600x1000').toBe(false);
});
