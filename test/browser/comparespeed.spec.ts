// Into a compare at your speed (session 42): the speed a person picked in the single view is theirs, and every way
// into a compare keeps it: a ready-made pair from the "Compare side by side" list as much as two files chosen
// together in Open file… (U19 found the second kept it and the first did not). The list says so when the speed is
// not the default, and it is styled on the page's first open (its rules were in compare.css, loaded only with the
// compare view).
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures/sharedPage';
import { settled } from './fixtures/settle';
import { saveShot } from './fixtures/shots';

/** A shipped scenario's file, as a person's own file to open. */
const own = (id: string) => ({ name: `my-${id}.json`, mimeType: 'application/json', buffer: readFileSync(`scenarios/${id}.json`) });

async function singleAt(page: Page, width: number, height: number): Promise<void> {
  await page.setViewportSize({ width, height });
  await page.goto('/?scenario=hello-mesh');
  await expect(page.getByTestId('run-status')).toHaveText('ready', { timeout: 30_000 });
}

const SIZES = [
  [1600, 1000],
  [1024, 768],
] as const;

/** Sizes the page to `width` x `height` and waits until its layout stands still. */
async function resizeTo(page: Page, [width, height]: readonly [number, number]) {
  await page.setViewportSize({ width, height });
  await settled(page);
}

// Each way in is taken once, at one size, and what it opened read at both sizes in that window
// resized (before, each size loaded the single view twice and opened both compares again).
test(`a ready-made pair and two opened files both open a compare at the speed picked in the single view (1600x1000 and 1024x768)`, async ({ page }) => {
  test.setTimeout(180_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await singleAt(page, 1600, 1000);
  const list = page.getByTestId('compare-pairs');
  const pair = page.getByTestId('compare-pair').filter({ hasText: 'Gateway only vs mesh only' });
  const note = page.getByTestId('compare-speed-note');
  for (const size of SIZES) {
    await resizeTo(page, size);
    // The list is styled on the page's first open: no bullets, its links 4 px apart.
    await list.scrollIntoViewIfNeeded();
    const style = await list.evaluate((el) => ({ bullets: getComputedStyle(el).listStyleType, gap: getComputedStyle(el).rowGap, pad: getComputedStyle(el).paddingLeft }));
    expect(style).toEqual({ bullets: 'none', gap: '4px', pad: '0px' });
    // At the default speed nothing is said, and a pair's link carries no speed.
    await expect(note).toHaveCount(0);
    expect(await pair.getAttribute('href')).toBe('?compare=gateway-only,mesh-only');
  }
  await page.getByTestId('speed').selectOption('10');
  for (const size of [SIZES[1], SIZES[0]]) {
    await resizeTo(page, size);
    await expect(note).toHaveText('A compare opens at your speed, 10×.');
    await note.scrollIntoViewIfNeeded();
    await saveShot(page, `comparespeed-list-${size[0]}.png`);
  }
  // A ready-made pair opens at 10× (clicked at 1600x1000).
  await pair.click();
  await expect(page.getByTestId('compare-pane')).toHaveCount(2, { timeout: 60_000 });
  for (const size of SIZES) {
    await resizeTo(page, size);
    await expect(page.getByTestId('speed')).toHaveValue('10');
    expect(new URL(page.url()).searchParams.get('speed')).toBe('10');
    await saveShot(page, `comparespeed-pair-${size[0]}.png`);
  }
  // Two of your own files chosen together open at 10× too (chosen at 1024x768).
  await singleAt(page, 1024, 768);
  await page.getByTestId('speed').selectOption('10');
  await page.getByTestId('scenario-file').setInputFiles([own('gateway-only'), own('mesh-only')]);
  await expect(page.getByTestId('compare-pane')).toHaveCount(2, { timeout: 60_000 });
  for (const size of [SIZES[1], SIZES[0]]) {
    await resizeTo(page, size);
    await expect(page.getByTestId('speed')).toHaveValue('10');
    await saveShot(page, `comparespeed-files-${size[0]}.png`);
  }
  expect(errors).toEqual([]);
});

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
