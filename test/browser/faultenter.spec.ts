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

// The compare view's "Inject into both" (its own form, CompareFaults.tsx) did not do the same:
// after Enter in its "for" field the focus stayed there, Shift+→ moved the caret and Space typed
// "10s " into the field (session 36, F1).
test('the compare view: after + Inject by Enter in "for", Shift+→ seeks both runs and Space plays and pauses them, at 1600x1000 and 1024x768', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto('/?compare=retry-storm,retry-storm-fixed');
  await expect(page.getByTestId('compare-pane')).toHaveCount(2);
  const status = page.getByTestId('run-status');
  await expect(status).toHaveText(/^(ready|paused)$/);
  const clock = page.getByTestId('sim-time');
  const duration = page.getByTestId('compare-fault-for');
  for (const [width, height] of [[1600, 1000], [1024, 768]]) {
    await page.setViewportSize({ width, height });
    await page.getByTestId('compare-fault-type').selectOption('http-abort');
    await duration.fill('10s');
    await duration.press('Enter');
    await expect(page.getByTestId('compare-fault')).toHaveCount(width === 1600 ? 1 : 2);
    await expect(page.getByTestId('compare-fault').last()).toContainText('in both');
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('BODY');
    await page.keyboard.press('Shift+ArrowRight');
    await expect(clock).toHaveAttribute('data-a', '1000');
    await expect(clock).toHaveAttribute('data-b', '1000');
    await page.keyboard.press('Space');
    await expect(status).toHaveText('playing');
    await page.keyboard.press('Space');
    await expect(status).toHaveText(/^paused/);
    await expect(duration).toHaveValue('10s');
    await saveShot(page, `compare-fault-enter-keys-${width}x${height}.png`);
    await page.keyboard.press('Home');
    await expect(clock).toHaveAttribute('data-a', '0');
    await expect(status).not.toHaveAttribute('data-settling', /./);
  }
  expect(errors).toEqual([]);
});
