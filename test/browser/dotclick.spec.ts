// A click on a moving dot opens its request in the inspector: a ringed (sampled) dot of
// retry-storm, paused, shows that request's waterfall with its fate.
import { expect, test, type Page } from '@playwright/test';
import { shotPath } from './fixtures/shots';

const count = async (page: Page, id: string) => Number((await page.getByTestId(id).textContent())!.replace(/[^0-9.]/g, ''));

for (const [width, height] of [
  [1600, 1000],
  [1024, 768],
] as const) {
  test(`at ${width}x${height}, clicking a ringed dot of paused retry-storm opens that request's waterfall with its fate`, async ({ page }) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.setViewportSize({ width, height });
    await page.goto('/?scenario=retry-storm');
    await expect(page.getByTestId('run-status')).toHaveText('ready');
    await expect(async () => {
      const play = page.getByTestId('play');
      if (await play.isVisible()) await play.click({ timeout: 1000 });
      await expect.poll(() => count(page, 'sim-time'), { timeout: 1500 }).toBeGreaterThan(0);
    }).toPass({ timeout: 20_000 });
    const traffic = page.getByTestId('traffic');
    // Play until a ringed dot is on screen, then pause and read where the ringed dots are. The
    // pause lands a frame or two after the dot was seen, and a sampled request may have ended by
    // then: if the paused picture has no ringed dot, play on and pause again (up to 5 times).
    let ringed = '';
    for (let attempt = 0; attempt < 5 && ringed === ''; attempt++) {
      const play = page.getByTestId('play');
      if (attempt > 0 && (await play.isVisible())) await play.click();
      await expect.poll(async () => (await traffic.getAttribute('data-ringed')) ?? '', { timeout: 30_000 }).not.toBe('');
      const pause = page.getByTestId('pause');
      if (await pause.isVisible()) await pause.click();
      await expect(page.getByTestId('play')).toBeVisible();
      // The paused picture settles within a frame or two, later under load (CI once read the dots
      // before a late frame moved them, and the click found none): read them once they read the
      // same twice, 250 ms apart.
      let last: string | null = null;
      await expect
        .poll(
          async () => {
            const now = (await traffic.getAttribute('data-ringed')) ?? '';
            const same = now === last;
            last = now;
            return same;
          },
          { intervals: [250], timeout: 10_000 },
        )
        .toBe(true);
      ringed = last ?? '';
    }
    expect(ringed, 'a ringed dot in the paused picture').not.toBe('');
    const [id, xy] = ringed.split(' ')[0].split(':');
    const [x, y] = xy.split(',').map(Number);
    expect((Number(id) - 1) % 20).toBe(0);
    const stage = (await page.locator('.topology-stage').boundingBox())!;
    expect(x >= 0 && x <= stage.width && y >= 0 && y <= stage.height, `dot at ${x},${y} in ${stage.width}x${stage.height}`).toBe(true);
    await page.mouse.click(stage.x + x, stage.y + y);

    const panel = page.getByTestId('inspector');
    await expect(panel).toBeVisible();
    const waterfall = panel.getByTestId('waterfall');
    await expect(waterfall).toHaveAttribute('data-request-id', id);
    await expect(waterfall.getByTestId('request-fate')).not.toHaveText('');
    const fate = (await waterfall.getByTestId('request-fate').textContent())!;
    // Paused with the request in flight, or already ended: either way its fate is said.
    expect(fate.length).toBeGreaterThan(1);
    await expect(panel.getByTestId('inspector-message')).toHaveCount(0);
    await page.screenshot({ path: shotPath(`dot-click-${width}x${height}.png`) });
    if (width === 1600) await page.screenshot({ path: shotPath('dot-click.png') });
    expect(errors).toEqual([]);
  });
}
