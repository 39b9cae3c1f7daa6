// The canvas view (above 60 nodes) draws a saturated sidecar as the SVG view does (session 36's review: only the SVG
// view marked one): proxysaturated.spec's flood on web, with 60 idle services beside it. web's square fills in the
// queue's dark ink with a heavy outline in the queue's colour, its label says about how many wait, and the legend lists
// 'saturated' with the same square. The scene's marks (`meshsimDrawn`) say what it drew; one pixel checks it is drawn.
// It opens a link at a fixed moment (0.2 s), not "play at max speed until web saturates, then pause": web saturates
// at 0.02 s, and a lane's req/s counts the window that ends on the last tenth of a second (workers/edgeWindow.ts), so
// a fast machine paused at 0.05 s, before any window, and the lane rightly said nothing (the harness's CI on a82a658,
// both tries); a slower one paused past 0.1 s and passed. What it checks now is the same on any machine.
import { expect, type Page } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import type { DrawnMark, DrawnScene } from '../../src/ui/topology/canvasMarks';
import { pack } from '../../src/ui/recipe/codec';
import { saveShot } from './fixtures/shots';
import { settled } from './fixtures/settle';
import { CANVAS_FLOOD as FLOOD } from './fixtures/flood';

async function marksOf<K extends DrawnMark['kind']>(page: Page, kind: K): Promise<Extract<DrawnMark, { kind: K }>[]> {
  const scene = await page.evaluate(() => (document.querySelector('[data-testid="topology-canvas"]') as unknown as { meshsimDrawn?: DrawnScene } | null)?.meshsimDrawn ?? null);
  return (scene?.marks ?? []).filter((m): m is Extract<DrawnMark, { kind: K }> => m.kind === kind);
}

/** The scene canvas's pixel at CSS point (x, y), as [r, g, b, a]. */
async function pixel(page: Page, x: number, y: number): Promise<number[]> {
  return page.evaluate(([px, py]) => {
    const c = document.querySelector('[data-testid="topology-canvas"]') as HTMLCanvasElement;
    const dpr = c.width / c.getBoundingClientRect().width;
    return [...c.getContext('2d')!.getImageData(Math.round(px * dpr), Math.round(py * dpr), 1, 1).data];
  }, [x, y]);
}

const near = ([r, g, b]: number[], [R, G, B]: number[]) => Math.abs(r - R) + Math.abs(g - G) + Math.abs(b - B);

test('the canvas view draws a flooded service\'s saturated sidecars, says how many wait, and lists it in the legend; the lane into it, on its own line, says the flood\'s req/s beside it (about 100,000 sent, not the few ended)', async ({ page }) => {
  await page.setViewportSize({ width: 1600, height: 1000 });
  // A flood of ~15,000 waiting by 0.2 s; its first tenth of a second is the lane's window.
  await page.goto(`/?t=200ms#data=${pack(FLOOD)}`);
  await expect(page.getByTestId('sim-time')).toHaveText('0.200 s', { timeout: 60_000 });
  await expect(page.locator('.topology-stage')).toHaveAttribute('data-drawn', 'canvas-flood', { timeout: 30_000 });
  await expect(page.locator('.topology-stage')).toHaveAttribute('data-view', 'canvas');
  await expect.poll(async () => (await marksOf(page, 'saturated')).map((m) => m.node)).toEqual(['web']);

  for (const [width, height] of [
    [1600, 1000],
    [1024, 768],
  ] as const) {
    await page.setViewportSize({ width, height });
    await settled(page);
    // The square's middle is the queue's dark ink (#855c00), its edge the queue's colour (#e69f00). Waited for: after
    // a resize the scene is laid out again and drawn a few tasks later (its canvases get their pixels one a task,
    // useStagePainter), and meanwhile the marks can be the old layout's on the new canvas (with the CPU throttled x4,
    // web's mark stood at x 1106 on a canvas 778 wide after `settled`).
    await expect
      .poll(async () => {
        const [m] = await marksOf(page, 'saturated');
        return m ? near(await pixel(page, m.x + m.w / 2, m.y + m.h / 2), [0x85, 0x5c, 0x00]) : 999;
      }, { message: "web's square in the queue's dark ink" })
      .toBeLessThan(30);
    const [web] = await marksOf(page, 'saturated');
    expect(web.text).toMatch(/^proxies saturated · ≈[\d,]+ waiting$/);
    const edge = await Promise.all([-1, -0.5, 0, 0.5, 1].map((d) => pixel(page, web.x + d, web.y + web.h / 2)));
    expect(Math.min(...edge.map((p) => near(p, [0xe6, 0x9f, 0x00])))).toBeLessThan(40);
    // Its label says it, as the SVG view's line under the box.
    const label = (await marksOf(page, 'label')).find((l) => l.text === `web: ${web.text}`);
    expect(label, 'web is labelled with its backlog').toBeTruthy();
    // Whole on the stage, though web stands at its right edge.
    const stageW = await page.getByTestId('topology-canvas').evaluate((c) => c.getBoundingClientRect().width);
    expect(label!.x).toBeGreaterThanOrEqual(0);
    expect(label!.x + label!.w).toBeLessThanOrEqual(stageW + 0.5);
    if (width === 1600) {
      // The one lane into web has its own line and room: it says its rate beside it, clear of
      // every square and name, as a small scenario's link does (laneLabels.ts).
      await expect.poll(async () => (await marksOf(page, 'lane-label')).map((l) => `${l.edge}: ${l.text.replace(/[\d.,]+/, 'N')}`)).toEqual(['c->web: N req/s']);
      const lanes = await marksOf(page, 'lane-label');
      // The traffic on the lane: the requests c sent in (0, 0.2 s], answered or not, about the 100,000 a second
      // offered (Poisson: 20,000 in 0.2 s, sd 141), though web holds nearly all of them (85 calls a second ended,
      // which the lane once said: session 50's C1).
      const sent = Number(lanes[0].text.replace(/[^\d.]/g, ''));
      expect(sent, lanes[0].text).toBeGreaterThan(97_000);
      expect(sent, lanes[0].text).toBeLessThan(103_000);
      for (const l of await marksOf(page, 'label')) expect(l.x + l.w <= lanes[0].x || lanes[0].x + lanes[0].w <= l.x || l.y + l.h <= lanes[0].y || lanes[0].y + lanes[0].h <= l.y, `lane label over "${l.text}"`).toBe(true);
    }
    const legend = page.getByTestId('legend');
    if (await legend.isVisible()) await expect(legend.locator('[data-legend="saturated"]')).toBeVisible();
    await saveShot(page, `canvassaturated-${width}.png`);
  }
  // The legend lists it (open it where the window folds it).
  if (!(await page.getByTestId('legend').isVisible())) await page.getByTestId('legend-toggle').click();
  await expect(page.getByTestId('legend').locator('[data-legend="saturated"]')).toHaveText(/saturated/);
  await saveShot(page, 'canvassaturated-legend-1024.png');
});
