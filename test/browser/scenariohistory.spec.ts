// The browser's Back and Forward across scenarios (N4's trial, item 1): each scenario picked is a
// history entry, and Back/Forward reopen it as it was left (its injected fault, its moment); the
// app is never left, and playing or seeking within a run adds no entry.
import { expect, type Page } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { saveShot } from './fixtures/shots';

/** Waits for the scenario `id` to be open and ready (or paused) at `atMs` simulated ms, listing `faults` faults (its own and injected). */
async function shows(page: Page, id: string, atMs: number, faults: number) {
  await expect(page).toHaveURL(new RegExp(`[?&]scenario=${id}(&|$)`));
  await expect(page.getByTestId('scenario-select')).toHaveValue(id);
  await expect(page.getByTestId('run-status')).toHaveText(/^(ready|paused)$/);
  await expect(page.getByTestId('sim-time')).toHaveAttribute('data-value', String(atMs));
  await expect(page.getByTestId('fault-list').getByTestId('fault-item')).toHaveCount(faults);
}

test('two scenarios picked, Back twice and Forward: each shows its scenario, its injected fault and its moment, and the app is never left', async ({ page: shared }) => {
  // A browser context of its own (fresh history and storage): the worker's shared page has run
  // other specs, and Chromium caps history.length at 50, so its count stopped moving there (CI:
  // 50 where 51 was due); a new tab in the shared context kept the other specs' stored faults.
  const context = await shared.context().browser()!.newContext({ baseURL: test.info().project.use.baseURL });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto('/?scenario=hello-mesh');
  await shows(page, 'hello-mesh', 0, 0);
  const entries = () => page.evaluate(() => history.length);
  const first = await entries();

  // retry-storm, an HTTP-errors fault on its first service, then 3 s on (Shift+→ three times).
  await page.getByTestId('scenario-select').selectOption('retry-storm');
  await expect(page.getByTestId('scenario-select')).toHaveValue('retry-storm');
  await expect(page.getByTestId('run-status')).toHaveText('ready');
  // Its own scripted faults, listed once it opens; the one injected below comes on top.
  const own = await page.getByTestId('fault-list').getByTestId('fault-item').count();
  await shows(page, 'retry-storm', 0, own);
  await page.getByTestId('fault-type').selectOption('http-abort');
  await page.getByTestId('fault-inject').click();
  await expect(page.getByTestId('fault-list').getByTestId('fault-item')).toHaveCount(own + 1);
  for (let i = 0; i < 3; i++) await page.keyboard.press('Shift+ArrowRight');
  await expect(page.getByTestId('sim-time')).toHaveAttribute('data-value', '3000');
  // Playing and seeking replace the entry, never add one.
  await page.keyboard.press('Space');
  await expect(page.getByTestId('run-status')).toHaveText('running');
  await page.waitForTimeout(1500);
  await page.keyboard.press('Space');
  await expect(page.getByTestId('run-status')).toHaveText('paused');
  await page.keyboard.press('Home');
  await expect(page.getByTestId('sim-time')).toHaveAttribute('data-value', '0');
  for (let i = 0; i < 3; i++) await page.keyboard.press('Shift+ArrowRight');
  await expect(page.getByTestId('sim-time')).toHaveAttribute('data-value', '3000');
  expect(await entries()).toBe(first + 1);
  await expect(page).toHaveURL(/[?&]faults=/);

  await page.getByTestId('scenario-select').selectOption('mesh-only');
  await expect(page.getByTestId('scenario-select')).toHaveValue('mesh-only');
  await expect(page.getByTestId('run-status')).toHaveText('ready');
  const meshOnly = await page.getByTestId('fault-list').getByTestId('fault-item').count();
  await shows(page, 'mesh-only', 0, meshOnly);
  expect(await entries()).toBe(first + 2);

  // The editor's Run: a scenario whose link is all fragment (#data=). Back and Forward across it
  // change only the fragment; the app reopens each in place, the page is not reloaded.
  await page.evaluate(() => Object.assign(window, { samePage: true }));
  await page.getByTestId('editor-open').click();
  await page.getByTestId('editor-run').click();
  await expect(page.getByTestId('scenario-editor')).toHaveCount(0);
  await expect(page.getByTestId('scenario-select')).toHaveValue(/^edited:/);
  await expect(page).toHaveURL(/#data=/);
  expect(await entries()).toBe(first + 3);
  await page.goBack();
  await shows(page, 'mesh-only', 0, meshOnly);
  await page.goForward();
  await expect(page.getByTestId('scenario-select')).toHaveValue(/^edited:/);
  await expect(page.getByTestId('run-status')).toHaveText('ready');
  await page.goBack();
  await shows(page, 'mesh-only', 0, meshOnly);
  expect(await page.evaluate(() => (window as { samePage?: boolean }).samePage)).toBe(true);

  await page.goBack();
  await shows(page, 'retry-storm', 3000, own + 1);
  await expect(page).toHaveURL(/[?&]faults=/);
  await saveShot(page, 'history-back-retry-storm-1600x1000.png');
  await page.goBack();
  await shows(page, 'hello-mesh', 0, 0);
  await page.goForward();
  await shows(page, 'retry-storm', 3000, own + 1);
  await page.setViewportSize({ width: 1024, height: 768 });
  await saveShot(page, 'history-forward-retry-storm-1024x768.png');
  await page.goForward();
  await shows(page, 'mesh-only', 0, meshOnly);
  // Back and Forward wrote no entry of their own.
  expect(await entries()).toBe(first + 3);
  expect(errors).toEqual([]);
  await context.close();
});
