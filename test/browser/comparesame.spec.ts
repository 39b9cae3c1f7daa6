// One scenario on both sides of the compare view (session 36's trial opened
// ?compare=retry-storm,retry-storm and was told "no visible difference yet" for the whole run):
// the view says the two runs are one recipe and what to do for a comparison.
import { expect } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { saveShot } from './fixtures/shots';

test('a scenario compared with itself is said to run event for event alike, with what to pick instead, readable at 1024x768 and 1600x1000', async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.goto('/?compare=retry-storm,retry-storm&t=5s');
  await expect(page.getByTestId('compare-pane')).toHaveCount(2);
  await expect(page.getByTestId('run-status')).toHaveText(/ready|paused/);
  const said = page.getByTestId('divergence-text');
  const words = 'A and B are one scenario with one seed, so they run event for event alike: pick another scenario for B, or branch B with a config change';
  await expect(said).toHaveText(words);
  // Both panes stand on the same trace hash at one moment: what the sentence claims.
  const traces = page.locator('[data-testid="compare-pane"] [data-testid="pane-hash"]');
  await expect(traces).toHaveCount(2);
  await expect(traces.nth(0)).toHaveText(/^[0-9a-f]{16}$/);
  expect(await traces.nth(0).textContent()).toBe(await traces.nth(1).textContent());
  for (const [width, height] of [[1024, 768], [1600, 1000]]) {
    await page.setViewportSize({ width, height });
    // Readable: the sentence's words on screen, or whole in its title when the row cuts it.
    await expect(said).toHaveAttribute('title', new RegExp(`^${words}\\.`));
    await saveShot(page, `compare-same-${width}x${height}.png`);
  }
});
