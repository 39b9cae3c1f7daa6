// Timeline markers stay clickable where they meet: two faults at a narrative step's time are
// stacked on rows above and below the track (the row below under the fault lanes), and a click on
// each seeks to its time. That every
// marker of every scenario with faults lies on top and apart, at 1600x1000 and 1024x768, is
// checked in all-scenarios.spec.ts.
import { expect, test } from './fixtures/sharedPage';
import { untilStill } from './fixtures/settle';
import { saveShot } from './fixtures/shots';

test('control-plane-outage: the two faults at 10 s and step 2 at 10 s are three markers; each click seeks to its time', async ({ page }) => {
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto('/?scenario=control-plane-outage&t=50s');
  await expect(page.getByTestId('sim-time')).toHaveText('50.0 s');
  const handles = page.getByTestId('timeline-fault');
  await expect(handles).toHaveCount(3);
  const rows = await handles.evaluateAll((hs) => hs.map((h) => h.getAttribute('data-row')));
  const step2 = page.locator('.timeline-step').nth(1);
  // Step 2 stays on the track; the faults at its time go above and below it.
  expect(await step2.getAttribute('data-row')).toBe('0');
  expect(new Set(rows.slice(0, 2))).toEqual(new Set(['1', '2']));
  // The handle on the row below the track sits under the fault lanes, clear of every band (it lay
  // across the second and third lanes at its own time), inside the timeline, and on top at its
  // middle; bands of faults of different kinds differ in colour (the control plane's and the CA's
  // are one family, the kill another).
  await expect(page.locator('.timeline')).toHaveAttribute('data-lanes', '3');
  const laid = await page.evaluate(() => {
    const box = (e: Element) => {
      const r = e.getBoundingClientRect();
      return { x: r.left, y: r.top, right: r.right, bottom: r.bottom };
    };
    const below = Array.from(document.querySelectorAll('[data-testid="timeline-fault"][data-row="2"]')).map(box);
    const bands = Array.from(document.querySelectorAll('.timeline-fault-lane')).map((b) => ({ ...box(b), type: b.getAttribute('data-fault-type')!, colour: getComputedStyle(b.querySelector('.timeline-fault-done')!).backgroundColor }));
    const mid = (b: ReturnType<typeof box>) => document.elementFromPoint((b.x + b.right) / 2, (b.y + b.bottom) / 2);
    return { below, bands, timeline: box(document.querySelector('.timeline')!), onTop: below.map((b) => mid(b)?.getAttribute('data-testid') === 'timeline-fault') };
  });
  expect(laid.below.length).toBe(1);
  const lowest = Math.max(...laid.bands.map((b) => b.bottom));
  for (const h of laid.below) {
    expect(h.y, 'the row below starts under the lanes').toBeGreaterThanOrEqual(lowest + 1);
    // With air to the counters under it (6 faults at one time stacked a handle onto their edge).
    expect(h.bottom).toBeLessThanOrEqual(laid.timeline.bottom - 3);
  }
  expect(laid.onTop).toEqual([true]);
  const colour = Object.fromEntries(laid.bands.map((b) => [b.type, b.colour]));
  expect(colour['control-plane-outage']).toBe(colour['ca-outage']);
  expect(colour['kill-replica']).not.toBe(colour['ca-outage']);
  console.log(`timeline-stacked: lanes end ${(lowest - laid.timeline.y).toFixed(0)} px into the ${(laid.timeline.bottom - laid.timeline.y).toFixed(0)} px timeline, the row below from ${(laid.below[0].y - laid.timeline.y).toFixed(0)} px; colours ${JSON.stringify(colour)}`);
  await saveShot(page, 'timeline-stacked.png');
  await test.step("at 1600x1000 and 1024x768 the step circles and the fault lanes read both: no circle covers a lane (step 2's circle hid the first ~5 px of the control plane's lane, which starts at its 10 s), each lane's first pixel is its own, each circle's number on top", async () => {
    for (const [w, h] of [[1600, 1000], [1024, 768]] as const) {
      await page.setViewportSize({ width: w, height: h });
      await expect(page.getByTestId('sim-time')).toHaveText('50.0 s');
      const seen = await untilStill(page, () =>
        page.evaluate(() => {
          const box = (e: Element) => e.getBoundingClientRect();
          const lanes = Array.from(document.querySelectorAll('.timeline-fault-lane')).map((l) => ({ type: l.getAttribute('data-fault-type')!, r: box(l).toJSON() as DOMRect }));
          const steps = Array.from(document.querySelectorAll('.timeline-step')).map((s) => ({ n: s.textContent!, r: box(s).toJSON() as DOMRect }));
          const covered: string[] = [];
          for (const s of steps) {
            for (const l of lanes) {
              const dx = Math.min(s.r.right, l.r.right) - Math.max(s.r.left, l.r.left);
              const dy = Math.min(s.r.bottom, l.r.bottom) - Math.max(s.r.top, l.r.top);
              if (dx > 0 && dy > 0) covered.push(`step ${s.n} over ${l.type}'s lane by ${dy.toFixed(1)} px`);
            }
          }
          const starts = lanes.map((l) => document.elementFromPoint(l.r.left + 1, (l.r.top + l.r.bottom) / 2)?.closest('.timeline-fault-lane')?.getAttribute('data-fault-type') ?? 'something else');
          const numbers = steps.map((s) => document.elementFromPoint((s.r.left + s.r.right) / 2, (s.r.top + s.r.bottom) / 2)?.textContent ?? '');
          const gaps = steps.map((s) => Math.min(...lanes.filter((l) => l.r.right > s.r.left && l.r.left < s.r.right).map((l) => l.r.top - s.r.bottom)));
          return { covered, starts, types: lanes.map((l) => l.type), numbers, names: steps.map((s) => s.n), gaps };
        }),
      'the timeline at its new size');
      expect(seen.covered).toEqual([]);
      expect(seen.starts).toEqual(seen.types);
      expect(seen.numbers).toEqual(seen.names);
      console.log(`timeline-steps-lanes ${w}x${h}: air between a circle and the lane under it ${seen.gaps.filter(Number.isFinite).map((g) => g.toFixed(1)).join(', ')} px`);
      await saveShot(page, `timeline-steps-lanes-${w}x${h}.png`);
    }
    await page.setViewportSize({ width: 1600, height: 1000 });
  });
  for (const i of [0, 1]) {
    await page.getByTestId('timeline').click({ position: { x: 5, y: 4 } });
    await expect(page.getByTestId('sim-time')).not.toHaveText('10.0 s');
    await handles.nth(i).click();
    await expect(page.getByTestId('sim-time')).toHaveText('10.0 s');
  }
  await page.getByTestId('timeline').click({ position: { x: 5, y: 4 } });
  await expect(page.getByTestId('sim-time')).not.toHaveText('10.0 s');
  await step2.click();
  await expect(page.getByTestId('sim-time')).toHaveText('10.0 s');
  await expect(page.getByTestId('narrative-step')).toHaveText('step 2 of 6');
});
