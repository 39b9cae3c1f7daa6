// Trial N16, 4: in the compare view a branch's long name ("B · with retries.attempts 2, ...") in
// the chart legend sat over the latency chart's "ms" unit. The legend keeps to the chart's title:
// a name too long for its row ends in "…" with the whole of it in its title, and no legend entry
// covers an axis unit or tick.
import { expect, type Page } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { saveShot } from './fixtures/shots';
import { settled } from './fixtures/settle';

/** Each legend entry of the compare charts over the chart's unit or a tick's text, and each cut one with no whole name in its title, in words. */
async function legendProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    // Over it, or beside it across less than 2 px: a unit touching the legend reads as part of it.
    const over = (a: DOMRect, b: DOMRect) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > -2 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > -2;
    for (const chart of Array.from(document.querySelectorAll('.compare-chart'))) {
      const name = chart.getAttribute('data-testid');
      const marks = Array.from(chart.querySelectorAll('.chart-unit, .chart-axis text')).map((t) => ({ text: t.textContent ?? '', r: t.getBoundingClientRect() }));
      const figure = chart.getBoundingClientRect();
      for (const item of Array.from(chart.querySelectorAll<HTMLElement>('[data-testid="chart-legend-item"]'))) {
        const text = item.querySelector<HTMLElement>('.chart-legend-text') ?? item;
        const r = text.getBoundingClientRect();
        for (const m of marks) if (over(r, m.r)) out.push(`${name}: legend "${item.textContent}" over "${m.text}"`);
        if (r.right > figure.right + 0.5) out.push(`${name}: legend "${item.textContent}" past the chart's right edge (${r.right.toFixed(0)} > ${figure.right.toFixed(0)})`);
        if (text.scrollWidth > text.clientWidth + 1 && item.title !== item.textContent) out.push(`${name}: legend "${item.textContent}" cut, its title "${item.title}"`);
      }
      if (!marks.some((m) => m.text === 'ms' || m.text === 'failed/s')) out.push(`${name}: no unit drawn`);
    }
    return out;
  });
}

test("a branch with a long change: the compare charts' legends cover no axis unit or tick, a long name ends in '…' with the whole name in its title (1600x1000 and 1024x768)", async ({ page }) => {
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto('/?scenario=config-rollout&t=15s');
  await expect(page.getByTestId('run-status')).toHaveText(/paused|ready/);
  await expect(page.getByTestId('change-target')).toHaveValue('payments');
  await page.getByTestId('change-details').fill('{"policy": {"timeout": "5ms", "retries": {"attempts": 2, "retryOn": ["5xx", "reset", "connect-failure"]}}}');
  await page.getByTestId('branch').click();
  await expect(page.getByTestId('compare-pane')).toHaveCount(2);
  // Both runs at the branch's moment (the charts drawn to 15 s).
  for (const side of ['A', 'B']) await expect(page.locator(`[data-testid="compare-pane"][data-side="${side}"]`).getByTestId('pane-time')).toHaveAttribute('data-value', '15000', { timeout: 120_000 });
  const legendB = page.getByTestId('compare-chart-latency').getByTestId('chart-legend-item').nth(1);
  await expect(legendB).toContainText('B · with');
  const whole = (await legendB.textContent()) ?? '';
  expect(whole.length, whole).toBeGreaterThan(60);
  for (const [w, h] of [
    [1600, 1000],
    [1024, 768],
  ] as const) {
    await page.setViewportSize({ width: w, height: h });
    await settled(page);
    await page.getByTestId('compare-chart-failures').scrollIntoViewIfNeeded();
    await expect(page.getByTestId('compare-chart-latency').locator('.chart-unit')).toHaveText('ms');
    await saveShot(page, `chartlegend-${w}.png`);
    expect(await legendProblems(page), `${w}x${h}`).toEqual([]);
    // The whole name is in its title, cut or not.
    await expect(legendB).toHaveAttribute('title', whole);
  }
});
