// The whole timeline band seeks, not only its 8 px track (N13's trial, finding 5: a click in the
// middle of the 47 px strip did nothing), in the single view and the compare view; hovering the
// band shows the moment under the pointer; markers keep their own click. The compare view's
// markers for two sides' steps at one moment read "A5 B4", not "5|4" (finding 7), and no two
// markers overlap.
import { expect, type Page } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { shotPath } from './fixtures/shots';

const SIZES = [
  [1600, 1000],
  [1024, 768],
] as const;

/** The element at a point is not a marker (a button), so a press there is the band's. */
async function notOnMarker(page: Page, x: number, y: number) {
  const tag = await page.evaluate(([px, py]) => document.elementFromPoint(px, py)?.closest('button')?.textContent ?? null, [x, y]);
  expect(tag, `a marker at (${x}, ${y})`).toBeNull();
}

for (const [w, h] of SIZES) {
  test(`at ${w}x${h} a press above gateway-only's track, away from any marker, runs to the time under it; hover reads it first; a drag there moves the clock; a step marker still jumps to its step`, async ({ page }) => {
    await page.setViewportSize({ width: w, height: h });
    await page.goto('/?scenario=gateway-only');
    await expect(page.getByTestId('run-status')).toHaveText('ready', { timeout: 60_000 });
    const band = (await page.getByLabel('Timeline', { exact: true }).boundingBox())!;
    const track = (await page.getByTestId('timeline').boundingBox())!;
    // 9 px under the band's top: 16 px or more above the 8 px track, where presses did nothing before.
    const y = band.y + 9;
    expect(track.y - y).toBeGreaterThanOrEqual(15);
    const xAt = (share: number) => track.x + share * track.width;
    await notOnMarker(page, xAt(0.5), y);
    await page.mouse.move(xAt(0.5), y);
    const hover = page.getByTestId('timeline-hover');
    await expect(hover).toHaveText('30.0 s');
    const hb = (await hover.boundingBox())!;
    // The label stands over the pointer, inside the window.
    expect(Math.abs(hb.x + hb.width / 2 - xAt(0.5))).toBeLessThan(2);
    expect(hb.y).toBeGreaterThanOrEqual(band.y - 4);
    await page.screenshot({ path: shotPath(`timelineband-hover-${w}x${h}.png`), clip: { x: 0, y: band.y - 60, width: w, height: band.height + 80 } });
    await page.mouse.down();
    await page.mouse.up();
    await expect(page.getByTestId('sim-time')).toHaveText(/^30\.0/, { timeout: 60_000 });
    // A drag along the band from 15 s to 45 s leaves the clock at 45 s.
    await page.mouse.move(xAt(0.25), y);
    await page.mouse.down();
    await page.mouse.move(xAt(0.5), y, { steps: 3 });
    await page.mouse.move(xAt(0.75), y, { steps: 3 });
    await page.mouse.up();
    await expect(page.getByTestId('sim-time')).toHaveText(/^45\.0/, { timeout: 60_000 });
    // Off the band's end (the label) nothing happens; a marker keeps its click: step 2 is at 5 s.
    await page.getByTestId('timeline').locator('.timeline-step', { hasText: '2' }).click();
    await expect(page.getByTestId('sim-time')).toHaveText(/^5\.00/, { timeout: 60_000 });
    await page.mouse.move(band.x + 4, y);
    await expect(hover).toHaveCount(0);
    await page.mouse.down();
    await page.mouse.up();
    await expect(page.getByTestId('sim-time')).toHaveText(/^5\.00/);
    await page.screenshot({ path: shotPath(`timelineband-single-${w}x${h}.png`) });
  });

  test(`at ${w}x${h} in gateway-only vs gateway-and-mesh, a press in the row of step markers under the shared track runs both runs there, and the markers read 1 B2 A2 A3 B3 A4 A5 B4 B5 with none overlapping (gateway-and-mesh's steps 3 and 4 at 22 s and 42 s since session 53, each 2 s after gateway-only's 3 and 5)`, async ({ page }) => {
    await page.setViewportSize({ width: w, height: h });
    await page.goto('/?compare=gateway-only,gateway-and-mesh');
    const markers = page.getByTestId('compare-step-marker');
    await expect(markers).toHaveText(['1', 'B2', 'A2', 'A3', 'B3', 'A4', 'A5', 'B4', 'B5'], { timeout: 60_000 });
    const track = (await page.getByTestId('timeline').boundingBox())!;
    const boxes = await markers.evaluateAll((els) => els.map((e) => e.getBoundingClientRect()).map((r) => ({ left: r.left, right: r.right, top: r.top, bottom: r.bottom })));
    for (let i = 1; i < boxes.length; i++) expect(boxes[i].left - boxes[i - 1].right, `air between markers ${i} and ${i + 1}`).toBeGreaterThanOrEqual(2);
    // In the markers' row, at 30 s: between A4 (25 s) and A5 (40 s).
    const y = (boxes[0].top + boxes[0].bottom) / 2;
    expect(y - (track.y + track.height)).toBeGreaterThan(8);
    const x = track.x + track.width / 2;
    await notOnMarker(page, x, y);
    await page.mouse.move(x, y);
    await expect(page.getByTestId('timeline-hover')).toHaveText('30.0 s');
    await page.mouse.down();
    await page.mouse.up();
    await expect(page.getByTestId('sim-time').first()).toHaveText(/^30\.0/, { timeout: 60_000 });
    const band = (await page.getByLabel('Shared timeline').boundingBox())!;
    await page.screenshot({ path: shotPath(`timelineband-compare-${w}x${h}.png`), clip: { x: 0, y: band.y - 40, width: w, height: band.height + 50 } });
  });
}
