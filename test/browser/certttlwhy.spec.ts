// Session 52, F3 1: a certificate that runs out by itself (two-meshes-cert-expiry: the bridge's payments certificate
// expires at 20 s, its renewal cut off; no expiry fault) is named in a failed request's why and its TLS row as an
// injected expiry is: whose certificate, which side presented it, which proxy refused it (it read "a certificate had
// expired"). Screenshots at 1024x768 and 1600x1000.
import { expect, type Page } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { settled } from './fixtures/settle';
import { saveShot } from './fixtures/shots';
import { openFailedRequest } from './fixtures/failedRequest';

async function paused(page: Page) {
  await expect(page.getByTestId('run-status')).toHaveText(/paused|ready|finished/, { timeout: 90_000 });
}

test("two-meshes-cert-expiry at 22 s: a failed request's why and TLS row name the bridge replica's payments certificate, its TTL and the ledger sidecar that refused it", async ({ page }) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.goto('/?scenario=two-meshes-cert-expiry&t=22s');
  await expect(page.getByTestId('sim-time')).toHaveText(/^22\.00? s$/, { timeout: 120_000 });
  await paused(page);
  await expect(page.getByTestId('failure-causes')).toContainText('tls-expired-cert');
  const { panel } = await openFailedRequest(page, 'tls-expired-cert');
  const why = panel.getByTestId('request-why');
  await expect(why).toHaveText(
    /^Failed at payments-bridge → ledger-\d: payments-bridge-\d's payments certificate had expired at 20\.0 s \(not renewed before its TTL ran out\), so ledger-\d's sidecar refused the mutual-TLS handshake/,
  );
  await expect(why).not.toContainText('a certificate had expired');
  // The TLS row (shown with every row, not calls and attempts only) says whose certificate and who refused it.
  const triesOnly = panel.getByTestId('tries-only');
  if (await triesOnly.isChecked()) await triesOnly.uncheck();
  const tls = panel.locator('.waterfall-row.role-tls.error').first();
  await tls.scrollIntoViewIfNeeded();
  await expect(tls.locator('.waterfall-note')).toHaveText(
    /^tls-expired-cert: the client's certificate payments-bridge@payments \(on payments-bridge-\d\) had expired at 20\.0 s; ledger-\d's proxy refused it$/,
  );
  // Its title (the span's attributes, as the OTLP export carries them) names the side and the refusing proxy.
  const title = (await tls.getAttribute('title'))!;
  expect(title).toContain('meshsim.tls.expired_cert.side: client');
  expect(title).toMatch(/meshsim\.tls\.refused_by: ledger-\d/);
  expect(title).toContain('meshsim.tls.expired_cert.ca: payments-ca');
  for (const [w, h] of [
    [1024, 768],
    [1600, 1000],
  ] as const) {
    await page.setViewportSize({ width: w, height: h });
    await settled(page);
    await tls.scrollIntoViewIfNeeded();
    // The connection's rows read whole, deep in the tree: at 1024x768 they read "tcp co…", "tls ha…" (session 53, G6).
    const labels = await panel.locator('.waterfall-row.role-connect .waterfall-label, .waterfall-row.role-tls .waterfall-label').evaluateAll((els) =>
      els.map((e) => ({ text: e.textContent, cut: e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1, title: e.getAttribute('title') })),
    );
    expect(labels.length, `${w}: connection rows shown`).toBeGreaterThan(0);
    expect(labels.filter((l) => l.cut), `${w}: connection rows' names cut`).toEqual([]);
    expect(labels.every((l) => l.title === l.text), `${w}: each name whole in its title too`).toBe(true);
    await saveShot(page, `certttlwhy-tls-row-${w}x${h}.png`);
    await why.scrollIntoViewIfNeeded();
    await saveShot(page, `certttlwhy-why-${w}x${h}.png`);
  }
});
