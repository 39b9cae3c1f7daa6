// Group tiles' titles read whole at every size the full load test is drawn at (trial N9, session
// 39: at 1600x1000, playing, the service tiles read "svc 000–099 …", their rate dropped behind an
// ellipsis, while at 1024x768, ready, the same title was whole). A title now takes its rate's
// short form ("7.0k/s") where the whole rate does not fit, and drops what still does not fit with
// no "…" (the tile's tooltip has it all); only a name that cannot fit is cut.
import { expect, type Page } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { untilStill } from './fixtures/settle';
import { saveShot } from './fixtures/shots';

interface Title {
  text: string;
  full: string;
  group: string;
  x: number;
  w: number;
  px: number;
  tile: { x: number; w: number };
}

/**
 * Whether the scene canvas's last drawing was made at its stage's present size: the painter fits
 * the canvas (its style width and height, whole CSS px, useStageSize) in the task that draws the
 * scene and lists its marks, so until a resize reaches the drawing the marks are the old size's.
 */
async function drawnAtStageSize(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const c = document.querySelector('[data-testid="topology-canvas"]') as HTMLCanvasElement | null;
    const box = c?.parentElement?.getBoundingClientRect();
    return !!c && !!box && c.style.width === `${Math.floor(box.width)}px` && c.style.height === `${Math.floor(box.height)}px`;
  });
}

async function titles(page: Page): Promise<Title[]> {
  return page.evaluate(() => {
    const c = document.querySelector('[data-testid="topology-canvas"]') as (HTMLCanvasElement & { meshsimDrawn?: { marks: { kind: string }[] } }) | null;
    return (c?.meshsimDrawn?.marks ?? []).filter((m) => m.kind === 'title') as unknown as Title[];
  });
}

test('the full load test\'s tile titles read whole, with no "…", playing at 1600x1000 and 1024x768 and in presenter mode', async ({ page }) => {
  test.setTimeout(150_000);
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto('/?scenario=istio-load-test-full&t=1s');
  await expect(page.locator('[data-drawn="istio-load-test-full"]')).toHaveAttribute('data-view', 'canvas', { timeout: 60_000 });
  await expect(page.getByTestId('sim-time')).toContainText('1.00 s', { timeout: 60_000 });
  // The service tiles carry their rate, as a person sees them once the run has traffic.
  await expect.poll(async () => (await titles(page)).filter((t) => t.full.includes('req/s')).length, { timeout: 60_000 }).toBe(10);
  for (const [mode, w, h] of [
    ['1600', 1600, 1000],
    ['1024', 1024, 768],
    ['presenter-1024', 1024, 768],
    ['presenter-1600', 1600, 1000],
  ] as const) {
    await page.setViewportSize({ width: w, height: h });
    if (mode === 'presenter-1024') {
      await page.keyboard.press('f');
      await expect(page.getByTestId('app')).toHaveClass(/presenter/);
    }
    // The titles of the drawing at this size: a fixed 300 ms after the resize read presenter-1024's
    // drawing at 1600x1000 under CI load, its service tiles too narrow for their rate (session 41).
    await expect.poll(() => drawnAtStageSize(page), { timeout: 20_000 }).toBe(true);
    await expect.poll(async () => (await titles(page)).length, { timeout: 20_000 }).toBe(21);
    const list = await untilStill(page, () => titles(page), `${mode}: the tile titles`);
    console.log(mode, list.map((t) => `${t.text} [${t.px}px in ${Math.round(t.tile.w)}]`).join(' | '));
    for (const t of list) {
      // The control plane's one-node tile is narrower than its name at any size (labelfit.spec).
      if (t.tile.w < 40) continue;
      expect(t.text, `${mode}: "${t.full}" drawn as "${t.text}"`).not.toContain('…');
      expect(t.text.startsWith(t.group), `${mode}: "${t.text}"`).toBe(true);
      expect(t.x + t.w, `${mode}: "${t.text}" in a tile ${Math.round(t.tile.w)} px wide`).toBeLessThanOrEqual(t.tile.x + t.tile.w + 0.5);
    }
    // Where the tile has room, the rate shows, whole or short.
    if (mode === '1600' || mode === 'presenter-1600') {
      const svc = list.filter((t) => t.group.startsWith('svc'));
      expect(svc.length).toBe(10);
      for (const t of svc) expect(t.text, `${mode}: "${t.full}"`).toMatch(/req\/s|k\/s|\d\/s/);
    }
    await saveShot(page, `tiletitlewhole-${mode}.png`);
  }
});
