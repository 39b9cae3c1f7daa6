// The browser's Back and Forward across scenarios (N4's trial, item 1): each scenario picked is a
// history entry, and Back/Forward reopen it as it was left (its injected fault, its moment); the
// app is never left, and playing or seeking within a run adds no entry.
import { readFileSync } from 'node:fs';
import { expect, type Page } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { saveShot } from './fixtures/shots';

/**
 * The faults scenario `id` lists of its own when opened: its file's scripted ones. Read from the
 * file, not the page: the page's list is empty for a moment after it says 'ready' (the list comes
 * in its own answer from the worker, after the first frame), and a count read there in CI (0 for
 * mesh-only's one) then failed the wait for the same count once the list came in.
 */
function ownFaults(id: string): number {
  return (JSON.parse(readFileSync(`scenarios/${id}.json`, 'utf8')) as { faults?: unknown[] }).faults?.length ?? 0;
}

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
  await shows(page, 'hello-mesh', 0, ownFaults('hello-mesh'));
  const entries = () => page.evaluate(() => history.length);
  const first = await entries();

  // retry-storm, an HTTP-errors fault on its first service, then 3 s on (Shift+→ three times).
  await page.getByTestId('scenario-select').selectOption('retry-storm');
  await expect(page.getByTestId('scenario-select')).toHaveValue('retry-storm');
  await expect(page.getByTestId('run-status')).toHaveText('ready');
  // Its own scripted faults, listed once it opens; the one injected below comes on top.
  const own = ownFaults('retry-storm');
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
  const meshOnly = ownFaults('mesh-only');
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
  await shows(page, 'hello-mesh', 0, ownFaults('hello-mesh'));
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

// Back right after a change (session 36, F1): the address bar is written at most every 500 ms
// (addressBar.ts), and a fault injected or a node dragged within that time of the last write was
// not yet in the entry when Back left it, so Forward reopened the run without it. A person's change
// is now written at once.
test('Back right after a fault is injected, and right after a node is dragged: Forward reopens the run with it', async ({ page: shared }) => {
  const context = await shared.context().browser()!.newContext({ baseURL: test.info().project.use.baseURL });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto('/?scenario=hello-mesh');
  await shows(page, 'hello-mesh', 0, ownFaults('hello-mesh'));
  await page.getByTestId('scenario-select').selectOption('retry-storm');
  const own = ownFaults('retry-storm');
  await shows(page, 'retry-storm', 0, own);

  // A second on (the address bar written with t=1s), the fault at once after it, then Back.
  await page.keyboard.press('Shift+ArrowRight');
  await expect(page.getByTestId('sim-time')).toHaveAttribute('data-value', '1000');
  await page.getByTestId('fault-type').selectOption('http-abort');
  await page.getByTestId('fault-inject').click();
  await expect(page.getByTestId('fault-list').getByTestId('fault-item')).toHaveCount(own + 1);
  await page.goBack();
  await shows(page, 'hello-mesh', 0, ownFaults('hello-mesh'));
  await page.goForward();
  await shows(page, 'retry-storm', 1000, own + 1);
  await expect(page).toHaveURL(/[?&]faults=/);

  // Played on (the address bar written with the clock every 500 ms), web dragged 60 px left and
  // 140 down (into the room below it) meanwhile, then Back at once.
  await page.keyboard.press('Space');
  await expect(page.getByTestId('run-status')).toHaveText('running');
  const web = page.locator('.topology-stage [data-node="web"]').first();
  const box = (await web.boundingBox())!;
  const from = { x: box.x + box.width * 0.3, y: box.y + box.height * 0.5 };
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  for (let i = 1; i <= 6; i++) await page.mouse.move(from.x - (60 * i) / 6, from.y + (140 * i) / 6);
  await page.mouse.up();
  // Where it came to rest (two reads a quarter second apart agree): read at once under load, the
  // box was taken before the drop was drawn (session 36's CI: 70 px off after Forward, twice).
  let placed = (await web.boundingBox())!;
  await expect.poll(async () => {
    const before = placed;
    await page.waitForTimeout(250);
    placed = (await web.boundingBox())!;
    return Math.max(Math.abs(before.x - placed.x), Math.abs(before.y - placed.y));
  }).toBeLessThan(0.5);
  await page.goBack();
  await shows(page, 'hello-mesh', 0, ownFaults('hello-mesh'));
  // The entry's own address as Forward reaches it, before the app writes anything: the page keeps
  // dragged positions itself too (this browser's storage), so the picture alone would show web
  // moved even from an entry without them, and the address bar would get them back a moment later.
  await page.evaluate(() => addEventListener('popstate', () => Object.assign(window, { entryAddress: location.search }), { once: true }));
  await page.goForward();
  await expect(page.getByTestId('scenario-select')).toHaveValue('retry-storm');
  await expect(page.getByTestId('run-status')).toHaveText(/^(ready|paused)$/);
  await expect(page.getByTestId('fault-list').getByTestId('fault-item')).toHaveCount(own + 1);
  expect(await page.evaluate(() => (window as { entryAddress?: string }).entryAddress)).toMatch(/[?&]layout=/);
  // web where it was left (within a pixel: the stage is the same size).
  await expect.poll(async () => {
    const b = (await web.boundingBox())!;
    return Math.max(Math.abs(b.x - placed.x), Math.abs(b.y - placed.y));
  }).toBeLessThan(1.5);
  await saveShot(page, 'history-back-after-drag-1600x1000.png');
  await page.setViewportSize({ width: 1024, height: 768 });
  await saveShot(page, 'history-back-after-drag-1024x768.png');
  expect(errors).toEqual([]);
  await context.close();
});
