// Share pressed during a seek (trial N16, 2): the link made mid-seek held the clock's passing value
// (t=24300ms, the screen at 25.0 s seeking to 60 s), and a fresh tab opened another trace. Now
// Share says "seeking: the link will hold 40.0 s", makes the link once the pair stands there, and
// that link opens the same traces. One page load for the pair, one for the fresh tab; a seek, no
// real-time play.
import { expect } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { saveShot } from './fixtures/shots';

const hashes = async (page: import('@playwright/test').Page) => page.getByTestId('pane-hash').evaluateAll((es) => es.map((e) => (e as HTMLElement).dataset.value));

test('Share pressed while a compare link seeks to 40 s waits, says the moment, and its link opens the same traces; the table gives B - A for latency', async ({ page }) => {
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto('/?compare=gateway-only,mesh-only&t=40s');
  // Both runs open and on their way: Share no longer refuses, the seek has not landed.
  await expect(page.getByTestId('pane-seek').first()).toBeVisible({ timeout: 120_000 });
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-seeking-to', '40000');
  await page.getByTestId('share').click();
  await expect(page.getByTestId('share-waiting')).toHaveText('seeking: the link will hold 40.0 s');
  await saveShot(page, 'shareduringseek-waiting-1600.png');
  const field = page.getByTestId('share-link');
  await expect(field).toBeVisible({ timeout: 120_000 });
  await expect(page.getByTestId('share-waiting')).toHaveCount(0);
  const link = await field.inputValue();
  expect(new URL(link).searchParams.get('t')).toBe('40s');
  await expect(page.getByTestId('pane-time').first()).toHaveText('40.0 s');
  const shared = await hashes(page);
  expect(shared).toHaveLength(2);
  expect(shared.every((h) => /^[0-9a-f]{16}$/.test(h ?? ''))).toBe(true);
  await saveShot(page, 'shareduringseek-link-1600.png');
  // The figures table gives B - A beside B / A for latency and CPU (trial N16, 6), in the row's unit.
  const p90 = page.getByTestId('metrics-diff').locator('tr[data-key="p90"]');
  const [a, b] = await Promise.all(['A', 'B'].map(async (side) => Number(await p90.locator(`td[data-side="${side}"]`).getAttribute('data-value'))));
  const d = b - a;
  await expect(p90.getByTestId('diff-delta')).toHaveText(`${d > 0 ? '+' : '-'}${Math.abs(d).toFixed(2)} ms`);
  await expect(page.getByTestId('metrics-diff').locator('thead')).toContainText('B/A, B−A');
  await page.getByTestId('metrics-diff').scrollIntoViewIfNeeded();
  await saveShot(page, 'shareduringseek-table-1600.png');

  // The colleague's tab, smaller, opened as a new document in this one (a tab of its own starts a
  // renderer more; the app keeps nothing of a document it leaves): the same moment and traces.
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.goto(link);
  await expect(page.getByTestId('run-status')).toHaveText(/paused/, { timeout: 120_000 });
  await expect(page.getByTestId('pane-time').first()).toHaveText('40.0 s');
  expect(await hashes(page)).toEqual(shared);
  await saveShot(page, 'shareduringseek-fresh-1024.png');
});
