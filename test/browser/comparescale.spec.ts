// The compare view draws its pair at one moment while seeking (N3 item 7: mid-seek A stood at
// 27.0 s beside B's 37.8 s), and key b pressed at once after Inject branches on that fault
// (N3 item 8). Short tests, opened by link at a moment.
import { expect, type Page } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { saveShot } from './fixtures/shots';

/** Each pane's drawn figures' moment (the traffic canvas's data-figures-at), A then B; null before a frame is drawn. */
const drawnAt = (page: Page) =>
  page.locator('[data-testid="compare-pane"]').evaluateAll((panes) =>
    panes.map((p) => {
      const c = p.querySelector('canvas[data-figures-at]') as HTMLCanvasElement | null;
      return c ? Number(c.dataset.figuresAt) : null;
    }),
  );

for (const size of [
  { width: 1600, height: 1000 },
  { width: 1024, height: 768 },
]) {
  test(`gateway-only vs mesh-only at ${size.width}x${size.height}: seeking 10 s -> 40 s, both panes draw one moment all along, and the view says seeking`, async ({ page }) => {
    await page.setViewportSize(size);
    await page.goto('/?compare=gateway-only,mesh-only&t=10s');
    await expect(page.getByTestId('run-status')).toHaveText(/paused/, { timeout: 120_000 });
    await expect.poll(() => drawnAt(page), { timeout: 30_000 }).toEqual([10_000, 10_000]);
    // A click on the timeline at 40 s, as a person seeks.
    const track = page.getByTestId('timeline');
    const box = (await track.boundingBox())!;
    const seen: (number | null)[][] = [];
    let saidSeeking = false;
    await track.click({ position: { x: box.width * (40 / 60), y: box.height / 2 } });
    for (let i = 0; i < 400; i++) {
      seen.push(await drawnAt(page));
      if (/seeking/.test((await page.getByTestId('run-status').textContent()) ?? '')) saidSeeking = true;
      if ((await page.getByTestId('timeline-seeking').count()) === 0 && i > 2) break;
      if (i === 3) await saveShot(page, `comparescale-seeking-${size.width}.png`);
      await page.waitForTimeout(30);
    }
    const target = await page.getByTestId('metrics-diff').getAttribute('data-at');
    const apart = seen.filter(([a, b]) => a !== b);
    // Drawn apart at most for one sample, between one pane's paint and the other's (the build
    // before the hold: 3 samples apart, [18300, 13100], [23800, 13100], [31900, 20791]).
    expect(apart.length, `moments drawn apart: ${JSON.stringify(apart.slice(0, 5))} of ${seen.length}`).toBeLessThanOrEqual(1);
    expect(saidSeeking).toBe(true);
    await expect.poll(() => drawnAt(page)).toEqual([Number(target), Number(target)]);
    await saveShot(page, `comparescale-landed-${size.width}.png`);
  });
}

test('b pressed at once after Inject waits for the fault and branches on it: A without it, B with it', async ({ page }) => {
  await page.goto('/?scenario=gateway-and-mesh&t=10s');
  await expect(page.getByTestId('run-status')).toHaveText(/paused/, { timeout: 120_000 });
  const faults = page.getByRole('region', { name: 'Faults' });
  await faults.getByTestId('fault-type').selectOption({ label: 'HTTP errors' });
  await faults.getByTestId('fault-target').selectOption({ label: 'inventory' });
  await faults.getByTestId('fault-duration').fill('20s');
  // No wait for the list: b follows the click as fast as a person's two keys.
  await faults.getByRole('button', { name: /Inject/ }).click();
  await page.locator('body').press('b');
  await expect(page.getByTestId('compare-pane')).toHaveCount(2, { timeout: 60_000 });
  await expect(page.getByTestId('diff-head-A')).toHaveText('A · without HTTP errors on inventory', { timeout: 120_000 });
  await expect(page.getByTestId('diff-head-B')).toHaveText('B · with HTTP errors on inventory at 10.0 s');
  await saveShot(page, 'comparescale-branch-inject.png');
});
