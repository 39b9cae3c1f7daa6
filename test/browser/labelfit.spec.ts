// Group tiles' titles in the full Istio load test stay inside their tiles (N3's trial, 6a: at
// 1024x768 "svc 000–099 · 100" ran past its tile's right edge), at both sizes and in presenter mode.
import { expect, type Page } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { saveShot } from './fixtures/shots';

interface Title {
  text: string;
  full: string;
  group: string;
  x: number;
  y: number;
  w: number;
  h: number;
  px: number;
  tile: { x: number; y: number; w: number; h: number };
}

async function titles(page: Page): Promise<Title[]> {
  return page.evaluate(() => {
    const c = document.querySelector('[data-testid="topology-canvas"]') as (HTMLCanvasElement & { meshsimDrawn?: { marks: { kind: string }[] } }) | null;
    return (c?.meshsimDrawn?.marks ?? []).filter((m) => m.kind === 'title') as unknown as Title[];
  });
}

test('every tile title of the full load test ends inside its tile, whole or shortened, at 1600x1000, 1024x768 and in presenter mode', async ({ page }) => {
  test.setTimeout(150_000);
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.goto('/?scenario=istio-load-test-full&t=1s');
  await expect(page.locator('[data-drawn="istio-load-test-full"]')).toHaveAttribute('data-view', 'canvas', { timeout: 60_000 });
  await expect(page.getByTestId('sim-time')).toContainText('1.00 s', { timeout: 60_000 });
  await expect.poll(async () => (await titles(page)).filter((t) => t.full.includes('req/s')).length, { timeout: 60_000 }).toBe(10);
  for (const [mode, w, h] of [['1024', 1024, 768], ['1600', 1600, 1000], ['presenter-1024', 1024, 768]] as const) {
    if (mode === 'presenter-1024') {
      await page.setViewportSize({ width: w, height: h });
      await page.keyboard.press('f');
      await expect(page.getByTestId('app')).toHaveClass(/presenter/);
    } else await page.setViewportSize({ width: w, height: h });
    await expect.poll(async () => (await titles(page)).length, { timeout: 20_000 }).toBe(21);
    await page.waitForTimeout(300);
    const list = await titles(page);
    for (const t of list) {
      // A one-node tile (the control plane's, 18 px at 1024x768) is too narrow for its name at
      // any size: its title runs over the gap beside it (scale.spec: never into another tile).
      if (t.tile.w < 40) continue;
      // The text drawn (4 px in from the title's left) ends inside the tile.
      expect(t.x + t.w, `${mode}: "${t.text}" in a tile ${Math.round(t.tile.w)} px wide`).toBeLessThanOrEqual(t.tile.x + t.tile.w + 0.5);
      expect(t.px, t.text).toBeGreaterThanOrEqual(10);
      // Whole, or shortened without "…" (the rate short or dropped, a count the range says left
      // out: tiletitlewhole.spec; "svc 000–099 …" read as a name cut).
      expect(t.text, t.full).not.toMatch(/…$/);
      // The group's name is never cut: the range says which services are in it.
      expect(t.text.startsWith(t.group), `${mode}: "${t.text}"`).toBe(true);
    }
    await saveShot(page, `labelfit-titles-${mode}.png`);
  }
});
