// Opening Istio's full load test (1,000 services, 3,000 sidecars) and using it at once: as soon as
// its first picture is up (the stage drawn with it, its 21 group tiles titled), a click on a tile
// zooms onto that tile, and Play then Pause answer. The page keeps working through the open's
// tail (the canvases' first pixels, the forms' 2,000 target options rendered afterwards); how long
// its tasks are is the benchmark's figure (`npm run bench:ui`, openLongestTaskMs), not checked here.
import { expect, type Page } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { saveShot } from './fixtures/shots';

interface TitleMark {
  kind: 'title';
  full: string;
  tile: { x: number; y: number; w: number; h: number };
}

/** The group tiles' titles the canvas drew (its `meshsimDrawn` marks), CSS px from the canvas's top left. */
const titles = (page: Page) =>
  page.evaluate(() => {
    const c = document.querySelector('[data-testid="topology-canvas"]') as unknown as { meshsimDrawn?: { marks: { kind: string }[] } } | null;
    return (c?.meshsimDrawn?.marks.filter((m) => m.kind === 'title') ?? []) as unknown as TitleMark[];
  });

for (const viewport of [
  { width: 1600, height: 1000 },
  { width: 1024, height: 768 },
]) {
  test.describe(`the full Istio load test at ${viewport.width}x${viewport.height}`, () => {
    test.use({ viewport });

    test('answers a click as soon as its first picture is up: a tile zooms in, Play and Pause work', async ({ page }) => {
      await page.goto('/');
      await expect(page.locator('[data-drawn="hello-mesh"]')).toBeVisible();
      await expect(page.getByTestId('run-status')).toHaveText('ready');
      await page.getByTestId('scenario-select').selectOption('istio-load-test-full');

      // The first picture: the stage drawn with the new scenario, on the canvas, its tiles titled.
      const stage = page.locator('.topology-stage');
      await expect(stage).toHaveAttribute('data-drawn', 'istio-load-test-full', { timeout: 60_000 });
      await expect(stage).toHaveAttribute('data-view', 'canvas');
      await expect.poll(async () => (await titles(page)).length, { timeout: 30_000 }).toBe(21);
      await saveShot(page, `openclick-picture-${viewport.width}.png`);

      // A person clicks a tile right away: the camera zooms until it fills the view.
      const tile = (await titles(page)).find((t) => t.full.startsWith('svc 000'));
      expect(tile, 'a tile for svc 000–099').toBeDefined();
      const canvas = (await page.getByTestId('topology-canvas').boundingBox())!;
      const zoomBefore = Number((await stage.getAttribute('data-zoom')) ?? '1');
      await page.mouse.click(canvas.x + tile!.tile.x + tile!.tile.w / 2, canvas.y + tile!.tile.y + tile!.tile.h / 2);
      await expect.poll(async () => Number((await stage.getAttribute('data-zoom')) ?? '1')).toBeGreaterThan(zoomBefore * 1.5);
      await expect(page.getByTestId('scenario-title')).toHaveText("Istio's load test at full scale");
      await saveShot(page, `openclick-zoomed-${viewport.width}.png`);

      // Play, then Pause, as clicks with the mouse.
      await page.getByTestId('play').click();
      await expect(page.getByTestId('run-status')).toHaveText('running');
      await expect.poll(async () => Number(await page.getByTestId('timeline').getAttribute('aria-valuenow')), { timeout: 60_000 }).toBeGreaterThan(0);
      await page.getByTestId('pause').click();
      await expect(page.getByTestId('run-status')).toHaveText('paused');
      await saveShot(page, `openclick-paused-${viewport.width}.png`);
    });
  });
}
