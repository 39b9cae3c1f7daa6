// Trial N15, finding 8: a teacher could not pick her own pair of shipped scenarios from the screen
// (only the ready-made pairs, or a typed ?compare=A,B link). "Or pick two" under the pairs does it.
import { expect } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { saveShot } from './fixtures/shots';

test('pick A and B from the shipped scenarios: mesh-only (open) against gateway-and-mesh opens side by side, as ?compare=mesh-only,gateway-and-mesh (1600x1000, 1024x768)', async ({ page }) => {
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto('/?scenario=mesh-only');
  const pick = page.getByTestId('pick-pair');
  await expect(pick).toBeVisible({ timeout: 60_000 });
  // A is the scenario open; the same scenario on both sides offers no link.
  await expect(page.getByTestId('pick-pair-a')).toHaveValue('mesh-only');
  await page.getByTestId('pick-pair-b').selectOption('mesh-only');
  await expect(page.getByTestId('pick-pair-open')).toHaveCount(0);
  await expect(page.getByTestId('pick-pair-same')).toHaveText('pick two different scenarios');
  await page.getByTestId('pick-pair-b').selectOption('gateway-and-mesh');
  await expect(page.getByTestId('pick-pair-open')).toHaveAttribute('href', '?compare=mesh-only,gateway-and-mesh');
  for (const [w, h] of [
    [1600, 1000],
    [1024, 768],
  ] as const) {
    await page.setViewportSize({ width: w, height: h });
    await pick.scrollIntoViewIfNeeded();
    await expect(pick).toBeInViewport();
    // The selects stay inside the left column.
    const fits = await pick.evaluate((el) => el.scrollWidth <= el.clientWidth + 1);
    expect(fits, `pick-pair whole at ${w}x${h}`).toBe(true);
    await saveShot(page, `pickpair-${w}x${h}.png`);
  }
  await page.getByTestId('pick-pair-open').click();
  await expect(page).toHaveURL(/\?compare=mesh-only,gateway-and-mesh$/);
  await expect(page.getByTestId('compare-pane')).toHaveCount(2, { timeout: 60_000 });
  await expect(page.locator('[data-testid="compare-pane"][data-side="B"]')).toContainText('gateway-and-mesh');
});
