// What a new user met (N-report, session 32, items 3-5 and 9's small points), done as they did it,
// with pictures at 1600x1000 and 1024x768 to look at.
import { expect, type Page } from '@playwright/test';
// The worker's one page (fixtures/sharedPage.ts), as the other specs: a fresh context a test
// started a renderer and compiled the app again for each of these 7 tests, and a file of other
// worker fixtures than the rest ran in a worker (and browser) of its own.
import { test } from './fixtures/sharedPage';
import { saveShot } from './fixtures/shots';
import { settled } from './fixtures/settle';

const SIZES = [
  { width: 1600, height: 1000 },
  { width: 1024, height: 768 },
] as const;

for (const size of SIZES) {
  test(`presenter: n pressed while a story seek runs queues the next step, and the panel says where it goes (${size.width}x${size.height})`, async ({ page }) => {
    await page.setViewportSize(size);
    await page.goto('/?scenario=retry-storm');
    await expect(page.getByTestId('run-status')).toHaveText('ready');
    await page.keyboard.press('f');
    // Three presses in quick succession: steps at 0, 10, 12 and 27 s. From the clock's step each
    // press during a seek asked for the same step again (the panel said step 3 at 23 s while the
    // header went to step 4, then at 25 s); from the step the seek goes to, they add up to step 4.
    await page.keyboard.press('n');
    await page.keyboard.press('n');
    const going = page.getByTestId('narrative-going');
    await page.keyboard.press('n');
    // While the seek runs the panel shows the clock's step and where it is going, for its first
    // 250 ms (then the head says it: e74ff2e), so it is read once, as it is, without a wait.
    const said = await going.allTextContents();
    if (said.length > 0) {
      expect(said[0]).toMatch(/→ step [34] · (12|27) s/);
      await saveShot(page, `newuser-present-going-${size.width}.png`);
    }
    await expect(page.getByTestId('run-status')).not.toHaveAttribute('data-seeking-to', /./);
    // Step 4 (27 s since session 53, 25 s before) measures from 26 s: presenter mode plays on to 28 s, its
    // figure's first two seconds (stepLanding.ts, N6's F3).
    await expect(page.getByTestId('sim-time')).toHaveText('28.0 s');
    await expect(page.getByTestId('narrative-step')).toHaveText(/step 4 of 4/i);
    await expect(going).toHaveCount(0);
    await saveShot(page, `newuser-present-landed-${size.width}.png`);
    // Back from step 4 twice at once: step 2 (10 s), not step 3 twice.
    await page.keyboard.press('p');
    await page.keyboard.press('p');
    await expect(page.getByTestId('run-status')).not.toHaveAttribute('data-seeking-to', /./);
    await expect(page.getByTestId('sim-time')).toHaveText('10.0 s');
    await expect(page.getByTestId('narrative-step')).toHaveText(/step 2 of 4/i);
  });
}

for (const size of SIZES) {
  test(`compare: while both runs seek the header's clock follows the run behind and the table says it waits, and a link's opening seek says so in place of an empty table (${size.width}x${size.height})`, async ({ page }) => {
    await page.setViewportSize(size);
    await page.goto('/?compare=retry-storm,retry-storm-fixed');
    await expect(page.getByTestId('run-status')).toHaveText(/ready/);
    await expect(page.locator('table[data-testid="metrics-diff"]')).toBeVisible();
    const track = page.getByTestId('timeline');
    const box = (await track.boundingBox())!;
    await track.click({ position: { x: (box.width * 24) / 40, y: box.height / 2 } });
    // The clock leaves 0.000 s as the runs move (it stood there until both had landed).
    await expect.poll(async () => page.getByTestId('sim-time').textContent(), { timeout: 60_000 }).not.toBe('0.000 s');
    if ((await page.getByTestId('timeline-seeking').count()) > 0) {
      await expect(page.getByTestId('metrics-diff-seeking')).toContainText(/seeking to 2[34]\.\d+ s/);
      await saveShot(page, `newuser-compare-seeking-${size.width}.png`);
    }
    await expect(page.getByTestId('timeline-seeking')).toHaveCount(0, { timeout: 60_000 });
    await expect(page.getByTestId('metrics-diff-seeking')).toHaveCount(0);
    await expect(page.locator('table[data-testid="metrics-diff"] caption')).toContainText(/Both runs at 2[34]\.\d+ s/);
    // A link's opening seek (as a branch opens): no table yet, a sentence where it will be.
    await page.goto('/?compare=retry-storm,retry-storm-fixed&t=30s');
    await expect(page.getByTestId('metrics-diff-seeking')).toContainText('Seeking both runs to 30.0 s');
    await saveShot(page, `newuser-compare-opening-${size.width}.png`);
    await expect(page.locator('table[data-testid="metrics-diff"] caption')).toContainText('Both runs at 30.0 s', { timeout: 60_000 });
  });
}

for (const size of SIZES) {
  test(`keyboard, names and small layout points: Open file… is a named button, the timeline takes Tab and arrows, the picker names its whole scenario, the change form's buttons stand clear of the next heading (${size.width}x${size.height})`, async ({ page }) => {
    await page.setViewportSize(size);
    await page.goto('/?scenario=control-plane-boundary');
    await expect(page.getByTestId('run-status')).toHaveText('ready');
    await expect(page.getByTestId('scenario-file-open')).toHaveAccessibleName('Open file…');
    // The picker cuts a long name; its title says it whole.
    await expect(page.getByTestId('scenario-select')).toHaveAttribute('title', /^Control-plane reach: a line of business/);
    // Tab reaches the timeline, and a plain arrow there seeks 1 s.
    let reached = false;
    for (let i = 0; i < 60 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => document.activeElement?.getAttribute('data-testid') === 'timeline');
    }
    expect(reached).toBe(true);
    await saveShot(page, `newuser-timeline-focus-${size.width}.png`);
    await page.keyboard.press('ArrowRight');
    await expect(page.getByTestId('sim-time')).toHaveText('1.00 s');
    await page.keyboard.press('ArrowLeft');
    await expect(page.getByTestId('sim-time')).toHaveText('0.000 s');
    // The change form's Apply/Branch row and the heading under it do not touch.
    const branch = (await page.getByTestId('branch').boundingBox())!;
    const heading = (await page.locator('h2', { hasText: 'Compare side by side' }).boundingBox())!;
    expect(heading.y - (branch.y + branch.height)).toBeGreaterThanOrEqual(8);
    // Charts "to 12.0 s" is read by the next test, on its own load of retry-storm at 12.5 s.
  });
}

// Charts at 12.5 s of retry-storm (payments failing from 10 s): its failures' totals count the
// closed seconds (to 12 s) while the counter counts to now, and the title says so; read here at
// both sizes, on this test's load (the test above loaded the same moment again at each size).
const chartsTo = async (page: Page, width: number) => {
  await expect(page.getByTestId('chart-failures').locator('figcaption')).toContainText('Failures by cause, to 12.0 s');
  await saveShot(page, `newuser-charts-to-${width}.png`);
};

test("Charts at 12.5 s says to when its failures count (1024x768, then 1600x1000); 1024x768 with a failed request inspected and Charts open: the counter strip stays whole in the window, the FAILED cause tag in view; a request picked low in the list shows its waterfall's first rows without scrolling, the why cut to two lines with 'more'; at 1600x1000 the why stays whole", async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.goto('/?scenario=retry-storm&t=12500ms');
  await expect(page.getByTestId('run-status')).not.toHaveAttribute('data-seeking-to', /./);
  await expect(page.getByTestId('run-status')).toHaveText(/paused|ready/);
  if ((await page.getByTestId('tab-charts').getAttribute('aria-selected')) !== 'true') await page.getByTestId('tab-charts').click();
  await chartsTo(page, 1024);
  await page.getByTestId('inspector-toggle').click();
  await expect(page.getByTestId('inspector')).toBeVisible();
  const strip = (await page.locator('.strip').boundingBox())!;
  expect(strip.y + strip.height).toBeLessThanOrEqual(768.5);
  await expect(page.getByTestId('failure-causes')).toBeInViewport({ ratio: 1 });
  await saveShot(page, 'newuser-inspector-charts-1024.png');
  // A request picked (N-report 5): the why took seven lines of the 424 px panel and the
  // waterfall's first row began 87 px below it.
  const panel = page.getByTestId('inspector');
  await expect(panel.getByTestId('failed-only')).toBeChecked();
  const rows = panel.getByTestId('request-list').locator('[data-request-id]');
  // The fifth row (the lowest shown): the list then gives up rows, and keeps this one in view.
  const row = rows.nth(4);
  await expect(row).toBeInViewport({ ratio: 1 });
  const id = await row.getAttribute('data-request-id');
  await row.click();
  const waterfall = panel.getByTestId('waterfall');
  await expect(waterfall).toHaveAttribute('data-request-id', id!);
  const why = waterfall.getByTestId('request-why');
  await expect(why).toContainText(/^Failed at payments \(payments-[01]\): the service answered HTTP 503/);
  const more = waterfall.getByTestId('request-why-more');
  await expect(more).toHaveText('more');
  /** What of the panel a person sees unscrolled: the picked row, the why's lines, the first three waterfall rows. */
  const seen = () =>
    panel.evaluate((p) => {
      const box = p.getBoundingClientRect();
      const bottom = Math.min(box.bottom, window.innerHeight);
      const whole = (el: Element | null) => !!el && el.getBoundingClientRect().top >= box.top - 0.5 && el.getBoundingClientRect().bottom <= bottom + 0.5;
      const list = p.querySelector('.inspector-requests')!.getBoundingClientRect();
      const picked = p.querySelector('.request-row.selected')!.getBoundingClientRect();
      const w = p.querySelector('[data-testid="request-why"]') as HTMLElement;
      return {
        scrolled: p.scrollTop,
        pickedInList: picked.top >= list.top - 0.5 && picked.bottom <= list.bottom + 0.5,
        whyLines: Math.round(w.clientHeight / parseFloat(getComputedStyle(w).lineHeight)),
        whyWhole: w.scrollHeight <= w.clientHeight + 1 && whole(w),
        rowsWhole: Array.from(p.querySelectorAll('.waterfall-row')).slice(0, 3).filter(whole).length,
      };
    });
  await expect.poll(seen).toEqual({ scrolled: 0, pickedInList: true, whyLines: 2, whyWhole: false, rowsWhole: 3 });
  await saveShot(page, 'newuser-waterfall-charts-1024.png');
  // "more" opens the sentence whole, the fault and its window included; "less" cuts it again.
  await more.click();
  await expect(more).toHaveText('less');
  await expect(why).toBeInViewport({ ratio: 1 });
  expect((await seen()).whyWhole).toBe(true);
  await saveShot(page, 'newuser-waterfall-charts-1024-more.png');
  await more.click();
  await expect.poll(async () => (await seen()).whyLines).toBe(2);
  // At 1600x1000, Charts still open, the panel (499 px) is not short: the why whole (four lines),
  // no "more", the list folded to the picked row (session 49: five rows before), and under them the
  // waterfall's first three rows whole (two before, with the list's five rows over them).
  await page.setViewportSize({ width: 1600, height: 1000 });
  await expect(more).toHaveCount(0);
  await expect.poll(async () => ({ ...(await seen()), whyLines: undefined })).toEqual({ scrolled: 0, pickedInList: true, whyLines: undefined, whyWhole: true, rowsWhole: 3 });
  const listed = await rows.evaluateAll((rs) => {
    const box = rs[0].closest('.inspector-requests')!.getBoundingClientRect();
    return rs.filter((r) => r.getBoundingClientRect().top >= box.top - 0.5 && r.getBoundingClientRect().bottom <= box.bottom + 0.5).length;
  });
  expect(listed, 'the list folded to the picked row').toBe(1);
  await saveShot(page, 'newuser-waterfall-charts-1600.png');
  // The inspector closed, Charts as it was opened at 1600x1000: the caption's words again.
  await page.getByTestId('inspector-close').click();
  await expect(page.getByTestId('inspector')).toBeHidden();
  await settled(page);
  await chartsTo(page, 1600);
  expect(errors).toEqual([]);
});
