// The bridging gateway's two identities (DOMAIN.md idea 4; trial N6 F10): a person opens
// two-meshes-via-gateway at 15 s, opens the inspector and picks payments-bridge. Under its replica
// table, one line per identity: which mesh's CA signed it, when it expires and which side it is
// for; the replicas' cert cells point there instead of a bare dash. At 1600x1000 and 1024x768,
// each line inside the panel (wrapped, not cut). Each identity expires and renews from its own
// mesh's CA as a sidecar's certificate does: a bridge whose payments CA is out past the
// certificate's lifetime shows that one expired, its renewal failing, and its link to the ledger failing.
import { expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { packScenario } from '../../src/ui/recipe/url';
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
    "retail identity: signed by retail's CA, 24.0 h left, renews at 12.0 h · ends its callers' mutual TLS",
    "payments identity: signed by payments' CA, 24.0 h left, renews at 12.0 h · starts mutual TLS to ledger",
  ]);
  await expect(ids.first()).toHaveAttribute('title', /^Signed by retail-ca; it accepts peers signed by retail-ca\. A gateway's own certificates come from its mesh's CA as a sidecar's do .* It expires at 24\.0 h of simulated time\. retail's control plane asks the CA to renew it at 12\.0 h/);
  await expect(panel.getByTestId('inspect-identities')).toContainText('it bridges 2 meshes; each replica holds both');
  await expect(panel.getByTestId('replica-cert')).toHaveText(['2, below', '2, below']);
  await identityLinesFit(page, 'gateway-identities');
  // A sidecar's row keeps its own certificate: routine, its expiry on the cell and the identity lines' words (time
  // left, renewal) in its title; no identity lines.
  const checkout = await picker.locator('option', { hasText: /^checkout$/ }).first().getAttribute('value');
  await picker.selectOption(checkout!);
  await expect(panel.getByTestId('replica-cert').first()).toHaveText('24.0 h');
  await expect(panel.getByTestId('replica-cert').first().locator('span')).toHaveAttribute('title', /^\d+\.\d h left, renews at 12\.0 h$/);
  await expect(panel.getByTestId('inspect-identities')).toHaveCount(0);
});

/** At 1600x1000 then 1024x768: each identity line inside the inspector, wrapped not cut; a screenshot of each. */
async function identityLinesFit(page: Page, shot: string) {
  const ids = page.getByTestId('inspector').getByTestId('inspect-identity');
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
    // Scrolled there, the rows slide under the inspector's heading, not over it (the replica
    // table's sticky first column drew over it at 1024x768).
    const headOnTop = await page.evaluate(() => {
      const head = document.querySelector('.inspector-head')!;
      const r = head.getBoundingClientRect();
      const at = document.elementFromPoint(r.left + 24, r.top + r.height / 2);
      return at !== null && head.contains(at);
    });
    expect(headOnTop, `the inspector's heading on top at ${w}x${h}`).toBe(true);
    await saveShot(page, `${shot}-${w}x${h}.png`);
  }
}

test("a bridge cut off from payments' control plane past its certificate's 20 s lifetime: Inspect -> payments-bridge shows that identity expired and its renewal failing, retail's valid, and its link to the ledger failing tls-expired-cert, at 1600x1000 and 1024x768", async ({ page }) => {
  // two-meshes-via-gateway as shipped, but payments' certificates live 20 s and the bridge is cut
  // off from payments' control plane (so from its CA) from 5 s to 45 s; the ledger closes
  // connections after a second, so each second needs new handshakes.
  const s = JSON.parse(readFileSync(new URL('../../scenarios/two-meshes-via-gateway.json', import.meta.url), 'utf8'));
  s.name = 'bridge-ca-out';
  s.meshes[1].ca = { ttl: '20s' };
  s.services.find((x: { name: string }) => x.name === 'ledger').policy = { maxConnectionDuration: '1s' };
  s.faults = [{ type: 'partition', between: [['payments-bridge'], ['control-plane:payments']], at: '5s', for: '40s' }];
  const packed = packScenario({ scenario: { kind: 'inline', text: JSON.stringify(s, null, 2) }, seed: null, actions: [] });
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto(`/?t=25s#data=${packed}`);
  await expect(page.getByTestId('sim-time')).toHaveText('25.0 s');
  await page.getByTestId('inspector-toggle').click();
  const panel = page.getByTestId('inspector');
  const picker = page.getByTestId('inspector-picker');
  const value = await picker.locator('option', { hasText: /^payments-bridge$/ }).first().getAttribute('value');
  await picker.selectOption(value!);
  // Renewal tried at 10 s (half its 20 s) and 20 s, both with the CA out; it expired at 20 s.
  await expect(panel.getByTestId('inspect-identity')).toHaveText([
    "retail identity: signed by retail's CA, 24.0 h left, renews at 12.0 h · ends its callers' mutual TLS",
    "payments identity: signed by payments' CA, expired at 20.0 s, renewal failing (2 tries), next at 30.0 s · starts mutual TLS to ledger",
  ]);
  await expect(panel.getByTestId('inspect-identity').last()).toHaveAttribute('title', /fails the new handshakes on its side \(tls-expired-cert\)/);
  await identityLinesFit(page, 'gateway-identity-expired');
  // The bridge's new connections to the ledger fail the handshake: the ledger sees an expired client certificate.
  await expect(page.getByTestId('failure-causes')).toContainText('tls-expired-cert');
  await page.setViewportSize({ width: 1600, height: 1000 });
  const edge = await picker.locator('option', { hasText: /^payments-bridge → ledger$/ }).first().getAttribute('value');
  await picker.selectOption(edge!);
  await expect(panel.getByTestId('edge-failed-here')).toContainText('tls-expired-cert [UF]');
  await expect(panel.getByTestId('edge-trust')).toHaveText("both certificates signed by payments-ca, which both sides trust; payments-bridge's expired at 20.0 s, so new handshakes fail (tls-expired-cert)");
  await saveShot(page, 'gateway-identity-expired-link-1600x1000.png');
  // Retail's side of the bridge still handshakes: nothing fails into it.
  const into = await picker.locator('option', { hasText: /^checkout → payments-bridge$/ }).first().getAttribute('value');
  await picker.selectOption(into!);
  await expect(panel.getByTestId('edge-failed-here')).toHaveText('none');
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
