// + Inject by Enter (N4's trial, item 5): the README's own way, Enter in the fault form's "for"
// field. After it the keys are the run's again (Space plays, Shift+→ seeks a second), not the
// field's: before, focus stayed in "for", the keys did nothing and Space typed "10s ".
import { expect } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { saveShot } from './fixtures/shots';

test('after + Inject by Enter in "for", Shift+→ seeks and Space plays and pauses, and the field keeps "10s" with no stray space, at 1600x1000 and 1024x768', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/?scenario=hello-mesh');
  await expect(page.getByTestId('run-status')).toHaveText('ready');
  const time = page.getByTestId('sim-time');
  const duration = page.getByTestId('fault-duration');
  for (const [width, height] of [[1600, 1000], [1024, 768]]) {
    await page.setViewportSize({ width, height });
    await page.getByTestId('fault-type').selectOption('http-abort');
    await duration.fill('10s');
    await duration.press('Enter');
    await expect(page.getByTestId('fault-list').getByTestId('fault-item')).toHaveCount(width === 1600 ? 1 : 2);
    // The focus left the field (the page has it), and the form is ready for the next fault.
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('BODY');
    await page.keyboard.press('Shift+ArrowRight');
    await expect(time).toHaveAttribute('data-value', '1000');
    await page.keyboard.press('Space');
    await expect(page.getByTestId('run-status')).toHaveText('running');
    await page.keyboard.press('Space');
    await expect(page.getByTestId('run-status')).toHaveText('paused');
    await expect(duration).toHaveValue('10s');
    await saveShot(page, `fault-enter-keys-${width}x${height}.png`);
    // Back to the start (Home, a key too) for the next round's Shift+→.
    await page.keyboard.press('Home');
    await expect(time).toHaveAttribute('data-value', '0');
  }
  // Spaces around a duration are dropped when the field is left.
  await duration.fill(' 5s ');
  await duration.blur();
  await expect(duration).toHaveValue('5s');
  expect(errors).toEqual([]);
});
