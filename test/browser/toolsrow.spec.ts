// The picture's bar, after a drag (session 52, G1b's "found and left"): at 1024x768 with the
// inspector open, a node dragged brought "Reset layout" into the tools' row, and the row, too wide
// for the room beside the Legend button, lay over it: the Find box covered the button, which read
// "Legen". Here a person opens two-meshes-via-gateway at 12 s, with and without the inspector
// (Inspect, then a click on a node), drags another node a little, and the bar's controls (Legend, the
// Find box, Find, Fit, Reset layout, Inspect) must each lie apart from the others, inside the
// window, their text whole (scrollWidth within clientWidth), at 1600x1000 and 1024x768; and the
// other nodes keep their place on screen as the row takes Reset layout (and wraps, if it must).
import { expect, type Page } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { saveShot } from './fixtures/shots';
import { shapes } from './fixtures/nodeShapes';

type Box = { x: number; y: number; w: number; h: number };

/** The bar's controls that show, by test id: their box on the page and whether their text is cut. */
function controls(page: Page): Promise<{ id: string; box: Box; cut: boolean }[]> {
  return page.evaluate(() => {
    const ids = ['legend-toggle', 'node-search', 'zoom-reset', 'layout-reset', 'inspector-toggle'];
    const els: [string, Element][] = ids.map((id) => [id, document.querySelector(`[data-testid="${id}"]`)] as [string, Element]).filter(([, e]) => e !== null);
    const find = document.querySelector('.topo-search button[type="submit"]');
    if (find) els.push(['find', find]);
    return els
      .filter(([, e]) => (e as HTMLElement).offsetParent !== null)
      .map(([id, e]) => {
        const r = e.getBoundingClientRect();
        return { id, box: { x: r.left, y: r.top, w: r.width, h: r.height }, cut: e.scrollWidth > e.clientWidth };
      });
  });
}

const apart = (a: Box, b: Box) => a.x + a.w <= b.x + 0.5 || b.x + b.w <= a.x + 0.5 || a.y + a.h <= b.y + 0.5 || b.y + b.h <= a.y + 0.5;

/** Drags from `from` by (dx, dy) in steps, as a hand moves (the first pixels make no drag). */
async function drag(page: Page, from: { x: number; y: number }, dx: number, dy: number): Promise<void> {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  for (let i = 1; i <= 8; i++) await page.mouse.move(from.x + (dx * i) / 8, from.y + (dy * i) / 8);
  await page.mouse.up();
}

/** The centre of a service card drawn whole in the stage: the `which`-th from the left. */
async function cardCentre(page: Page, which: 'first' | 'last'): Promise<{ name: string; x: number; y: number }> {
  let found: { name: string; x: number; y: number } | null = null;
  await expect
    .poll(async () => {
      found = await page.evaluate((w) => {
        const st = document.querySelector('.topology-stage')!.getBoundingClientRect();
        const cards = Array.from(document.querySelectorAll('[data-testid="topology"] [data-node]'))
          .map((g) => ({ name: g.getAttribute('data-node')!, r: g.querySelector('.topo-card-front')?.getBoundingClientRect() }))
          .filter((c): c is { name: string; r: DOMRect } => !!c.r && c.r.width > 0 && c.r.left >= st.left && c.r.right <= st.right && c.r.top >= st.top && c.r.bottom <= st.bottom)
          .sort((a, b) => a.r.left - b.r.left);
        const c = w === 'first' ? cards[0] : cards[cards.length - 1];
        return c ? { name: c.name, x: c.r.left + c.r.width / 2, y: c.r.top + c.r.height / 2 } : null;
      }, which);
      return found !== null;
    }, { message: 'a service card drawn whole in the stage' })
    .toBe(true);
  return found!;
}

/** The legend is folded at first at 1024x768 and open at 1600x1000; `legend: true` opens it. */
const CASES = [
  { size: { width: 1024, height: 768 }, inspector: false, legend: false },
  { size: { width: 1024, height: 768 }, inspector: true, legend: false },
  { size: { width: 1024, height: 768 }, inspector: true, legend: true },
  { size: { width: 1600, height: 1000 }, inspector: false, legend: false },
  { size: { width: 1600, height: 1000 }, inspector: true, legend: false },
];

for (const { size, inspector, legend } of CASES) {
  test(`at ${size.width}x${size.height}${inspector ? ' beside the inspector' : ''}${legend ? ', the legend opened' : ''}, after a node is dragged, the bar's controls lie apart and read whole`, async ({ page }) => {
    test.setTimeout(90_000);
    await page.setViewportSize(size);
    await page.goto('/?scenario=two-meshes-via-gateway&t=12s');
    await expect(page.getByTestId('sim-time')).toHaveText(/^12\.0+ s$/, { timeout: 60_000 });
    await expect(page.locator('.topology-stage')).toHaveAttribute('data-drawn', 'two-meshes-via-gateway');
    if (legend) {
      await page.getByTestId('legend-toggle').click();
      await expect(page.getByTestId('legend')).toBeVisible();
    }
    if (inspector) {
      // Inspect opens the panel; a click on a node then shows that node (as layoutkeep.spec does).
      await page.getByTestId('inspector-toggle').click();
      await expect(page.getByTestId('inspector')).toBeVisible();
      const clicked = await cardCentre(page, 'last');
      await page.mouse.click(clicked.x, clicked.y);
      await expect(page.getByTestId('inspect-node')).toBeVisible();
    }
    await expect(page.getByTestId('layout-reset')).toHaveCount(0);
    const moved = await cardCentre(page, 'first');
    const before = await shapes(page);
    expect(Object.keys(before).length).toBeGreaterThanOrEqual(5);
    await drag(page, { x: moved.x, y: moved.y }, 30, 24);
    await expect(page.getByTestId('layout-reset')).toBeVisible();
    // The row may wrap as Reset layout joins it; the picture stays where it was on screen.
    await expect
      .poll(async () => {
        const after = await shapes(page);
        return Object.keys(before).filter((n) => n !== moved.name && n in after && Math.hypot(after[n].x - before[n].x, after[n].y - before[n].y) > 1);
      }, { message: 'nodes that moved on screen besides the one dragged' })
      .toEqual([]);
    const shot = `toolsrow-${size.width}${inspector ? '-inspector' : ''}${legend ? '-legend' : ''}.png`;
    await saveShot(page, shot);
    const seen = await controls(page);
    const ids = seen.map((c) => c.id);
    for (const id of ['legend-toggle', 'node-search', 'find', 'zoom-reset', 'layout-reset']) expect(ids, `${id} shows (${shot})`).toContain(id);
    const problems: string[] = [];
    for (const c of seen) {
      if (c.cut) problems.push(`${c.id}: its text is cut`);
      if (c.box.x < -0.5 || c.box.x + c.box.w > size.width + 0.5) problems.push(`${c.id}: past the window's side`);
    }
    for (let i = 0; i < seen.length; i++)
      for (let j = i + 1; j < seen.length; j++)
        if (!apart(seen[i].box, seen[j].box)) problems.push(`${seen[i].id} over ${seen[j].id}`);
    expect(problems, `the bar's controls (${shot}): ${JSON.stringify(seen)}`).toEqual([]);
    // The Find box keeps its placeholder whole: no narrower than 170 px (scale.css).
    const input = seen.find((c) => c.id === 'node-search')!;
    expect(input.box.w).toBeGreaterThanOrEqual(169.5);
  });
}
