// Injecting faults while a run plays: the worker checks them like faults in a scenario file,
// the topology shows what they break, and clearing one ends it.
import { expect, test, type Locator } from '@playwright/test';
import { shotPath } from './fixtures/shots';

const count = async (l: Locator) => Number((await l.textContent())!.replace(/[^0-9.]/g, ''));

test('killing catalog in hello-mesh while it plays fails requests and greys the node out; clearing it recovers', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/');
  await expect(page.getByTestId('run-status')).toHaveText('ready');
  await page.getByTestId('speed').selectOption('1');
  await page.getByTestId('play').click();
  await expect.poll(() => count(page.getByTestId('ok-count'))).toBeGreaterThan(5);
  expect(await count(page.getByTestId('failed-count'))).toBe(0);
  const catalog = page.getByTestId('topology').locator('[data-node="catalog"]');
  await expect(catalog).not.toHaveClass(/topo-all-down/);

  await page.getByTestId('fault-type').selectOption('kill-service');
  await page.getByTestId('fault-target').selectOption('catalog');
  await page.getByTestId('fault-inject').click();
  const item = page.getByTestId('fault-list').getByTestId('fault-item');
  await expect(item).toHaveCount(1);
  await expect(item).toContainText('kill-service');
  await expect(item).toContainText('catalog');
  await expect(item).toContainText('active since');
  await expect.poll(() => count(page.getByTestId('failed-count'))).toBeGreaterThan(0);
  await expect(catalog).toHaveClass(/topo-all-down/);
  // The fault is named under the node, then what it did.
  await expect(catalog.locator('.topo-state tspan')).toHaveText(['⚡ kill-service', 'all 3 down']);
  await expect(catalog.locator('.topo-hex-down')).toHaveCount(3);
  await page.screenshot({ path: shotPath('fault-killed.png') });

  await item.getByTestId('fault-clear').click();
  await expect(item).toContainText(/from [\d.]+ s to [\d.]+ s, ended/);
  await expect(catalog).not.toHaveClass(/topo-all-down/);
  await expect(catalog.locator('.topo-state')).toHaveText('');
  // Once the replicas are back, requests succeed again and failures stop growing.
  const ok = await count(page.getByTestId('ok-count'));
  await expect.poll(() => count(page.getByTestId('ok-count'))).toBeGreaterThan(ok + 5);
  const failed = await count(page.getByTestId('failed-count'));
  await expect.poll(() => count(page.getByTestId('ok-count'))).toBeGreaterThan(ok + 20);
  expect(await count(page.getByTestId('failed-count'))).toBe(failed);
  expect(errors).toEqual([]);
});

test('a fault the worker rejects is listed as path: message and nothing is injected', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('run-status')).toHaveText('ready');
  await page.getByTestId('fault-type').selectOption('latency');
  await page.getByTestId('fault-target').selectOption('catalog');
  await page.getByLabel('delay').fill('5 parsecs');
  await page.getByTestId('fault-inject').click();
  await expect(page.getByTestId('fault-problems').locator('li')).toHaveCount(1);
  await expect(page.getByTestId('fault-problems')).toContainText(/^fault\.delay: /);
  await expect(page.getByTestId('fault-list').getByTestId('fault-item')).toHaveCount(0);
  // Given a delay it takes, the list says how much: two latencies read apart (a delay was shown
  // nowhere, so 250 ms and 2 s read the same).
  await page.getByLabel('delay').fill('250ms');
  await page.getByTestId('fault-inject').click();
  await expect(page.getByTestId('fault-list').getByTestId('fault-item')).toHaveCount(1);
  await page.getByLabel('delay').fill('2s');
  await page.getByTestId('fault-inject').click();
  await expect(page.getByTestId('fault-list').getByTestId('fault-item').locator('.fault-what')).toHaveText(['latency catalog +2.00 s', 'latency catalog +250 ms']);
});
