// `?` lists every key the app answers (session 37's trial N6, F11: `?` did nothing, and the in-app list left out b, 1-4,
// Shift+arrows, Home/End and Escape). The list is modal for keys: Space does not play the run behind it, and Escape
// closes the list without leaving presenter mode.
import { expect } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { saveShot } from './fixtures/shots';
import { SHORTCUTS } from '../../src/ui/keys/shortcuts';

test('? opens the list of keys over the single view and the compare view, Space does not play behind it, Escape closes it and stays in presenter mode, at 1600x1000 and 1024x768', async ({ page }) => {
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto('/?scenario=hello-mesh');
  await expect(page.getByTestId('run-status')).toHaveText('ready');
  const dialog = page.getByRole('dialog', { name: 'Keys' });
  await page.keyboard.press('?');
  await expect(dialog).toBeVisible();
  await expect(dialog.locator('tbody tr')).toHaveCount(SHORTCUTS.length);
  for (const s of SHORTCUTS) await expect(dialog.locator('tbody tr', { hasText: s.does })).toHaveCount(1);
  await expect(dialog.getByRole('button', { name: 'Close' })).toBeFocused();
  await page.keyboard.press(' ');
  await expect(page.getByTestId('run-status')).toHaveText('ready');
  await saveShot(page, 'keys-1600x1000.png');
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);

  await page.setViewportSize({ width: 1024, height: 768 });
  await page.keyboard.press('f');
  await expect(page.getByTestId('app')).toHaveClass(/presenter/);
  await page.keyboard.press('?');
  await expect(dialog).toBeVisible();
  const box = (await dialog.boundingBox())!;
  expect(box.y + box.height, 'the whole list in the window').toBeLessThanOrEqual(768);
  await saveShot(page, 'keys-presenter-1024x768.png');
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('app')).toHaveClass(/presenter/);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('app')).not.toHaveClass(/presenter/);

  await page.goto('/?compare=gateway-only,mesh-only');
  await expect(page.getByTestId('compare-view')).toBeVisible({ timeout: 60_000 });
  await page.keyboard.press('?');
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toHaveCount(0);
});
