// zone-failover's lesson, checked in the app: each payments replica's zone and what it serves now,
// in the inspector's replica table and on its unfolded cards. Opened by link at a moment (no play).
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures/sharedPage';
import { settled } from './fixtures/settle';
import { measureReplicaCards } from './fixtures/walkChecks';
import { saveShot } from './fixtures/shots';

async function openAt(page: Page, t: number) {
  await page.goto(`/?scenario=zone-failover&t=${t}s`);
  await expect(page.getByTestId('sim-time')).toHaveAttribute('data-value', String(t * 1000), { timeout: 30_000 });
}

/** The replica table's rows of payments: zone, state, served over the last second (count and share). */
async function paymentsRows(page: Page) {
  const panel = page.getByTestId('inspector');
  if (!(await panel.isVisible())) await page.getByTestId('inspector-toggle').click();
  await panel.getByTestId('inspector-picker').selectOption({ label: 'payments' });
  const rows = panel.getByTestId('inspect-replicas').locator('tbody tr');
  await expect(rows).toHaveCount(4);
  await expect(rows.first().getByTestId('replica-served-now')).toHaveAttribute('data-served', /\d/);
  return rows.evaluateAll((trs) =>
    trs.map((tr: Element) => {
      const cell = (id: string) => tr.querySelector(`[data-testid="${id}"]`) as HTMLElement;
      const now = cell('replica-served-now');
      return { zone: cell('replica-zone').textContent, state: cell('replica-state').textContent, served: Number(now.dataset.served), share: Number(now.dataset.share), cpu: cell('replica-proxy-cpu').textContent };
    }),
  );
}

const zoneShare = (rows: { zone: string | null; share: number }[], zone: string) => rows.filter((r) => r.zone === zone).reduce((a, r) => a + r.share, 0);

test('zone-failover: the replica table shows payments serving from zone-a at 10 s, zone-b at 30 s while zone-a is down, zone-a again at 50 s', async ({ page }) => {
  await openAt(page, 10);
  const before = await paymentsRows(page);
  expect(before.map((r) => r.zone)).toEqual(['zone-a', 'zone-b', 'zone-a', 'zone-b']);
  expect(zoneShare(before, 'zone-a')).toBeCloseTo(1, 9);
  expect(before[0].served).toBeGreaterThan(70);
  await saveShot(page, 'zones-inspector-10s-1600.png');

  // A link opens each moment directly, as a teacher's prepared link does.
  await openAt(page, 30);
  const during = await paymentsRows(page);
  expect(during.map((r) => r.state)).toEqual(['down', 'up', 'down', 'up']);
  expect(zoneShare(during, 'zone-b')).toBeCloseTo(1, 9);
  // Down, it serves nothing and its proxy uses no CPU over the last second (1.2% since the start).
  expect(during[0].served).toBe(0);
  expect(during[0].cpu).toBe('0.0%');
  await expect(page.getByTestId('replica-window-note')).toHaveText(/over 29\.0–30\.0 s; each cell's tooltip: since the start/);
  // Since the start, in the tooltip: the CLI's sidecar passes over two at 60 s (7,982 / 3,914 / 8,114 / 3,928), 2,034 at 30 s.
  await expect(page.getByTestId('replica-served-now').first()).toHaveAttribute('title', /^2,0\d\d requests served since the start$/);
  await saveShot(page, 'zones-inspector-30s-1600.png');

  await openAt(page, 50);
  const after = await paymentsRows(page);
  expect(zoneShare(after, 'zone-a')).toBeCloseTo(1, 9);
  expect(after.every((r) => r.state?.startsWith('up'))).toBe(true);
});

// Both sizes on one page opened at 30 s (a page load and a seek to 30 s each until session 36): at
// 1024x768 first, with the table's picture, then the window widened with the cards still unfolded.
test("zone-failover at 1024x768 and 1600x1000, 30 s: payments' unfolded cards name each replica's zone and what it serves now; the table names the zones", async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  await openAt(page, 30);
  await paymentsRows(page);
  await saveShot(page, 'zones-inspector-30s-1024.png');
  await page.getByTestId('inspector-close').click();
  await page.locator('svg[data-testid="topology"] [data-node="payments"] .topo-card').click();
  const cards = page.locator('svg[data-testid="topology"] [data-node="payments"] [data-replica]');
  for (const size of [
    { width: 1024, height: 768 },
    { width: 1600, height: 1000 },
  ]) {
    await test.step(`${size.width}x${size.height}`, async () => {
      if (size.width !== 1024) {
        await page.setViewportSize(size);
        await settled(page);
      }
      await expect(cards).toHaveCount(4);
      await expect(cards.nth(1)).toHaveAttribute('data-zone', 'zone-b');
      await expect(cards.nth(1).locator('.topo-replica-figure').first()).toHaveText('zone-b');
      await expect(cards.nth(1).locator('.topo-replica-figure').last()).toHaveText(/^\d+(\.\d)?( req)?\/s$/);
      await expect(cards.nth(0).locator('.topo-replica-figure').first()).toHaveText('zone-a');
      await expect(cards.nth(0).locator('.topo-replica-figure').last()).toHaveText(/^0( req)?\/s$/);
      expect((await measureReplicaCards(page)).out).toEqual([]);
      await saveShot(page, `zones-cards-30s-${size.width}.png`);
    });
  }
});

test('a scenario placed in one zone shows no zone column', async ({ page }) => {
  await page.goto('/?scenario=mm1&t=5s');
  await expect(page.getByTestId('sim-time')).toHaveText('5.00 s', { timeout: 30_000 });
  await page.getByTestId('inspector-toggle').click();
  const panel = page.getByTestId('inspector');
  const picker = panel.getByTestId('inspector-picker');
  await picker.selectOption({ label: 'server' });
  await expect(panel.getByTestId('inspect-replicas')).toBeVisible();
  await expect(panel.getByTestId('replica-zone')).toHaveCount(0);
  await expect(panel.getByTestId('inspect-replicas').locator('th', { hasText: 'zone' })).toHaveCount(0);
});
