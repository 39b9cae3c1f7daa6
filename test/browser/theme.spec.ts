// Light for projectors by default; a dark theme a click away, remembered on reload.
import { expect, test } from '@playwright/test';

test('the theme toggle switches to dark and back, and the choice survives a reload', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('run-status')).toHaveText('ready');
  const html = page.locator('html');
  await expect(html).toHaveAttribute('data-theme', 'light');
  // The tests compile without the DOM lib: ask the page through a locator.
  const background = () => page.locator('body').evaluate((el) => (globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string } }).getComputedStyle(el).backgroundColor);
  const light = await background();

  await page.getByTestId('theme-toggle').click();
  await expect(html).toHaveAttribute('data-theme', 'dark');
  expect(await background()).not.toBe(light);
  await page.screenshot({ path: 'test-results/app-dark.png' });

  await page.reload();
  await expect(page.getByTestId('run-status')).toHaveText('ready');
  await expect(html).toHaveAttribute('data-theme', 'dark');
  await page.getByTestId('theme-toggle').click();
  await expect(html).toHaveAttribute('data-theme', 'light');
  expect(await background()).toBe(light);
});
