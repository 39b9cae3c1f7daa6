// Calls against tries, in the same words wherever a count shows (session 44, C4; trial N17, 1): a link's label counts
// requests sent, every try, answered yet or not (a retry is traffic on the link: Envoy's upstream_rq_total counts each try), so
// retry-storm's picture agrees with its lesson's 27 tries at payments a user request; "N% retries" says the share of
// them that were retries; the legend and the inspector say so, and the inspector gives the calls ended (a retried one once)
// beside them. One page load, seeks only; the teacher's moment (step 3, 15 s) at 1280x720 and 1024x768, presenter too.
import { expect, type Page } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { settled, untilStill } from './fixtures/settle';
import { saveShot } from './fixtures/shots';

/**
 * `npm run sim -- run retry-storm --duration 15s --from 14s --to 15s`: "tries sent in the window" by service (api 33,
 * web 94, orders 282, payments 828) are the links into them (shoppers->api, api->web, web->orders, orders->payments);
 * payments gets 27.0 tries per user request. Its edges to 15 s: orders->payments 1,788 calls, 1,788 + 2,781 retries.
 */
const CLI_TRIES_14_TO_15 = { 'shoppers->api': 33, 'api->web': 94, 'web->orders': 282, 'orders->payments': 828 };

/** Every link label's text, by link ("orders->payments": "828 req/s"). */
const labels = (page: Page) =>
  page.evaluate(() =>
    Object.fromEntries(Array.from(document.querySelectorAll('[data-testid="topology"] .topo-edge-label')).map((t) => [t.getAttribute('data-label-edge') ?? '', t.textContent ?? ''])),
  );
/** A label's leading figure: "1,026 req/s ..." or "1.0k/s" as a number. */
const figure = (text: string) => {
  const m = text.replace(/,/g, '').match(/^([\d.]+)(k?)/);
  return m ? Number(m[1]) * (m[2] ? 1000 : 1) : NaN;
};

test("retry-storm at 15 s: each link's label counts every try (the CLI's tries sent), so payments' reads about 27x the shoppers', with the retries' share; legend and inspector say tries against calls; presenter labels agree", async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('/?scenario=retry-storm&t=15s');
  await expect(page.getByTestId('sim-time')).toHaveText('15.0 s', { timeout: 60_000 });
  await expect(page.getByTestId('run-status')).toHaveText(/paused|ready|finished/);
  await settled(page);
  await expect
    .poll(async () => {
      const l = await labels(page);
      return Object.keys(CLI_TRIES_14_TO_15).filter((k) => Number.isFinite(figure(l[k] ?? ''))).length;
    }, { timeout: 30_000 })
    .toBe(4);
  const seen: Record<string, string> | null = await untilStill(page, () => labels(page), 'the link labels');
  for (const [link, tries] of Object.entries(CLI_TRIES_14_TO_15)) {
    // The label counts the tries sent in (14 s, 15 s], answered yet or not, as the CLI does: the same figure.
    expect(figure(seen![link]), `${link}: ${seen![link]} against the CLI's ${tries} tries`).toBe(tries);
  }
  const ratio = figure(seen!['orders->payments']) / figure(seen!['shoppers->api']);
  expect(ratio, "payments' tries per shopper's request, as the lesson's 27").toBeGreaterThan(22);
  expect(ratio).toBeLessThan(32);
  // The step lights the retrying links; their labels give the rate alone (the retries' share and failures on hover).
  expect(seen!['orders->payments']).toMatch(/^[\d,]+ req\/s$/);

  if (!(await page.getByTestId('legend').isVisible())) await page.getByTestId('legend-toggle').click();
  const rate = page.getByTestId('legend-rate');
  await expect(rate).toHaveText('req/s: attempts sent, last 1 s');
  await expect(rate).toHaveAttribute('title', /every attempt, retries included, answered yet or not, as Envoy's upstream_rq_total counts them .* its N% retries says the share of the calls ended's attempts that were retries/);
  await saveShot(page, 'callwords-retry-storm-15s-1280x720.png');

  await page.getByTestId('inspector-toggle').click();
  const panel = page.getByTestId('inspector');
  await panel.getByTestId('inspector-picker').selectOption({ label: 'orders → payments' });
  const edge = panel.getByTestId('inspect-edge');
  await expect(edge.getByTestId('edge-rate')).not.toHaveText('—');
  const tries = figure((await edge.getByTestId('edge-rate').textContent())!);
  const calls = figure((await edge.getByTestId('edge-calls-rate').textContent())!);
  // The inspector's req/s is the label's figure; its calls ended/s a third of it (3 tries a call, every one failing: 828 and 276).
  expect(`${await edge.getByTestId('edge-rate').textContent()} req/s`).toBe(seen!['orders->payments'].split(' · ')[0]);
  expect(tries / calls).toBeCloseTo(3, 1);
  await expect(edge.locator('dt', { hasText: 'req/s sent (every attempt), last second' })).toHaveAttribute('title', /every attempt, retries included, answered yet or not/);
  await expect(edge.locator('dt', { hasText: 'calls ended/s, last second' })).toHaveAttribute('title', /a retried call counted once \(Envoy's upstream_rq_completed/);
  await expect(edge.locator('dt', { hasText: 'attempts per call, this hop, since the start' })).toHaveAttribute('title', /a call's first attempt and each retry/);
  // Since the start, as the CLI's edge: 1,788 calls and 2,781 retries, 2.56 tries a call (retries of calls still open aside).
  const perCall = Number(await edge.getByTestId('edge-attempts').textContent());
  expect(perCall).toBeGreaterThan(2.4);
  expect(perCall).toBeLessThan(2.7);
  await saveShot(page, 'callwords-retry-storm-inspector-1280x720.png');
  await page.getByTestId('inspector-close').click();

  // Presenter mode, as the teacher projects it: the short labels ("828/s") say the same tries.
  for (const [w, h] of [
    [1280, 720],
    [1024, 768],
  ] as const) {
    await page.setViewportSize({ width: w, height: h });
    if ((await page.locator('.app.presenter').count()) === 0) {
      await page.locator('body').click({ position: { x: 5, y: 5 } });
      await page.keyboard.press('f');
      await expect(page.locator('.app.presenter')).toHaveCount(1);
    }
    await settled(page);
    const shown = await untilStill(page, () => labels(page), 'the presenter labels');
    const pay = figure(shown['orders->payments'] ?? '');
    expect(pay, JSON.stringify(shown)).toBeCloseTo(figure(seen!['orders->payments']), -1);
    await saveShot(page, `callwords-retry-storm-presenter-${w}x${h}.png`);
  }
});
