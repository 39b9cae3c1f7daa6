// Into a compare at your speed (session 42): the speed a person picked in the single view is theirs, and every way
// into a compare keeps it: a ready-made pair from the "Compare side by side" list as much as two files chosen
// together in Open file… (U19 found the second kept it and the first did not). The list says so when the speed is
// not the default, and it is styled on the page's first open (its rules were in compare.css, loaded only with the
// compare view).
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures/sharedPage';
import { saveShot } from './fixtures/shots';

/** A shipped scenario's file, as a person's own file to open. */
const own = (id: string) => ({ name: `my-${id}.json`, mimeType: 'application/json', buffer: readFileSync(`scenarios/${id}.json`) });

async function singleAt(page: Page, width: number, height: number): Promise<void> {
  await page.setViewportSize({ width, height });
  await page.goto('/?scenario=hello-mesh');
  await expect(page.getByTestId('run-status')).toHaveText('ready', { timeout: 30_000 });
}

for (const [width, height] of [
  [1600, 1000],
  [1024, 768],
] as const) {
  test(`a ready-made pair and two opened files both open a compare at the speed picked in the single view, ${width}x${height}`, async ({ page }) => {
    test.setTimeout(180_000);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await singleAt(page, width, height);
    // The list is styled on the page's first open: no bullets, its links 4 px apart.
    const list = page.getByTestId('compare-pairs');
    await list.scrollIntoViewIfNeeded();
    const style = await list.evaluate((el) => ({ bullets: getComputedStyle(el).listStyleType, gap: getComputedStyle(el).rowGap, pad: getComputedStyle(el).paddingLeft }));
    expect(style).toEqual({ bullets: 'none', gap: '4px', pad: '0px' });
    // At the default speed nothing is said, and a pair's link carries no speed.
    await expect(page.getByTestId('compare-speed-note')).toHaveCount(0);
    const pair = page.getByTestId('compare-pair').filter({ hasText: 'Gateway only vs mesh only' });
    expect(await pair.getAttribute('href')).toBe('?compare=gateway-only,mesh-only');
    await page.getByTestId('speed').selectOption('10');
    const note = page.getByTestId('compare-speed-note');
    await expect(note).toHaveText('A compare opens at your speed, 10×.');
    await note.scrollIntoViewIfNeeded();
    await saveShot(page, `comparespeed-list-${width}.png`);
    // A ready-made pair opens at 10×.
    await pair.click();
    await expect(page.getByTestId('compare-pane')).toHaveCount(2, { timeout: 60_000 });
    await expect(page.getByTestId('speed')).toHaveValue('10');
    expect(new URL(page.url()).searchParams.get('speed')).toBe('10');
    await saveShot(page, `comparespeed-pair-${width}.png`);
    // Two of your own files chosen together open at 10× too.
    await singleAt(page, width, height);
    await page.getByTestId('speed').selectOption('10');
    await page.getByTestId('scenario-file').setInputFiles([own('gateway-only'), own('mesh-only')]);
    await expect(page.getByTestId('compare-pane')).toHaveCount(2, { timeout: 60_000 });
    await expect(page.getByTestId('speed')).toHaveValue('10');
    await saveShot(page, `comparespeed-files-${width}.png`);
    expect(errors).toEqual([]);
  });
}

test('at the default speed a ready-made pair and two opened files both open a compare at the default, 0.1×', async ({ page }) => {
  test.setTimeout(180_000);
  await singleAt(page, 1600, 1000);
  await page.getByTestId('compare-pair').filter({ hasText: 'Gateway only vs mesh only' }).click();
  await expect(page.getByTestId('compare-pane')).toHaveCount(2, { timeout: 60_000 });
  await expect(page.getByTestId('speed')).toHaveValue('0.1');
  await singleAt(page, 1600, 1000);
  await page.getByTestId('scenario-file').setInputFiles([own('gateway-only'), own('mesh-only')]);
  await expect(page.getByTestId('compare-pane')).toHaveCount(2, { timeout: 60_000 });
  await expect(page.getByTestId('speed')).toHaveValue('0.1');
});
