// A 1280x720 projector in the normal view (trial N15, finding 3: the back row read 9 px node names):
// a picture whose own names fall under 10 px there takes presenter mode's text, as at 1024x768
// (readableText.ts READABLE_TEXT_WINDOW_QUERY); the fold into group tiles stays the 1,100 px window's.
import { expect } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { readNames, settledWithFigures } from './fixtures/walkChecks';
import { saveShot } from './fixtures/shots';

test('partial-adoption at 1280x720 in the normal view draws its node names at 10 px or more (9.5 px before) with presenter text, whole in the stage, no link label over a node, name or label, and its picker says its title whole on one header row; at 1600x1000 it keeps its own text', async ({ page }) => {
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
  // The header's picker says the title whole at 1280 px (trial N17, 11: "Partial adoption: one team run"), taking
  // the room before Play; the header keeps one row.
  const picker = await page.getByTestId('scenario-select').evaluate((el: HTMLSelectElement) => {
    const c = document.createElement('canvas').getContext('2d')!;
    const cs = getComputedStyle(el);
    c.font = `${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
    return { text: el.selectedOptions[0].text, need: c.measureText(el.selectedOptions[0].text).width + parseFloat(cs.paddingLeft) + parseFloat(cs.paddingRight), width: el.clientWidth, header: document.querySelector('.header')!.getBoundingClientRect().height };
  });
  expect(picker.text).toBe('Partial adoption: one team runs without sidecars');
  expect(picker.width, `the picker (${picker.width} px) holds its title (${Math.ceil(picker.need)} px)`).toBeGreaterThanOrEqual(picker.need);
  expect(picker.header, 'one header row').toBeLessThanOrEqual(56);
  await expect(page.getByTestId('scenario-select')).toHaveAttribute('title', picker.text);
  await page.setViewportSize({ width: 1600, height: 1000 });
  await settledWithFigures(page, true);
  expect((await readNames(page)).large, 'its own text at 1600x1000').toBe(false);
  await saveShot(page, 'text1280-partial-adoption-1600.png');
  await page.setViewportSize({ width: 1024, height: 768 });
  await settledWithFigures(page, true);
  await saveShot(page, 'text1280-partial-adoption-1024.png');
});
