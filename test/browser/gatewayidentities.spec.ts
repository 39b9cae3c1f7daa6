// The bridging gateway's two identities (DOMAIN.md idea 4; trial N6 F10): a person opens
// two-meshes-via-gateway at 15 s, opens the inspector and picks payments-bridge. Under its replica
// table, one line per identity: which mesh's CA signed it, when it expires and which side it is
// for; the replicas' cert cells point there instead of a bare dash. At 1600x1000 and 1024x768,
// each line inside the panel (wrapped, not cut).
import { expect } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { settled } from './fixtures/settle';
import { saveShot } from './fixtures/shots';

test("Inspect -> payments-bridge lists its retail and payments identities, each with its CA and expiry, at 1600x1000 and 1024x768", async ({ page }) => {
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto('/?scenario=two-meshes-via-gateway&t=15s');
  await expect(page.getByTestId('sim-time')).toHaveText('15.0 s');
  await page.getByTestId('inspector-toggle').click();
  const panel = page.getByTestId('inspector');
  await expect(panel).toBeVisible();
  const picker = page.getByTestId('inspector-picker');
  const value = await picker.locator('option', { hasText: /^payments-bridge$/ }).first().getAttribute('value');
  await picker.selectOption(value!);
  const ids = panel.getByTestId('inspect-identity');
  await expect(ids).toHaveText([
    "retail identity: signed by retail's CA, never expires · ends its callers' mutual TLS",
    "payments identity: signed by payments' CA, never expires · starts mutual TLS to ledger",
  ]);
  await expect(ids.first()).toHaveAttribute('title', /^Signed by retail-ca; it accepts peers signed by retail-ca\. This model issues a gateway's own certificates once, with no expiry and no renewal/);
  await expect(panel.getByTestId('inspect-identities')).toContainText('it bridges 2 meshes; each replica holds both');
  await expect(panel.getByTestId('replica-cert')).toHaveText(['2, below', '2, below']);
  for (const [w, h] of [[1600, 1000], [1024, 768]] as const) {
    if (w !== 1600) {
      await page.setViewportSize({ width: w, height: h });
      await settled(page);
    }
    await ids.last().scrollIntoViewIfNeeded();
    const laid = await page.evaluate(() => {
      const box = document.querySelector('[data-testid="inspector"]')!.getBoundingClientRect();
      return Array.from(document.querySelectorAll('[data-testid="inspect-identity"]')).map((el) => {
        const r = el.getBoundingClientRect();
        return { inside: r.left >= box.left - 0.5 && r.right <= box.right + 0.5, whole: (el as HTMLElement).scrollWidth <= (el as HTMLElement).clientWidth + 1 };
      });
    });
    expect(laid, `at ${w}x${h}`).toEqual([
      { inside: true, whole: true },
      { inside: true, whole: true },
    ]);
    await saveShot(page, `gateway-identities-${w}x${h}.png`);
  }
  // A sidecar's row keeps its own certificate's expiry, and no identity lines.
  const checkout = await picker.locator('option', { hasText: /^checkout$/ }).first().getAttribute('value');
  await picker.selectOption(checkout!);
  await expect(panel.getByTestId('replica-cert').first()).toHaveText(/^\d+\.\d h$/);
  await expect(panel.getByTestId('inspect-identities')).toHaveCount(0);
});

test("two-meshes-direct: Inspect -> checkout → ledger (its padlock broken) names the CA checkout does not trust, at 1600x1000 and 1024x768", async ({ page }) => {
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto('/?scenario=two-meshes-direct&t=10s');
  await expect(page.getByTestId('sim-time')).toHaveText('10.0 s');
  await page.getByTestId('inspector-toggle').click();
  const panel = page.getByTestId('inspector');
  const picker = page.getByTestId('inspector-picker');
  const value = await picker.locator('option', { hasText: /^checkout → ledger$/ }).first().getAttribute('value');
  await picker.selectOption(value!);
  const trust = panel.getByTestId('edge-trust');
  await expect(trust).toHaveText("checkout's proxy trusts retail-ca only; ledger's certificate is signed by payments-ca, so the handshake fails (tls-unknown-ca)");
  for (const [w, h] of [[1600, 1000], [1024, 768]] as const) {
    if (w !== 1600) {
      await page.setViewportSize({ width: w, height: h });
      await settled(page);
    }
    await trust.scrollIntoViewIfNeeded();
    const inside = await trust.evaluate((el) => {
      const box = document.querySelector('[data-testid="inspector"]')!.getBoundingClientRect();
      const r = el.getBoundingClientRect();
      return r.left >= box.left - 0.5 && r.right <= box.right + 0.5 && (el as HTMLElement).scrollWidth <= (el as HTMLElement).clientWidth + 1;
    });
    expect(inside, `at ${w}x${h}`).toBe(true);
    await saveShot(page, `link-trust-two-meshes-direct-${w}x${h}.png`);
  }
});
