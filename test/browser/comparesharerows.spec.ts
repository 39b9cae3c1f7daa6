// A compare link keeps the sender's rows, as the single view's does since 63cfa97 (session 50's
// W3, 1): Share writes each pane's columns a row (`cols=3`, or `cols=4,3` when the panes differ),
// and the opener draws those rows while they fit its panes at 75% or more of their own scale.
// retry-storm against its fix shared from a 1366x768 laptop (each pane in bands of 3: shoppers,
// web, api over orders, payments) opened on a 1600x1000 screen, whose own choice is one row of 5.
import { expect, type Page } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { saveShot } from './fixtures/shots';
import { sharedLink } from './fixtures/share';
import { serviceRows } from './fixtures/serviceRows';

/** Pane `i`'s services by row, top first, as fixtures/serviceRows.ts reads them. */
const paneRows = (p: Page, i: number): Promise<string[][]> => serviceRows(p.getByTestId('compare-pane').nth(i).locator('svg [data-node]'));

async function open(page: Page, url: string, viewport: { width: number; height: number }) {
  await page.goto('about:blank');
  await page.setViewportSize(viewport);
  await page.goto(url);
  await expect(page.getByTestId('compare-pane')).toHaveCount(2);
  await expect(page.getByTestId('run-status')).toHaveText(/ready|paused/, { timeout: 60_000 });
  await expect(page.getByTestId('sim-time')).toHaveAttribute('data-value', '10000');
}

test("a compare view's share link keeps each pane's rows in a larger window, and says nothing of it", async ({ page }) => {
  await open(page, '/?compare=retry-storm,retry-storm-fixed&t=10s&speed=1', { width: 1366, height: 768 });
  const sent = [await paneRows(page, 0), await paneRows(page, 1)];
  expect(sent[0]).toEqual([['api', 'shoppers', 'web'], ['orders', 'payments']]);
  const link = await sharedLink(page);
  // Both panes in bands of 3: one count. The address bar carries only the run.
  expect(link).toMatch(/\?compare=retry-storm,retry-storm-fixed&t=10s&speed=1&cols=3$/);
  expect(page.url()).not.toContain('cols=');
  await saveShot(page, 'comparesharerows-sent-1366x768.png');

  await open(page, link, { width: 1600, height: 1000 });
  await expect(page.getByTestId('link-problems')).toHaveCount(0);
  await expect.poll(async () => [await paneRows(page, 0), await paneRows(page, 1)], { message: "the link opened at 1600x1000 has other rows than the sender's" }).toEqual(sent);
  await saveShot(page, 'comparesharerows-opened-1600x1000.png');

  // Without cols= the same window draws its own arrangement: one row of 5 in each pane.
  await open(page, '/?compare=retry-storm,retry-storm-fixed&t=10s&speed=1', { width: 1600, height: 1000 });
  await expect.poll(() => paneRows(page, 0)).toEqual([['api', 'orders', 'payments', 'shoppers', 'web']]);
});

test("a compare link's rows too wide for a 1024x768 pane give way to the pane's own, without a word; a bad cols is named", async ({ page }) => {
  await open(page, '/?compare=retry-storm,retry-storm-fixed&t=10s&speed=1&cols=5,3', { width: 1024, height: 768 });
  await expect(page.getByTestId('link-problems')).toHaveCount(0);
  await expect.poll(() => paneRows(page, 1)).toEqual([['api', 'shoppers', 'web'], ['orders', 'payments']]);
  // A's row of 5 would be drawn under 75% of its own bands of 3's scale in a 1024 px window's pane: its own.
  expect(await paneRows(page, 0)).toEqual([['api', 'shoppers', 'web'], ['orders', 'payments']]);
  await saveShot(page, 'comparesharerows-1024x768.png');
  expect(await sharedLink(page)).toMatch(/&cols=3$/);
  await page.goto('about:blank');
  await page.goto('/?compare=retry-storm,retry-storm-fixed&cols=x');
  await expect(page.getByTestId('link-problems')).toContainText('cols: "x" is not a number of columns a row');
});
