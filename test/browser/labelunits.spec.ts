// One unit style for the link rates in one picture (session 36's review: presenter mode said "33/s" on a link placed
// for the short form beside "317 req/s" on the others). Each scenario in presenter mode at 1024x768, then 1600x1000:
// the quiet rate labels all say "N req/s" or all "N/s".
import { expect, type Page } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { settled } from './fixtures/settle';
import { saveShot } from './fixtures/shots';

const rates = (page: Page) =>
  page.locator('.topo-edge-label').evaluateAll((els) => els.map((e) => (e.textContent ?? '').trim()).filter((t) => /^[\d.,]+( req)?\/s$/.test(t)));

for (const scenario of ['gateway-and-mesh', 'partial-adoption', 'two-meshes-via-gateway', 'retry-storm', 'zone-failover']) {
  test(`presenter mode: ${scenario}'s link rates read in one unit style at 1024x768 and 1600x1000`, async ({ page }) => {
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.goto(`/?scenario=${scenario}&t=20s`);
    await expect(page.getByTestId('sim-time')).toHaveText('20.0 s', { timeout: 60_000 });
    await page.keyboard.press('f');
    await expect(page.getByTestId('app')).toHaveClass(/presenter/);
    for (const [w, h] of [
      [1024, 768],
      [1600, 1000],
    ] as const) {
      await page.setViewportSize({ width: w, height: h });
      await settled(page);
      await page.waitForTimeout(500);
      const shown = await rates(page);
      const short = shown.filter((t) => !t.endsWith('req/s'));
      expect(short.length === 0 || short.length === shown.length, `${w}x${h}: ${shown.join(', ')}`).toBe(true);
      await saveShot(page, `labelunits-${scenario}-${w}.png`);
    }
  });
}
