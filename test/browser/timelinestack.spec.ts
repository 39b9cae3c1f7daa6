// Timeline markers stay clickable: a fault handle at a narrative step's time (and two faults at
// one time) are stacked on rows above and below the track, in every shipped scenario with
// faults, at 1600x1000 and 1024x768; each marker is what lies under its own centre, none
// covers another or leaves the timeline, and a click on each seeks to its time.
import { readdirSync, readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';

const WITH_FAULTS = readdirSync('scenarios')
  .filter((f) => f.endsWith('.json') && f !== 'schema.json')
  .map((f) => JSON.parse(readFileSync(`scenarios/${f}`, 'utf8')) as { name: string; faults?: unknown[] })
  .filter((s) => (s.faults?.length ?? 0) > 0)
  .map((s) => s.name);

/** Every marker's box, and whether the element under its centre is that marker. */
const markers = (page: Page) =>
  page.evaluate(() => {
    const timeline = document.querySelector('.timeline')!.getBoundingClientRect();
    const list = Array.from(document.querySelectorAll<HTMLElement>('.timeline-step, [data-testid="timeline-fault"]')).map((el) => {
      const r = el.getBoundingClientRect();
      const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      return { what: el.getAttribute('aria-label') ?? `step ${el.textContent}`, x: r.left, y: r.top, w: r.width, h: r.height, ontop: hit === el || el.contains(hit) };
    });
    return { timeline: { x: timeline.left, y: timeline.top, w: timeline.width, h: timeline.height }, list };
  });

for (const size of [
  { width: 1600, height: 1000 },
  { width: 1024, height: 768 },
]) {
  test(`at ${size.width}x${size.height}, every step circle and fault handle of every scenario with faults can be clicked`, async ({ page }) => {
    await page.setViewportSize(size);
    const problems: string[] = [];
    for (const name of WITH_FAULTS) {
      await page.goto(`/?scenario=${name}`);
      await expect(page.getByTestId('run-status')).toHaveText('ready');
      await expect(page.getByTestId('timeline-fault').first()).toBeVisible();
      const { timeline, list } = await markers(page);
      for (const [i, a] of list.entries()) {
        if (!a.ontop) problems.push(`${name}: ${a.what} is covered`);
        if (a.y < timeline.y - 0.5 || a.y + a.h > timeline.y + timeline.h + 0.5) problems.push(`${name}: ${a.what} leaves the timeline`);
        for (const b of list.slice(i + 1)) {
          const dx = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
          const dy = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
          if (dx > 0 && dy > 0) problems.push(`${name}: ${a.what} and ${b.what} overlap`);
        }
      }
    }
    expect(problems).toEqual([]);
  });
}

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
  await page.screenshot({ path: 'test-results/timeline-stacked.png' });
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
