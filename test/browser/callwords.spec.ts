// Calls against tries, in the same words wherever a count shows (session 44, C4): a link's label
// counts calls (a retried call once) and its ×N tries every try; the legend, the link's tooltip and
// the inspector say so, as the compare table's "tries received (retries incl.)" does for a service.
import { expect } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { saveShot } from './fixtures/shots';

test("retry-storm at 30 s: the legend, the inspector and the link's tooltip say a link's req/s counts calls, a retried call once, and its tries count every retry", async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto('/?scenario=retry-storm&t=30s');
  await expect(page.getByTestId('sim-time')).toHaveText('30.0 s', { timeout: 60_000 });
  await expect(page.getByTestId('run-status')).toHaveText(/paused|ready|finished/);
  if (!(await page.getByTestId('legend').isVisible())) await page.getByTestId('legend-toggle').click();
  const rate = page.getByTestId('legend-rate');
  await expect(rate).toHaveText('req/s: calls, last 1 s');
  await expect(rate).toHaveAttribute('title', /a retried call counted once .*×N tries counts every try, retries included, as a service's tries received do/);
  await page.getByTestId('inspector-toggle').click();
  const panel = page.getByTestId('inspector');
  await panel.getByTestId('inspector-picker').selectOption({ label: 'orders → payments' });
  const edge = panel.getByTestId('inspect-edge');
  // retry-storm's orders -> payments retries: more tries than calls, and the words tell them apart.
  await expect.poll(async () => Number((await edge.getByTestId('edge-attempts').textContent())!.replace(/,/g, ''))).toBeGreaterThan(1.5);
  await expect(edge.locator('dt', { hasText: 'calls/s, last second' })).toHaveAttribute('title', /, a retried call counted once$/);
  await expect(edge.locator('dt', { hasText: 'calls/s since the start' })).toHaveAttribute('title', /a retried call counted once/);
  await expect(edge.locator('dt', { hasText: 'tries per call, since the start' })).toHaveAttribute('title', /retries included: a first try and each retry \(a service's tries received, in the compare table, count every try\)/);
  await saveShot(page, 'callwords-1600x1000.png');
  await page.setViewportSize({ width: 1024, height: 768 });
  // At 1024 px the legend folds to its button beside an open inspector: opened again, its words fit.
  if (!(await page.getByTestId('legend').isVisible())) await page.getByTestId('legend-toggle').click();
  await expect(rate).toHaveText('req/s: calls, last 1 s');
  await saveShot(page, 'callwords-1024x768.png');
});
