// The before/after twins of session 44 (trial N13: partial-adoption, control-plane-boundary and
// third-party-service had nothing to compare against): each pair opened from a picker, as a person
// does (the single view's "Compare side by side" list for the first, the compare view's own
// picker for the others), sent to its end, its figures table read for the lesson's number, and
// looked at in screenshots at 1600x1000 and 1024x768. One load a pair.
import { expect, type Page } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { saveShot } from './fixtures/shots';

/** Waits until no seek runs, neither pane is being brought up to the other, and both stand still. */
async function settled(page: Page) {
  await expect(page.getByTestId('timeline-seeking')).toHaveCount(0, { timeout: 60_000 });
  await expect(page.getByTestId('run-status')).not.toHaveAttribute('data-settling', /./);
  await expect(page.getByTestId('run-status')).toHaveText(/paused|ready|finished/, { timeout: 60_000 });
}

const pane = (page: Page, side: 'A' | 'B') => page.locator(`[data-testid="compare-pane"][data-side="${side}"]`);
const diffCell = (page: Page, key: string, side: 'A' | 'B') => page.locator(`[data-testid="metrics-diff"] tr[data-key="${key}"] td[data-side="${side}"]`);
const diffValue = async (page: Page, key: string, side: 'A' | 'B') => Number(await diffCell(page, key, side).getAttribute('data-value'));
const paneValue = async (page: Page, side: 'A' | 'B', id: string) => Number(await pane(page, side).getByTestId(id).getAttribute('data-value'));

/** Waits for `pair` to open, seeks both runs to the end, and returns each pane's failed share of sent. */
async function toEnd(page: Page, pair: string) {
  await expect(page.getByTestId('compare-pane')).toHaveCount(2, { timeout: 60_000 });
  await expect(page.getByTestId('compare-select')).toHaveValue(pair);
  await settled(page);
  await page.locator('body').press('End');
  await expect(page.getByTestId('run-status')).toHaveText(/finished/, { timeout: 120_000 });
  await settled(page);
  const share = async (side: 'A' | 'B') => (await paneValue(page, side, 'pane-failed')) / (await paneValue(page, side, 'pane-sent'));
  return { failedA: await share('A'), failedB: await share('B') };
}

/** Screenshots at both sizes, the smaller after the picture settles into it. */
async function shots(page: Page, name: string) {
  await page.setViewportSize({ width: 1600, height: 1000 });
  await expect(page.getByTestId('metrics-diff')).toBeVisible();
  await saveShot(page, `twin-${name}-1600x1000.png`);
  await page.setViewportSize({ width: 1024, height: 768 });
  await expect(page.getByTestId('metrics-diff')).toBeVisible();
  await saveShot(page, `twin-${name}-1024x768.png`);
  await page.setViewportSize({ width: 1600, height: 1000 });
}

test('each before/after twin opens from a picker and its figures table reads the fix: failed 18.6% -> 0% (partial adoption), 23.9% -> 0% (control plane), partner calls 1,847 -> 1,203 (egress gateway)', async ({ page }) => {
  test.setTimeout(6 * 60_000);
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto('/?scenario=partial-adoption');
  const pick = page.getByTestId('compare-pair').filter({ hasText: 'Partial adoption: a team without sidecars vs with' });
  await expect(pick).toHaveAttribute('title', /^partial-adoption and partial-adoption-fixed on one seed and one clock: B gives reports and search sidecars/);
  // The scenario open is one of the pair: the picker marks it.
  await expect(pick).toHaveClass(/pair-current/);
  await pick.click();

  await test.step('partial adoption: with sidecars on reports and search, 18.6% of requests failing (every analyst call refused, 5% of searches) become 0.01%', async () => {
    const r = await toEnd(page, 'partial-adoption,partial-adoption-fixed');
    expect(r.failedA).toBeGreaterThan(0.18);
    expect(r.failedA).toBeLessThan(0.19);
    expect(r.failedB).toBeLessThan(0.001);
    // The table's rows say why: every refusal gone (17% of all requests in A), and orders now gets reports' calls too.
    expect(await diffValue(page, 'cause:tls-plaintext-rejected', 'A')).toBeGreaterThan(0);
    await expect(diffCell(page, 'cause:tls-plaintext-rejected', 'B')).toHaveText('0.0%');
    expect((await diffValue(page, 'svc:orders', 'B')) / (await diffValue(page, 'svc:orders', 'A'))).toBeGreaterThan(2);
    await shots(page, 'partial-adoption');
  });

  await test.step('control-plane reach: with a control plane behind the boundary, 23.9% failing (no-config) become 0%', async () => {
    await page.getByTestId('compare-select').selectOption('control-plane-boundary,control-plane-boundary-fixed');
    const r = await toEnd(page, 'control-plane-boundary,control-plane-boundary-fixed');
    expect(r.failedA).toBeGreaterThan(0.22);
    expect(r.failedA).toBeLessThan(0.26);
    expect(r.failedB).toBe(0);
    await expect(pane(page, 'B').locator('[data-node="control-plane:payments"]')).toHaveCount(1);
    await expect(diffCell(page, 'cause:no-config', 'B')).toHaveText('0.0%');
    expect(await diffValue(page, 'svc:ledger', 'A')).toBe(0);
    expect(await diffValue(page, 'svc:ledger', 'B')).toBeGreaterThan(19);
    // Nothing retries the no-config 503s any more: 9,393 retries in A, none in B.
    expect(await diffValue(page, 'retries', 'A')).toBeGreaterThan(9000);
    expect(await diffValue(page, 'retries', 'B')).toBe(0);
    await shots(page, 'control-plane-boundary');
  });

  await test.step('a third party: through the egress gateway the partner gets 1,203 calls, not 1,847, and a third of quotes get 429', async () => {
    await page.getByTestId('compare-select').selectOption('third-party-direct,third-party-service');
    const r = await toEnd(page, 'third-party-direct,third-party-service');
    expect(r.failedA).toBe(0);
    expect(r.failedB).toBeGreaterThan(0.2);
    await expect(pane(page, 'B').locator('[data-node="egress"]')).toHaveCount(1);
    await expect(pane(page, 'A').locator('[data-node="egress"]')).toHaveCount(0);
    // The lesson's number: the partner's calls a second, 31 directly (1,847 in the minute) and 20 through the gateway (its contract).
    const partner = { a: await diffValue(page, 'svc:shipping-partner', 'A'), b: await diffValue(page, 'svc:shipping-partner', 'B') };
    expect(partner.a).toBeGreaterThan(30);
    expect(partner.b).toBeLessThanOrEqual(20.2);
    await expect(diffCell(page, 'cause:rate-limited', 'A')).toHaveText('0.0%');
    await shots(page, 'third-party');
  });
});
