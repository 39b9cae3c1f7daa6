// A policy change that does nothing says why, and who overrides it (a new user's report: in
// retry-storm, "retries.attempts 0 on web" branched into a B with exactly A's figures, because
// gateway api's route sets its own retries for web, and in Envoy the caller's route policy is the
// one that retries). The form warns and offers the change that acts; the branch is allowed,
// labelled "no effect", and offers the same; taken, B's attempts at payments per user request fall.
import { expect, type Page } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { saveShot } from './fixtures/shots';
import { settled as layoutSettled } from './fixtures/settle';
import { fillChange } from './fixtures/changeForm';

/** The form's first change as its details box lays it out (details.ts formatDetails: 26 characters a line). */
const NO_RETRIES = '{\n  "policy": {\n    "retries": {\n      "attempts": 0\n    }\n  }\n}';

const WARNING = "web's retries are overridden on its only path: gateway api sets its own retries for web (attempts 2 on 5xx). This change will not alter any request.";
const OWNER = "Who owns it: the proxy that sends a request applies its retries, so the caller's own route setting wins over the callee's (here gateway api's).";

const pane = (page: Page, side: 'A' | 'B') => page.locator(`[data-testid="compare-pane"][data-side="${side}"]`);
const paneValue = async (page: Page, side: 'A' | 'B', id: string) => (await pane(page, side).getByTestId(id).getAttribute('data-value'))!;
const diffValue = async (page: Page, key: string, side: 'A' | 'B') => Number(await page.locator(`[data-testid="metrics-diff"] tr[data-key="${key}"] td[data-side="${side}"]`).getAttribute('data-value'));

async function settled(page: Page) {
  await expect(page.getByTestId('timeline-seeking')).toHaveCount(0);
  await expect(page.getByTestId('run-status')).toHaveText(/paused|ready|finished/);
}

/** Both runs at their end (40 s): attempts at payments per user request, and tries per user request over every hop. */
async function figuresAtEnd(page: Page) {
  await page.keyboard.press('End');
  await settled(page);
  await expect.poll(() => paneValue(page, 'A', 'pane-time')).toBe('40000');
  await expect.poll(() => paneValue(page, 'B', 'pane-time')).toBe('40000');
  await expect(page.getByTestId('metrics-diff')).toHaveAttribute('data-at', '40000');
  const at = async (side: 'A' | 'B') => ({ payments: (await diffValue(page, 'svc:payments', side)) / (await diffValue(page, 'rps', side)), tries: await diffValue(page, 'tries', side) });
  return { a: await at('A'), b: await at('B') };
}

/**
 * The no-effect branch's banner counted in the compare layout at the page's size (`h` its
 * height): the banner whole under the header, both panes with their counters above the timeline,
 * the timeline in sight. Saves a screenshot named for `w`.
 */
async function bannerLayout(page: Page, w: number, h: number) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await layoutSettled(page);
  const at = await page.evaluate(() => {
    const box = (el: Element | null) => {
      const r = el!.getBoundingClientRect();
      return { top: Math.round(r.top), bottom: Math.round(r.bottom) };
    };
    const banner = document.querySelector('[data-testid="branch-reach"]') as HTMLElement;
    return {
      header: box(document.querySelector('.compare-header')),
      banner: { ...box(banner), clipped: banner.scrollHeight > banner.clientHeight + 1 || banner.scrollWidth > banner.clientWidth + 1 },
      timelineTop: box(document.querySelector('.compare-timeline')).top,
      panes: Array.from(document.querySelectorAll('[data-testid="compare-pane"]')).map((p) => ({ side: p.getAttribute('data-side'), pane: box(p), counters: box(p.querySelector('.compare-counters')) })),
    };
  });
  await saveShot(page, `override-banner-layout-${w}.png`);
  console.log(`${w}x${h}: banner layout ${JSON.stringify(at)}`);
  // The banner under the header, its text whole.
  expect(at.banner.top, `${w}x${h}`).toBeGreaterThanOrEqual(at.header.bottom - 1);
  expect(at.banner.clipped, `${w}x${h}`).toBe(false);
  expect(at.banner.bottom, `${w}x${h}`).toBeLessThanOrEqual(at.timelineTop);
  for (const p of at.panes) {
    expect(p.pane.top, `${p.side} pane at ${w}x${h}`).toBeGreaterThanOrEqual(at.banner.bottom - 1);
    expect(p.counters.bottom, `${p.side} counters at ${w}x${h}`).toBeLessThanOrEqual(at.timelineTop);
    expect(p.pane.bottom, `${p.side} pane at ${w}x${h}`).toBeLessThanOrEqual(at.timelineTop);
  }
  // The timeline sits at the window's bottom (sticky), all of it in sight.
  expect(at.timelineTop, `${w}x${h}`).toBeLessThan(h);
}

const SIZES = [
  [1024, 768],
  [1600, 1000],
] as const;

// One flow at 1024x768, the window made 1600x1000 and back at each picture the sizes may draw
// differently (the form, the banner's layout, the alternative's panes): the runs and their figures
// do not depend on the window, and running the whole flow once a size took this file 48 s of its 64.
test(`retry-storm: retries 0 on web warns that gateway api overrides it; its no-effect branch's banner is counted in the compare layout and says its two trace hashes differ by the change's own record only, the banner whole and both panes with their counters above the timeline; the offered change on api's route acts (${SIZES.map(([w, h]) => `${w}x${h}`).join(' and ')})`, async ({ page }) => {
  // Three runs to their end and the banner measured at both sizes twice: 90 s was too few at load 30.
  test.setTimeout(180_000);
  const atEachSize = async (what: (w: number, h: number) => Promise<void>) => {
    for (const [w, h] of SIZES) {
      await page.setViewportSize({ width: w, height: h });
      await layoutSettled(page);
      await what(w, h);
    }
  };
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.goto('/?scenario=retry-storm&t=12s');
  await expect(page.getByTestId('run-status')).toHaveText(/paused|ready/);
  // The form starts on a change that acts: orders' retries (web's are the gateway's to set).
  await expect(page.getByTestId('change-target')).toHaveValue('orders');
  await expect(page.getByTestId('change-details')).toHaveValue(NO_RETRIES);
  await expect(page.getByTestId('change-reach')).toHaveCount(0);
  // The new user's change: web, no retries.
  await page.getByTestId('change-target').selectOption('web');
  await expect(page.getByTestId('change-details')).toHaveValue(NO_RETRIES);
  const warn = page.getByTestId('change-reach');
  await expect(warn).toContainText(`${WARNING} ${OWNER} You may still branch`);
  await expect(warn).toHaveAttribute('data-reach', 'none');
  await expect(page.getByTestId('change-alternative')).toHaveText("Change retries on gateway api's route 0 instead");
  await atEachSize(async (w) => {
    await warn.scrollIntoViewIfNeeded();
    await expect(warn).toBeInViewport();
    await saveShot(page, `override-form-${w}.png`);
  });

  // Branching anyway is allowed (to show the no-op), and labelled as such.
  await page.locator('body').click({ position: { x: 2, y: 2 } });
  await page.keyboard.press('b');
  await expect(page.getByTestId('compare-pane')).toHaveCount(2);
  await settled(page);
  const banner = page.getByTestId('branch-reach');
  await expect(banner).toContainText(`B's change (retries.attempts 0 on web) alters no request: ${WARNING} ${OWNER} So B runs as A does`);
  await expect(pane(page, 'B').getByTestId('compare-pane-title')).toContainText('B · with retries.attempts 0 on web at 12.0 s · no effect');
  await atEachSize(async (w, h) => {
    await saveShot(page, `override-branch-${w}.png`);
    await bannerLayout(page, w, h);
  });
  const noop = await figuresAtEnd(page);
  // At the end of two runs that never differ, the timeline says so for the whole run, not "yet".
  await expect(page.getByTestId('divergence-text')).toHaveText(/^No visible difference in the whole run \(to 40\.0 s\): a first failure in one run only/);
  // The same run: the same attempts everywhere, to the last request.
  expect(await paneValue(page, 'B', 'pane-hash')).not.toBe('');
  expect(noop.b).toEqual(noop.a);
  // Yet two hashes (trial N15, 6): the change's own record, its config push to every sidecar
  // (6 events at 12.10 s), is in B's hashed events; the banner says so, checked on the counters
  // (test/ui/changes/hashNote.test.ts: every other event the same, in the same order).
  expect(await paneValue(page, 'A', 'pane-hash')).toBe('9562ddebce6ca1ed');
  expect(await paneValue(page, 'B', 'pane-hash')).toBe('c866d09bb7cadc14');
  await expect(page.getByTestId('branch-hash-note')).toHaveText("The trace hashes differ by the change's own record only (its config push to 6 proxies: 6 events more in B); every request the same.");
  await expect(banner).toContainText('So B runs as A does');
  await atEachSize(async (w, h) => {
    await saveShot(page, `override-branch-end-${w}.png`);
    await bannerLayout(page, w, h);
  });
  // As the CLI counts it (test/cli/changeReach.test.ts): 16,814 tries at payments for 1,648 user requests.
  expect(noop.a.payments).toBeCloseTo(16814 / 1648, 3);

  // The offered alternative: the same field on the caller that owns it, from the same point.
  await page.getByTestId('branch-alternative').click();
  await expect(page.getByTestId('compare-pane')).toHaveCount(2);
  await settled(page);
  await expect.poll(() => paneValue(page, 'B', 'pane-time')).toBe('12000');
  await expect(pane(page, 'B').getByTestId('compare-pane-title')).toContainText('B · with retries.attempts 0 on api route 0 at 12.0 s');
  await expect(pane(page, 'B').getByTestId('compare-pane-title')).not.toContainText('no effect');
  await expect(page.getByTestId('branch-reach')).toHaveCount(0);
  const acts = await figuresAtEnd(page);
  expect(acts.a).toEqual(noop.a);
  // The gateway stops retrying web: fewer attempts at payments per user request, and fewer tries in all.
  expect(acts.b.payments).toBeLessThan(acts.a.payments * 0.75);
  // The CLI's run of the same change made at 5 s sends 6,400 (test/cli/changeReach.test.ts); from 12 s, B is between.
  expect(acts.b.payments).toBeGreaterThan(6400 / 1648);
  expect(acts.b.tries).toBeLessThan(acts.a.tries);
  await atEachSize(async (w) => {
    await saveShot(page, `override-alternative-${w}.png`);
  });
  console.log(`attempts at payments per user request A ${acts.a.payments.toFixed(2)}, B ${acts.b.payments.toFixed(2)}; tries per user request A ${acts.a.tries.toFixed(2)}, B ${acts.b.tries.toFixed(2)}`);
});

test("the form judges a change in the design as the run has it: config-rollout's own change at 20 s, made again after it, is said to change nothing", async ({ page }) => {
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto('/?scenario=config-rollout&t=15s');
  await expect(page.getByTestId('run-status')).toHaveText(/paused|ready/);
  await fillChange(page, 'policy', 'payments', '{"policy": {"retries": {"attempts": 2, "retryOn": ["5xx"], "backoff": {"base": "10ms"}}}}');
  // At 15 s payments still has the file's retries 0: this change acts.
  await page.waitForTimeout(400);
  await expect(page.getByTestId('change-reach')).toHaveCount(0);
  await page.locator('body').click({ position: { x: 2, y: 2 } });
  for (let i = 0; i < 6; i++) await page.keyboard.press('Shift+ArrowRight');
  await expect(page.getByTestId('sim-time')).toHaveText('21.0 s');
  await expect(page.getByTestId('change-reach')).toContainText("No effect. The change sets payments' policy to what it already is. This change will not alter any request.");
  await expect(page.getByTestId('change-alternative')).toHaveCount(0);
});

test("a change the run would refuse is named under the form, and b does not branch without it: l4-vs-l7's timeout on postgres (TCP)", async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.goto('/?scenario=l4-vs-l7&t=10s');
  await expect(page.getByTestId('run-status')).toHaveText(/paused|ready/);
  await fillChange(page, 'policy', 'postgres', '{"policy": {"timeout": "1ms"}}');
  // Not a reach warning ("already in force"): the run refuses it, at its field.
  await expect(page.getByTestId('change-problems')).toHaveText('change.policy.timeout: L7 policies do not apply to a TCP service ("postgres" has "protocol": "tcp"); only circuitBreaker, connectTimeout, maxConnectionDuration and loadBalancer do');
  await expect(page.getByTestId('change-reach')).toHaveCount(0);
  await page.locator('body').click({ position: { x: 2, y: 2 } });
  await page.keyboard.press('b');
  await page.waitForTimeout(500);
  // B would have run without it, as A: the form keeps the single view and says why.
  await expect(page.getByTestId('compare-pane')).toHaveCount(0);
  await expect(page.getByTestId('change-problems')).toContainText('change.policy.timeout: L7 policies do not apply');
  // Typed and b pressed at once, before the form's own check: still no branch.
  await page.getByTestId('change-details').fill('{"policy": {"retries": {"attempts": "abc"}}}');
  await page.locator('body').click({ position: { x: 2, y: 2 } });
  await page.keyboard.press('b');
  await expect(page.getByTestId('change-problems')).toHaveText('change.policy.retries.attempts: must be a whole number, 0 or more, got "abc"');
  await page.waitForTimeout(500);
  await expect(page.getByTestId('compare-pane')).toHaveCount(0);
  // A change the run takes: the problem goes, and b branches.
  await page.getByTestId('change-details').fill('{"policy": {"connectTimeout": "1ms"}}');
  await expect(page.getByTestId('change-problems')).toHaveCount(0);
  await page.locator('body').click({ position: { x: 2, y: 2 } });
  await page.keyboard.press('b');
  await expect(page.getByTestId('compare-pane')).toHaveCount(2);
  await expect(pane(page, 'B').getByTestId('compare-pane-title')).toContainText('B · with connectTimeout 1ms on postgres at 10.0 s');
});

test('details that are not a JSON object are named under the form as they are typed, not only on Apply or b (1024x768)', async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.goto('/?scenario=retry-storm&t=12s');
  await expect(page.getByTestId('run-status')).toHaveText(/paused|ready/);
  const details = page.getByTestId('change-details');
  const problems = page.getByTestId('change-problems');
  // Typed, nothing pressed: the problem is said at change.details.
  await details.fill('nope');
  await expect(problems).toContainText('change.details: is not JSON (Unexpected token');
  await expect(problems).toContainText('write the rest of the change as a JSON object, such as {"policy": {"retries": {"attempts": 0}}}');
  await expect(page.getByTestId('change-reach')).toHaveCount(0);
  await problems.scrollIntoViewIfNeeded();
  await saveShot(page, 'override-details-typed-1024.png');
  await details.fill('[]');
  await expect(problems).toHaveText('change.details: must be a JSON object, such as {"policy": {"retries": {"attempts": 0}}}, got a list');
  // b does not branch with it, and says the same.
  await page.locator('body').click({ position: { x: 2, y: 2 } });
  await page.keyboard.press('b');
  await page.waitForTimeout(400);
  await expect(page.getByTestId('compare-pane')).toHaveCount(0);
  await expect(problems).toHaveText('change.details: must be a JSON object, such as {"policy": {"retries": {"attempts": 0}}}, got a list');
  // Mended, the problem goes without a press.
  await details.fill('{"policy": {"retries": {"attempts": 1}}}');
  await expect(problems).toHaveCount(0);
  // Apply's problem goes too once the form is edited: an object again, then a list.
  await details.fill('[1]');
  await page.getByTestId('change-apply').click();
  await expect(problems).toHaveText('change.details: must be a JSON object, such as {"policy": {"retries": {"attempts": 0}}}, got a list');
  await details.fill('{"policy": {"retries": {"attempts": 1}}}');
  await expect(problems).toHaveCount(0);
});
