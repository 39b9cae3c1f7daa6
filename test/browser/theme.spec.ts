// Light for projectors by default; a dark theme a click away, remembered on reload.
import { expect } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { saveShot } from './fixtures/shots';

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
  await saveShot(page, 'app-dark.png');

  await page.reload();
  await expect(page.getByTestId('run-status')).toHaveText('ready');
  await expect(html).toHaveAttribute('data-theme', 'dark');
  await page.getByTestId('theme-toggle').click();
  await expect(html).toHaveAttribute('data-theme', 'light');
  expect(await background()).toBe(light);
});

test('presenter mode shows the topology, the narrative, the counters and the timeline, in the light theme, and f or Escape leave it', async ({ page }) => {
  // Opened by its link (hello-mesh opened first and two-meshes-direct then picked spawned a second engine worker).
  await page.goto('/?scenario=two-meshes-direct');
  await expect(page.getByTestId('run-status')).toHaveText('ready');
  await expect(page.locator('[data-drawn="two-meshes-direct"]')).toBeVisible();
  await page.getByTestId('theme-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.getByTestId('presenter-toggle').click();
  await expect(page.getByTestId('app')).toHaveClass(/presenter/);
  // Issue 11: presenter mode keeps the counters, the clock and the timeline.
  await expect(page.getByTestId('sent-count')).toBeVisible();
  await expect(page.getByTestId('fault-type')).toBeHidden();
  await expect(page.getByTestId('timeline')).toBeVisible();
  await expect(page.getByTestId('narrative-title')).toBeVisible();
  await expect(page.getByTestId('topology')).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await page.getByTestId('topology').click();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('app')).not.toHaveClass(/presenter/);
  await expect(page.getByTestId('fault-type')).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.keyboard.press('f');
  await expect(page.getByTestId('app')).toHaveClass(/presenter/);
  await expect(page.getByTestId('fault-type')).toBeHidden();
  await page.keyboard.press('f');
  await expect(page.getByTestId('app')).not.toHaveClass(/presenter/);
  await expect(page.getByTestId('fault-type')).toBeVisible();
});
