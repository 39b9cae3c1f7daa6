// T3's trial, 9a: a retried ok request of mesh-only at 24 s (398.9 ms) had a waterfall axis of
// 0 / 1 s / 2 s, its bars in the first fifth of the width. The axis fits the request's own span,
// made round (d3's nice): its last tick is the first round figure at or past the request's end.
import { expect } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { saveShot } from './fixtures/shots';
import { openRetriedRequest } from './fixtures/failedRequest';

for (const size of [
  { width: 1600, height: 1000 },
  { width: 1024, height: 768 },
]) {
  test(`at ${size.width}x${size.height} mesh-only at 24 s: a retried request's waterfall axis ends just past the request, its bar spans most of it`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.setViewportSize(size);
    await page.goto('/?scenario=mesh-only&t=24s');
    await expect(page.getByTestId('run-status')).toHaveText('paused', { timeout: 60_000 });
    const { waterfall } = await openRetriedRequest(page);
    const axis = await waterfall.evaluate((w) => {
      const labels = Array.from(w.querySelectorAll('[data-testid="waterfall-axis"] span')).map((s) => s.textContent ?? '');
      const track = w.querySelector('.waterfall-row .waterfall-track')!.getBoundingClientRect();
      const bar = w.querySelector('.waterfall-row .waterfall-bar')!.getBoundingClientRect();
      const ms = w.querySelector('.waterfall-row .waterfall-ms')?.textContent ?? '';
      return { labels, share: bar.width / track.width, ms };
    });
    console.log(`${size.width}: axis ${axis.labels.join(' | ')}, request ${axis.ms}, bar ${(axis.share * 100).toFixed(1)}% of the track`);
    await saveShot(page, `waterfallaxis-retried-${size.width}.png`);
    // The request's own bar (the first row) fills most of the axis: nice() adds less than half again.
    expect(axis.share).toBeGreaterThan(0.6);
    expect(axis.labels.join(' ')).not.toMatch(/\b[12] s\b/);
  });
}
