// Compare must not mislead a design review (trial T3, 1, 2, 7, 8). Gateway only vs gateway and mesh
// opens on shoppers' figures: at 1024x768 the verdict line said "failed 21.6% vs 0.0%" for shoppers
// without saying so, under panes counting all four of B's clients, and "First differ at 0.0 s: first
// failures in gateway-and-mesh" counted the three clients A has not. A p99 of ok requests read beside
// failed shares 22 points apart ("the mesh costs 8 ms at p99"). The fault form's "for" read "10" as
// 10 ms. The timeline's "A5 B4" parts touched.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures/sharedPage';
import { saveShot } from './fixtures/shots';

const SIZES = [
  [1024, 768],
  [1600, 1000],
] as const;

/** Opens a pair at `t` as its link does and waits for both runs to stand there. */
async function openPair(page: Page, query: string): Promise<void> {
  await page.goto(`/?${query}`);
  await expect(page.getByTestId('run-status')).toHaveText(/paused|finished/, { timeout: 120_000 });
  await expect(page.getByTestId('metrics-diff')).toBeAttached({ timeout: 60_000 });
}

test("gateway only vs gateway and mesh: the verdict line and the first difference say they count shoppers, the clients' difference shows at 1024x768 without a scroll, and the p99 says whose failed requests it leaves out", async ({ page }) => {
  test.setTimeout(300_000);
  for (const [width, height] of SIZES) {
    await page.setViewportSize({ width, height });
    // The link the picker's pair opens (pairs.ts: scope=shoppers), at T3's moment.
    await openPair(page, 'compare=gateway-only,gateway-and-mesh&scope=shoppers&t=58s');
    const divergence = page.getByTestId('divergence-text');
    await expect(divergence).toContainText('First differ for shoppers at 20.0 s (up to 21.0 s): first failures in gateway-only');
    await expect(divergence).not.toContainText('gateway-and-mesh (');
    if (width < 1100) {
      const verdict = page.getByTestId('compare-verdict');
      await expect(verdict).toContainText('A vs B at 58.0 s: B has 3 clients A has not · shoppers: failed 21.6% vs 0.0% (-21.6 pts) · p99 of ok requests');
      await expect(verdict).toContainText("(A's 21.6% failed are left out, not like for like ‡) · every client: attempts per user request, all hops, whole run");
      const box = await verdict.boundingBox();
      expect(box!.y + box!.height, 'the verdict line lies inside the window').toBeLessThanOrEqual(height);
      const clipped = await verdict.locator('.compare-verdict-text').evaluate((el) => el.scrollWidth > el.clientWidth + 1);
      expect(clipped, 'the line is not cut off').toBe(false);
      const line = await divergence.boundingBox();
      expect(line!.y + line!.height, 'the first difference lies inside the window').toBeLessThanOrEqual(height);
    } else {
      // Wide: the table in view, its clients line and its p99 row in words.
      await expect(page.getByTestId('compare-clients-line')).toContainText('B has 3 clients A has not');
      await expect(page.locator('tr[data-key="p99"]').getByTestId('diff-ok-only')).toHaveText(/^of ok requests: A's \d+\.\d% failed are left out$/);
      await expect(page.getByTestId('diff-mixed-note')).toContainText('‡ Latency counts ok requests only');
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth), 'no sideways scroll').toBeLessThanOrEqual(width);
    await saveShot(page, `compare-scoped-verdict-shoppers-${width}.png`);

    // Figures for all clients, picked where the table is: both lines count every client, and say so.
    await page.getByTestId('compare-scope').selectOption('');
    await expect(divergence).toContainText('First differ at 0.0 s (up to 1.0 s): first failures in gateway-and-mesh');
    if (width < 1100) {
      await expect(page.getByTestId('compare-verdict')).toContainText('A vs B at 58.0 s: B has 3 clients A has not · every client: failed');
      await page.evaluate(() => window.scrollTo(0, 0));
    }
    await saveShot(page, `compare-scoped-verdict-all-${width}.png`);
  }
});

test("gateway only vs mesh only at 58 s: the p99 of ok requests says A's failed are left out, in the line and the table; the timeline's one-side steps are ringed in their side's colour, in time order (B4 at 21 s before A4 at 25 s)", async ({ page }) => {
  test.setTimeout(240_000);
  for (const [width, height] of SIZES) {
    await page.setViewportSize({ width, height });
    await openPair(page, 'compare=gateway-only,mesh-only&t=58s');
    if (width < 1100) {
      const verdict = page.getByTestId('compare-verdict');
      await expect(verdict).toContainText("· p99 of ok requests 183 ms vs 191 ms (A's 21.6% failed are left out, not like for like ‡) ·");
      const box = await verdict.boundingBox();
      expect(box!.y + box!.height, 'the verdict line lies inside the window').toBeLessThanOrEqual(height);
    } else {
      await expect(page.locator('tr[data-key="p99"]').getByTestId('diff-ok-only')).toHaveText("of ok requests: A's 21.6% failed are left out");
      // The CLI's figures, unchanged.
      await expect(page.locator('tr[data-key="p99"] td[data-side="A"]')).toHaveText('183 ms');
    }
    const markers = page.getByTestId('compare-step-marker');
    await expect(markers).toHaveText(['1', '2', '3', 'B4', 'A4', '5', 'B6']);
    await expect(markers.nth(3)).toHaveAttribute('data-side', 'B');
    await expect(markers.nth(4)).toHaveAttribute('data-side', 'A');
    expect(await markers.nth(2).getAttribute('data-side')).toBeNull();
    // No two markers overlap.
    const boxes = await markers.evaluateAll((els) => els.map((e) => e.getBoundingClientRect()).map((r) => [r.left, r.right]));
    for (let i = 1; i < boxes.length; i++) expect(boxes[i][0], `marker ${i} clear of ${i - 1}`).toBeGreaterThanOrEqual(boxes[i - 1][1]);
    await saveShot(page, `compare-scoped-verdict-gm-${width}.png`);
  }
});

test('the timeline\'s "A5 B4" marker keeps its two parts apart at 1024x768', async ({ page }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1024, height: 768 });
  // gateway-only's step 5 and zone-failover's step 4 both stand at 40 s. (It was gateway-and-mesh's step 4, at 42 s
  // since session 53, where its figure's window has its first second.)
  await openPair(page, 'compare=gateway-only,zone-failover&t=58s');
  const both = page.getByTestId('compare-step-marker').filter({ hasText: 'A5' });
  await expect(both).toHaveText('A5 B4');
  const parts = both.locator('.compare-step-part');
  const [a, b] = [await parts.nth(0).boundingBox(), await parts.nth(1).boundingBox()];
  expect(b!.x - (a!.x + a!.width), 'air between A5 and B4').toBeGreaterThanOrEqual(3);
  await both.screenshot({ path: `${process.env.MESHSIM_RESULTS || 'test-results'}/compare-scoped-verdict-a5b4-1024.png` });
});

test('the fault form\'s "for" refuses a bare number as the CLI does, naming the field and offering 10s or 10ms; 10s injects', async ({ page }) => {
  for (const [width, height] of SIZES) {
    await page.setViewportSize({ width, height });
    await page.goto('/?scenario=hello-mesh&t=5s');
    await expect(page.getByTestId('run-status')).toHaveText('paused', { timeout: 30_000 });
    await page.getByTestId('fault-type').selectOption('kill-service');
    await page.getByTestId('fault-duration').fill('10');
    // No "ms" beside it: the field does not read it as milliseconds any more.
    await expect(page.getByTestId('fault-duration-unit')).toHaveCount(0);
    await page.getByTestId('fault-inject').click();
    await expect(page.getByTestId('fault-problems')).toHaveText('for: "10" needs a unit: 10s or 10ms (a bare number here could be either)');
    await expect(page.getByTestId('fault-list').getByTestId('fault-item')).toHaveCount(0);
    await page.getByTestId('fault-problems').scrollIntoViewIfNeeded();
    await saveShot(page, `compare-scoped-verdict-for-bare-${width}.png`);
    await page.getByTestId('fault-duration').fill('10s');
    await page.getByTestId('fault-inject').click();
    await expect(page.getByTestId('fault-list').getByTestId('fault-item')).toHaveCount(1);
    await expect(page.getByTestId('fault-problems')).toHaveCount(0);
  }
});
