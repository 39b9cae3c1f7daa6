// A fault handle stacked over a step circle keeps air between them (session 40, U18): retry-storm's
// fault at step 2's 10 s was raised a row above the circle, its 16 px in a 20 px row, and sat edge
// to edge on it. Raised handles now stand 4 px higher, their top a raised circle's.
import { expect, type Page } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { settled } from './fixtures/settle';
import { saveShot, shotPath } from './fixtures/shots';

// The moment opened once, at 1600x1000, and read at both sizes in the window resized (before, each
// size opened it and sought retry-storm to 20 s again).
test(`retry-storm at 20 s: the fault handle raised over step 2's circle keeps 3 px of air, inside the timeline (1600x1000 and 1024x768)`, async ({ page }) => {
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto('/?scenario=retry-storm&t=20s');
  await expect(page.getByTestId('timeline-seeking')).toHaveCount(0, { timeout: 60_000 });
  await expect(page.getByTestId('run-status')).toHaveText(/paused|ready|finished/, { timeout: 60_000 });
  for (const [width, height] of [
    [1600, 1000],
    [1024, 768],
  ] as const) {
    await page.setViewportSize({ width, height });
    await settled(page);
    const handle = page.locator('.timeline-track [data-testid="timeline-fault"][data-row="1"]');
    await expect(handle).toHaveCount(1);
    const gap = await page.evaluate(() => {
      const h = document.querySelector('.timeline-track [data-testid="timeline-fault"][data-row="1"]')!.getBoundingClientRect();
      const timeline = document.querySelector('.timeline')!.getBoundingClientRect();
      // The circle under it: the step whose box it stands over.
      const under = Array.from(document.querySelectorAll('.timeline-track .timeline-step'))
        .map((el) => el.getBoundingClientRect())
        .find((r) => r.left < h.right && h.left < r.right);
      return { air: under ? under.top - h.bottom : null, inside: h.top >= timeline.top - 0.5 };
    });
    expect(gap.air, `a step circle under the raised handle at ${width}x${height}`).not.toBeNull();
    expect(gap.air!).toBeGreaterThanOrEqual(3);
    expect(gap.inside, 'the handle inside the timeline').toBe(true);
    await page.locator('.timeline').screenshot({ path: shotPath(`timelinehandleair-${width}x${height}.png`) });
    await saveShot(page, `timelinehandleair-page-${width}x${height}.png`);
  }
});

// Step circles side by side (session 45, N15's trial, finding 10): in presenter mode at 1024x768,
// retry-storm's steps 2 and 3 (10 s and 12 s) stood 6 px apart with the played track running
// between them, and read as touching. The spec above read a handle over a circle, never two circles
// side by side. Where a circle stands is its step's time and the track's width alone (Timeline.tsx,
// spreadMarkers): test/ui/timelineStepAir.test.ts checks every story at the narrowest track (480 px),
// and this test reads the page at N15's moment: the two circles' boxes 8 px apart, each cutting 2 px
// of surface into the track either side (styles.css), and the presenter track at 1024x768 no
// narrower than that test's 480 px.
/** Each row's circles left to right: the air between neighbours' boxes, px, and each circle's box-shadow. */
async function circleAir(page: Page) {
  return page.evaluate(() => {
    const els = Array.from(document.querySelectorAll<HTMLElement>('.timeline-track .timeline-step'));
    const byRow = new Map<string, { n: string; r: DOMRect }[]>();
    for (const el of els) byRow.set(el.dataset.row ?? '0', [...(byRow.get(el.dataset.row ?? '0') ?? []), { n: el.textContent!, r: el.getBoundingClientRect() }]);
    const gaps: { between: string; air: number }[] = [];
    for (const row of byRow.values()) {
      row.sort((a, b) => a.r.left - b.r.left);
      for (let i = 1; i < row.length; i++) gaps.push({ between: `${row[i - 1].n}-${row[i].n}`, air: row[i].r.left - row[i - 1].r.right });
    }
    return { count: els.length, gaps, shadows: els.map((e) => getComputedStyle(e).boxShadow) };
  });
}

test(`retry-storm at 13 s in presenter mode at 1024x768: steps 2 and 3 (10 s and 12 s), the current one filled, keep 8 px between them with the track cut either side`, async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.goto('/?scenario=retry-storm&t=13s');
  await expect(page.getByTestId('timeline-seeking')).toHaveCount(0, { timeout: 60_000 });
  await expect(page.getByTestId('run-status')).toHaveText(/paused|ready|finished/, { timeout: 60_000 });
  await page.keyboard.press('f');
  await expect(page.getByTestId('app')).toHaveClass(/presenter/);
  await settled(page);
  await expect(page.locator('.timeline-track .timeline-step.current')).toHaveText('3');
  const seen = await circleAir(page);
  const pair = seen.gaps.find((g) => g.between === '2-3');
  expect(pair, 'steps 2 and 3 on one row').toBeDefined();
  expect(pair!.air).toBeGreaterThanOrEqual(7.5);
  for (const shadow of seen.shadows) expect(shadow, "a circle's surface either side").toMatch(/-2px 0px 0px 0px.*, .* 2px 0px 0px 0px/);
  const track = await page.locator('.timeline-track').evaluate((el) => el.getBoundingClientRect().width);
  expect(track, "the presenter track at 1024x768, px (timelineStepAir.test's narrowest)").toBeGreaterThanOrEqual(480);
  await page.locator('.timeline').screenshot({ path: shotPath('timelinehandleair-steps23-presenter-1024x768.png') });
  await saveShot(page, 'timelinehandleair-steps23-presenter-page-1024x768.png');
});
