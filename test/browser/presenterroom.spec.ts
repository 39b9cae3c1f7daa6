// Presenter mode as a room reads it (N4-report 2): at a projector's 1024x768 the story column is
// as wide as each picture leaves room for (it was 200 px for all: 2-4 words a line, about 18
// characters; narrative/storyColumn.ts), every picture still whole at 14 px names,
// and a question's answer, revealed by next ›, comes into the column's view by itself (at
// 1600x1000 retry-storm's "The answer is 27" and why lay below it, scrolled to by hand), under
// the step's head; later steps open at their own head (N6's trial, F1).
import { expect, type Page } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { settled } from './fixtures/settle';
import { saveShot } from './fixtures/shots';

/** The story column's box and, for `testId`'s first element, how much of it lies inside the column's view (0-1). */
async function inColumn(page: Page, testId: string) {
  return page.getByTestId(testId).first().evaluate((el) => {
    const column = el.closest<HTMLElement>('.panel')!;
    const c = column.getBoundingClientRect();
    const top = c.top + column.clientTop;
    const bottom = top + column.clientHeight;
    const r = el.getBoundingClientRect();
    const seen = Math.max(0, Math.min(r.bottom, bottom) - Math.max(r.top, top));
    return r.height > 0 ? seen / r.height : 0;
  });
}

/** Words and characters a line of the step's text, on average, and the story column's and stage's widths, px. */
async function storyLines(page: Page) {
  return page.getByTestId('narrative-text').evaluate((p) => {
    const range = document.createRange();
    range.selectNodeContents(p);
    const tops = new Set(Array.from(range.getClientRects()).map((r) => Math.round(r.top)));
    const text = (p.textContent ?? '').trim();
    const words = text.split(/\s+/).length;
    return { words, lines: tops.size, perLine: words / tops.size, charsPerLine: text.length / tops.size, column: p.closest<HTMLElement>('.panel')!.getBoundingClientRect().width, stage: document.querySelector('.topology-stage')!.getBoundingClientRect().width };
  });
}

/** Node names drawn in the SVG picture smaller than 14 px on screen, and names cut at the stage's edge. */
async function pictureProblems(page: Page) {
  return page.evaluate(() => {
    const stage = document.querySelector('.topology-stage')!.getBoundingClientRect();
    const problems: string[] = [];
    for (const t of Array.from(document.querySelectorAll<SVGTextElement>('[data-testid="topology"] .topo-node text'))) {
      const r = t.getBoundingClientRect();
      if (r.width === 0 || getComputedStyle(t).display === 'none') continue;
      const px = parseFloat(getComputedStyle(t).fontSize) * (t.getScreenCTM()?.a ?? 1);
      if (px < 13.9) problems.push(`${t.textContent} at ${px.toFixed(1)} px`);
      if (r.left < stage.left - 1 || r.right > stage.right + 1) problems.push(`${t.textContent} cut at the stage's edge`);
    }
    return problems;
  });
}

/**
 * The story column's width each scenario took at 1024x768, px (200 for all before session 36):
 * two-meshes-via-gateway's seven nodes in a row keep 14.7 px names beside 200 px and fold beside
 * 240; the load test is group tiles beside any, which keep the stage's room (200). partial-adoption's boxes
 * carry their teams' namespaces since session 54 ("ns shop", "ns data" at the name's size, N2): its wider picture
 * leaves 200 (280 before). To win the 80 px back, presenter mode would hide the tag and give it no room; layoutAt's
 * `presenter` option is also set for the folded 1024 drawing, so that needs a flag of its own (left for a session).
 */
const EXPECTED_WIDTHS: Record<string, number> = {
  'control-plane-boundary': 340,
  'gateway-and-mesh': 360,
  'istio-load-test': 200,
  'partial-adoption': 200,
  'retry-storm': 400,
  'third-party-service': 280,
  'two-meshes-via-gateway': 200,
};

test.describe('presenter mode for a room', () => {
  test("at 1024x768 retry-storm's story column holds about 40 characters a line (18 in the old 200 px), 380 px wide or more", async ({ page }) => {
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.goto('/?scenario=retry-storm');
    await expect(page.getByTestId('narrative-step')).toBeVisible({ timeout: 30_000 });
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('f');
    await expect(page.locator('.app.presenter')).toHaveCount(1);
    for (const step of [1, 2, 3]) {
      if (step > 1) {
        await page.keyboard.press('n');
        await expect(page.getByTestId('narrative-step')).toHaveText(`step ${step} of 4`, { timeout: 30_000 });
      }
      await settled(page);
      const s = await storyLines(page);
      expect(s.column, `column ${s.column} px beside a ${s.stage} px stage`).toBeGreaterThanOrEqual(380);
      expect(s.charsPerLine, `step ${step}: ${s.words} words on ${s.lines} lines`).toBeGreaterThanOrEqual(34);
      expect(s.perLine, `step ${step}: ${s.words} words on ${s.lines} lines`).toBeGreaterThanOrEqual(5);
      expect(await pictureProblems(page), `step ${step}`).toEqual([]);
      await expect(page.getByTestId('presenter-fold')).toHaveCount(0);
      await saveShot(page, `presenterroom-step${step}-1024x768.png`);
    }
  });

  // Each scenario's own width: a picture that needs the stage keeps it (two-meshes-via-gateway's
  // seven nodes in a row), the rest give the story room; no picture folds or shrinks below 14 px
  // names for it. The figures are the widths storyColumnWidth chose at 1024x768 (session 36).
  test('at 1024x768 each scenario gets the widest story column its picture leaves room for, the picture whole at 14 px names', async ({ page }) => {
    test.setTimeout(180_000);
    await page.setViewportSize({ width: 1024, height: 768 });
    const widths: Record<string, number> = {};
    for (const name of ['retry-storm', 'two-meshes-via-gateway', 'third-party-service', 'gateway-and-mesh', 'control-plane-boundary', 'partial-adoption', 'istio-load-test']) {
      await page.goto(`/?scenario=${name}`);
      await expect(page.getByTestId('narrative-step')).toBeVisible({ timeout: 30_000 });
      if ((await page.locator('.app.presenter').count()) === 0) {
        await page.locator('body').click({ position: { x: 5, y: 5 } });
        await page.keyboard.press('f');
      }
      await expect(page.locator('.app.presenter')).toHaveCount(1);
      await settled(page);
      const s = await storyLines(page);
      widths[name] = Math.round(s.column);
      await saveShot(page, `presenterroom-column-${name}-1024x768.png`);
      expect(await pictureProblems(page), `${name} beside a ${s.column} px column`).toEqual([]);
      // The scaled-down load test's 21 nodes are group tiles beside any column (as beside 200 px).
      if (name === 'istio-load-test') await expect(page.getByTestId('presenter-fold')).toContainText('group tiles for 14 px text');
      else await expect(page.getByTestId('presenter-fold'), `${name} beside a ${s.column} px column`).toHaveCount(0);
    }
    expect(widths).toEqual(EXPECTED_WIDTHS);
  });

  for (const [w, h] of [[1600, 1000], [1024, 768]] as const) {
    test(`at ${w}x${h} a question answered (key 3) then next ›: the answer and why come into the column's view`, async ({ page }) => {
      await page.setViewportSize({ width: w, height: h });
      await page.goto('/?scenario=retry-storm');
      await expect(page.getByTestId('narrative-step')).toBeVisible({ timeout: 30_000 });
      await page.locator('body').click({ position: { x: 5, y: 5 } });
      await page.keyboard.press('f');
      await expect(page.locator('[data-testid="question"][data-state="ahead"]')).toBeVisible();
      await page.keyboard.press('3');
      await expect(page.locator('[data-testid="question"][data-state="ahead"] [data-testid="question-choice"]').nth(2)).toHaveAttribute('aria-checked', 'true');
      await settled(page);
      await saveShot(page, `presenterroom-picked-${w}x${h}.png`);
      // Step 2 runs and answers it: the verdict comes into view under the step's head and text.
      await page.keyboard.press('n');
      await expect(page.getByTestId('narrative-step')).toHaveText('step 2 of 4', { timeout: 30_000 });
      await expect(page.getByTestId('question-verdict')).toContainText('27');
      await settled(page);
      // Whole, by itself: no scrolling by hand.
      await expect.poll(() => inColumn(page, 'question-verdict'), { timeout: 5_000, message: 'step 2' }).toBe(1);
      expect(await inColumn(page, 'narrative-step'), 'step 2: its head').toBe(1);
      await saveShot(page, `presenterroom-revealed-step2-${w}x${h}.png`);
      // Step 3 still shows the answer under its own text, but opens at its own head: brought in
      // last, the old verdict left every later step's head above the view (N6's trial, F1).
      await page.keyboard.press('n');
      await expect(page.getByTestId('narrative-step')).toHaveText('step 3 of 4', { timeout: 30_000 });
      await settled(page);
      await expect.poll(() => inColumn(page, 'narrative-step'), { timeout: 5_000, message: 'step 3: its head' }).toBe(1);
      expect(await inColumn(page, 'narrative-title'), 'step 3: its title').toBe(1);
      await saveShot(page, `presenterroom-revealed-step3-${w}x${h}.png`);
    });
  }
});
