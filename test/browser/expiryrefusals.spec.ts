// Session 45 (U1), trial N14's rest. (1) After "expire certificates now" the first new handshake refused showed only in
// the link inspector: the strip now says '· 1 handshake refused / tls-expired-cert from 8.41 s' beside FAILED (0 failed:
// the refused connect's request was retried on an open connection), and the fault's line in the Faults list says when
// the first was refused. (2) The expiry note is short, the rest behind "why?". (3) Its lever is a button that fills the
// Config change form; the person presses Apply, and the share link keeps the change. (5) "N more ↓" under the request
// list covers no row at 1024x768.
import { expect, type Page } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { saveShot } from './fixtures/shots';
import { pickBridgeExpiry } from './fixtures/bridgeExpiry';

async function paused(page: Page) {
  await expect(page.getByTestId('run-status')).toHaveText(/paused|ready|finished/, { timeout: 60_000 });
}

/** One second on (Shift+→), to `to` s, paused. */
async function secondOn(page: Page, to: number) {
  await page.locator('body').click({ position: { x: 2, y: 2 } });
  await page.keyboard.press('Shift+ArrowRight');
  await expect(page.getByTestId('sim-time')).toHaveText(new RegExp(`^${to}\\.00? s$`), { timeout: 60_000 });
  await paused(page);
}

/** Lines an inline text takes: its line boxes' distinct tops. */
const lines = (page: Page, testId: string) => page.getByTestId(testId).evaluate((el) => new Set(Array.from(el.getClientRects(), (r) => Math.round(r.top))).size);

test("an expiry on the bridge: the note in 4 lines at most with its why behind 'why?', the strip and the fault's line say the first handshake refused while 0 fail, and the lever's button fills the Config change that makes checkouts fail (1024x768, 1600x1000)", async ({ page }) => {
  test.setTimeout(240_000);
  await pickBridgeExpiry(page);
  const short = page.getByTestId('fault-target-note-short');
  await expect(short).toHaveText("Both of payments-bridge's certificates expire now. Open connections carry on: at first nothing may fail.");
  // At most four lines in the left panel at 1024x768 (it ran ~20).
  const shortLines = await lines(page, 'fault-target-note-short');
  expect(shortLines).toBeGreaterThanOrEqual(2);
  expect(shortLines).toBeLessThanOrEqual(4);
  // The note, its why and its button wrap inside the faults panel: none past its edge (a button's one line widened the form).
  const inside = await page.getByTestId('fault-target-note').evaluate((el) => {
    const panel = el.closest('aside')!;
    const p = panel.getBoundingClientRect();
    return [el, ...Array.from(el.querySelectorAll('*'))].every((x) => x.getBoundingClientRect().right <= p.right + 0.5) && el.scrollWidth <= el.clientWidth + 1;
  });
  expect(inside, 'the note inside the panel').toBe(true);
  const why = page.getByTestId('fault-target-note-why');
  await expect(why.locator('p')).toBeHidden();
  const lever = page.getByTestId('fault-target-note-lever');
  await expect(lever).toHaveText('Fill in: maxConnectionDuration 1s on ledger');
  await page.getByTestId('fault-target-note').scrollIntoViewIfNeeded();
  await saveShot(page, 'expiryrefusals-note-1024x768.png');
  await why.locator('summary').click();
  await expect(why.locator('p')).toContainText('TLS checks a certificate only at the handshake (RFC 8446 4.4.2.4)');
  await expect(why.locator('p')).toContainText('service policy on ledger, {"policy": {"maxConnectionDuration": "1s"}}');
  await saveShot(page, 'expiryrefusals-why-1024x768.png');
  await why.locator('summary').click();

  // Injected at 8 s, one second on: a handshake was refused (the bridge's pool opened a connection), no request failed.
  await page.getByTestId('fault-inject').click();
  const item = page.getByTestId('fault-list').getByTestId('fault-item').filter({ hasText: 'expire certificates' });
  await expect(item).toHaveCount(1);
  await secondOn(page, 9);
  await expect(page.getByTestId('failed-count')).toHaveText('0');
  const strip = page.getByTestId('expired-handshakes');
  // Narrow: '· 1 refused' over 'tls-expired-cert'; the title says it whole.
  await expect(strip).toHaveText(/^· [1-9]\d* refused\s+tls-expired-cert$/, { useInnerText: true });
  await expect(strip).toHaveAttribute('title', /^[1-9]\d* handshakes? refused: a certificate had expired \(tls-expired-cert, Envoy's ssl\.fail_verify_error\)\. The first at 8\.\d\d s on /);
  const count = Number(await strip.getAttribute('data-count'));
  const first = Number(await strip.getAttribute('data-first-ms'));
  expect(count).toBeGreaterThan(0);
  expect(first).toBeGreaterThan(8000);
  expect(first).toBeLessThan(9000);
  const line = item.getByTestId('fault-refusals');
  await expect(line).toHaveText(`first handshake refused at ${(first / 1000).toFixed(2)} s: certificate expired (tls-expired-cert); ${count} so far`);
  // The strip's two lines fit in FAILED's figure, the count not covered.
  const [s, f] = [(await strip.boundingBox())!, (await page.getByTestId('failed-count').boundingBox())!];
  expect(s.x).toBeGreaterThanOrEqual(f.x + f.width);
  await saveShot(page, 'expiryrefusals-strip-1024x768.png');
  // A press opens the link the first was refused on, whose inspector counts the same.
  await strip.click();
  await expect(page.getByTestId('inspector').getByTestId('edge-expiry')).toContainText(/new handshakes? failed since, the first at 8\.\d s \(tls-expired-cert\)/);
  await page.setViewportSize({ width: 1600, height: 1000 });
  await expect(strip).toHaveText(`· ${count} ${count === 1 ? 'handshake' : 'handshakes'} refused tls-expired-cert from ${(first / 1000).toFixed(2)} s`, { useInnerText: true });
  await saveShot(page, 'expiryrefusals-strip-1600x1000.png');

  // The lever's button fills the Config change form; nothing is applied until Apply.
  await page.getByTestId('fault-type').selectOption('expire-certificates');
  await page.getByTestId('fault-target').selectOption({ label: 'gateway payments-bridge: both identities' });
  await page.getByTestId('fault-target-note-lever').click();
  await expect(page.getByTestId('change-type')).toHaveValue('policy');
  await expect(page.getByTestId('change-target')).toHaveValue('ledger');
  expect(JSON.parse(await page.getByTestId('change-details').inputValue())).toEqual({ policy: { maxConnectionDuration: '1s' } });
  await expect(page.getByTestId('change-apply')).toBeFocused();
  await expect(page.getByTestId('change-item')).toHaveCount(0);
  await saveShot(page, 'expiryrefusals-lever-1600x1000.png');
  await page.getByTestId('change-apply').click();
  await expect(page.getByTestId('change-item')).toHaveCount(1);
  await secondOn(page, 10);
  await secondOn(page, 11);
  await expect(page.getByTestId('failure-causes')).toContainText('tls-expired-cert');
  await expect.poll(async () => Number(await strip.getAttribute('data-count'))).toBeGreaterThan(100);
  await page.setViewportSize({ width: 1024, height: 768 });
  await saveShot(page, 'expiryrefusals-lever-failing-1024x768.png');

  // The run's recipe keeps the change: the address bar's link opens the same run, change and all.
  const hash = await page.getByTestId('trace-hash').textContent();
  await expect.poll(() => page.url()).toMatch(/t=11(\.0+)?s/);
  const fresh = await page.context().newPage();
  await fresh.setViewportSize({ width: 1024, height: 768 });
  await fresh.goto(page.url());
  await expect(fresh.getByTestId('trace-hash')).toHaveText(hash!, { timeout: 120_000 });
  await expect(fresh.getByTestId('change-item')).toHaveCount(1);
  await expect(fresh.getByTestId('expired-handshakes')).toHaveAttribute('data-count', await strip.getAttribute('data-count') as string);
  await fresh.close();
});

test("partial-adoption at 1024x768 with a request picked: 'N more ↓' sits under the list's fold and covers no row", async ({ page }) => {
  test.setTimeout(120_000);
  for (const size of [
    { width: 1024, height: 768 },
    { width: 1600, height: 1000 },
  ]) {
    await page.setViewportSize(size);
    await page.goto('/?scenario=partial-adoption&t=14.5s');
    await paused(page);
    await page.getByTestId('inspector-toggle').click();
    const panel = page.getByTestId('inspector');
    await panel.getByTestId('failed-only').check();
    const list = panel.getByTestId('request-list');
    await list.locator('[data-request-id]').first().click();
    await expect(panel.getByTestId('waterfall')).toBeVisible();
    // Picked, the list folds to its row; unfolded under the waterfall, it keeps a share of the panel.
    await panel.getByTestId('request-list-unfold').click();
    const more = panel.getByTestId('request-list-more');
    await expect(more).toHaveText(/^\d+ more ↓$/);
    // Every row's shown part (inside the list's box) lies above the button: none under it.
    const overlap = await panel.evaluate((p) => {
      const l = p.querySelector('.request-list')!.getBoundingClientRect();
      const b = p.querySelector('.request-list-more')!.getBoundingClientRect();
      let worst = 0;
      for (const r of Array.from(p.querySelectorAll('.request-row'))) {
        const rr = r.getBoundingClientRect();
        const top = Math.max(rr.top, l.top, b.top);
        const bottom = Math.min(rr.bottom, l.bottom, b.bottom);
        worst = Math.max(worst, bottom - top);
      }
      return { worst, listBottom: l.bottom, buttonTop: b.top };
    });
    expect(overlap.worst, 'px of a row under the button').toBeLessThanOrEqual(0.5);
    expect(overlap.buttonTop).toBeGreaterThanOrEqual(overlap.listBottom - 0.5);
    await saveShot(page, `expiryrefusals-more-${size.width}x${size.height}.png`);
  }
});
