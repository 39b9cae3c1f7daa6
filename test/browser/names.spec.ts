// What the app calls things and how it writes numbers: the event log names each proxy event's
// proxy, the inspector's picker lists human names grouped by kind (and finds one by typing),
// and figures carry thousands separators (link labels of 1,000 req/s and more among them).
import { expect } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { saveShot } from './fixtures/shots';

test("the event log names each proxy event's proxy, and the actor filter finds one replica's sidecar", async ({ page }) => {
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto('/?scenario=retry-storm&t=12s');
  await expect(page.getByTestId('sim-time')).toHaveText('12.0 s', { timeout: 30_000 });
  await page.getByTestId('tab-events').click();
  const log = page.getByTestId('event-log');
  await page.getByTestId('event-filter-kind').selectOption('ProxyArrive');
  await expect(log.locator('.eventlog-kind').first()).toHaveAttribute('title', 'ProxyArrive');
  const actors = await log.locator('.eventlog-actor').allTextContents();
  expect(actors.length).toBeGreaterThan(5);
  for (const a of actors) expect(a).toMatch(/^sidecar of (web|orders|payments)-\d$/);
  // One replica's sidecar by part of its name; no event is the anonymous "data-plane" any more.
  await page.getByTestId('event-filter-actor').fill('sidecar of payments-1');
  await expect(log.locator('.eventlog-actor').first()).toHaveText('sidecar of payments-1');
  expect(new Set(await log.locator('.eventlog-actor').allTextContents())).toEqual(new Set(['sidecar of payments-1']));
  await page.getByTestId('event-filter-kind').selectOption('');
  await page.getByTestId('event-filter-actor').fill('data-plane');
  await expect(page.getByTestId('event-count')).toHaveText(/^0 events/);
  await page.getByTestId('event-filter-actor').fill('gateway api');
  await expect(log.locator('.eventlog-actor').first()).toHaveText(/^gateway api-\d$/);
  // Times with separators past a second.
  await expect(log.locator('.eventlog-time').first()).toHaveText(/^\d{1,2},\d{3}\.\d{3} ms$/);
  await saveShot(page, 'names-eventlog.png');
});

test('the inspector picker lists control planes by their mesh, grouped by kind, and typing a name picks it', async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.goto('/?scenario=two-meshes-via-gateway');
  await expect(page.getByTestId('run-status')).toHaveText('ready');
  await page.getByTestId('inspector-toggle').click();
  const picker = page.getByTestId('inspector-picker');
  // The panel drawn (its code is a chunk of its own, 8be1c2b): evaluateAll reads what is there now, without waiting.
  await expect(picker).toBeVisible();
  expect(await picker.locator('optgroup').evaluateAll((gs) => gs.map((g) => g.getAttribute('label')))).toEqual(['Clients', 'Gateways', 'Services', 'Control planes and CAs', 'Links']);
  await expect(picker.locator('optgroup[label="Control planes and CAs"] option')).toHaveText(['control plane of payments', 'control plane of retail']);
  expect(await picker.locator('option').allTextContents()).not.toContainEqual(expect.stringContaining('control-plane:'));
  await picker.selectOption({ label: 'control plane of retail' });
  const node = page.getByTestId('inspect-node');
  await expect(node.locator('h3')).toHaveText(/^control plane of retail/);
  // A native select: typing the start of a name picks it.
  await picker.focus();
  await page.keyboard.type('ledg');
  await expect(node.locator('h3')).toHaveText(/^ledger/);
  await picker.selectOption({ label: 'checkout → payments-bridge' });
  await expect(page.getByTestId('inspect-edge')).toBeVisible();
  await saveShot(page, 'names-picker.png');
});

test('link labels and counters write thousands with separators', async ({ page }) => {
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto('/?scenario=istio-load-test&t=3s');
  await expect(page.getByTestId('sim-time')).toHaveText('3.00 s', { timeout: 60_000 });
  const labels = page.locator('[data-testid="topology"] .topo-edge-label');
  await expect.poll(async () => (await labels.allTextContents()).filter((t) => t.trim()).length).toBeGreaterThan(5);
  const texts = (await labels.allTextContents()).filter((t) => t.trim());
  // No number of four digits or more without a separator, and the 1,000 req/s links say so.
  for (const t of texts) expect(t).not.toMatch(/\d{4}/);
  expect(texts.some((t) => /^\d{1,3},\d{3} req\/s/.test(t))).toBe(true);
  await expect(page.getByTestId('sent-count')).toHaveText(/^\d{1,3}(,\d{3})+$/);
  await saveShot(page, 'names-numbers.png');
});
