// A stale simulated lint holds up no typed check (session 40, U18): the editor's simulated rules
// (MS001, MS012) ran in the check worker once the text stood still for 0.8 s, and on
// istio-load-test-full they run the model for tens of seconds (56 s in Node at load 17), so a check
// typed meanwhile waited behind them. They now run in a worker of their own, ended when the text
// changes. A person types, stands still (the simulated lint starts), then types again: the second
// check's verdict shows within seconds.
import { expect } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { settled } from './fixtures/settle';
import { saveShot } from './fixtures/shots';

// The scenario is opened and its editor checked once, at 1600x1000; the same edits are then typed
// again in the window made 1024x768 (the text one space longer, still valid), so each size has its
// own stale simulated lint, second check and picture. Before, each size opened the 1,000-service
// scenario and its editor again.
test(`istio-load-test-full's editor: a check typed while the simulated lint runs shows its verdict promptly (1600x1000, then 1024x768)`, async ({ page }) => {
  test.setTimeout(300_000);
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto('/?scenario=istio-load-test-full');
  await expect(page.getByTestId('run-status')).toHaveText(/ready|paused/, { timeout: 90_000 });
  await page.getByTestId('editor-open').click();
  const editor = page.getByTestId('scenario-editor');
  const state = editor.getByTestId('editor-state');
  await expect(state).toHaveText('valid', { timeout: 90_000 });
  for (const [width, height] of [
    [1600, 1000],
    [1024, 768],
  ] as const) {
    await page.setViewportSize({ width, height });
    await settled(page);
    // First edit: a space after the opening brace, still valid; then stand still until the
    // simulated rules are under way (0.8 s after the check).
    await page.locator('.cm-content').click();
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('End');
    await page.keyboard.type(' ');
    await expect(state).toHaveText('checking…');
    await expect(state).toHaveText('valid', { timeout: 60_000 });
    await expect(editor.getByText(/^Simulating for the rules that need a run/)).toBeVisible();
    await page.waitForTimeout(2_000);
    await expect(editor.getByText(/^Simulating for the rules that need a run/)).toBeVisible();
    // Second edit: a stray letter, not JSON. Its verdict is the check's alone.
    const typed = Date.now();
    await page.keyboard.type('x');
    await expect(state).toHaveText(/^\d+ problems?$/, { timeout: 60_000 });
    const ms = Date.now() - typed;
    console.log(`${width}x${height}: the second check's verdict after ${ms} ms`);
    await saveShot(page, `editorlintstale-${width}x${height}.png`);
    // Well under a simulated lint of this scenario (tens of seconds): the check alone, about 1-3 s
    // on a loaded host.
    expect(ms).toBeLessThan(8_000);
    // Mended, it is valid again, and the simulated rules run again on the text as it stands.
    await page.keyboard.press('Backspace');
    await expect(state).toHaveText('valid', { timeout: 20_000 });
  }
});
