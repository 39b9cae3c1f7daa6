// What the picture says about sidecars in words (a node's title, read by screen readers and kept
// in the exported report) matches what it draws: session 36's trial found every service titled
// "2 sidecar proxies: every byte in and out passes through one", gateway-only's included.
import { expect } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { saveShot } from './fixtures/shots';

test('only services drawn with sidecar hexagons are titled as having sidecars (partial-adoption: storefront, catalog and orders; not reports or search; gateway-only: none)', async ({ page }) => {
  const titles = (): Promise<Record<string, [number, string | null]>> =>
    page.locator('svg[data-testid="topology"] [data-node]').evaluateAll((nodes) =>
      Object.fromEntries(nodes.map((n) => [n.getAttribute('data-node') ?? '', [n.querySelectorAll('.topo-hex').length, n.querySelector('.topo-proxies > title')?.textContent ?? null] as [number, string | null]])),
    );
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.goto('/?scenario=partial-adoption');
  await expect(page.getByTestId('run-status')).toHaveText('ready');
  const partial = await titles();
  expect(partial.storefront).toEqual([2, '2 sidecar proxies: every byte in and out passes through one']);
  expect(partial.catalog).toEqual([3, '3 sidecar proxies: every byte in and out passes through one']);
  expect(partial.orders).toEqual([2, '2 sidecar proxies: every byte in and out passes through one']);
  expect(partial.reports).toEqual([0, null]);
  expect(partial.search).toEqual([0, null]);
  await saveShot(page, 'sidecar-titles-partial-1024x768.png');
  await page.goto('/?scenario=gateway-only');
  await expect(page.getByTestId('run-status')).toHaveText('ready');
  const gateway = await titles();
  expect(Object.keys(gateway).length).toBeGreaterThan(2);
  expect(Object.entries(gateway).filter(([, [, title]]) => title !== null)).toEqual([]);
});
