// The compare view (issue 12, item 1): a ready-made pair opened by its link, both panes on one
// clock under one set of controls, the figures table against each pane's own counters and the
// CLI's `compare`, a fault injected into both, where the runs first differ, and a share link.
import { execFileSync } from 'node:child_process';
import { expect, test, type Page } from '@playwright/test';

const PAIR = '/?compare=retry-storm,retry-storm-fixed';

/** Waits until no seek runs and both runs are paused, ready or finished. */
async function settled(page: Page) {
  await expect(page.getByTestId('timeline-seeking')).toHaveCount(0);
  await expect(page.getByTestId('run-status')).toHaveText(/paused|ready|finished/);
}

const pane = (page: Page, side: 'A' | 'B') => page.locator(`[data-testid="compare-pane"][data-side="${side}"]`);
const paneValue = async (page: Page, side: 'A' | 'B', id: string) => (await pane(page, side).getByTestId(id).getAttribute('data-value'))!;
const diffValue = async (page: Page, key: string, side: 'A' | 'B' | 'ratio') => (await page.locator(`[data-testid="metrics-diff"] tr[data-key="${key}"] td[data-side="${side}"]`).getAttribute('data-value'))!;

test('a ready-made pair plays, pauses and seeks on one clock, and the figures table matches each pane', async ({ page }) => {
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto(PAIR);
  await expect(page.getByTestId('compare-view')).toBeVisible();
  await expect(page.getByTestId('compare-pane')).toHaveCount(2);
  await expect(pane(page, 'A')).toContainText('retry-storm');
  await expect(pane(page, 'B')).toContainText('retry-storm-fixed');
  await expect(page.getByTestId('run-status')).toHaveText('ready');
  await page.getByTestId('speed').selectOption('10');
  await page.getByTestId('play').click();
  await expect.poll(async () => Number(await paneValue(page, 'A', 'pane-time')), { timeout: 30_000 }).toBeGreaterThan(4000);
  await page.getByTestId('pause').click();
  await settled(page);
  // One clock: both panes stopped at the same simulated time.
  const tA = await paneValue(page, 'A', 'pane-time');
  expect(await paneValue(page, 'B', 'pane-time')).toBe(tA);
  await page.screenshot({ path: 'test-results/compare-playing-1600.png' });
});
