// The fault list says "No faults yet." only once the run's faults are known (session 36's review: it flashed for a
// frame after 'ready' before a scenario's own faults came from the worker). A watcher set before the app loads keeps
// every state of the list as the page shows it (a MutationObserver sees each one, however short); a scenario with
// faults of its own, opened from the address bar and then from the picker, never shows "No faults yet." before them,
// and hello-mesh, with none, still says it.
import { expect, type Page } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { saveShot } from './fixtures/shots';

/**
 * Installs the watcher: window.__faultList gets '<state>@<scenario picked>' on each change, the state 'none' (No faults
 * yet. shown), 'list' (items), 'waiting' or 'absent'.
 */
async function watch(page: Page) {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __faultList: string[] }).__faultList = seen;
    const look = () => {
      const el = document.querySelector('[data-testid="fault-list"]');
      const now = !el ? 'absent' : el.querySelector('[data-testid="fault-item"]') ? 'list' : getComputedStyle(el).visibility !== 'hidden' && /No faults yet/.test(el.textContent ?? '') ? 'none' : 'waiting';
      const key = `${now}@${(document.querySelector('[data-testid="scenario-select"]') as HTMLSelectElement | null)?.value ?? ''}`;
      if (seen[seen.length - 1] !== key) seen.push(key);
    };
    new MutationObserver(look).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
  });
}

const seen = (page: Page) => page.evaluate(() => (window as unknown as { __faultList: string[] }).__faultList);

for (const [width, height] of [
  [1600, 1000],
  [1024, 768],
] as const) {
  test(`a scenario's own faults are listed without "No faults yet." before them (${width}x${height})`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    await watch(page);
    await page.goto('/?scenario=control-plane-outage');
    await expect(page.getByTestId('run-status')).toHaveText('ready');
    await expect(page.getByTestId('fault-item').first()).toBeVisible();
    expect(await seen(page)).not.toContain('none@control-plane-outage');
    await saveShot(page, `faultlistwait-${width}.png`);

    // From the picker: hello-mesh (no faults) says so, then a scenario with faults lists them with no flash between.
    await page.getByTestId('scenario-select').selectOption('hello-mesh');
    await expect(page.getByTestId('fault-list')).toHaveText('No faults yet.');
    await expect(page.getByTestId('fault-list')).toBeVisible();
    expect(await seen(page)).toContain('none@hello-mesh');
    await page.getByTestId('scenario-select').selectOption('partial-adoption');
    await expect(page.getByTestId('run-status')).toHaveText('ready');
    await expect(page.getByTestId('fault-item').first()).toBeVisible();
    expect(await seen(page)).not.toContain('none@partial-adoption');
    await saveShot(page, `faultlistwait-picker-${width}.png`);
  });
}
