// A gateway certificate that expires, as a person meets it (DOMAIN.md idea 4; session 38's leftovers):
// 1. two-meshes-cert-expiry: the bridge is cut off from payments' control plane (5 s to 23 s) and its
//    payments certificate (20 s TTL) expires at 20 s. Step 3's figure reads 100% of checkouts failing
//    tls-expired-cert, the bridge -> ledger padlock is broken, Inspect -> payments-bridge says the
//    identity expired and its renewal is failing; step 4 says it renewed at 25 s.
// 2. An expire-certificates fault that names a gateway (and one that names a service) in the file:
//    Inspect says which certificate a fault expired, then that it renewed ("expired at 5.0 s by a
//    fault, renewed at 15.0 s"), for the gateway's identity lines and a sidecar's cert cell alike.
// Screenshots at 1600x1000 and 1024x768.
import { expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { packScenario } from '../../src/ui/recipe/url';
import { test } from './fixtures/sharedPage';
import { settled } from './fixtures/settle';
import { saveShot } from './fixtures/shots';

const SIZES = [
  [1600, 1000],
  [1024, 768],
] as const;

/** Opens the inspector (once) and picks the node or link the picker names `label`. */
async function inspect(page: Page, label: RegExp) {
  const panel = page.getByTestId('inspector');
  if (!(await panel.isVisible())) await page.getByTestId('inspector-toggle').click();
  await expect(panel).toBeVisible();
  const picker = page.getByTestId('inspector-picker');
  const value = await picker.locator('option', { hasText: label }).first().getAttribute('value');
  await picker.selectOption(value!);
  return panel;
}

/**
 * The inspector's identity lines inside the panel, wrapped not cut, and each cert cell's lines
 * whole (the replica table scrolls sideways in a narrow panel, so a cell may lie past its edge).
 */
async function linesInside(page: Page) {
  return page.evaluate(() => {
    const box = document.querySelector('[data-testid="inspector"]')!.getBoundingClientRect();
    const whole = (el: Element) => (el as HTMLElement).scrollWidth <= (el as HTMLElement).clientWidth + 1;
    const ids = Array.from(document.querySelectorAll('[data-testid="inspect-identity"]')).every((el) => {
      const r = el.getBoundingClientRect();
      return r.left >= box.left - 0.5 && r.right <= box.right + 0.5 && whole(el);
    });
    // A cert line is one phrase: one line high (about 1.5 times its font size at most).
    const cells = Array.from(document.querySelectorAll('.replica-cert-line')).every((el) => whole(el) && el.getBoundingClientRect().height <= 1.6 * parseFloat(getComputedStyle(el).fontSize));
    return ids && cells;
  });
}

/** Sizes the page to `size` and waits until its layout stands still. */
async function resizeTo(page: Page, [width, height]: readonly [number, number]) {
  await page.setViewportSize({ width, height });
  await settled(page);
}

// Each test opens its moment once, at 1600x1000, and reads each checkpoint at both sizes in that
// window resized, with the panel open as it was at that checkpoint (before, each size opened and
// sought again: a load and a seek more a test).
const [big, small] = SIZES;

test(`two-meshes-cert-expiry: the bridge's payments certificate expires at 20 s, checkouts fail tls-expired-cert (step 3's 100%), it renews at 25 s (1600x1000 and 1024x768)`, async ({ page }) => {
  test.setTimeout(150_000);
  await page.setViewportSize({ width: big[0], height: big[1] });
  await page.goto('/?scenario=two-meshes-cert-expiry&t=24s');
  await expect(page.getByTestId('sim-time')).toHaveText('24.0 s', { timeout: 60_000 });
  await settled(page);
  for (const size of SIZES) {
    const [w, h] = size;
    await resizeTo(page, size);
    await expect(page.getByTestId('narrative-title')).toHaveText('The payments certificate expires');
    // The step's figure: of the checkouts ended from 22 s so far, all failed the handshake.
    await expect(page.getByTestId('lesson-figure').first()).toContainText('checkouts failing tls-expired-cert');
    await expect(page.getByTestId('lesson-figure-value').first()).toHaveText('100%');
    await expect(page.getByTestId('failure-causes')).toContainText('tls-expired-cert');
    // The bridge -> ledger handshake is the one that fails: its padlock is broken; checkout -> bridge keeps a whole one.
    const broken = () => page.evaluate(() => Array.from(document.querySelectorAll('[data-broken-lock][visibility="visible"]')).map((g) => g.getAttribute('data-broken-lock')));
    await expect.poll(broken, { timeout: 30_000 }).toEqual(['payments-bridge->ledger']);
    await saveShot(page, `certexpiry-step3-${w}x${h}.png`);
  }

  // The inspector opened at 1024x768, read there and at 1600x1000.
  const panel = await inspect(page, /^payments-bridge$/);
  for (const size of [small, big]) {
    const [w, h] = size;
    await resizeTo(page, size);
    await expect(panel.getByTestId('inspect-identity')).toHaveText([
      "retail identity: signed by retail's CA, 24.0 h left, renews at 12.0 h · ends its callers' mutual TLS",
      // Tried at 10 s (half its 20 s), 15 s and 20 s, cut off each time; the next at 25 s.
      "payments identity: signed by payments' CA, expired at 20.0 s, renewal failing (3 tries), next at 25.0 s · starts mutual TLS to ledger",
    ]);
    await panel.getByTestId('inspect-identity').last().scrollIntoViewIfNeeded();
    expect(await linesInside(page), 'identity lines inside the panel').toBe(true);
    await saveShot(page, `certexpiry-bridge-expired-${w}x${h}.png`);
  }

  // Next: reach returned at 23 s, the retry at 25 s renewed it.
  await page.getByTestId('inspector-picker').focus();
  await page.getByTestId('inspector-picker').blur();
  await page.keyboard.press('n');
  await expect(page.getByTestId('narrative-title')).toHaveText('Reach returns, the certificate renews', { timeout: 60_000 });
  await expect(page.getByTestId('sim-time')).toHaveText('27.0 s', { timeout: 60_000 });
  await expect(panel.getByTestId('inspect-identity').last()).toHaveText(
    "payments identity: signed by payments' CA, 18.0 s left, renews at 35.0 s; expired at 20.0 s, renewed at 25.0 s · starts mutual TLS to ledger",
  );
  // Of the checkouts ended from 26 s (a second after the renewal), all succeeded.
  await expect(page.getByTestId('lesson-figure-value').first()).toHaveText('100%');
  // The ledger's sidecars renew on time from the CA they reach: routine, so the cell says when it expires and its
  // title the identity lines' words (a line for the renewal cost the table its fit at 1600x1000).
  await inspect(page, /^ledger$/);
  for (const size of SIZES) {
    const [w, h] = size;
    await resizeTo(page, size);
    await expect(panel.getByTestId('replica-cert').first()).toHaveText(/^\d+\.\d s$/);
    await expect(panel.getByTestId('replica-cert').first().locator('span')).toHaveAttribute('title', /^\d+\.\d s left, renews at \d+\.\d s$/);
    await panel.getByTestId('replica-cert').first().scrollIntoViewIfNeeded();
    expect(await linesInside(page), 'cert cells one phrase a line').toBe(true);
    await saveShot(page, `certexpiry-renewed-${w}x${h}.png`);
  }
});

test(`an expire-certificates fault naming the bridge (a gateway) and checkout (a service): Inspect says each expired at 5.0 s by a fault, then renewed at 15.0 s (1600x1000 and 1024x768)`, async ({ page }) => {
  test.setTimeout(150_000);
  // two-meshes-via-gateway as shipped, with the two faults written in its file.
  const s = JSON.parse(readFileSync(new URL('../../scenarios/two-meshes-via-gateway.json', import.meta.url), 'utf8'));
  s.name = 'expire-the-bridge';
  s.faults = [
    { type: 'expire-certificates', service: 'payments-bridge', at: '5s' },
    { type: 'expire-certificates', service: 'checkout', at: '5s' },
  ];
  const packed = packScenario({ scenario: { kind: 'inline', text: JSON.stringify(s, null, 2) }, seed: null, actions: [] });
  await page.setViewportSize({ width: big[0], height: big[1] });
  await page.goto(`/?t=10s#data=${packed}`);
  await expect(page.getByTestId('sim-time')).toHaveText('10.0 s', { timeout: 60_000 });
  await settled(page);
  for (const size of SIZES) {
    const [w, h] = size;
    await resizeTo(page, size);
    const panel = await inspect(page, /^payments-bridge$/);
    // Both of the bridge's identities, one from each CA; each asks again after the CA's retry interval (10 s).
    await expect(panel.getByTestId('inspect-identity')).toHaveText([
      "retail identity: signed by retail's CA, expired at 5.0 s by a fault, renews at 15.0 s · ends its callers' mutual TLS",
      "payments identity: signed by payments' CA, expired at 5.0 s by a fault, renews at 15.0 s · starts mutual TLS to ledger",
    ]);
    await inspect(page, /^checkout$/);
    await expect(panel.getByTestId('replica-cert').first()).toHaveText('expired at 5.0 s by a fault renews at 15.0 s');
    await panel.getByTestId('replica-cert').first().scrollIntoViewIfNeeded();
    expect(await linesInside(page), 'cert cells one phrase a line').toBe(true);
    await saveShot(page, `certexpiry-fault-expired-${w}x${h}.png`);
  }
  // Shift+→ ten times (at 1024x768): 10 s on, past the renewal.
  const panel = page.getByTestId('inspector');
  await page.getByTestId('inspector-picker').blur();
  for (let i = 0; i < 10; i++) await page.keyboard.press('Shift+ArrowRight');
  await expect(page.getByTestId('sim-time')).toHaveText('20.0 s', { timeout: 60_000 });
  for (const size of [small, big]) {
    const [w, h] = size;
    await resizeTo(page, size);
    await expect(panel.getByTestId('replica-cert').first()).toHaveText('24.0 h left renews at 12.0 h expired at 5.0 s by a fault, renewed at 15.0 s');
    await panel.getByTestId('replica-cert').first().scrollIntoViewIfNeeded();
    expect(await linesInside(page), 'cert cells one phrase a line').toBe(true);
    await saveShot(page, `certexpiry-fault-renewed-cell-${w}x${h}.png`);
  }
  await inspect(page, /^payments-bridge$/);
  for (const size of SIZES) {
    const [w, h] = size;
    await resizeTo(page, size);
    await expect(panel.getByTestId('inspect-identity').first()).toHaveText(
      "retail identity: signed by retail's CA, 24.0 h left, renews at 12.0 h; expired at 5.0 s by a fault, renewed at 15.0 s · ends its callers' mutual TLS",
    );
    await panel.getByTestId('inspect-identity').last().scrollIntoViewIfNeeded();
    expect(await linesInside(page), 'identity lines inside the panel').toBe(true);
    await saveShot(page, `certexpiry-fault-renewed-bridge-${w}x${h}.png`);
  }
});
