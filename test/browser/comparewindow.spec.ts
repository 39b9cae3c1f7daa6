// Brief U3 1 (session 46 left it): the compare view's "Figures over a window". A person types from and to, as
// `npm run sim -- compare retry-storm retry-storm-fixed --from 11s --to 24s` takes them, and reads the CLI's rows and
// numbers (T3 84b58ed: 518 and 527 ended, 100.0% failed, attempts at payments per user request 27.0 against 2.9); the
// address bar carries the window (from=11s&to=24s); a bad value is said at its field. Brief U4 1-2: every service's
// row (orders 9.0 against 1.0 too), and over 25 s – 40 s the latency of the ok ones as the CLI prints it (p99 682 ms
// against 195 ms, 0.29x, -488 ms). Brief s48 U5 1: scrolled, the timeline's "First differ at…" line no longer
// draws over the sticky header (it did at 1600x1000 and 1024x768). One page load, seeked by link.
import { expect, type Page } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { saveShot } from './fixtures/shots';
import { settled as layoutSettled } from './fixtures/settle';

/**
 * Scrolls the page top to bottom in 40 px steps and, at each step where the sticky compare header is in view, asks
 * elementFromPoint at a grid of the header's points (24 px across, 8 px down) whether the header or its children is
 * what is drawn there. Returns "scrollY: what covered it" for each step where something else was (none: []), and
 * puts the scroll back. The timeline (bottom-sticky, later in the page) once drew "First differ at…" over the header
 * at 1024x768 while the page was scrolled (session 48).
 */
const headerCovers = (page: Page) =>
  page.evaluate(async () => {
    const header = document.querySelector<HTMLElement>('.compare-header')!;
    const start = scrollY;
    const covered: string[] = [];
    const end = document.documentElement.scrollHeight - innerHeight;
    for (let y = 0; y <= end; y += 40) {
      scrollTo(0, y);
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      const box = header.getBoundingClientRect();
      if (box.top < 0) continue;
      const over = new Set<string>();
      for (let x = box.left + 2; x < box.right - 1; x += 24)
        for (let py = box.top + 2; py < box.bottom - 1; py += 8) {
          const hit = document.elementFromPoint(x, py);
          if (hit && !header.contains(hit)) over.add(String(hit.closest('[class]')?.className ?? hit.tagName));
        }
      if (over.size > 0) covered.push(`${y}: ${[...over].join(', ')}`);
    }
    scrollTo(0, start);
    return covered;
  });

const paneValue = async (page: Page, side: 'A' | 'B', id: string) => (await page.locator(`[data-testid="compare-pane"][data-side="${side}"]`).getByTestId(id).getAttribute('data-value'))!;

test("retry-storm against its fix at 40 s: a window typed as 11 to 24 s reads the CLI's 518 and 527 ended, 100.0% failed and 27.0 against 2.9 attempts at payments (0.11x), goes into the link, a bad value is named at its field, and scrolled anywhere nothing covers the sticky header (1600x1000, 1024x768; the header at 1280x720 too)", async ({ page }) => {
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto('/?compare=retry-storm,retry-storm-fixed&t=40s');
  await expect(page.getByTestId('compare-pane')).toHaveCount(2);
  await expect.poll(() => paneValue(page, 'A', 'pane-time'), { timeout: 120_000 }).toBe('40000');
  await expect.poll(() => paneValue(page, 'B', 'pane-time'), { timeout: 120_000 }).toBe('40000');
  const picker = page.getByTestId('compare-window');
  await picker.scrollIntoViewIfNeeded();
  // No window yet: no table; `to` says the shorter run's end.
  await expect(page.getByTestId('window-figures')).toHaveCount(0);
  await expect(page.getByTestId('window-to')).toHaveAttribute('placeholder', '40');
  // A bad value: said at its field, the field marked, no window.
  await page.getByTestId('window-from').fill('eleven');
  await page.getByTestId('window-to').fill('24');
  await page.getByTestId('window-show').click();
  await expect(page.getByTestId('window-problem')).toHaveText('from: "eleven" is not a number of seconds from the runs\' start: write 11 or 11s');
  await expect(page.getByTestId('window-from')).toHaveAttribute('aria-invalid', 'true');
  await page.getByTestId('window-from').fill('11');
  await page.getByTestId('window-to').fill('50');
  await page.getByTestId('window-show').click();
  await expect(page.getByTestId('window-problem')).toHaveText("to: 50 s is past the shorter run's end (40 s)");
  await expect(page.getByTestId('window-to')).toHaveAttribute('aria-invalid', 'true');
  await page.getByTestId('window-to').fill('11');
  await page.getByTestId('window-show').click();
  await expect(page.getByTestId('window-problem')).toHaveText('from: 11 s must be before to (11 s)');
  await expect(page.getByTestId('window-figures')).toHaveCount(0);
  // The window the lesson and the CLI measure.
  await page.getByTestId('window-to').fill('24s');
  await page.getByTestId('window-to').press('Enter');
  await expect(page.getByTestId('window-problem')).toHaveCount(0);
  const table = page.getByTestId('window-figures');
  await expect(page.getByTestId('window-span')).toHaveText('11 s – 24 s');
  const cells = (measure: string, service?: string) => table.locator(`tr[data-measure="${measure}"]${service ? `[data-service="${service}"]` : ''}`).locator('th, td').allInnerTexts();
  await expect.poll(() => cells('ended')).toEqual(['user requests ended', '518', '527', '1.02x']);
  expect(await cells('failed-share')).toEqual(['failed, % of ended', '100.0%', '100.0%', '±0 pts']);
  expect(await cells('attempts-per-request', 'payments')).toEqual(['attempts at payments per user request', '27.0', '2.9', '0.11x']);
  // Every service the CLI lists, in its order, not only the one the story names; no latency rows (all failed).
  expect(await cells('attempts-per-request', 'orders')).toEqual(['attempts at orders per user request', '9.0', '1.0', '0.11x']);
  expect(await table.locator('tr[data-measure="attempts-per-request"]').evaluateAll((rs) => rs.map((r) => (r as HTMLElement).dataset.service))).toEqual(['api', 'orders', 'payments', 'web']);
  await expect(table.locator('tr[data-measure^="latency-"]')).toHaveCount(0);
  await expect(table.locator('caption')).toHaveAttribute('title', /npm run sim -- compare retry-storm retry-storm-fixed --from 11s --to 24s/);
  // The address bar holds the window (written at once on a change), so a link copied now opens it.
  await expect.poll(() => new URL(page.url()).search).toContain('&from=11s&to=24s');
  // At both sizes: the table in view, nothing in it clipped, a screenshot.
  const atBothSizes = async (shot: string) => {
    for (const [w, h] of [
      [1600, 1000],
      [1024, 768],
    ] as const) {
      await page.setViewportSize({ width: w, height: h });
      await layoutSettled(page);
      await table.scrollIntoViewIfNeeded();
      await expect(table).toBeInViewport();
      const clipped = await picker.evaluate((t) => Array.from(t.querySelectorAll('th, td, label, button')).filter((c) => c.scrollWidth > c.clientWidth + 1).map((c) => c.textContent));
      expect(clipped, `${w}x${h}`).toEqual([]);
      // Scrolled anywhere, nothing is drawn over the sticky header (the timeline's line once was, at 1024x768).
      expect(await headerCovers(page), `${w}x${h}`).toEqual([]);
      await saveShot(page, `${shot}-${w}.png`);
    }
  };
  await atBothSizes('comparewindow');
  // After the outage: the latency of the ok ones, the CLI's four rows with B - A (compare --from 25s --to 40s).
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.getByTestId('window-from').fill('25');
  await page.getByTestId('window-to').fill('40');
  await page.getByTestId('window-to').press('Enter');
  await expect(page.getByTestId('window-span')).toHaveText('25 s – 40 s');
  await expect.poll(() => cells('latency-p99')).toEqual(['latency p99 of the ok ones', '682 ms', '195 ms', '0.29x-488 ms']);
  expect(await cells('latency-p50')).toEqual(['latency p50 of the ok ones', '104 ms', '105 ms', '1.00x+0.50 ms']);
  expect(await cells('latency-mean')).toEqual(['latency mean of the ok ones', '124 ms', '108 ms', '0.87x-16.3 ms']);
  expect(await cells('attempts-per-request', 'payments')).toEqual(['attempts at payments per user request', '1.7', '1.0', '0.61x']);
  await atBothSizes('comparewindow-latency');
  // And at 1280x720, scrolled to the table: the header is not covered either.
  await page.setViewportSize({ width: 1280, height: 720 });
  await layoutSettled(page);
  expect(await headerCovers(page), '1280x720').toEqual([]);
  await table.scrollIntoViewIfNeeded();
  await saveShot(page, 'comparewindow-latency-1280.png');
  // Clear takes the window off the table and the link.
  await page.getByTestId('window-clear').click();
  await expect(table).toHaveCount(0);
  await expect.poll(() => new URL(page.url()).search).not.toContain('from=');
});
