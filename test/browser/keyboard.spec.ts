// Keyboard only (issue 12.4): a presenter with a clicker and no mouse. In the single view and in
// the compare view: Space plays and pauses, n / p and → / ← go through the story's steps,
// Shift+→ a second on, f presenter mode, and b branches from the single view to the compare view.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures/sharedPage';
import { saveShot } from './fixtures/shots';

const pane = (page: Page, side: 'A' | 'B') => page.locator(`[data-testid="compare-pane"][data-side="${side}"]`);
/** Screen size of each text a pane's nodes show: font size × the SVG's scale there, or the canvas view's labels (as presenter.spec measures). */
async function nodeTextPx(page: Page, side: 'A' | 'B'): Promise<{ text: string; px: number }[]> {
  const p = pane(page, side);
  if ((await p.locator('.topology-stage').getAttribute('data-view')) === 'canvas') {
    return p.getByTestId('topology-canvas').evaluate((c) => {
      const drawn = (c as unknown as { meshsimDrawn?: { marks: { kind: string; text?: string; px?: number }[] } }).meshsimDrawn;
      return (drawn?.marks ?? []).filter((m) => m.kind === 'label').map((m) => ({ text: m.text ?? '', px: m.px ?? 0 }));
    });
  }
  return p.locator('svg[data-testid="topology"]').evaluate((svg) => {
    const out: { text: string; px: number }[] = [];
    for (const el of Array.from(svg.querySelectorAll<SVGTextElement>('[data-node] text'))) {
      const text = (el.textContent ?? '').trim();
      const style = getComputedStyle(el);
      if (!text || style.display === 'none' || style.visibility === 'hidden' || el.getBBox().width === 0) continue;
      const m = el.getScreenCTM();
      if (m) out.push({ text, px: parseFloat(style.fontSize) * Math.hypot(m.a, m.b) });
    }
    return out;
  });
}
const paneTime = async (page: Page, side: 'A' | 'B') => (await pane(page, side).getByTestId('pane-time').getAttribute('data-value'))!;

const SIZES = [
  [1024, 768],
  [1600, 1000],
] as const;

// The keys' flow runs once, at 1024x768; presenter mode's arrangement and text, which the window
// decides, are checked and looked at in both sizes by resizing the page (a copy of the flow for
// each size took 35 s in CI, the runs and keys being the same).
{
  test(`keys alone run the single view, branch, and run the compare view with presenter mode (${SIZES.map(([w, h]) => `${w}x${h}`).join(' and ')})`, async ({ page }) => {
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.goto('/?scenario=config-rollout');
    await expect(page.getByTestId('run-status')).toHaveText(/paused|ready/);
    const clock = page.getByTestId('sim-time');
    // config-rollout's story: 0 s, 20 s, 22 s, 31 s.
    await page.keyboard.press('n');
    await expect(clock).toHaveText('20.0 s');
    await page.keyboard.press('ArrowRight');
    await expect(clock).toHaveText('22.0 s');
    await page.keyboard.press('p');
    await expect(clock).toHaveText('20.0 s');
    await page.keyboard.press('Shift+ArrowRight');
    await expect(clock).toHaveText('21.0 s');
    // Back goes to the step before the current one (20 s), as a clicker's back does: to 0 s.
    await page.keyboard.press('ArrowLeft');
    await expect(clock).toHaveText('0.000 s');
    await page.keyboard.press('n');
    await expect(clock).toHaveText('20.0 s');
    await page.keyboard.press('Space');
    await expect(page.getByTestId('run-status')).toHaveText('running');
    await page.keyboard.press('Space');
    await expect(page.getByTestId('run-status')).toHaveText(/paused/);
    await page.keyboard.press('f');
    await expect(page.getByTestId('app')).toHaveClass(/presenter/);
    await page.keyboard.press('f');
    await expect(page.getByTestId('app')).not.toHaveClass(/presenter/);
    await page.keyboard.press('n');
    await expect(clock).toHaveText('22.0 s');
    // b: the compare view, this run on the left and on the right with the form's change at 22 s.
    await page.keyboard.press('b');
    await expect(page.getByTestId('compare-pane')).toHaveCount(2);
    await expect(page.getByTestId('run-status')).toHaveText(/paused|ready/);
    await expect.poll(() => paneTime(page, 'A')).toBe('22000');
    await expect(pane(page, 'B').getByTestId('compare-pane-title')).toContainText('B · with retries.attempts 2 on payments at 22.0 s');
    // The same keys in the compare view, on both runs.
    await page.keyboard.press('n');
    await expect.poll(() => paneTime(page, 'A')).toBe('31000');
    await expect.poll(() => paneTime(page, 'B')).toBe('31000');
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => paneTime(page, 'A')).toBe('22000');
    await page.keyboard.press('p');
    await expect.poll(() => paneTime(page, 'B')).toBe('20000');
    await page.keyboard.press('Shift+ArrowRight');
    await expect.poll(() => paneTime(page, 'A')).toBe('21000');
    await page.keyboard.press('Space');
    await expect(page.getByTestId('run-status')).toHaveText('playing');
    // As a person would (and as recipe.spec's keyboard test does), pause once the run has visibly
    // moved on: under load the first tick can take a while, and Space at once after 'playing'
    // could stop the pair where it stood, at 21000 ms.
    await expect.poll(async () => Number(await paneTime(page, 'A'))).toBeGreaterThan(21000);
    await page.keyboard.press('Space');
    await expect(page.getByTestId('run-status')).toHaveText(/paused/);
    // Paused, both runs stand at one time, later than where play began.
    await expect.poll(async () => (await paneTime(page, 'A')) === (await paneTime(page, 'B'))).toBe(true);
    expect(Number(await paneTime(page, 'A'))).toBeGreaterThan(21000);
    // f: presenter mode in both panes, arranged as gives the larger text (presenterArrange.ts):
    // config-rollout's panes sit side by side at both sizes since each pane tells its own story
    // (session 41: under the picture side by side, beside it stacked; they stacked at 1600x1000
    // before), and the text grows; the window resized, the arrangement is judged again.
    await page.keyboard.press('f');
    await expect(page.getByTestId('compare-view')).toHaveAttribute('data-presenter', 'on');
    for (const [w, h] of SIZES) {
      await page.setViewportSize({ width: w, height: h });
      await expect(page.getByTestId('compare-view')).toHaveAttribute('data-arrange', 'side');
      await expect(page.getByTestId('timeline-seeking')).toHaveCount(0);
      const boxes = async () => {
        const [a, b] = [(await pane(page, 'A').boundingBox())!, (await pane(page, 'B').boundingBox())!];
        return { aligned: Math.abs(a.y - b.y) < 2, apart: a.x + a.width <= b.x };
      };
      await expect.poll(boxes, { message: `panes side by side at ${w}x${h}` }).toEqual({ aligned: true, apart: true });
      // Every text the panes' nodes keep is 14 px or more on screen, as in the single view's presenter mode.
      for (const side of ['A', 'B'] as const) {
        const texts = await nodeTextPx(page, side);
        expect(texts.length).toBeGreaterThan(3);
        const smallest = texts.reduce((x, t) => (t.px < x.px ? t : x));
        expect(smallest.px, `${side} at ${w}x${h}: smallest text "${smallest.text}"`).toBeGreaterThanOrEqual(14);
      }
      if (w === 1024) await saveShot(page, `keyboard-compare-presenter-${w}.png`);
    }
    await test.step('made 1024x768 again and 1600x1000 again, the panes stay side by side, as opening at either size puts them', async () => {
      // (Until session 41 they stacked at 1600x1000, and once stayed stacked at 1024x768: the room
      // was judged by the chrome of the panes drawn, stacked ones having their counters on the
      // title's row.)
      await page.setViewportSize({ width: 1024, height: 768 });
      await expect(page.getByTestId('compare-view')).toHaveAttribute('data-arrange', 'side');
      await page.setViewportSize({ width: 1600, height: 1000 });
      await expect(page.getByTestId('compare-view')).toHaveAttribute('data-arrange', 'side');
    });
    // At 1600x1000 now: the end of the runs, in presenter mode and out of it, then out of it at 1024x768.
    await page.keyboard.press('End');
    await expect(page.getByTestId('timeline-seeking')).toHaveCount(0);
    await expect.poll(() => paneTime(page, 'A')).toBe('60000');
    await saveShot(page, 'keyboard-compare-presenter-1600.png');
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('compare-view')).toHaveAttribute('data-presenter', 'off');
    await saveShot(page, 'keyboard-compare-1600.png');
    await page.setViewportSize({ width: 1024, height: 768 });
    await expect(page.getByTestId('timeline-seeking')).toHaveCount(0);
    await saveShot(page, 'keyboard-compare-1024.png');
  });
}
