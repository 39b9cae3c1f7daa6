// The compare figures' client scope (trial N13, 1): gateway-only against gateway-and-mesh, where B
// has 3 clients A has not, read for shoppers and then for every client.
import { expect } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { saveShot } from './fixtures/shots';

test("gateway-only vs gateway-and-mesh: the table says B has 3 clients A has not, reads shoppers' requests when asked (B fails none of them), names the CLI's --client shoppers, and the link keeps scope=", async ({ page }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto('/?compare=gateway-only,gateway-and-mesh&scope=shoppers&t=10s');
  const line = page.getByTestId('compare-clients-line');
  await expect(line).toHaveText('B has 3 clients A has not: old-app, bulk-export, scraper — showing shoppers', { timeout: 120_000 });
  const picker = page.getByTestId('compare-scope');
  await expect(picker).toHaveValue('shoppers');
  const table = page.getByTestId('metrics-diff');
  await expect(table.locator('tr[data-key="failed"] td[data-side="B"]')).toHaveText('0.0%');
  await expect(table.locator('tr[data-key="links"] td[data-side="A"]')).toHaveText('3');
  await expect(table.locator('tr[data-key="links"] td[data-side="B"]')).toHaveText('3');
  await expect(page.getByTestId('diff-all-clients')).toBeVisible();
  // The CLI command that prints these figures names the client (test/cli/compareClient.test.ts: the same rows).
  await expect(page.getByTestId('diff-latency-note')).toContainText('as `npm run sim -- compare A B --client shoppers` counts them.');
  await saveShot(page, 'comparescope-shoppers-1600x1000.png');
  await picker.selectOption('');
  await expect(line).toHaveText('B has 3 clients A has not: old-app, bulk-export, scraper — showing all clients');
  await expect(page.getByTestId('diff-all-clients')).toHaveCount(0);
  await expect(page.getByTestId('diff-latency-note')).toContainText('as `npm run sim -- compare` counts them.');
  const failedB = Number(await table.locator('tr[data-key="failed"] td[data-side="B"]').getAttribute('data-value'));
  expect(failedB).toBeGreaterThan(0.1);
  // Failed shares more than 5 points apart: latency is over different ok requests, so its rows carry ‡,
  // the note says why, and no latency ratio is in bold (trial N18, 3).
  const failedA = Number(await table.locator('tr[data-key="failed"] td[data-side="A"]').getAttribute('data-value'));
  expect(Math.abs(failedB - failedA)).toBeGreaterThan(0.05);
  await expect(page.getByTestId('diff-mixed-note')).toContainText(`‡ Latency counts ok requests only, and A failed ${(100 * failedA).toFixed(1)}% of the requests it sent, B ${(100 * failedB).toFixed(1)}%`);
  await expect(table.locator('tr[data-key="p50"] th')).toContainText('‡');
  await expect(table.locator('tr.diff-latency td.diff-apart')).toHaveCount(0);
  await page.getByTestId('diff-mixed-note').scrollIntoViewIfNeeded();
  await saveShot(page, 'comparescope-mixed-1600x1000.png');
  // Every client's, said in the link: a bare link to this pair opens on shoppers, its lesson's client (session 53).
  await expect.poll(() => page.url()).toMatch(/[?&]scope=all(&|$)/);
  await picker.selectOption('shoppers');
  await expect.poll(() => page.url()).toContain('scope=shoppers');
  await expect(table.locator('caption')).toContainText("seed 11 · shoppers' requests");
  await expect(page.getByTestId('compare-chart-failures')).toContainText("shoppers' requests failed, per second");
  await page.setViewportSize({ width: 1024, height: 768 });
  await picker.scrollIntoViewIfNeeded();
  await saveShot(page, 'comparescope-shoppers-1024x768.png');
});
