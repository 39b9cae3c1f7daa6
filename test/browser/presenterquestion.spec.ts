// Presenter mode asks the room before it answers (trial N17, 2): at 1280x720 retry-storm's step 1 question lay below
// the story column and `n` went on to step 2, which answers it ("27"), before the room saw it. Now the first `n` brings
// the question (prompt and every choice) into view and stays on step 1; the next `n` moves on. The column's cue
// buttons carry the buttons' 3 px focus ring (it was the browser's 1 px). One page load; no real-time play.
import { expect, type Page } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { saveShot } from './fixtures/shots';

/**
 * Every text the back row reads in the counters, the timeline's label and the questions' labels: its words, font
 * size (px) and box, from the text nodes themselves (each line's rect), those shown only. The trace hash (for a
 * CLI check, not the room) and the proxies' two-line why (held to the number's line) are left out.
 */
const roomTexts = (page: Page) =>
  page.evaluate(() => {
    const out: { text: string; px: number; x: number; y: number; w: number; h: number; kicker: boolean }[] = [];
    for (const root of Array.from(document.querySelectorAll('.strip, .timeline-label, .question-kicker'))) {
      const walk = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let n = walk.nextNode(); n; n = walk.nextNode()) {
        const el = n.parentElement!;
        if (!n.textContent?.trim() || el.closest('.trace, .figure-why-slot .figure-why, [aria-hidden="true"]') || getComputedStyle(el).visibility !== 'visible') continue;
        const range = document.createRange();
        range.selectNodeContents(n);
        for (const r of Array.from(range.getClientRects())) if (r.width > 0.5) out.push({ text: n.textContent.trim(), px: parseFloat(getComputedStyle(el).fontSize), x: r.x, y: r.y, w: r.width, h: r.height, kicker: !!el.closest('.question-kicker') });
      }
    }
    return out;
  });

/**
 * The back row's texts at this size: the answered question's label 16 px or more, the counters' and
 * the timeline's 11 px or more (they keep the normal view's type: a 16 px strip took the pictures'
 * stage, styles.css), none over another, each inside the window.
 */
async function expectRoomReadable(page: Page, size: string): Promise<void> {
  const texts = await roomTexts(page);
  expect(texts.length, size).toBeGreaterThan(15);
  const { width, height } = page.viewportSize()!;
  const least = (t: { kicker: boolean }) => (t.kicker ? 16 : 11);
  const small = texts.filter((t) => t.px < least(t)).map((t) => `"${t.text}" ${t.px} px`);
  expect(small, `${size}: texts under their least size`).toEqual([]);
  for (const t of texts) {
    expect(t.x, `"${t.text}" at ${size}`).toBeGreaterThanOrEqual(-0.5);
    expect(t.x + t.w, `"${t.text}" at ${size}`).toBeLessThanOrEqual(width + 0.5);
    expect(t.y + t.h, `"${t.text}" at ${size}`).toBeLessThanOrEqual(height + 0.5);
  }
  const over: string[] = [];
  for (let i = 0; i < texts.length; i++)
    for (let j = i + 1; j < texts.length; j++) {
      const [a, b] = [texts[i], texts[j]];
      const dx = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
      const dy = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
      if (dx > 0.5 && dy > 0.5) over.push(`"${a.text}" and "${b.text}"`);
    }
  expect(over, `${size}: texts over each other`).toEqual([]);
}

/** How far below the story column's foot the ahead question's last choice ends, px (0 or less: in view). */
const choicesBelow = (page: Page) =>
  page.evaluate(() => {
    const q = document.querySelector<HTMLElement>('[data-testid="question"][data-state="ahead"]');
    const column = q?.closest<HTMLElement>('.panel');
    const choices = q?.querySelector<HTMLElement>('.question-choices');
    if (!q || !column || !choices) return null;
    return choices.getBoundingClientRect().bottom - (column.getBoundingClientRect().top + column.clientTop + column.clientHeight);
  });

for (const [w, h] of [
  [1280, 720],
  [1024, 768],
] as const) {
  test(`retry-storm presented at ${w}x${h}: the first n shows step 1's question, the second goes to step 2's answer; the cue's focus ring is 3 px`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width: w, height: h });
    await page.goto('/?scenario=retry-storm');
    await expect(page.getByTestId('run-status')).toHaveText('ready', { timeout: 60_000 });
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('f');
    await expect(page.locator('.app.presenter')).toHaveCount(1);
    const step = page.getByTestId('narrative-step');
    await expect(step).toHaveText('step 1 of 4');
    await expect.poll(() => choicesBelow(page)).not.toBeNull();
    const before = (await choicesBelow(page))!;
    await saveShot(page, `presenterquestion-${w}x${h}-0.png`);
    // The trial's case: at 1280x720 the question starts below the column.
    if (w === 1280) expect(before).toBeGreaterThan(0.5);
    if (before > 0.5) {
      // A cue at the column's foot says there is more; focused from the keyboard it shows the buttons' ring.
      const cue = page.locator('.question-cue').first();
      await expect(cue).toBeVisible();
      await page.keyboard.press('Shift');
      await cue.focus();
      const ring = await cue.evaluate((b) => ({ width: parseFloat(getComputedStyle(b).outlineWidth), style: getComputedStyle(b).outlineStyle }));
      expect(ring.width).toBeGreaterThanOrEqual(2);
      expect(ring.style).toBe('solid');
      await page.locator('body').click({ position: { x: 5, y: 5 } });
      await page.keyboard.press('n');
      // Still step 1, no seek: the question in view, its every choice above the column's foot.
      await expect.poll(() => choicesBelow(page)).toBeLessThanOrEqual(0.5);
      await expect(step).toHaveText('step 1 of 4');
      await expect(page.getByTestId('question').filter({ hasText: 'How many attempts' }).first()).toBeInViewport();
      await saveShot(page, `presenterquestion-${w}x${h}-1-question.png`);
    }
    // Now n moves on, to the step that answers it.
    await page.keyboard.press('n');
    await expect(step).toHaveText('step 2 of 4', { timeout: 60_000 });
    await saveShot(page, `presenterquestion-${w}x${h}-2-answered.png`);
    // The answered question's label at 16 px or more (trial N17, 8: 11.5 px), the counters' shares, causes ('no failures' at 10 s) and
    // labels and the timeline's label at 11 px or more (their 16 px took the pictures' stage), none clipped or over another; at 1600x1000 too.
    await expect(page.getByTestId('question').first().locator('.question-kicker')).toContainText(/answered/i);
    await expect(page.getByTestId('failure-causes')).toBeVisible();
    await expectRoomReadable(page, `${w}x${h}`);
    if (w === 1280) {
      await page.setViewportSize({ width: 1600, height: 1000 });
      await expect.poll(() => page.evaluate(() => document.querySelector('.strip')!.getBoundingClientRect().width)).toBe(1600);
      await expectRoomReadable(page, '1600x1000');
      await saveShot(page, 'presenterquestion-1600x1000-2-answered.png');
    }
  });
}
