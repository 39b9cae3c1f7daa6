// The latency chart for one client (session 45, C5 1): the single view's charts tab has a client
// choice beside the latency chart's title, and compare's "figures for" scopes its latency chart too.
// gateway-and-mesh, seed 11, second 12: shoppers' p50 101.75 ms and p99 167.1 ms, what
// `npm run sim -- run gateway-and-mesh --client shoppers --from 12s --to 13s` prints
// (test/cli/clientLatency.test.ts holds the two equal).
import { expect, type Locator } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { saveShot } from './fixtures/shots';

const last = async (line: Locator) => Number(await line.getAttribute('data-last'));

test("single view: the latency chart's client choice draws shoppers' own p50 and p99 (101.75 and 167.1 ms at 12 s), under every client's, and says whose in its title", async ({ page }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto('/?scenario=gateway-and-mesh&t=13s');
  await expect(page.getByTestId('sim-time')).toHaveAttribute('data-value', '13000', { timeout: 120_000 });
  if (!(await page.getByTestId('chart-latency').isVisible())) await page.getByTestId('tab-charts').click();
  const chart = page.getByTestId('chart-latency');
  const pick = chart.getByTestId('chart-latency-client');
  await expect(pick).toHaveValue('');
  await expect(pick.locator('option')).toHaveText(['all clients', 'shoppers', 'old-app', 'bulk-export', 'scraper']);
  await expect(chart.locator('figcaption')).toContainText('Latency of ok requests (per second)');
  const p99 = chart.locator('[data-series="p99"]');
  const p50 = chart.locator('[data-series="p50"]');
  await expect.poll(() => last(p99)).toBeGreaterThan(0);
  const allP99 = await last(p99);
  await pick.selectOption('shoppers');
  await expect(chart.locator('figcaption')).toContainText("Latency of shoppers' ok requests (per second)");
  await expect.poll(() => last(p50)).toBe(101.75);
  expect(await last(p99)).toBeCloseTo(167.106, 3);
  expect(allP99).not.toBeCloseTo(167.106, 3);
  await saveShot(page, 'clientlatency-single-1600x1000.png');
  await page.setViewportSize({ width: 1024, height: 768 });
  await expect(pick).toBeVisible();
  await saveShot(page, 'clientlatency-single-1024x768.png');
  // scraper's requests are all refused: no ok one, no line (a gap, not a zero).
  await pick.selectOption('scraper');
  await expect(chart.locator('figcaption')).toContainText("Latency of scraper's ok requests");
  await expect(p99).toHaveAttribute('d', '');
  await pick.selectOption('');
  await expect.poll(() => last(p99)).toBe(allP99);
});

test("compare view: 'figures for: shoppers' scopes the latency chart, B's p99 at 12 s the single view's 167.1 ms", async ({ page }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto('/?compare=gateway-only,gateway-and-mesh&scope=shoppers&t=13s');
  const chart = page.getByTestId('compare-chart-latency');
  await expect(chart.locator('figcaption')).toContainText("Latency of shoppers' ok requests, p99 (solid) and p50 (dashed), per second", { timeout: 120_000 });
  const bP99 = chart.locator('[data-series="B-p99"]');
  await expect.poll(() => last(bP99), { timeout: 120_000 }).toBeCloseTo(167.106, 3);
  expect(await last(chart.locator('[data-series="B-p50"]'))).toBe(101.75);
  await chart.scrollIntoViewIfNeeded();
  await saveShot(page, 'clientlatency-compare-1600x1000.png');
  await page.getByTestId('compare-scope').selectOption('');
  await expect(chart.locator('figcaption')).toContainText('Latency of ok requests, p99 (solid) and p50 (dashed), per second');
  await expect.poll(() => last(bP99)).not.toBeCloseTo(167.106, 3);
  await page.getByTestId('compare-scope').selectOption('shoppers');
  await page.setViewportSize({ width: 1024, height: 768 });
  await chart.scrollIntoViewIfNeeded();
  await saveShot(page, 'clientlatency-compare-1024x768.png');
});
