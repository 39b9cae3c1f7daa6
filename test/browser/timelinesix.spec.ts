// Six faults added from the form at one moment, as a workshop does: they share one handle with
// their count (handleGroups: they stacked six handles on rows above and below the track and the
// timeline was 166 px tall, eating a 1024x768 window's picture), and their bands lie on lanes
// under the track, one each. No two of the timeline's marks (handles, step circles, lanes, its
// label) overlap, every handle is inside the timeline, on top at its middle and clear of the
// counters and the picture, the timeline stays under 90 px, and the six rows of the fault list
// lie apart, at 1600x1000 and 1024x768.
import { expect, type Page } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { untilStill } from './fixtures/settle';
import { saveShot, shotPath } from './fixtures/shots';

/** The faults a person adds, in order: the form's type, its target, and fields typed. */
const SIX: { type: string; target?: string; fill?: Record<string, string> }[] = [
  { type: 'slow-replica', target: 'catalog' },
  { type: 'http-abort', target: 'cart' },
  { type: 'latency', target: 'frontend' },
  { type: 'packet-loss' },
  { type: 'kill-replica', target: 'catalog' },
  { type: 'ca-outage' },
];

/** Each pair of the timeline's marks that overlap by more than half a pixel both ways, and each handle out of place, in words. */
const overlaps = (page: Page) =>
  page.evaluate(() => {
    const box = (e: Element) => e.getBoundingClientRect();
    const marks = [
      ...Array.from(document.querySelectorAll('[data-testid="timeline-fault"]')).map((e, i) => ({ what: `handle ${i} (row ${e.getAttribute('data-row')})`, r: box(e), handle: true })),
      ...Array.from(document.querySelectorAll('.timeline-step')).map((e) => ({ what: `step ${e.textContent}`, r: box(e), handle: false })),
      ...Array.from(document.querySelectorAll('.timeline-fault-lane')).map((e, i) => ({ what: `lane ${i} (${e.getAttribute('data-fault-type')})`, r: box(e), handle: false })),
      ...Array.from(document.querySelectorAll('.timeline-label')).map((e) => ({ what: 'the label "timeline"', r: box(e), handle: false })),
    ];
    const out: string[] = [];
    for (let i = 0; i < marks.length; i++) {
      for (let j = i + 1; j < marks.length; j++) {
        const [a, b] = [marks[i].r, marks[j].r];
        const dx = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const dy = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (dx > 0.5 && dy > 0.5) out.push(`${marks[i].what} over ${marks[j].what} by ${dx.toFixed(1)}x${dy.toFixed(1)} px`);
      }
    }
    const timeline = box(document.querySelector('.timeline')!);
    const strip = box(document.querySelector('footer.strip')!);
    const stage = box(document.querySelector('.topology-stage')!);
    for (const m of marks.filter((x) => x.handle)) {
      if (m.r.top < timeline.top || m.r.bottom > timeline.bottom - 3) out.push(`${m.what} ${m.r.top.toFixed(0)}-${m.r.bottom.toFixed(0)} not inside the timeline ${timeline.top.toFixed(0)}-${timeline.bottom.toFixed(0)} with 3 px of air under it`);
      if (m.r.bottom > strip.top || m.r.top < stage.bottom) out.push(`${m.what} reaches the counters or the picture`);
      const hit = document.elementFromPoint((m.r.left + m.r.right) / 2, (m.r.top + m.r.bottom) / 2);
      if (hit?.closest('[data-testid="timeline-fault"]') === null || hit === null) out.push(`${m.what} covered at its middle by ${hit?.className}`);
    }
    const items = Array.from(document.querySelectorAll('[data-testid="fault-list"] [data-testid="fault-item"]')).map(box);
    items.forEach((a, i) => items.slice(i + 1).forEach((b, k) => {
      if (Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 0.5 && Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0.5) out.push(`fault list rows ${i} and ${i + k + 1} overlap`);
    }));
    const bands = Array.from(document.querySelectorAll('.timeline-fault-lane')).map((e) => ({ lane: e.getAttribute('data-lane'), w: box(e).width, h: box(e).height }));
    const shared = document.querySelector('[data-testid="timeline-fault"]');
    return { out, bands, faults: shared?.getAttribute('data-faults'), title: shared?.getAttribute('title') ?? '', count: shared?.textContent ?? '', handles: marks.filter((x) => x.handle).length, rowsUp: document.querySelector('.timeline')!.getAttribute('data-rows-up'), rowsDown: document.querySelector('.timeline')!.getAttribute('data-rows-down'), lanes: document.querySelector('.timeline')!.getAttribute('data-lanes'), height: timeline.height };
  });

test('six faults added from the form at one moment stack on the timeline with nothing overlapping, inside it and clear of the counters, at 1600x1000 and 1024x768', async ({ page }) => {
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto('/?scenario=hello-mesh&t=12s');
  await expect(page.getByTestId('sim-time')).toHaveText('12.0 s');
  const items = page.getByTestId('fault-list').getByTestId('fault-item');
  for (const [i, f] of SIX.entries()) {
    await page.getByTestId('fault-type').selectOption(f.type);
    if (f.target) await page.getByTestId('fault-target').selectOption(f.target);
    const duration = page.getByTestId('fault-duration');
    if (await duration.isVisible()) await duration.fill('20s');
    await page.getByTestId('fault-inject').click();
    await expect(items, `after ${f.type}`).toHaveCount(i + 1);
  }
  // One handle, shared by the six (handleGroups).
  await expect(page.getByTestId('timeline-fault')).toHaveCount(1);
  for (const [w, h] of [[1600, 1000], [1024, 768]] as const) {
    await page.setViewportSize({ width: w, height: h });
    const seen = await untilStill(page, () => overlaps(page), `the timeline at ${w}x${h}`);
    console.log(`timeline-six ${w}x${h}: ${seen.handles} handle(s) for ${seen.faults} faults, rows up ${seen.rowsUp} down ${seen.rowsDown}, ${seen.lanes} lanes, timeline ${seen.height.toFixed(0)} px tall`);
    await saveShot(page, `timeline-six-faults-${w}x${h}.png`);
    await page.locator('.timeline').screenshot({ path: shotPath(`timeline-six-faults-strip-${w}x${h}.png`) });
    expect(seen.handles).toBe(1);
    expect(seen.faults).toBe('6');
    expect(seen.count).toBe('6');
    // Every fault named on hover, and each its own band, in a lane of its own, on show.
    expect(seen.title.split('\n')).toHaveLength(7);
    expect(new Set(seen.bands.map((l) => l.lane)).size).toBe(6);
    expect(seen.bands.filter((l) => l.w < 10 || l.h < 3)).toEqual([]);
    expect(seen.out).toEqual([]);
    expect(seen.height, 'the timeline, px').toBeLessThan(90);
  }
  // The shared handle seeks to the six faults' start.
  await page.getByTestId('timeline').click({ position: { x: 5, y: 4 } });
  await expect(page.getByTestId('sim-time')).not.toHaveText('12.0 s');
  await page.getByTestId('timeline-fault').click();
  await expect(page.getByTestId('sim-time')).toHaveText('12.0 s');
});
