// The compare view's Share link covers neither pane's title (trial N9, session 39): it opened over
// the page under the button and hid "B · with HTTP errors on payments…" at 1024x768, what B is at
// the moment a person shares it. It now takes a row of its own under the header, the panes moving
// down while it shows; the field takes the focus, Escape or Close shuts it and gives Share the
// focus back. From U17's spec (session 39), which failed at both sizes on the popover.
import { expect, type Page } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { saveShot } from './fixtures/shots';

function overlaps(a: { x: number; y: number; width: number; height: number }, b: typeof a): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

async function titlesClear(page: Page, box: { x: number; y: number; width: number; height: number }): Promise<void> {
  for (let i = 0; i < 2; i++) {
    const title = page.getByTestId('compare-pane-title').nth(i);
    await expect(title).toBeVisible();
    expect(overlaps(box, (await title.boundingBox())!), `the link covers pane ${'AB'[i]}'s title`).toBe(false);
    // The title is what the page shows at that point: nothing is drawn over its middle.
    const on = await title.evaluate((el) => {
      const r = el.getBoundingClientRect();
      const top = document.elementFromPoint(r.x + Math.min(60, r.width / 2), r.y + r.height / 2);
      return top !== null && el.contains(top);
    });
    expect(on, `pane ${'AB'[i]}'s title is under something`).toBe(true);
  }
}

for (const [width, height] of [
  [1600, 1000],
  [1024, 768],
] as const) {
  test(`Share's link, shown, covers neither pane's title and reads whole, at ${width}x${height}`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    await page.goto('/?compare=gateway-only,mesh-only&t=10s');
    await expect(page.getByTestId('compare-pane')).toHaveCount(2);
    await expect(page.getByTestId('run-status')).toHaveText(/ready|paused/, { timeout: 60_000 });
    // By keyboard, as a person without a mouse would: focus Share, press Enter.
    await page.getByTestId('share').focus();
    await page.keyboard.press('Enter');
    const link = page.getByTestId('share-link');
    await expect(link).toBeVisible();
    await expect(link).toHaveValue(/compare=gateway-only,mesh-only/);
    await expect(link).toBeFocused();
    const box = (await link.boundingBox())!;
    await titlesClear(page, box);
    // The whole link in view: as wide as its text, or most of the window.
    expect(box.width).toBeGreaterThan(width * 0.5);
    expect(box.x + box.width).toBeLessThanOrEqual(width);
    await saveShot(page, `compareshare-${width}x${height}.png`);
    // Escape closes it, the panes take their room back and Share has the focus again.
    await page.keyboard.press('Escape');
    await expect(link).toHaveCount(0);
    await expect(page.getByTestId('share')).toBeFocused();
    // Tab from the field reaches Close, which closes it too.
    await page.keyboard.press('Enter');
    await expect(link).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(page.getByTestId('share-close')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(link).toHaveCount(0);
  });
}

test("Share pressed from the figures below: the link shows under the sticky header, in sight, at 1024x768", async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.goto('/?compare=gateway-only,mesh-only&t=10s');
  await expect(page.getByTestId('run-status')).toHaveText(/ready|paused/, { timeout: 60_000 });
  await page.getByTestId('metrics-diff').scrollIntoViewIfNeeded();
  await page.mouse.wheel(0, 600);
  await page.getByTestId('share').click();
  const link = page.getByTestId('share-link');
  await expect(link).toBeInViewport();
  const header = (await page.locator('.compare-header').boundingBox())!;
  const box = (await link.boundingBox())!;
  expect(box.y).toBeGreaterThanOrEqual(header.y + header.height - 1);
  await saveShot(page, 'compareshare-scrolled-1024x768.png');
});
