// The speed a run really keeps (session 36's trial N5, F4: the menu said 0.1× while istio-load-test-full ran at
// 0.02× on a loaded machine): a run held well under its chosen speed says so on the speed control, with the speed it
// keeps; paused, the words go. The run is made slow from the test, as a busy machine would make it, by holding the
// simulation worker's thread (fixtures/simWorker.ts): no file is slow enough on every host (a quiet one keeps 1× of
// a 100k req/s flood), but a held thread moves the clock not at all, on any host. The rule's numbers (half the speed
// for 3 s; 80% for 2 s to go) are test/ui/pace.test.ts's.
import { expect } from '@playwright/test';
import { holdWorkers, holdingServer } from './fixtures/simWorker';
import { test } from './fixtures/sharedPage';
import { saveShot } from './fixtures/shots';

test('a run held far under its chosen 1× says "1× → at …×" on the speed control and "at …×" in the status pill, keeps the header on one row, and says nothing once paused, at 1600x1000 and 1024x768', async ({ page }) => {
  test.setTimeout(90_000);
  const server = await holdingServer();
  try {
    await page.setViewportSize({ width: 1600, height: 1000 });
    await page.goto('/?scenario=hello-mesh');
    await expect(page.getByTestId('run-status')).toHaveText('ready');
    const speed = page.getByTestId('speed');
    const chosen = speed.locator('option:checked');
    await speed.selectOption('1');
    await page.getByTestId('play').click();
    const simMs = async () => Number(await page.getByTestId('sim-time').getAttribute('data-value'));
    await expect.poll(simMs, { timeout: 30_000 }).toBeGreaterThan(300);
    // Keeping up: nothing said.
    await expect(chosen).toHaveText('1× real time');
    for (const [width, height] of [
      [1600, 1000],
      [1024, 768],
    ] as const) {
      await page.setViewportSize({ width, height });
      const pill = page.getByTestId('run-status');
      const pillBefore = (await pill.boundingBox())!;
      const held = holdWorkers(page, server.url);
      // Smoothed: not at once, but within the 2 s mean falling under half plus the 3 s it must stay there.
      await expect(chosen).toHaveText(/^1× → at [\d.]+×$/, { timeout: 15_000 });
      // The status pill, where a person looks, says it too: "running" over "at 0.1×" (N19's trial, 5), in its own box.
      await expect(pill).toHaveAttribute('data-pace', /^at [\d.]+×$/);
      await expect(pill).toHaveText('running');
      const pace = await pill.evaluate((el) => ({ after: getComputedStyle(el, '::after').content, words: el.getAttribute('data-pace') }));
      expect(pace.after).toBe(`"${pace.words}"`);
      const pillBehind = (await pill.boundingBox())!;
      expect([pillBehind.x, pillBehind.y, pillBehind.width, pillBehind.height]).toEqual([pillBefore.x, pillBefore.y, pillBefore.width, pillBefore.height]);
      expect(Number(await speed.getAttribute('data-achieved'))).toBeLessThan(0.5);
      await expect(speed).toHaveAttribute('title', /^Running at [\d.]+×: this machine can't keep 1×\./);
      // The header keeps one row with the words on.
      const row = (await page.getByTestId('pause').boundingBox())!;
      for (const id of ['theme-toggle', 'speed', 'run-status']) expect(Math.abs((await page.getByTestId(id).boundingBox())!.y - row.y), id).toBeLessThan(12);
      await saveShot(page, `pacenote-${width}.png`);
      server.release();
      await held;
      // Keeping up again, the words go (80% of the speed for 2 s); below 1280 px the menu says the factor alone (Speed.short).
      await expect(chosen).toHaveText(width > 1280 ? '1× real time' : '1×', { timeout: 20_000 });
      await expect(pill).not.toHaveAttribute('data-pace', /./);
    }
    // Paused while behind: nothing said.
    const held = holdWorkers(page, server.url);
    await expect(chosen).toHaveText(/^1× → at [\d.]+×$/, { timeout: 15_000 });
    server.release();
    await held;
    await page.getByTestId('pause').click();
    await expect(page.getByTestId('run-status')).toHaveText('paused');
    await expect(chosen).toHaveText('1×');
    await expect(speed).not.toHaveAttribute('title', /.+/);
  } finally {
    server.close();
  }
});
