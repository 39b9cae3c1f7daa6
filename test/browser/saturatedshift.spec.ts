// The proxy CPU figure's "saturated · ≈N waiting" words move no counter (session 36's review: they came in beside the
// number and widened the figure, so the failed figure gave way and in flight, latency and proxy CPU moved left). A
// flood on web's two sidecars (proxysaturated.spec's) plays until the words are there and a while on, as the count
// grows; the proxy CPU figure's box is as it was at 'ready', and the words read "saturated" over "6,612 waiting" (or "≈15k waiting").
import { expect, type Page } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { saveShot } from './fixtures/shots';

const FLOOD = [
  'name: proxy-flood',
  'duration: 2s',
  'clients:',
  '  - { name: c, type: open, arrival: poisson, rate: 100000, target: web }',
  'services:',
  '  - { name: web, replicas: 2, sidecar: true, serviceTime: 5ms }',
  '',
].join('\n');

/** Each counter's box, CSS px, left to right. */
const boxes = (page: Page) =>
  page.locator('.strip .figure').evaluateAll((els) => els.map((e) => {
    const r = e.getBoundingClientRect();
    return { cls: e.className, x: Math.round(r.x * 10) / 10, w: Math.round(r.width * 10) / 10 };
  }));

for (const [width, height] of [
  [1600, 1000],
  [1024, 768],
] as const) {
  test(`a flood's saturated words beside proxy CPU move no counter (${width}x${height})`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    await page.goto('/');
    await expect(page.getByTestId('run-status')).toHaveText('ready');
    await page.getByTestId('scenario-file').setInputFiles({ name: 'proxy-flood.yaml', mimeType: 'application/yaml', buffer: Buffer.from(FLOOD) });
    await expect(page.locator('[data-drawn="proxy-flood"]')).toBeVisible();
    await expect(page.getByTestId('run-status')).toHaveText('ready');
    const before = await boxes(page);
    await page.getByTestId('speed').selectOption('max');
    await page.getByTestId('play').click();
    const why = page.getByTestId('proxy-cpu-why');
    await expect(why).toContainText('saturated', { timeout: 60_000 });
    // On, as the backlog grows past a few thousand.
    await expect.poll(async () => Number(await why.getAttribute('data-held')), { timeout: 60_000 }).toBeGreaterThan(3000);
    await page.getByTestId('pause').click();
    await expect(page.getByTestId('run-status')).toHaveText('paused');
    await expect(why).toHaveText(/^saturated(\d,\d{3}|≈\d+(\.\d)?[kM]) waiting$/);
    const after = await boxes(page);
    expect(after.map((b) => b.cls)).toEqual(before.map((b) => b.cls));
    // The counts gaining a fifth digit widen their own figures (by design: room is kept for four, 45bce59), so what is
    // checked is the proxy CPU figure: its width, and so its right edge, stays as it was from the first paint.
    const proxy = before.findIndex((b) => b.cls.includes('figure-proxy'));
    expect(proxy).toBeGreaterThan(0);
    expect(Math.abs(after[proxy].w - before[proxy].w), `proxy CPU figure resized: ${JSON.stringify([before, after])}`).toBeLessThanOrEqual(0.5);
    expect(Math.abs(after[proxy].x + after[proxy].w - before[proxy].x - before[proxy].w)).toBeLessThanOrEqual(0.5);
    await saveShot(page, `saturatedshift-${width}.png`);
  });
}
