// The replica table in a narrow inspector (session 50's W3, 3): at 1024x768 its eight columns
// scrolled sideways in the ~300 px panel (it fits at 1600x1000 since 60b112d). There each
// replica is now a card: its host across the top, its figures three a line under their columns'
// names, nothing out of sight and no name cut. At 1600x1000 it stays a table.
import { expect, type Page } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { saveShot } from './fixtures/shots';

/** What of the replicas' box is out of sight: the box's sideways overflow, and cells whose text is cut. */
async function cut(page: Page) {
  return page.getByTestId('inspect-replicas').evaluate((table) => {
    const box = table.closest('.inspect-scroll-box') as HTMLElement;
    const cells = Array.from(table.querySelectorAll('tbody td')).filter((td) => td.scrollWidth > td.clientWidth + 1 || td.getBoundingClientRect().right > box.getBoundingClientRect().right + 1);
    const host = table.querySelector('tbody td') as HTMLElement;
    return { sideways: box.scrollWidth - box.clientWidth, cells: cells.map((c) => c.textContent), hostPx: parseFloat(getComputedStyle(host).fontSize), head: table.querySelector('thead')!.getBoundingClientRect().height };
  });
}

for (const [width, height] of [
  [1024, 768],
  [1600, 1000],
] as const) {
  test(`a service's replicas read whole in the inspector, no sideways scroll, at ${width}x${height}`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    await page.goto('/?scenario=retry-storm&t=14s');
    await expect(page.getByTestId('run-status')).toHaveText(/ready|paused/, { timeout: 60_000 });
    await expect(page.getByTestId('sim-time')).toHaveAttribute('data-value', '14000', { timeout: 60_000 });
    if (!(await page.getByTestId('inspector').isVisible())) await page.getByTestId('inspector-toggle').click();
    await page.getByTestId('inspector').getByTestId('inspector-picker').selectOption({ label: 'payments' });
    const node = page.getByTestId('inspector').getByTestId('inspect-node');
    await expect(node.getByTestId('inspect-replicas').locator('tbody tr')).toHaveCount(2);
    await expect(node.getByTestId('replica-cert').first()).not.toHaveText('');
    const c = await cut(page);
    expect(c.sideways, 'the replicas scroll sideways').toBeLessThanOrEqual(1);
    expect(c.cells, 'cells cut').toEqual([]);
    expect(c.hostPx).toBeGreaterThanOrEqual(11);
    // A card at 1024x768 (the header row out of view), a table at 1600x1000.
    if (width === 1024) expect(c.head).toBeLessThanOrEqual(1);
    else expect(c.head).toBeGreaterThan(10);
    await expect(node.getByTestId('replica-state').first()).toBeVisible();
    await node.getByTestId('inspect-replicas').scrollIntoViewIfNeeded();
    await saveShot(page, `replicacards-${width}x${height}.png`);
  });
}
