// Words seen by screen readers only, and the dialogs' backdrop, from one shared rule each
// (styles.css `.visually-hidden` with its space toggle, `.dialog-backdrop`). A person widens and
// narrows the window: the header's select names ("Scenario", "Speed") show at 1700 px and are
// hidden from sight at 1600 px and under, the selects keeping them as their names; Step's,
// Reset's and Open file's words give way to their glyphs at 1024 px, the buttons keeping their names; in the
// compare view at 1024 px its "Compare" name is hidden too. The editor opened, and `?` over it:
// each backdrop dims the whole window, the key list's over the editor's.
import { expect, type Locator, type Page } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { settled } from './fixtures/settle';
import { saveShot } from './fixtures/shots';

/** True when the element takes no more than a pixel on screen (hidden from sight, still in the page). */
const unseen = (l: Locator) => l.evaluate((el) => {
  const r = el.getBoundingClientRect();
  return r.width <= 1 && r.height <= 1 && getComputedStyle(el).position === 'absolute';
});

async function labels(page: Page) {
  return {
    scenario: await unseen(page.locator('.header .field-label', { hasText: 'Scenario' })),
    step: await unseen(page.getByTestId('step').locator('.button-text')),
  };
}

test('the header hides select names from sight at 1600 px and button words at 1024 px, keeping them as names; the compare header too', async ({ page }) => {
  await page.setViewportSize({ width: 1700, height: 1000 });
  await page.goto('/?scenario=hello-mesh');
  await expect(page.getByTestId('run-status')).toHaveText('ready');
  expect(await labels(page)).toEqual({ scenario: false, step: false });
  await expect(page.locator('.header .field-label', { hasText: 'Scenario' })).toBeVisible();
  await saveShot(page, 'hidden-words-1700x1000.png');
  await page.setViewportSize({ width: 1600, height: 1000 });
  await settled(page);
  expect(await labels(page)).toEqual({ scenario: true, step: false });
  await expect(page.getByTestId('scenario-select')).toHaveAccessibleName('Scenario');
  await saveShot(page, 'hidden-words-1600x1000.png');
  await page.setViewportSize({ width: 1024, height: 768 });
  await settled(page);
  expect(await labels(page)).toEqual({ scenario: true, step: true });
  await expect(page.getByTestId('step')).toHaveAccessibleName(/Step/);
  await expect(page.getByTestId('step').locator('.icon')).toBeVisible();
  await expect(page.locator('.header .file-button .button-glyph')).toBeVisible();
  await saveShot(page, 'hidden-words-1024x768.png');
  await page.goto('/?compare=gateway-only,mesh-only');
  await expect(page.locator('svg[data-testid="topology"]')).toHaveCount(2, { timeout: 60_000 });
  const compare = page.locator('.field-label', { hasText: 'Compare' });
  await expect(compare).toHaveCount(1);
  expect(await unseen(compare)).toBe(true);
  await saveShot(page, 'hidden-words-compare-1024x768.png');
});

test("the editor's backdrop and the key list's over it each dim the whole window, at 1600x1000 and 1024x768", async ({ page }) => {
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto('/?scenario=hello-mesh');
  await expect(page.getByTestId('run-status')).toHaveText('ready');
  await page.getByTestId('editor-open').click();
  await expect(page.getByTestId('scenario-editor')).toBeVisible();
  for (const [w, h] of [[1600, 1000], [1024, 768]] as const) {
    await page.setViewportSize({ width: w, height: h });
    await settled(page);
    const backdrop = (sel: string) => page.locator(sel).evaluate((el) => {
      const r = el.getBoundingClientRect();
      const s = getComputedStyle(el);
      return { x: r.x, y: r.y, w: r.width, h: r.height, bg: s.backgroundColor, z: s.zIndex, display: s.display };
    });
    expect(await backdrop('.editor-backdrop'), `editor at ${w}x${h}`).toEqual({ x: 0, y: 0, w, h, bg: 'rgba(15, 23, 42, 0.45)', z: '60', display: 'flex' });
    await saveShot(page, `backdrop-editor-${w}x${h}.png`);
  }
  // The key list, opened from the editor's heading (not its text, where '?' is typed).
  await page.getByTestId('scenario-editor').locator('h2, .editor-head').first().click();
  await page.keyboard.press('?');
  await expect(page.getByTestId('keys-backdrop')).toBeVisible();
  const keys = await page.getByTestId('keys-backdrop').evaluate((el) => {
    const r = el.getBoundingClientRect();
    const s = getComputedStyle(el);
    return { w: r.width, h: r.height, bg: s.backgroundColor, z: s.zIndex };
  });
  expect(keys).toEqual({ w: 1024, h: 768, bg: 'rgba(15, 23, 42, 0.45)', z: '70' });
  await saveShot(page, 'backdrop-keys-over-editor-1024x768.png');
});
