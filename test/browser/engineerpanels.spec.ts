// A platform engineer's trial (session 54, T5: findings 4 and 7), as they did it: compare
// gateway-only vs mesh-only at t=40 s, Inspect on A, the first failed request; then the Ownership
// tab. At 1600x1000, 1440x900 and 1024x768: every waterfall duration label lies whole inside the
// inspector (it read "01.9 ms" for 101.9 ms), the owned-twice line says no item twice, and the
// Ownership table does not scroll sideways.
import { expect, type Page } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { saveShot } from './fixtures/shots';

const SIZES = [
  { width: 1600, height: 1000 },
  { width: 1440, height: 900 },
  { width: 1024, height: 768 },
];

const pane = (page: Page, side: 'A' | 'B') => page.locator(`[data-testid="compare-pane"][data-side="${side}"]`);

async function settled(page: Page) {
  await expect(page.getByTestId('timeline-seeking')).toHaveCount(0, { timeout: 120_000 });
  await expect(page.getByTestId('run-status')).not.toHaveAttribute('data-settling', /./, { timeout: 120_000 });
  await expect(page.getByTestId('run-status')).toHaveText(/paused|ready|finished/, { timeout: 120_000 });
}

/** Each duration label's box against the inspector's, and its text against the box's width (clipped labels are narrower than their text). */
async function labelsOutside(page: Page) {
  return page.getByTestId('inspector').evaluate((panel) => {
    const p = panel.getBoundingClientRect();
    const out: string[] = [];
    for (const el of Array.from(panel.querySelectorAll<HTMLElement>('.waterfall-ms'))) {
      const r = el.getBoundingClientRect();
      if (r.width === 0) continue;
      const track = el.parentElement!.getBoundingClientRect();
      if (r.left < p.left - 0.5 || r.right > p.right + 0.5 || r.left < track.left - 0.5 || r.right > track.right + 0.5)
        out.push(`${el.textContent} ${el.dataset.place}: ${r.left.toFixed(0)}-${r.right.toFixed(0)} in track ${track.left.toFixed(0)}-${track.right.toFixed(0)}, panel ${p.left.toFixed(0)}-${p.right.toFixed(0)}`);
    }
    return out;
  });
}

for (const size of SIZES) {
  test(`gateway-only vs mesh-only at 40 s, ${size.width}x${size.height}: A's first failed request's waterfall duration labels whole inside their track and the inspector`, async ({ page }) => {
    test.setTimeout(300_000);
    await page.setViewportSize(size);
    await page.goto('/?compare=gateway-only,mesh-only&t=40s');
    await expect(page.getByTestId('compare-pane')).toHaveCount(2);
    await settled(page);
    await pane(page, 'A').getByTestId('inspector-toggle').click();
    const panel = page.getByTestId('inspector');
    await expect(panel).toBeVisible();
    await panel.getByTestId('failed-only').check();
    const row = panel.getByTestId('request-list').locator('[data-request-id]').first();
    await expect(row).toBeVisible({ timeout: 60_000 });
    await row.click();
    const waterfall = panel.getByTestId('waterfall');
    await expect(waterfall).toBeVisible();
    await expect(waterfall.locator('.waterfall-ms').first()).toBeVisible();
    await saveShot(page, `engineerpanels-waterfall-${size.width}.png`);
    expect(await labelsOutside(page), 'duration labels crossing the track or the panel').toEqual([]);
    // The why and more than one row readable without a click.
    const why = waterfall.locator('.waterfall-why');
    if (await why.count()) expect((await why.boundingBox())!.height, 'the why sentence: two lines or more').toBeGreaterThan(28);
    const rowsSeen = await waterfall.locator('.waterfall-row').evaluateAll((rows, pb) => rows.filter((r) => { const b = r.getBoundingClientRect(); return b.height > 0 && b.bottom <= (pb as number) + 0.5; }).length, (await panel.boundingBox())!.y + (await panel.boundingBox())!.height);
    console.log(`${size.width}: waterfall rows whole in the panel: ${rowsSeen}`);
    await page.getByTestId('inspector-close').click();
  });
}

for (const size of SIZES) {
  test(`retry-storm vs retry-storm-fixed, ${size.width}x${size.height}: each run's Ownership line says each item once and its table fits its half, no sideways scroll`, async ({ page }) => {
    test.setTimeout(180_000);
    await page.setViewportSize(size);
    await page.goto('/?compare=retry-storm,retry-storm-fixed&t=20s');
    const pair = page.getByTestId('compare-ownership');
    await expect(pair.getByTestId('ownership')).toHaveCount(2, { timeout: 120_000 });
    await expect(pair.getByTestId('ownership-table')).toHaveCount(2);
    await pair.scrollIntoViewIfNeeded();
    for (const view of [pair.getByTestId('ownership').nth(0), pair.getByTestId('ownership').nth(1)]) {
      const items = await view.getByTestId('ownership-twice-item').allTextContents();
      expect(new Set(items).size, `items said twice: ${items.join(' | ')}`).toBe(items.length);
      const wrap = view.locator('.ownership-table-wrap');
      const [sw, cw] = await wrap.evaluate((w) => [w.scrollWidth, w.clientWidth]);
      expect(sw, `the table ${sw} px in ${cw} px`).toBeLessThanOrEqual(cw + 1);
    }
    await expect(pair.getByTestId('ownership').nth(0).getByTestId('ownership-twice-line')).toHaveText('⚠ Retries owned twice (gateway and sidecar, 3 hops) ↓');
    await saveShot(page, `engineerpanels-ownership-${size.width}.png`);
  });
}
