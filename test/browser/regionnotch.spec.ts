// A mesh's region is one clean shape where its columns run in two or more runs joined by a strip
// (meshRegions.ts joinRuns): control-plane-boundary's corp and gateway-and-mesh's shop had a notch
// beside the strip, 90-104 units deep, in the compare panes and in presenter mode, until joinRuns
// filled the dips of the joined outline (regionNotches.ts dipFills). Read in the browser along
// verticals across each region, at 1600x1000 and 1024x768.
import { expect, type Page } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { settled } from './fixtures/settle';
import { saveShot } from './fixtures/shots';
import { meshRegionProblems } from './fixtures/meshRegions';

/**
 * Each dip in a region's top or bottom edge deeper than `least` design units below (above) the
 * edge on both sides of it, with no node's box in the dip, in words: the edge read every 6 units
 * along verticals (isPointInFill on the region's path).
 */
const notches = (page: Page, least: number) =>
  page.evaluate((least) => {
    const out: string[] = [];
    for (const svg of Array.from(document.querySelectorAll<SVGSVGElement>('svg[data-testid="topology"]'))) {
      for (const g of Array.from(svg.querySelectorAll('.topo-mesh[data-mesh]'))) {
        const path = g.querySelector<SVGPathElement>('.topo-mesh-area');
        if (!path) continue;
        const box = path.getBBox();
        const cols: { x: number; top: number; bottom: number }[] = [];
        for (let x = box.x + 3; x < box.x + box.width - 3; x += 6) {
          let top = box.y;
          while (top < box.y + box.height && !path.isPointInFill(new DOMPoint(x, top))) top += 2;
          let bottom = box.y + box.height;
          while (bottom > top && !path.isPointInFill(new DOMPoint(x, bottom))) bottom -= 2;
          if (top < bottom) cols.push({ x, top, bottom });
        }
        // Nodes in the region's coordinates: a dip a node stands in (outside the mesh) is the node's room.
        const toLocal = path.getScreenCTM()!.inverse();
        const nodes = Array.from(svg.querySelectorAll('[data-node]')).map((n) => {
          const r = n.getBoundingClientRect();
          const a = new DOMPoint(r.left, r.top).matrixTransform(toLocal);
          const b = new DOMPoint(r.right, r.bottom).matrixTransform(toLocal);
          return { x0: a.x, y0: a.y, x1: b.x, y1: b.y };
        });
        const held = (x: number, y0: number, y1: number) => nodes.some((n) => n.x0 - 30 < x && x < n.x1 + 30 && n.y0 - 60 < y1 && y0 < n.y1 + 60);
        for (let i = 1; i < cols.length - 1; i++) {
          const c = cols[i];
          const top = Math.max(Math.min(...cols.slice(0, i).map((q) => q.top)), Math.min(...cols.slice(i + 1).map((q) => q.top)));
          const bottom = Math.min(Math.max(...cols.slice(0, i).map((q) => q.bottom)), Math.max(...cols.slice(i + 1).map((q) => q.bottom)));
          if (c.top > top + least && !held(c.x, top, c.top)) {
            out.push(`${g.getAttribute('data-mesh')}: its top ${(c.top - top).toFixed(0)} units down at x ${c.x.toFixed(0)}`);
            break;
          }
          if (c.bottom < bottom - least && !held(c.x, c.bottom, bottom)) {
            out.push(`${g.getAttribute('data-mesh')}: its bottom ${(bottom - c.bottom).toFixed(0)} units up at x ${c.x.toFixed(0)}`);
            break;
          }
        }
      }
    }
    return out;
  }, least);

for (const [name, url] of [
  ['control-plane-boundary', '/?scenario=control-plane-boundary&t=20s'],
  ['gateway-and-mesh', '/?scenario=gateway-and-mesh&t=20s'],
  ['compare gateway-and-mesh, control-plane-boundary', '/?compare=gateway-and-mesh,control-plane-boundary&t=20s'],
] as const) {
  const single = !name.startsWith('compare');
  test(`${name}: each mesh region is one shape with no notch in its top or bottom edge, at 1600x1000 and 1024x768, ${single ? 'with the inspector open and ' : ''}in presenter mode too`, async ({ page }) => {
    const seen: string[] = [];
    // One load, the modes in turn on it (plain, the inspector opened and closed again, presenter
    // mode) at 1600x1000; then, still presenting, the window made 1024x768, and the modes back the
    // other way (f again: the inspector opened and closed, then plain). A fresh document per mode (16 loads over the
    // file) and then per size (6, session 36) checked the same states.
    const modes = single ? (['plain', 'inspector', 'presenter'] as const) : (['plain', 'presenter'] as const);
    const presenting = page.locator('.app.presenter, [data-testid="compare-view"][data-presenter="on"]');
    await page.setViewportSize({ width: 1600, height: 1000 });
    await page.goto(url);
    await expect(page.getByTestId('timeline-seeking')).toHaveCount(0);
    await expect(page.locator('svg[data-testid="topology"] .topo-mesh-area').first()).toBeVisible();
    for (const size of [{ width: 1600, height: 1000 }, { width: 1024, height: 768 }]) {
      if (size.width !== 1600) await page.setViewportSize(size);
      for (const mode of size.width === 1600 ? modes : [...modes].reverse()) {
        if (mode === 'presenter' && size.width === 1600) {
          await page.keyboard.press('f');
          await expect(presenting).toHaveCount(1);
        }
        if (mode !== 'presenter' && (await presenting.count()) > 0) {
          await page.keyboard.press('f');
          await expect(presenting).toHaveCount(0);
        }
        // The inspector takes its column from the stage (control-plane-boundary's corp at 1600x1000
        // then had its notch under the strip from ledger's column down to fraud-check's).
        if (mode === 'inspector') {
          await page.getByTestId('inspector-toggle').click();
          await expect(page.getByTestId('inspector')).toBeVisible();
        }
        await settled(page);
        const label = `${size.width}x${size.height} ${mode}`;
        const stage = await page.locator('.topology-stage').first().boundingBox();
        console.log(`region-notch ${name} ${label}: stage ${stage?.width.toFixed(0)} x ${stage?.height.toFixed(0)}`);
        for (const p of [...(await meshRegionProblems(page)), ...(await notches(page, 12))]) seen.push(`${label}: ${p}`);
        await saveShot(page, `region-notch-${name.replace(/[ ,]+/g, '-')}-${size.width}x${size.height}-${mode}.png`);
        // Closed again before presenter mode, which is read as it opens on a plain page.
        if (mode === 'inspector') {
          await page.getByTestId('inspector-close').click();
          await expect(page.getByTestId('inspector')).toHaveCount(0);
        }
      }
    }
    expect(seen).toEqual([]);
  });
}
