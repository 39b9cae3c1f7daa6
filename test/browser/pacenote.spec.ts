// The speed a run really keeps (session 36's trial N5, F4): a file far past what the machine simulates in real time,
// played at 100× (20,000 req/s: 2 million a wall second asked, some 10× what a quiet machine simulates), says on the speed control that it runs slower and at what speed; paused, the words go.
import { expect } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { saveShot } from './fixtures/shots';

const FLOOD = [
  'name: busy-web',
  'duration: 600s',
  'clients:',
  '  - { name: c, type: open, arrival: poisson, rate: 20000, target: web }',
  'services:',
  '  - { name: web, replicas: 4, concurrency: 1000, serviceTime: 5ms }',
  '',
].join('\n');

for (const [width, height] of [
  [1600, 1000],
  [1024, 768],
] as const) {
  // FIXME (U9, session 36): passed 2/2 at load ~17 with a 100k req/s flood at 1× (the header kept one row with the
  // words on); on a quiet host that file kept 1× and this one (600 s at 100×) ran to its end before the pause:
  // needs a file slow at every load and long enough to pause. Unit tests: test/ui/pace.test.ts.
  test.fixme(`a run far slower than its chosen 100× says so on the speed control, and not once paused (${width}x${height})`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    await page.goto('/');
    await expect(page.getByTestId('run-status')).toHaveText('ready');
    await page.getByTestId('scenario-file').setInputFiles({ name: 'busy-web.yaml', mimeType: 'application/yaml', buffer: Buffer.from(FLOOD) });
    await expect(page.locator('[data-drawn="busy-web"]')).toBeVisible();
    await page.getByTestId('speed').selectOption('100');
    await page.getByTestId('play').click();
    const speed = page.getByTestId('speed');
    const chosen = speed.locator('option:checked');
    // Not at once: smoothed over seconds (3 s under half the speed before it is said).
    await expect(chosen).toHaveText('100×');
    await expect(chosen).toHaveText(/^100× → at [\d.]+×$/, { timeout: 30_000 });
    expect(Number(await speed.getAttribute('data-achieved'))).toBeLessThan(50);
    await expect(speed).toHaveAttribute('title', /^Running at [\d.]+×: this machine can't keep 100×\./);
    // The header keeps one row: the words no wider than the widest speed's.
    const row = await page.getByTestId('play').boundingBox();
    for (const id of ['theme-toggle', 'speed', 'run-status']) expect(Math.abs((await page.getByTestId(id).boundingBox())!.y - row!.y), id).toBeLessThan(12);
    await saveShot(page, `pacenote-${width}.png`);
    await page.getByTestId('pause').click();
    await expect(page.getByTestId('run-status')).toHaveText('paused');
    await expect(chosen).toHaveText('100×');
    await expect(speed).not.toHaveAttribute('title', /.+/);
  });
}
