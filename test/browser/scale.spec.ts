// The full-size Istio load test (2,001 nodes) on the canvas view: it opens, plays and pauses
// promptly, a search finds a node, and groups hide and show. Timings belong to
// `npm run bench:ui`; these tests check behaviour.
import { expect, test, type Page } from '@playwright/test';

async function openFull(page: Page): Promise<void> {
  await page.goto('/');
  await expect(page.getByTestId('run-status')).toHaveText(/^(ready|paused)$/);
  await page.getByTestId('scenario-select').selectOption('istio-load-test-full');
  await expect(page.locator('[data-drawn="istio-load-test-full"]')).toHaveAttribute('data-view', 'canvas', { timeout: 60_000 });
  await expect(page.getByTestId('run-status')).toHaveText(/^(ready|paused)$/);
}

test.describe('the full Istio load test', () => {
  test.use({ viewport: { width: 1600, height: 1000 } });

  test('opens on the canvas view in groups, plays, and pauses at the first click', async ({ page }) => {
    await openFull(page);
    await expect(page.getByTestId('scenario-title')).toHaveText("Istio's load test at full scale");
    // 1,000 clients and 1,000 services in blocks of 100, and the control plane.
    await page.getByTestId('groups').locator('summary').click();
    await expect(page.getByTestId('group-toggle')).toHaveCount(21);
    await expect(page.locator('[data-group="svc 000–099"]')).toBeChecked();
    // The SVG view stays empty: 2,001 nodes are drawn on the canvas.
    await expect(page.locator('svg[data-testid="topology"] [data-node]')).toHaveCount(0);
    await page.getByTestId('play').click();
    await expect(page.getByTestId('run-status')).toHaveText('running');
    await expect.poll(async () => Number(await page.getByTestId('timeline').getAttribute('aria-valuenow'))).toBeGreaterThan(50);
    await page.getByTestId('pause').click();
    await expect(page.getByTestId('run-status')).toHaveText('paused');
    // The one advance already asked of the worker when Pause was clicked may still land (on a
    // loaded machine it takes a while with 2,001 nodes); after it, nothing moves.
    await page.waitForTimeout(1000);
    const at = await page.getByTestId('timeline').getAttribute('aria-valuenow');
    await page.waitForTimeout(1000);
    // Paused means paused: the clock stands still.
    await expect(page.getByTestId('timeline')).toHaveAttribute('aria-valuenow', at!);
    await page.screenshot({ path: 'test-results/scale-full.png' });
  });

  test('a search finds a node by name, and a hidden group shows again when a search finds it', async ({ page }) => {
    await openFull(page);
    await page.getByTestId('node-search').fill('svc-500');
    await page.getByTestId('node-search').press('Enter');
    await expect(page.getByTestId('node-search-result')).toHaveText('svc-500, in group svc 500–599');
    await page.getByTestId('node-search').fill('no-such-service');
    await page.getByTestId('node-search').press('Enter');
    await expect(page.getByTestId('node-search-result')).toHaveText('no node named "no-such-service"');

    await page.getByTestId('groups').locator('summary').click();
    await page.locator('[data-group="fortio 700–799"]').uncheck();
    await expect(page.getByTestId('groups').locator('summary')).toHaveText('Groups (20 of 21 shown)');
    await page.getByTestId('node-search').fill('FORTIO-742');
    await page.getByTestId('node-search').press('Enter');
    await expect(page.getByTestId('node-search-result')).toHaveText('fortio-742, in group fortio 700–799');
    await expect(page.locator('[data-group="fortio 700–799"]')).toBeChecked();
    await page.getByTestId('mesh-toggle').first().uncheck();
    await expect(page.getByTestId('groups').locator('summary')).toHaveText(/Groups \(\d+ of 21 shown\)/);
    await page.getByTestId('mesh-toggle').first().check();
    await page.screenshot({ path: 'test-results/scale-full-search.png' });
    // Escape folds the list away, so it no longer covers the canvas.
    await page.getByTestId('mesh-toggle').first().press('Escape');
    await expect(page.getByTestId('group-toggle').first()).toBeHidden();
  });

  test('at 1024x768 the wheel zooms the picture in', async ({ page }) => {
    await page.setViewportSize({ width: 1024, height: 768 });
    await openFull(page);
    const stage = page.locator('[data-drawn="istio-load-test-full"]');
    const box = (await stage.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.wheel(0, -600);
    await expect.poll(async () => Number(await stage.getAttribute('data-zoom'))).toBeGreaterThan(1.5);
    await page.screenshot({ path: 'test-results/scale-full-1024.png' });
  });
});
