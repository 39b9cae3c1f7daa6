// Session 51, G3: an injected certificate expiry says what it is doing, under its own item in the Faults list.
// 1. How many connections opened before the expiry still carry requests (live, as the run plays; the link inspector's
//    edge-expiry line counts the same per link), and once none is left, that the expiry refuses every new handshake;
//    the lever ("Apply now: maxConnectionDuration 1s on ledger") is there too, not only in the form's note.
// 3. After Inject and Apply now, Share: the link opened in a fresh browser context has the same fault, the same change,
//    the same failures and the same trace hash.
// Screenshots at 1024x768 and 1600x1000.
import { expect, type Locator, type Page } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { settled } from './fixtures/settle';
import { saveShot } from './fixtures/shots';
import { pickBridgeExpiry } from './fixtures/bridgeExpiry';
import { sharedLink } from './fixtures/share';

async function paused(page: Page) {
  await expect(page.getByTestId('run-status')).toHaveText(/paused|ready|finished/, { timeout: 60_000 });
}

/** Seconds on (Shift+→ each), to `to` s, paused. */
async function onTo(page: Page, seconds: number, to: number) {
  await page.locator('body').click({ position: { x: 2, y: 2 } });
  for (let i = 0; i < seconds; i++) await page.keyboard.press('Shift+ArrowRight');
  await expect(page.getByTestId('sim-time')).toHaveText(new RegExp(`^${to}\\.00? s$`), { timeout: 60_000 });
  await paused(page);
}

/** At 1024x768 and 1600x1000: settled, `el` in view, `check` run, a screenshot `name`-WxH.png. */
async function shots(page: Page, el: Locator, name: string, check: () => Promise<void> = async () => {}) {
  for (const [width, height] of [
    [1024, 768],
    [1600, 1000],
  ] as const) {
    await page.setViewportSize({ width, height });
    await settled(page);
    await el.scrollIntoViewIfNeeded();
    await check();
    await saveShot(page, `${name}-${width}x${height}.png`);
  }
}

/** What the run shows of the fault, the change and the failures, and its trace hash. */
async function moment(page: Page) {
  const item = page.getByTestId('fault-list').getByTestId('fault-item').filter({ hasText: 'expire certificates' });
  return {
    fault: await item.locator('.fault-what').textContent(),
    refusals: await item.getByTestId('fault-refusals').textContent(),
    open: await item.getByTestId('fault-open-before').textContent(),
    change: await page.getByTestId('change-item').textContent(),
    failed: await page.getByTestId('failed-count').textContent(),
    causes: await page.getByTestId('failure-causes').textContent(),
    hash: await page.getByTestId('trace-hash').textContent(),
  };
}

test("an expiry injected on the bridge's payments identity: its item counts the connections opened before it still carrying requests, offers Apply now, then says it refuses every new handshake; the share link opened fresh has the same fault, change, failures and hash", async ({ page, browser }) => {
  test.setTimeout(300_000);
  await pickBridgeExpiry(page);
  await page.getByTestId('fault-target').selectOption({ label: 'gateway payments-bridge: its payments identity' });
  await page.getByTestId('fault-inject').click();
  const item = page.getByTestId('fault-list').getByTestId('fault-item').filter({ hasText: 'expire certificates' });
  await expect(item).toHaveCount(1);
  // 1: at 8 s, the bridge's connections to ledger opened before the expiry: counted, and the lever beside them.
  const open = item.getByTestId('fault-open-before');
  await expect(open).toHaveText(/^[1-9][\d,]* connections? opened before the expiry still carr(y|ies) requests: no new handshake on (it|them)$/, { timeout: 30_000 });
  const count = Number(await open.getAttribute('data-open'));
  expect(count).toBeGreaterThan(0);
  const apply = item.getByTestId('fault-lever-apply');
  await expect(apply).toHaveText('Apply now: maxConnectionDuration 1s on ledger');
  // The link inspector's edge-expiry line on payments-bridge -> ledger counts the same connections.
  await page.getByTestId('inspector-toggle').click();
  const picker = page.getByTestId('inspector').getByTestId('inspector-picker');
  const edge = await picker.locator('option[value^="edge:"]', { hasText: /payments-bridge\W+ledger/ }).getAttribute('value');
  await picker.selectOption(edge!);
  await expect(page.getByTestId('inspector').getByTestId('edge-expiry')).toContainText(new RegExp(`^${count.toLocaleString('en-US')} connections? opened before the expiry still in use`));
  await shots(page, item, 'expiryholds-open', async () => {
    // The lever sits inside the item, under its lines, not in the clear button's column.
    const [b, i] = [(await apply.boundingBox())!, (await item.boundingBox())!];
    expect(b.x + b.width).toBeLessThanOrEqual(i.x + i.width + 0.5);
    expect(b.y).toBeGreaterThan((await open.boundingBox())!.y);
  });
  await page.setViewportSize({ width: 1024, height: 768 });
  await apply.click();
  await expect(item.getByTestId('fault-lever-applied')).toContainText('Made now');
  await expect(page.getByTestId('change-item')).toHaveCount(1);
  // Made: not offered again.
  await expect(apply).toHaveCount(0);
  // Ledger closes each connection a second after it opened: by 12 s none opened before the expiry is left, and the
  // new handshakes are refused.
  await onTo(page, 4, 12);
  await expect(open).toHaveText('no connection opened before the expiry is left: it refuses every new handshake now');
  await expect(item.getByTestId('fault-refusals')).toHaveText(/^first handshake refused at \d+\.\d\d s: certificate expired \(tls-expired-cert\); [\d,]+ so far$/);
  await expect(page.getByTestId('failure-causes')).toContainText('tls-expired-cert');
  await shots(page, item, 'expiryholds-none-left');
  // 3: Share, and the link in a fresh context.
  const before = await moment(page);
  const link = await sharedLink(page);
  expect(link).toContain('faults=');
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  try {
    const fresh = await context.newPage();
    await fresh.goto(link);
    await expect(fresh.getByTestId('sim-time')).toHaveText(/^12\.00? s$/, { timeout: 90_000 });
    await paused(fresh);
    await settled(fresh);
    await expect(fresh.getByTestId('link-problems')).toHaveCount(0);
    await expect.poll(() => moment(fresh), { timeout: 30_000 }).toEqual(before);
    // Made by the recipe there, so not offered.
    await expect(fresh.getByTestId('fault-lever-apply')).toHaveCount(0);
    await shots(fresh, fresh.getByTestId('fault-list').getByTestId('fault-item').first(), 'expiryholds-link');
  } finally {
    await context.close();
  }
});
