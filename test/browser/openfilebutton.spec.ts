// "Open file…" is a button (trial S50: it was a label around a hidden input, no control to a
// keyboard or a screen reader). A person tabs to it from the scenario picker, presses Enter (then
// Space), the file chooser opens, they choose a scenario file and it opens; its focus ring shows
// at 1600x1000 and at 1024x768, where the button shows its glyph alone and keeps its name.
import { expect, type Page } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { saveShot } from './fixtures/shots';

const SHOP = ['name: my-shop', 'title: My shop from a file', 'duration: 10s', 'clients:', '  - { name: web, type: open, rate: 20, target: api }', 'services:', '  - name: api', '    serviceTime: 5ms', ''].join('\n');

/** Tabs from the scenario picker until the Open file… button has the focus (a few steps at most). */
async function tabToOpenFile(page: Page): Promise<void> {
  await page.getByTestId('scenario-select').focus();
  for (let i = 0; i < 5; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(() => document.activeElement?.getAttribute('data-testid') === 'scenario-file-open')) return;
  }
  throw new Error('Tab from the scenario picker never reached Open file…');
}

for (const [w, h, key] of [[1600, 1000, 'Enter'], [1024, 768, 'Space']] as const) {
  test(`Open file… is a button: Tab reaches it, ${key} opens the file chooser, the chosen file opens (${w}x${h})`, async ({ page }) => {
    await page.setViewportSize({ width: w, height: h });
    await page.goto('/?scenario=hello-mesh');
    await expect(page.getByTestId('run-status')).toHaveText('ready');
    const open = page.getByRole('button', { name: 'Open file…' });
    await expect(open).toHaveAttribute('data-testid', 'scenario-file-open');
    // The input behind it is no Tab stop and no second name for a screen reader.
    await expect(page.getByTestId('scenario-file')).toHaveAttribute('tabindex', '-1');
    // Listening before the Tabs: Playwright turns the chooser's interception on without waiting
    // for it, and a key pressed at once after waitForEvent opened no chooser it saw (the picture's
    // DevTools session in between).
    const chooser = page.waitForEvent('filechooser');
    await tabToOpenFile(page);
    await expect(open).toBeFocused();
    await saveShot(page, `openfile-button-focus-${w}x${h}.png`);
    await page.keyboard.press(key);
    const fc = await chooser;
    expect(fc.isMultiple()).toBe(true);
    await fc.setFiles({ name: 'my-shop.yaml', mimeType: 'application/yaml', buffer: Buffer.from(SHOP) });
    await expect(page.getByTestId('scenario-title')).toHaveText('My shop from a file');
    // Space opened the chooser and did not play the run.
    await expect(page.getByTestId('run-status')).toHaveText('ready');
    await expect(page.getByTestId('scenario-select')).toHaveValue(/.+/);
    await saveShot(page, `openfile-button-opened-${w}x${h}.png`);
  });
}
