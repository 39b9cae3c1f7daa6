// Keys with the scenario picker focused: Shift+→ / Shift+← seek a second (the picker keeps its
// plain arrows), and Home / End seek to the start and the end of the run in the single view.
import { expect, type Page } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { saveShot } from './fixtures/shots';

async function settled(page: Page) {
  await expect(page.getByTestId('timeline-seeking')).toHaveCount(0);
  await expect(page.getByTestId('run-status')).toHaveText(/paused|ready|finished/);
}

const SIZES = [
  [1600, 1000],
  [1024, 768],
] as const;

// One page load for both sizes: opened at 10 s at 1600x1000, then the window made 1024x768 and
// the run brought back to 10 s with the keys (each size had a page load of its own until session 25).
test(`at ${SIZES.map(([w, h]) => `${w}x${h}`).join(' and then ')}, with the scenario picker focused, Shift+→ and Shift+← seek a second and Home / End go to 0 and the end; the scenario stays`, async ({ page }) => {
  await page.setViewportSize({ width: SIZES[0][0], height: SIZES[0][1] });
  await page.goto('/?scenario=hello-mesh&t=10s');
  await expect(page.getByTestId('sim-time')).toHaveText('10.0 s', { timeout: 60_000 });
  await settled(page);
  const picker = page.getByTestId('scenario-select');
  for (const [w, h] of SIZES) {
    await test.step(`${w}x${h}`, async () => {
      if (w !== SIZES[0][0]) {
        // From 0 s (where Home left it) back to 10 s, the keys held down as a person does.
        await page.setViewportSize({ width: w, height: h });
        await picker.focus();
        for (let i = 0; i < 10; i++) await page.keyboard.press('Shift+ArrowRight');
        await expect(page.getByTestId('sim-time')).toHaveText('10.0 s', { timeout: 60_000 });
        await settled(page);
      }
      await picker.focus();
      await expect(picker).toBeFocused();

      await page.keyboard.press('Shift+ArrowRight');
      await expect(page.getByTestId('sim-time')).toHaveText('11.0 s');
      await settled(page);
      await page.keyboard.press('Shift+ArrowLeft');
      await page.keyboard.press('Shift+ArrowLeft');
      await expect(page.getByTestId('sim-time')).toHaveText('9.00 s');
      await settled(page);
      await expect(picker).toHaveValue('hello-mesh');

      await page.keyboard.press('End');
      await expect(page.getByTestId('run-status')).toHaveText('finished', { timeout: 60_000 });
      await expect(page.getByTestId('sim-time')).toHaveText('120.0 s');
      await expect(picker).toHaveValue('hello-mesh');
      await saveShot(page, `shortcuts-end-${w}x${h}.png`);
      await page.keyboard.press('Home');
      await expect(page.getByTestId('sim-time')).toHaveText('0.000 s');
      await settled(page);
      await expect(picker).toHaveValue('hello-mesh');
      await expect(page.getByTestId('scenario-title')).toContainText('Hello');
      await saveShot(page, `shortcuts-home-${w}x${h}.png`);
    });
  }
});
