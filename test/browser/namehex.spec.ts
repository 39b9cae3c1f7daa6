// A service's name stays clear of its sidecar hexagons (session 36's trial: Bookinfo's "productpage"
// ran under its two hexagons at 1600x1000), at both window sizes and in presenter mode.
import { readFileSync } from 'node:fs';
import { expect, type Page } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { saveShot } from './fixtures/shots';

const dir = new URL('../../examples/bookinfo/', import.meta.url);
const files = ['platform/namespace.yaml', 'platform/apps.yaml', 'platform/gateway.yaml', 'platform/destination-rules.yaml', 'workload.yaml'].map((name) => ({
  name,
  text: readFileSync(new URL(name, dir), 'utf8'),
}));

/**
 * Each node whose name's box (as drawn, CSS px), grown by CLEAR_PX, meets one of its own hexagons'
 * boxes, with the overlap: before the fix Bookinfo's productpage's name lay under its row with
 * under a pixel between their boxes (0.4 px at 1600x1000, 0.1-0.4 px in partial-adoption and
 * two-meshes-via-gateway at 1024x768), the glyphs all but touching.
 */
async function nameHexClashes(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    for (const g of Array.from(document.querySelectorAll<SVGGElement>('[data-node]'))) {
      const name = g.querySelector('.topo-name');
      if (!name) continue;
      const b = name.getBoundingClientRect();
      const n = { left: b.left - 2, right: b.right + 2, top: b.top - 2, bottom: b.bottom + 2, width: b.width };
      if (n.width <= 0) continue;
      for (const h of Array.from(g.querySelectorAll('.topo-hex'))) {
        const r = h.getBoundingClientRect();
        const dx = Math.min(n.right, r.right) - Math.max(n.left, r.left);
        const dy = Math.min(n.bottom, r.bottom) - Math.max(n.top, r.top);
        if (dx > 0 && dy > 0) out.push(`${g.getAttribute('data-node')}: '${name.textContent}' ${dx.toFixed(1)} x ${dy.toFixed(1)} px over a hexagon`);
      }
    }
    return out;
  });
}

/** How many names were drawn with hexagons, so a check over none cannot pass. */
async function namesWithHexes(page: Page): Promise<number> {
  return page.evaluate(() => Array.from(document.querySelectorAll('[data-node]')).filter((g) => g.querySelector('.topo-name') && g.querySelector('.topo-hex')).length);
}

for (const [w, h] of [
  [1600, 1000],
  [1024, 768],
] as const) {
  test(`Bookinfo's names stay clear of their sidecar hexagons at ${w}x${h}, presenter mode too`, async ({ page }) => {
    await page.setViewportSize({ width: w, height: h });
    await page.goto('/');
    await expect(page.getByTestId('run-status')).toHaveText('ready');
    await page.getByTestId('scenario-file').setInputFiles(files.map((f) => ({ name: f.name.split('/').pop()!, mimeType: 'application/yaml', buffer: Buffer.from(f.text) })));
    await expect(page.locator('[data-node="productpage"]')).toBeVisible();
    expect(await namesWithHexes(page)).toBeGreaterThanOrEqual(5);
    await saveShot(page, `namehex-bookinfo-${w}.png`);
    expect(await nameHexClashes(page)).toEqual([]);
    await page.keyboard.press('f');
    await expect(page.getByTestId('app')).toHaveClass(/presenter/);
    // At 1024x768 presenter mode draws Bookinfo as group tiles (14 px text), with no hexagons.
    const view = await page.locator('.topology-stage').getAttribute('data-view');
    console.log(`bookinfo ${w} presenter: view ${view}`);
    if (view !== 'canvas') await expect(page.locator('[data-node="productpage"] .topo-hex').first()).toBeVisible();
    await saveShot(page, `namehex-bookinfo-${w}-presenter.png`);
    expect(await nameHexClashes(page)).toEqual([]);
    await page.keyboard.press('Escape');
  });

  for (const scenario of ['partial-adoption', 'two-meshes-via-gateway']) {
    test(`${scenario}'s names stay clear of their sidecar hexagons at ${w}x${h}, presenter mode too`, async ({ page }) => {
      await page.setViewportSize({ width: w, height: h });
      await page.goto(`/?scenario=${scenario}`);
      await expect(page.getByTestId('run-status')).toHaveText('ready');
      expect(await namesWithHexes(page)).toBeGreaterThanOrEqual(1);
      await saveShot(page, `namehex-${scenario}-${w}.png`);
      expect(await nameHexClashes(page)).toEqual([]);
      await page.keyboard.press('f');
      await expect(page.getByTestId('app')).toHaveClass(/presenter/);
      await saveShot(page, `namehex-${scenario}-${w}-presenter.png`);
      expect(await nameHexClashes(page)).toEqual([]);
      await page.keyboard.press('Escape');
    });
  }
}
