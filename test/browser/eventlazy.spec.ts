// The Events tab's code is a chunk of its own (eventlog/LazyEventLog.tsx): fetched on idle after
// the first paint without a click, and while it is still on its way the tab shows "Loading the
// events…" in the log's own box, not a blank drawer.
import { expect } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { settled } from './fixtures/settle';
import { saveShot } from './fixtures/shots';

const CHUNK = /\/assets\/EventLogView-[\w-]+\.js$/;

test('the event log chunk loads on idle after the first paint, before any click on Events', async ({ page }) => {
  const fetched: string[] = [];
  page.on('request', (r) => {
    if (CHUNK.test(new URL(r.url()).pathname)) fetched.push(r.url());
  });
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto('/?scenario=retry-storm');
  await expect(page.getByTestId('run-status')).toHaveText('ready');
  // Nobody has opened the Events tab: the drawer is folded (a 1000 px high window, no choice kept).
  await expect(page.getByTestId('tab-events')).toHaveAttribute('aria-selected', 'false');
  await expect.poll(() => fetched.length, { timeout: 15_000 }).toBe(1);
  await page.getByTestId('tab-events').click();
  // In already: the rows come with no stand-in between.
  await expect(page.getByTestId('event-log')).toBeVisible();
  await expect(page.getByTestId('event-log-loading')).toHaveCount(0);
});

const SIZES = [
  { width: 1600, height: 1000 },
  { width: 1024, height: 768 },
];

// Opened once, at 1600x1000, with the chunk held: the stand-in read at both sizes in that window
// resized, then the rows at 1024x768 and again at 1600x1000 (before, each size opened and sought
// to 12 s again).
test(`while the event log's code is on its way, Events says so in the log's place (1600x1000 and 1024x768)`, async ({ page }) => {
  // Hold the chunk until the stand-in has been seen.
  let release = () => {};
  const held = new Promise<void>((r) => (release = r));
  await page.route(CHUNK, async (route) => {
    await held;
    await route.continue();
  });
  try {
    await page.setViewportSize(SIZES[0]);
    await page.goto('/?scenario=retry-storm&t=12s');
    await expect(page.getByTestId('run-status')).toHaveText('paused', { timeout: 30_000 });
    await page.getByTestId('tab-events').click();
    const standIn = page.getByTestId('event-log-loading');
    /** The stand-in's height at each width, for the log's to match. */
    const standInHeight = new Map<number, number>();
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await settled(page);
      await expect(standIn).toHaveText('Loading the events…');
      await expect(standIn).toHaveAttribute('aria-busy', 'true');
      // It fills the open drawer under the tabs, as the log will: nothing jumps when the rows come.
      const drawer = (await page.locator('.drawer').boundingBox())!;
      const tabs = (await page.locator('.drawer-tabs').boundingBox())!;
      const box = (await standIn.boundingBox())!;
      expect(drawer.height).toBeGreaterThan(140);
      expect(box.height).toBeGreaterThan(drawer.height - tabs.height - 4);
      await expect(standIn).toBeInViewport({ ratio: 1 });
      standInHeight.set(size.width, box.height);
      await saveShot(page, `eventlazy-loading-${size.width}x${size.height}.png`);
    }
    release();
    await expect(page.getByTestId('event-row').first()).toHaveAttribute('data-time', /\d/, { timeout: 15_000 });
    await expect(standIn).toHaveCount(0);
    for (const size of [SIZES[1], SIZES[0]]) {
      await page.setViewportSize(size);
      await settled(page);
      const log = (await page.getByTestId('event-log').boundingBox())!;
      expect(Math.abs(log.height - standInHeight.get(size.width)!)).toBeLessThan(1);
    }
  } finally {
    release();
    await page.unroute(CHUNK);
  }
});
