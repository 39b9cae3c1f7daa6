// A laptop's 1366x768 and a projector's 1280x720 and 1024x768 (trial T4, 7; session 54, B1): the teacher's
// partial-adoption link at step 4 showed the drawer's tabs alone, a timeline whose fault handle sat on the tabs' line,
// and the story column's lesson figure cut mid-line at its foot ("searchers' requests failing (plaintext, no" in
// half); compare's verdict line ("shoppers: failed 22.1% vs 0.0%") was hidden at 1280x720 and in presenter mode and
// took three lines at 1024x768.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures/sharedPage';
import { saveShot } from './fixtures/shots';

const SIZES = [
  { width: 1366, height: 768 },
  { width: 1280, height: 720 },
  { width: 1024, height: 768 },
] as const;

type Box = { left: number; top: number; right: number; bottom: number };

/** The timeline's marks (steps, fault handles) and the timeline's own box, as drawn. */
async function timelineMarks(page: Page): Promise<{ timeline: Box; marks: (Box & { what: string })[] }> {
  return page.evaluate(() => {
    const box = (e: Element) => {
      const r = e.getBoundingClientRect();
      return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
    };
    const timeline = box(document.querySelector('.app > .timeline')!);
    const marks = Array.from(document.querySelectorAll('.app > .timeline .timeline-step, .app > .timeline [data-testid="timeline-fault"]')).map((e) => ({ what: e.classList.contains('timeline-step') ? `step ${e.textContent}` : 'fault', ...box(e) }));
    return { timeline, marks };
  });
}

/**
 * The story column's text lines that show in part: drawn partly inside the column's view, partly past its head or
 * foot or under a cover (ColumnCue). Each as its words and the edge that cuts it; empty when every line shows whole
 * or not at all. Lines are Range.getClientRects of each text run; covers are opaque.
 */
async function cutLines(page: Page, within: string): Promise<string[]> {
  return page.evaluate((within) => {
    const panel = document.querySelector<HTMLElement>('.app > aside.panel')!;
    const p = panel.getBoundingClientRect();
    let top = p.top;
    let bottom = p.top + panel.clientHeight;
    const head = document.querySelector('[data-testid="column-cue-head"]')?.getBoundingClientRect();
    const foot = document.querySelector('[data-testid="column-cue-foot"]')?.getBoundingClientRect();
    if (head) top = head.bottom;
    if (foot) bottom = foot.top;
    const out: string[] = [];
    const range = document.createRange();
    const walk = document.createTreeWalker(panel.querySelector(within) ?? panel, NodeFilter.SHOW_TEXT);
    for (let n = walk.nextNode(); n; n = walk.nextNode()) {
      if (!n.textContent?.trim()) continue;
      range.selectNodeContents(n);
      for (const r of Array.from(range.getClientRects())) {
        if (r.height === 0 || r.width === 0) continue;
        const shown = Math.min(r.bottom, bottom) - Math.max(r.top, top);
        if (shown > 0.5 && (r.top < top - 0.5 || r.bottom > bottom + 0.5)) out.push(`"${n.textContent.trim().slice(0, 40)}" cut at the column's ${r.top < top - 0.5 ? 'head' : 'foot'}`);
      }
    }
    return out;
  }, within);
}

test("the teacher's partial-adoption link at step 4 at 1366x768, 1280x720 and 1024x768: the timeline's marks inside it and apart, the drawer opens on rows, the story column shows whole lines and says there is more", async ({ page }) => {
  test.setTimeout(300_000);
  await page.setViewportSize(SIZES[0]);
  await page.goto('/?scenario=partial-adoption&t=26s&speed=0.1&cols=3');
  await expect(page.getByTestId('sim-time')).toHaveText('26.0 s', { timeout: 120_000 });
  await expect(page.getByTestId('lesson-figures')).toBeAttached();
  for (const size of SIZES) {
    const at = `${size.width}x${size.height}`;
    await page.setViewportSize(size);
    await page.locator('.app > aside.panel').evaluate((e) => e.scrollTo(0, 0));
    // The timeline: every mark inside its box, none over another.
    await expect(page.locator('.app > .timeline .timeline-step')).toHaveCount(5);
    const { timeline, marks } = await timelineMarks(page);
    for (const m of marks) {
      expect(m.top, `${m.what} inside the timeline's top at ${at}`).toBeGreaterThanOrEqual(timeline.top + 2);
      expect(m.bottom, `${m.what} inside the timeline's foot at ${at}`).toBeLessThanOrEqual(timeline.bottom);
      expect(m.left, `${m.what} inside the timeline at ${at}`).toBeGreaterThanOrEqual(timeline.left);
      expect(m.right, `${m.what} inside the timeline at ${at}`).toBeLessThanOrEqual(timeline.right);
    }
    const steps = marks.filter((m) => m.what.startsWith('step'));
    for (let i = 1; i < steps.length; i++) expect(steps[i].left, `${steps[i].what} clear of ${steps[i - 1].what} at ${at}`).toBeGreaterThanOrEqual(steps[i - 1].right);
    // The story column: no line shows in part, the lesson figures' least of all; "↓ more" where more lies below.
    await expect(page.getByTestId('column-cue-foot')).toBeVisible();
    expect(await cutLines(page, '[data-testid="lesson-figures"]'), `lesson figures whole at ${at}`).toEqual([]);
    expect(await cutLines(page, ':scope'), `the column's lines whole at ${at}`).toEqual([]);
    await saveShot(page, `laptoplayout-partial-step4-${size.width}.png`);
    // Scrolled part way, both edges show whole lines: a cover at the head where a line crosses it.
    let heads = 0;
    for (const y of [57, 101, 137, 173, 229, 301]) {
      await page.locator('.app > aside.panel').evaluate((e, y) => e.scrollTo(0, y), y);
      await expect.poll(() => cutLines(page, ':scope'), `the column's lines whole, scrolled to ${y} px, at ${at}`).toEqual([]);
      heads += await page.getByTestId('column-cue-head').count();
    }
    expect(heads, `a line crossed the column's head and was covered at ${at}`).toBeGreaterThan(0);
    await saveShot(page, `laptoplayout-partial-step4-scrolled-${size.width}.png`);
    // "↓ more" scrolls the column on.
    const before = await page.locator('.app > aside.panel').evaluate((e) => e.scrollTop);
    await page.getByTestId('column-cue-foot').getByRole('button').click();
    await expect.poll(() => page.locator('.app > aside.panel').evaluate((e) => e.scrollTop)).toBeGreaterThan(before + 40);
    // The drawer: a tab opens it on rows, inside the window; folded again after.
    await page.getByTestId('tab-events').click();
    await expect(page.getByTestId('event-row').first()).toBeAttached();
    const whole = () =>
      page.evaluate(() => {
        const drawer = document.querySelector('.drawer')!.getBoundingClientRect();
        return Array.from(document.querySelectorAll('[data-testid="event-row"]')).filter((e) => {
          const r = e.getBoundingClientRect();
          return r.height > 0 && r.top >= drawer.top && r.bottom <= Math.min(drawer.bottom, window.innerHeight);
        }).length;
      });
    await expect.poll(whole, `the Events tab shows 3 rows or more whole at ${at}`).toBeGreaterThanOrEqual(3);
    await expect(page.getByTestId('sim-time')).toBeInViewport({ ratio: 1 });
    await saveShot(page, `laptoplayout-partial-step4-events-${size.width}.png`);
    await page.getByTestId('tab-events').click();
    await expect(page.locator('.drawer-open')).toHaveCount(0);
  }
});

/** The verdict line's box and its number of lines. */
async function verdictLines(page: Page): Promise<{ top: number; bottom: number; right: number; lines: number; shown: string }> {
  return page.getByTestId('compare-verdict').evaluate((e) => {
    const r = e.getBoundingClientRect();
    const tops = new Set<number>();
    const range = document.createRange();
    const walk = document.createTreeWalker(e, NodeFilter.SHOW_TEXT);
    for (let n = walk.nextNode(); n; n = walk.nextNode()) {
      range.selectNodeContents(n);
      for (const x of Array.from(range.getClientRects())) if (x.width > 0) tops.add(Math.round(x.bottom / 4));
    }
    return { top: r.top, bottom: r.bottom, right: r.right, lines: tops.size, shown: (e as HTMLElement).innerText };
  });
}

test('compare gateway only vs gateway and mesh at 60 s: the verdict in the window, in two lines or fewer, at 1600x1000, 1366x768, 1280x720, 1024x768 and in presenter mode', async ({ page }) => {
  test.setTimeout(300_000);
  await page.setViewportSize(SIZES[0]);
  await page.goto('/?compare=gateway-only,gateway-and-mesh&t=60s');
  await expect(page.getByTestId('run-status')).toHaveText(/paused|finished/, { timeout: 150_000 });
  const verdict = page.getByTestId('compare-verdict');
  await expect(verdict).toContainText('shoppers: failed 22.1% vs 0.0% (-22.1 pts)', { timeout: 60_000 });
  for (const presenter of [false, true]) {
    if (presenter) {
      await page.keyboard.press('f');
      await expect(page.getByTestId('compare-view')).toHaveAttribute('data-presenter', 'on');
    }
    for (const size of [{ width: 1600, height: 1000 }, ...SIZES]) {
      const at = `${size.width}x${size.height}${presenter ? ', presenter' : ''}`;
      await page.setViewportSize(size);
      await page.evaluate(() => window.scrollTo(0, 0));
      await expect(verdict).toBeVisible();
      await saveShot(page, `laptoplayout-compare-${presenter ? 'presenter-' : ''}${size.width}.png`);
      const v = await verdictLines(page);
      expect(v.shown, `the answer shows at ${at}`).toContain('shoppers: failed 22.1% vs 0.0% (-22.1 pts)');
      expect(v.top, `the verdict inside the window at ${at}`).toBeGreaterThanOrEqual(0);
      expect(v.bottom, `the verdict inside the window at ${at}`).toBeLessThanOrEqual(size.height);
      expect(v.right, `the verdict inside the window at ${at}`).toBeLessThanOrEqual(size.width);
      expect(v.lines, `the verdict in two lines or fewer at ${at}`).toBeLessThanOrEqual(2);
      expect(await page.evaluate(() => document.documentElement.scrollWidth), `no sideways scroll at ${at}`).toBeLessThanOrEqual(size.width);
    }
  }
});
