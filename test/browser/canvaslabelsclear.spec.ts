// What the canvas view's labels say and where they stand (session 50's W2 list): a found service
// says no rate before the run has played (it read "0.0 req/s in"), and says its req/s once there
// is traffic; no node's label stands on a lane (canvas-flood's saturated web label sat on the
// c -> web lane at 1024x768), and a name under its tile's bottom line reads as that tile's. The
// scene lists what it drew (`meshsimDrawn`).
import { expect, type Page } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import type { DrawnMark, DrawnScene } from '../../src/ui/topology/canvasMarks';
import { pack } from '../../src/ui/recipe/codec';
import { saveShot } from './fixtures/shots';
import { settled } from './fixtures/settle';
import { CANVAS_FLOOD } from './fixtures/flood';
import { segmentInBox } from '../../src/ui/topology/laneSpans';

type Label = Extract<DrawnMark, { kind: 'label' }>;
type Title = Extract<DrawnMark, { kind: 'title' }>;

async function marks(page: Page): Promise<DrawnMark[]> {
  return page.evaluate(() => (document.querySelector('[data-testid="topology-canvas"]') as unknown as { meshsimDrawn?: DrawnScene } | null)?.meshsimDrawn?.marks ?? []);
}

async function find(page: Page, name: string) {
  await page.getByTestId('node-search').fill(name);
  await page.getByTestId('node-search').press('Enter');
}

test("a found service says no rate before the run has played and its req/s in once it has; no label stands on the c -> web lane (1600x1000, 1024x768)", async ({ page }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto(`/#data=${pack(CANVAS_FLOOD)}`);
  await expect(page.locator('.topology-stage')).toHaveAttribute('data-drawn', 'canvas-flood', { timeout: 30_000 });
  await expect(page.getByTestId('run-status')).toHaveText('ready');
  await find(page, 'web');
  // Before any traffic: the name alone (session 50 read "web · 0.0 req/s in").
  await expect.poll(async () => (await marks(page)).filter((m): m is Label => m.kind === 'label' && m.text.startsWith('web')).map((m) => m.text)).toEqual(['web']);
  await saveShot(page, 'canvaslabels-found-before-1600.png');

  await page.goto(`/?t=200ms#data=${pack(CANVAS_FLOOD)}`);
  await expect(page.getByTestId('sim-time')).toHaveText('0.200 s', { timeout: 60_000 });
  await expect(page.locator('.topology-stage')).toHaveAttribute('data-drawn', 'canvas-flood', { timeout: 30_000 });
  for (const [width, height] of [
    [1600, 1000],
    [1024, 768],
  ] as const) {
    await page.setViewportSize({ width, height });
    await settled(page);
    // web's saturated label, and the lane into it drawn (c's and web's squares are the ends; a lane is drawn only outside their tiles).
    await expect.poll(async () => (await marks(page)).some((m) => m.kind === 'label' && m.text.startsWith('web: proxies saturated'))).toBe(true);
    const all = await marks(page);
    const labels = all.filter((m): m is Label => m.kind === 'label');
    const c = labels.find((l) => l.text === 'c') ?? null;
    const web = labels.find((l) => l.text.startsWith('web: '))!;
    const tiles = all.filter((m): m is Title => m.kind === 'title').map((t) => t.tile);
    if (c) {
      for (const l of labels) {
        const hit = segmentInBox(c.cx, c.cy, web.cx, web.cy, l);
        if (!hit) continue;
        // Where the line runs through the label, it must be inside a tile (not drawn there).
        const mid = (hit[0] + hit[1]) / 2;
        const x = c.cx + mid * (web.cx - c.cx);
        const y = c.cy + mid * (web.cy - c.cy);
        expect(tiles.some((t) => x > t.x && x < t.x + t.w && y > t.y && y < t.y + t.h), `"${l.text}" on the c -> web lane at ${width}x${height}`).toBe(true);
      }
    }
    // A name under its tile's bottom line (svc's bottom row at 1024x768) stands nearer its own tile
    // than any tile below it, so it reads as its tile's: svc-050 is 4 px under svc's line, 27 px
    // above web's tile.
    for (const l of labels) {
      const own = tiles.find((t) => l.cx > t.x && l.cx < t.x + t.w && l.cy > t.y && l.cy < t.y + t.h);
      if (!own || l.y < own.y + own.h) continue;
      const below = tiles.filter((t) => t !== own && t.y >= l.y && t.x < l.x + l.w && l.x < t.x + t.w);
      for (const t of below) expect(l.y - (own.y + own.h), `"${l.text}" nearer its tile than the one below`).toBeLessThan(t.y - (l.y + l.h));
    }
    await saveShot(page, `canvaslabels-flood-${width}.png`);
  }
  // With traffic, a found service says its req/s in: the flood's (about 100,000 sent a second).
  await find(page, 'web');
  await expect.poll(async () => (await marks(page)).find((m): m is Label => m.kind === 'label' && m.text.startsWith('web ·'))?.text ?? '').toMatch(/^web · 9\d,\d{3} req\/s in$/);
  await saveShot(page, 'canvaslabels-found-1024.png');
});
