// The header's pickers and the run's clock have names a screen reader says (session 37's trial N6, F5): the selects'
// visible labels were display: none below 1600 px, which also took their names, and the progress bar had none.
import { expect } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { saveShot } from './fixtures/shots';

test('the Scenario and Speed pickers and the simulated-time bar are found by their names, and the header keeps its one row, at 1600x1000 and 1024x768', async ({ page }) => {
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto('/?scenario=hello-mesh&t=5s');
  await expect(page.getByTestId('run-status')).toHaveText('paused', { timeout: 30_000 });
  for (const [width, height] of [
    [1600, 1000],
    [1024, 768],
  ] as const) {
    await page.setViewportSize({ width, height });
    await expect(page.getByRole('combobox', { name: 'Scenario' })).toHaveValue('hello-mesh');
    await expect(page.getByRole('combobox', { name: 'Speed' })).toBeVisible();
    const clock = page.getByRole('progressbar', { name: 'Simulated time' });
    await expect(clock).toHaveAttribute('aria-valuetext', /^5\.00+ s of 120(\.0+)? s$/);
    // The unseen labels take no room: the controls stay on one row.
    const row = (await page.getByTestId('play').boundingBox())!;
    for (const id of ['speed', 'run-status', 'theme-toggle']) expect(Math.abs((await page.getByTestId(id).boundingBox())!.y - row.y), id).toBeLessThan(12);
    await saveShot(page, `controlnames-${width}x${height}.png`);
  }
});
