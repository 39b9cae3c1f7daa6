// One unit style for the link rates in one picture in presenter mode (session 36's review: presenter mode said "33/s"
// on a link placed for the short form beside "317 req/s" on the others). Each scenario in presenter mode at 1024x768,
// then 1600x1000: the quiet rate labels all say "N req/s" or all "N/s". Outside presenter mode the full unit stays
// wherever it fits (session 37's rule for every view, 67bfea3, left gateway-and-mesh and compare's panes with no
// 'req/s' label at all, and was reverted): the normal view and a compare pane still show "N req/s" labels.
import { expect, type Page } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { settled } from './fixtures/settle';
import { saveShot } from './fixtures/shots';

/** Opens `scenario` at 20 s at 1024x768 (a link's first 20 s give every label a rate). */
async function openAt20s(page: Page, scenario: string) {
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.goto(`/?scenario=${scenario}&t=20s`);
  await expect(page.getByTestId('sim-time')).toHaveText('20.0 s', { timeout: 60_000 });
}

const rates = (page: Page) =>
  page.locator('.topo-edge-label').evaluateAll((els) => els.map((e) => (e.textContent ?? '').trim()).filter((t) => /^[\d.,]+( req)?\/s$/.test(t)));

for (const scenario of ['gateway-and-mesh', 'partial-adoption', 'two-meshes-via-gateway', 'retry-storm', 'zone-failover']) {
  test(`presenter mode: ${scenario}'s link rates read in one unit style at 1024x768 and 1600x1000`, async ({ page }) => {
    await openAt20s(page, scenario);
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

test("outside presenter mode the full 'req/s' stays where it fits: gateway-and-mesh's normal view at 1024x768 and 1600x1000, and a compare pane of it", async ({ page }) => {
  await openAt20s(page, 'gateway-and-mesh');
  for (const [w, h] of [
    [1024, 768],
    [1600, 1000],
  ] as const) {
    await page.setViewportSize({ width: w, height: h });
    await settled(page);
    await expect.poll(async () => (await rates(page)).filter((t) => t.endsWith('req/s')).length, { message: `${w}x${h}` }).toBeGreaterThan(0);
    await saveShot(page, `labelunits-normal-gateway-and-mesh-${w}.png`);
  }
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.goto('/?compare=gateway-and-mesh,gateway-and-mesh&t=12s');
  await expect(page.locator('[data-testid="compare-pane"] .topo-edge-label', { hasText: 'req/s' }).first()).toBeVisible({ timeout: 60_000 });
  await saveShot(page, 'labelunits-compare-gateway-and-mesh-1024.png');
});
