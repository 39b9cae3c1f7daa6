// Presenter mode leaves air between the picture and the stage's edges (N13's trial, finding 7:
// gateway-only's catalog and inventory boxes touched the right edge at 1600x1000): every shipped
// scenario drawn as boxes, at 1600x1000 and 1024x768, with its links' labels showing, has each
// node (box, name, cards, tags; not its story halo) and each link label EDGE_AIR px or more inside
// the stage (20 px at 1600x1000, where 12-13 px were read before the margin there went to 24).
import { expect, type Page } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { SHIPPED } from './fixtures/scenarios';
import { settled } from './fixtures/settle';
import { saveShot } from './fixtures/shots';

/**
 * Least air between a node's or a label's box and the stage's edge, CSS px, by window width: the
 * 1600 px window's stage keeps a 24 px margin (layoutAt.ts ROOMY_PRESENTER_MARGIN), 1024's its 12
 * (every pixel there goes to 14 px names), where nothing may touch.
 */
const EDGE_AIR: Record<number, number> = { 1600: 20, 1024: 8 };

/** Each drawn node and shown link label nearer the stage's edge than `air`: "catalog: 9 px from the right". */
async function nearEdges(page: Page, air: number): Promise<{ near: string[]; least: number }> {
  return page.locator('.topology-stage').evaluate((stage, air) => {
    const s = stage.getBoundingClientRect();
    const near: string[] = [];
    let least = Infinity;
    const check = (name: string, r: DOMRect) => {
      if (r.width === 0 || r.height === 0) return;
      const gaps: [string, number][] = [
        ['left', r.left - s.left],
        ['right', s.right - r.right],
        ['top', r.top - s.top],
        ['bottom', s.bottom - r.bottom],
      ];
      for (const [side, gap] of gaps) {
        least = Math.min(least, gap);
        if (gap < air) near.push(`${name}: ${gap.toFixed(1)} px from the ${side}`);
      }
    };
    // A node's drawing but its story halo, which may use the margin (fitPlace.ts HALO_EDGE).
    for (const g of Array.from(stage.querySelectorAll<SVGGElement>('svg[data-testid="topology"] [data-node]'))) {
      const parts = Array.from(g.children as HTMLCollectionOf<Element>).filter((c: Element) => !c.classList.contains('topo-hl-halo') && !c.classList.contains('topo-hl')).map((c: Element) => c.getBoundingClientRect()).filter((r) => r.width > 0 && r.height > 0);
      if (parts.length === 0) continue;
      const box = new DOMRect(Math.min(...parts.map((r) => r.left)), Math.min(...parts.map((r) => r.top)), 0, 0);
      box.width = Math.max(...parts.map((r) => r.right)) - box.left;
      box.height = Math.max(...parts.map((r) => r.bottom)) - box.top;
      check(g.querySelector('text')?.textContent?.trim() || g.getAttribute('data-node')!, box);
    }
    for (const t of Array.from(stage.querySelectorAll<SVGTextElement>('svg[data-testid="topology"] .topo-edge-label'))) {
      if ((t.textContent ?? '').trim() === '' || getComputedStyle(t).visibility === 'hidden') continue;
      check(`label '${t.textContent}'`, t.getBoundingClientRect());
    }
    return { near, least };
  }, air);
}

// One walk at both sizes: each scenario opened once at 1600x1000, then the window made 1024x768
// around the same paused moment in presenter mode. Two walks, each opening and seeking all 23,
// took 59 s and 55 s of 8ac6747's CI; the least air read at each size is the same either way
// (session 47, S8: every scenario's figure equal to the tenth of a px).
test(`in presenter mode at 1600x1000 and 1024x768, every shipped scenario drawn as boxes keeps its nodes and link labels ${EDGE_AIR[1600]} and ${EDGE_AIR[1024]} px or more inside the stage`, async ({ page }) => {
  test.setTimeout(20 * 60_000);
  const found: string[] = [];
  const least: Record<number, string[]> = { 1600: [], 1024: [] };
  for (const s of SHIPPED.filter((x) => x.svg)) {
    await test.step(s.name, async () => {
      await page.setViewportSize({ width: 1600, height: 1000 });
      await page.goto(`/?scenario=${s.name}&t=${s.early}s`);
      await expect(page.getByTestId('run-status')).toHaveText('paused', { timeout: 120_000 });
      await expect(page.locator(`[data-drawn="${s.name}"]`)).toBeVisible();
      await page.keyboard.press('f');
      await expect(page.getByTestId('app')).toHaveClass(/presenter/);
      for (const [w, h] of [
        [1600, 1000],
        [1024, 768],
      ] as const) {
        await page.setViewportSize({ width: w, height: h });
        await settled(page);
        if ((await page.locator('.topology-stage').getAttribute('data-view')) !== 'svg') {
          least[w].push(`${s.name}: folded`);
          continue;
        }
        const r = await nearEdges(page, EDGE_AIR[w]);
        least[w].push(`${s.name}: ${r.least.toFixed(1)}`);
        found.push(...r.near.map((x) => `${s.name} at ${w}x${h}: ${x}`));
        if (s.name === 'gateway-only' || s.name === 'mesh-only' || r.near.length > 0) await saveShot(page, `presenteredges-${s.name}-${w}x${h}.png`);
      }
    });
  }
  for (const w of [1600, 1024]) console.log(`presenter edges at ${w}, least air px: ${least[w].join('; ')}`);
  expect(found).toEqual([]);
});
