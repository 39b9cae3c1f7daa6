// Presenter mode on a compare at 1600x1000 (trial N12, 6a): each pane's step text takes the two
// lines the pane has room for before its "more", so a teacher reading aloud need not open each
// pane ("A retry on another replica, a shorter timeout per try, or ejecting the bad replica woul…
// more"). At 1024x768 the panes keep the step and its figure alone (7e2c898: presenter's 14 px floor).
// Both panes answer one question (trial N17, 4): at 40 s A's pane read step 4's "33.6% user requests failing
// while the replica hangs" and B's, at its step 5, "1.76 ms proxy CPU"; now B shows its own step 4's figure, the
// same failed share over 21 s – 58 s, said as "step 4's figure, in both panes". Out of presenter mode at 1280x720
// the panes fill the window as at 1024x768 (trial N17, 5: each picture 623x185 px, names 8.2 px, rate labels
// 7.5 px), and the tables compare the failed shares as B - A in points, not "0.00x".
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures/sharedPage';
import { saveShot } from './fixtures/shots';

const pane = (page: Page, side: 'A' | 'B') => page.locator(`[data-testid="compare-pane"][data-side="${side}"]`);

/** The least on-screen size, CSS px, of the pane's node names and of its link labels (font size x the SVG's scale). */
async function leastText(page: Page, side: 'A' | 'B') {
  return pane(page, side).evaluate((el) => {
    const least = (sel: string) => {
      let px = Infinity;
      for (const t of Array.from(el.querySelectorAll<SVGTextElement>(sel))) {
        const m = t.getScreenCTM();
        if (!m || t.getBoundingClientRect().width === 0) continue;
        px = Math.min(px, Number.parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b));
      }
      return px;
    };
    return { names: least('[data-node] .topo-name'), rates: least('.topo-edge-label') };
  });
}

/** Both panes show the failed share over 21 s – 58 s: A's 33.6%-ish, B's 0%, B's said to be its step 4's, in both panes. */
async function oneQuestion(page: Page, where: string) {
  for (const side of ['A', 'B'] as const) await expect(pane(page, side).getByTestId('pane-figure'), `${where}: ${side}`).toContainText('user requests failing while the replica hangs');
  await expect(pane(page, 'B').getByTestId('pane-step')).toHaveText('Step 5 of 6');
  await expect(pane(page, 'A').getByTestId('pane-figure-from')).toHaveText('step 4’s figure, in both panes');
  await expect(pane(page, 'B').getByTestId('pane-figure-from')).toHaveText('step 4’s figure, in both panes');
  await expect(pane(page, 'B').getByTestId('pane-figure-value')).toHaveText('0%');
  await expect.poll(async () => Number.parseFloat((await pane(page, 'A').getByTestId('pane-figure-value').textContent()) ?? '')).toBeGreaterThan(30);
}

test("presenter mode on gateway-only vs mesh-only at 40 s sets each pane's step text on two lines at 1600x1000, leaves it out at 1024x768, and both panes show the failed share over 21-58 s (33.6% and 0%) at every size; the normal view at 1280x720 fills the window (names 11 px or more, rate labels 10 px or more) and compares shares in points", async ({ page }) => {
  test.setTimeout(150_000);
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto('/?compare=gateway-only,mesh-only&t=40s');
  await expect(page.getByTestId('run-status')).toHaveText('paused', { timeout: 90_000 });
  await page.keyboard.press('f');
  const view = page.getByTestId('compare-view');
  await expect(view).toHaveAttribute('data-presenter', 'on');
  await expect(view).toHaveAttribute('data-arrange', 'side');
  for (const side of ['A', 'B'] as const) {
    const text = pane(page, side).getByTestId('pane-step-text');
    await expect(text).toBeVisible();
    const { lines, px } = await text.evaluate((el) => {
      const s = getComputedStyle(el);
      return { lines: Math.round(el.clientHeight / Number.parseFloat(s.lineHeight)), px: Number.parseFloat(s.fontSize) };
    });
    expect(lines, `${side}: two lines of text`).toBe(2);
    expect(px, `${side}: in large type`).toBeGreaterThanOrEqual(16);
    // The pane's story stays inside the pane, the page unscrolled.
    const [p, story] = [(await pane(page, side).boundingBox())!, (await pane(page, side).locator('.compare-story').boundingBox())!];
    expect(story.y + story.height, side).toBeLessThanOrEqual(p.y + p.height + 1);
  }
  await expect.poll(() => page.evaluate(() => [window.scrollY, document.documentElement.scrollHeight <= window.innerHeight + 1])).toEqual([0, true]);
  await oneQuestion(page, '1600x1000');
  await saveShot(page, 'comparepresenterlines-1600.png');
  await page.setViewportSize({ width: 1024, height: 768 });
  await expect(view).toHaveAttribute('data-presenter', 'on');
  for (const side of ['A', 'B'] as const) await expect(pane(page, side).getByTestId('pane-step-text')).toBeHidden();
  await oneQuestion(page, '1024x768');
  await saveShot(page, 'comparepresenterlines-1024.png');
  await page.setViewportSize({ width: 1280, height: 720 });
  await oneQuestion(page, '1280x720');
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight + 1)).toBe(true);
  await saveShot(page, 'comparepresenterlines-1280.png');

  // The normal view at 1280x720: the panes fill the window between the header and the timeline.
  await page.keyboard.press('Escape');
  await expect(view).toHaveAttribute('data-presenter', 'off');
  await expect(view).toHaveClass(/compare-fit/);
  await expect(page.getByTestId('timeline')).toBeInViewport();
  for (const side of ['A', 'B'] as const) {
    const stage = (await pane(page, side).locator('.topology-stage').boundingBox())!;
    expect(stage.width, `${side}'s picture width`).toBeGreaterThanOrEqual(600);
    expect(stage.height, `${side}'s picture height (185 px before)`).toBeGreaterThanOrEqual(380);
    await expect.poll(async () => (await leastText(page, side)).names, `${side}'s names (8.2 px before)`).toBeGreaterThanOrEqual(11);
    expect((await leastText(page, side)).rates, `${side}'s rate labels (7.5 px before)`).toBeGreaterThanOrEqual(10);
    await expect(pane(page, side).getByTestId('pane-story')).toBeInViewport({ ratio: 1 });
  }
  // Out of presenter mode too both panes show the figure their stories share (session 54, C1: B's own step 5 read
  // proxy CPU beside A's failed share), B's over the same window.
  await expect(pane(page, 'B').getByTestId('pane-figure')).toContainText('user requests failing while the replica hangs');
  await saveShot(page, 'comparepresenterlines-normal-1280.png');

  // Shares compared in points: the stories' window and the whole run's failed share.
  const points = (a: number, b: number) => `${b > a ? '+' : '-'}${Math.abs((b - a) * 100).toFixed(1)} pts`;
  const windowRow = page.getByTestId('story-windows').locator('tbody tr').first();
  await expect(windowRow.locator('th')).toContainText('user requests failing while the replica hangs');
  const [wa, wb] = await Promise.all(['A', 'B'].map(async (x) => Number(await windowRow.locator(`td[data-side="${x}"]`).getAttribute('data-value'))));
  expect(wa).toBeGreaterThan(0.3);
  await expect(windowRow.locator('td[data-side="ratio"]')).toHaveText(points(wa, wb));
  const failed = page.getByTestId('metrics-diff').locator('tr[data-key="failed"]');
  const [fa, fb] = await Promise.all(['A', 'B'].map(async (x) => Number(await failed.locator(`td[data-side="${x}"]`).getAttribute('data-value'))));
  await expect(failed.locator('td[data-side="ratio"]')).toHaveText(points(fa, fb));
  // A rate keeps its ratio.
  await expect(page.getByTestId('metrics-diff').locator('tr[data-key="rps"] td[data-side="ratio"]')).toHaveText(/^\d\.\d\dx$/);
  await page.getByTestId('story-windows').scrollIntoViewIfNeeded();
  await saveShot(page, 'comparepresenterlines-tables-1280.png');
  for (const [w, h] of [
    [1600, 1000],
    [1024, 768],
  ] as const) {
    await page.setViewportSize({ width: w, height: h });
    await page.evaluate(() => window.scrollTo(0, 0));
    await expect(pane(page, 'B').getByTestId('pane-figure')).toContainText('user requests failing while the replica hangs');
    await saveShot(page, `comparepresenterlines-normal-${w}.png`);
  }
});
