// Charts over time: a click on a chart seeks there, and a lesson's figure is on screen.
import { expect, type Page } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { saveShot } from './fixtures/shots';

/** MARGIN of src/ui/charts/geometry.ts: the plot area inside each chart's SVG. */
const MARGIN = { left: 44, right: 10 };

/**
 * Clicks chart `testId` where simulated time `share` of the run (`durationMs`) is, and waits for
 * the clock to get there, within the time one pixel stands for (the mouse lands on whole pixels).
 */
async function clickChartAt(page: Page, testId: string, share: number, durationMs: number) {
  const svg = page.getByTestId(testId).locator('svg');
  const box = (await svg.boundingBox())!;
  const plot = Math.round(box.width) - MARGIN.left - MARGIN.right;
  await svg.click({ position: { x: MARGIN.left + share * plot, y: box.height / 2 } });
  const perPixel = durationMs / plot;
  // The clock's exact ms (data-value): its text is cut down to its last digit, up to 100 ms behind.
  // The config's 30 s for a seek (a wait, not a speed check): at a load average of 23, retry-storm's
  // seek to 24.5 s still stood at 22.9 s when a 15 s wait ran out (session 24).
  await expect
    .poll(async () => Math.abs(Number((await page.getByTestId('sim-time').getAttribute('data-value'))!) - share * durationMs))
    .toBeLessThanOrEqual(perPixel + 50);
}

async function openCharts(page: Page) {
  if (!(await page.getByTestId('chart-latency').isVisible())) await page.getByTestId('tab-charts').click();
  await expect(page.getByTestId('chart-latency')).toBeVisible();
}

test('a click on the latency chart moves the clock there, and the charts fill in up to it', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto('/?scenario=gateway-only');
  await expect(page.getByTestId('run-status')).toHaveText('ready');
  await openCharts(page);
  // gateway-only runs 60 s: half way across is 30 s.
  await clickChartAt(page, 'chart-latency', 0.5, 60_000);
  // Thirty closed seconds drawn: p50, p90 and p99 lines, throughput, and the clock's line at 60 s.
  const p99 = page.getByTestId('chart-latency').locator('[data-series="p99"]');
  await expect(p99).toHaveAttribute('d', /^M.*L.*/);
  const points = ((await p99.getAttribute('d'))!.match(/L/g) ?? []).length;
  expect(points).toBeGreaterThanOrEqual(25);
  await expect(page.getByTestId('chart-throughput').locator('[data-series="ok"]')).toHaveAttribute('d', /^M/);
  // Its five narrative steps and the hung replica at 20 s are marked on every chart.
  await expect(page.getByTestId('chart-latency').locator('[data-marker="step"]')).toHaveCount(5);
  await expect(page.getByTestId('chart-failures').locator('[data-marker="fault"]')).toHaveCount(1);
  await expect(page.getByTestId('chart-failures').locator('[data-cause="queue-full"]')).toHaveCount(1);
  // A click further back seeks back.
  await clickChartAt(page, 'chart-throughput', 0.25, 60_000);
  await expect(page.getByTestId('p90')).toHaveText(/^\d+(\.\d)? ms$/);
  await saveShot(page, 'charts-seek.png');
  expect(errors).toEqual([]);
});

test("mm1's lesson figure, its 2 ms mean, is on screen beside the counters' mean", async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.goto('/?scenario=mm1');
  await expect(page.getByTestId('run-status')).toHaveText('ready');
  await expect(page.getByTestId('lesson-figure')).toContainText('mean response time');
  // Said as a teacher says it: what it is over, then the lesson's number ('lesson: 2 ms · …' read as clipped phrases).
  await expect(page.getByTestId('lesson-figure')).toContainText('; lesson: 2 ms');
  await openCharts(page);
  // 60 of its 200 s: about 27,500 requests after the warm-up.
  await clickChartAt(page, 'chart-latency', 0.3, 200_000);
  const value = page.getByTestId('lesson-figure-value');
  await expect(value).toHaveText(/^\d\.\d\d ms$/);
  const ms = Number.parseFloat((await value.textContent())!);
  expect(Math.abs(ms - 2)).toBeLessThan(0.1);
  await expect(page.getByTestId('mean')).toHaveText(/^(1\.9|2\.0|2\.1)/);
  await expect(page.getByTestId('chart-failures')).toContainText('none yet');
  // The note is worded where the figure is measured (src/workers/figures.ts MeasuredFigure.note)
  // and laid out here as it was: what it is over, then the lesson's number.
  await expect(page.getByTestId('lesson-figure').locator('.lesson-figure-note')).toHaveText('over the run so far; lesson: 2 ms');
  await saveShot(page, 'charts-mm1-1024.png');
  await page.setViewportSize({ width: 1600, height: 1000 });
  await expect(page.getByTestId('lesson-figure').locator('.lesson-figure-note')).toHaveText('over the run so far; lesson: 2 ms');
  await saveShot(page, 'charts-mm1-1600.png');
});

test('istio-load-test shows its p90 and proxy CPU, and retry-storm its 27 attempts per request', async ({ page }) => {
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto('/?scenario=istio-load-test');
  await expect(page.getByTestId('run-status')).toHaveText('ready');
  await openCharts(page);
  await test.step('with Charts open the legend folds by default at 1600x1000: the short stage keeps its 80 px (Legend.tsx legendOpenByDefault)', async () => {
    await expect(page.getByTestId('legend-toggle')).toHaveAttribute('aria-expanded', 'false');
    await expect(page.getByTestId('legend')).toHaveCount(0);
    const stage = (await page.locator('.topology-stage').boundingBox())!;
    expect(stage.height, 'the topology stage with Charts open').toBeGreaterThan(300);
  });
  await clickChartAt(page, 'chart-latency', 1, 4000);
  await expect(page.getByTestId('run-status')).toHaveText('finished');
  const cpu = Number.parseFloat((await page.getByTestId('proxy-cpu').textContent())!);
  expect(Math.abs(cpu - 0.35) / 0.35).toBeLessThan(0.1);
  await expect(page.getByTestId('proxy-cpu-total')).toHaveText(/vCPU in all/);
  // At the end the last step shows: what the proxies cost.
  await expect(page.getByTestId('narrative-title')).toHaveText('What the proxies cost');
  await expect(page.getByTestId('lesson-figure')).toContainText('vCPU per 1000 requests/s per proxy');
  await expect(page.getByTestId('lesson-figure-value')).toHaveText(/^0\.3\d vCPU$/);
  await saveShot(page, 'charts-istio.png');
  // Its p90 over the whole run: in the counters, and in the list of the lesson's figures.
  const p90 = page.getByTestId('lesson-figures-item').filter({ hasText: 'p90 latency' });
  await expect(p90).toContainText('lesson: 5.95 ms (3.3 + 2.65)');
  const figure = Number.parseFloat((await p90.locator('strong').textContent())!);
  const counter = Number.parseFloat((await page.getByTestId('p90').textContent())!);
  expect(Math.abs(figure - counter)).toBeLessThanOrEqual(0.05);
  expect(figure).toBeGreaterThan(4);
  await test.step("and what two sidecars add at p90, against the same services run beside it without them: the CLI's 2.65 ms within 10% (test/scenarios/stepFigures.test.ts)", async () => {
    const added = page.getByTestId('lesson-figures-item').filter({ hasText: 'what two sidecars per call add at p90' });
    await expect(added).toContainText('(lesson: 2.65 ms (within 10%))');
    const value = Number.parseFloat((await added.locator('strong').textContent())!.replace('+', ''));
    expect(Math.abs(value - 2.65) / 2.65).toBeLessThan(0.1);
    await expect(added).toHaveAttribute('title', /^Step 3; p90 \d\.\d\d ms vs 3\.\d\d ms without proxies, the whole run$/);
  });

  await page.goto('/?scenario=retry-storm');
  await expect(page.getByTestId('run-status')).toHaveText('ready');
  await openCharts(page);
  // Step 3 of 4, "The storm" (12 s to 25 s), measures from 11 s to 24 s: go to 24.5 s of 40.
  await clickChartAt(page, 'chart-latency', 24.5 / 40, 40_000);
  await expect(page.getByTestId('narrative-title')).toHaveText('The storm');
  await expect(page.getByTestId('lesson-figure')).toContainText('over the 518 user requests ended 11 s – 24 s; lesson: 27');
  await expect(page.getByTestId('lesson-figure')).not.toContainText('so far');
  const attempts = Number.parseFloat((await page.getByTestId('lesson-figure-value').textContent())!);
  expect(Math.abs(attempts - 27) / 27).toBeLessThan(0.05);
  await saveShot(page, 'charts-retry-storm.png');
});

test('the charts drawer fits at 1280x720 beside the topology, the timeline and the counters', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('/?scenario=mesh-only');
  await expect(page.getByTestId('run-status')).toHaveText('ready');
  // Folded by default on a screen this low; one click opens it.
  await expect(page.getByTestId('chart-latency')).toHaveCount(0);
  await openCharts(page);
  await clickChartAt(page, 'chart-failures', 0.5, 60_000);
  for (const id of ['chart-latency', 'chart-throughput', 'chart-failures', 'sim-time', 'play', 'topology']) {
    const box = (await page.getByTestId(id).boundingBox())!;
    expect(box.y + box.height, id).toBeLessThanOrEqual(720);
    expect(box.height, id).toBeGreaterThan(10);
  }
  await expect(page.getByTestId('proxy-cpu')).toHaveText(/^0\.\d\d$/);
  await saveShot(page, 'charts-1280.png');
});
