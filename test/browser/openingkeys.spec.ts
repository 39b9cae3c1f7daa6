// Keys pressed while a run still opens wait for it (N7's trial, finding 4): Shift+→ pressed at once on
// a compare link to 5 s, or at once after `b`, moved nothing (the runs arrived at 5.00 s and stayed).
// And a link's moment past the run's end says so at once (finding 6).
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures/sharedPage';
import { settled as layoutSettled } from './fixtures/settle';
import { saveShot } from './fixtures/shots';

const SIZES = [
  [1600, 1000],
  [1024, 768],
] as const;

const pane = (page: Page, side: 'A' | 'B') => page.locator(`[data-testid="compare-pane"][data-side="${side}"]`);
const paneTime = async (page: Page, side: 'A' | 'B') => (await pane(page, side).getByTestId('pane-time').getAttribute('data-value'))!;

/** The header's status when the key went (the spec asserts it was pressed while the run opened). */
const statusNow = (page: Page) => page.getByTestId('run-status').textContent({ timeout: 30_000 });

async function settled(page: Page) {
  await expect(page.getByTestId('timeline-seeking')).toHaveCount(0, { timeout: 60_000 });
  await expect(page.getByTestId('run-status')).toHaveText(/paused|ready|finished/, { timeout: 60_000 });
}

/** Sizes the page to `size` and waits until its layout stands still. */
async function resizeTo(page: Page, [width, height]: readonly [number, number]) {
  await page.setViewportSize({ width, height });
  await layoutSettled(page);
}

// Each test opens its moment once, at 1600x1000, presses its keys while the run opens, and reads
// where the runs landed at both sizes in that window resized: the keys' wait is the app's, not the
// window's, and before each size opened and sought again (a load and a seek more a test).
const [big] = SIZES;

test(`Shift+→ twice at once on a compare link to 5 s lands both runs at 7 s (1600x1000, read at 1024x768 too)`, async ({ page }) => {
  await page.setViewportSize({ width: big[0], height: big[1] });
  await page.goto('/?compare=hello-mesh,mesh-only&t=5s');
  await expect(page.getByTestId('run-status')).toBeVisible({ timeout: 30_000 });
  const when = await statusNow(page);
  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('Shift+ArrowRight');
  // Pressed while opening or on the way to 5 s: the keys were held, not dropped.
  expect(when).toMatch(/opening|seeking/);
  await settled(page);
  for (const size of SIZES) {
    await resizeTo(page, size);
    await expect.poll(() => paneTime(page, 'A'), { timeout: 60_000 }).toBe('7000');
    expect(await paneTime(page, 'B')).toBe('7000');
    await expect(page.getByTestId('sim-time')).toHaveText(/^7\.00 s/);
    await saveShot(page, `openingkeys-compare-${size[0]}.png`);
  }
});

test(`Shift+→ at once after b (a fault injected at 5 s) moves both runs to 6 s (1600x1000, read at 1024x768 too)`, async ({ page }) => {
  await page.setViewportSize({ width: big[0], height: big[1] });
  await page.goto('/?scenario=hello-mesh&t=5s');
  await expect(page.getByTestId('sim-time')).toHaveText('5.00 s', { timeout: 60_000 });
  await settled(page);
  await page.getByTestId('fault-type').selectOption('kill-replica');
  await page.getByTestId('fault-target').selectOption('catalog');
  await page.getByTestId('fault-inject').click();
  await expect(page.getByTestId('fault-list').getByTestId('fault-item')).toHaveCount(1);
  await page.locator('body').click({ position: { x: 2, y: 2 } });
  await page.keyboard.press('b');
  await expect(page.getByTestId('compare-pane')).toHaveCount(2, { timeout: 30_000 });
  const when = await statusNow(page);
  await page.keyboard.press('Shift+ArrowRight');
  expect(when).toMatch(/opening|seeking/);
  await settled(page);
  for (const size of SIZES) {
    await resizeTo(page, size);
    await expect.poll(() => paneTime(page, 'A'), { timeout: 60_000 }).toBe('6000');
    expect(await paneTime(page, 'B')).toBe('6000');
    await saveShot(page, `openingkeys-branch-${size[0]}.png`);
  }
});

test(`Shift+→ twice at once on a link to retry-storm at 20 s lands at 22 s (1600x1000, read at 1024x768 too)`, async ({ page }) => {
  await page.setViewportSize({ width: big[0], height: big[1] });
  await page.goto('/?scenario=retry-storm&t=20s');
  await expect(page.getByTestId('run-status')).toBeVisible({ timeout: 30_000 });
  const when = await statusNow(page);
  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('Shift+ArrowRight');
  expect(when).toMatch(/loading|seeking/);
  await settled(page);
  for (const size of SIZES) {
    await resizeTo(page, size);
    await expect(page.getByTestId('sim-time')).toHaveText('22.0 s', { timeout: 60_000 });
    await saveShot(page, `openingkeys-single-${size[0]}.png`);
  }
});

test(`a link's t past the run's end says so while it goes there, and after (1600x1000, read at 1024x768 too)`, async ({ page }) => {
  await page.setViewportSize({ width: big[0], height: big[1] });
  await page.goto('/?scenario=retry-storm&t=9999s');
  const note = page.getByTestId('link-problems');
  await expect(note).toContainText("t: 9999 s is past the run's end (40 s); opened at the end", { timeout: 30_000 });
  await settled(page);
  for (const size of SIZES) {
    await resizeTo(page, size);
    await expect(note).toContainText("t: 9999 s is past the run's end (40 s); opened at the end");
    await expect(page.getByTestId('run-status')).toHaveText('finished');
    await saveShot(page, `t-past-end-${size[0]}.png`);
  }
});
