// The Faults form's "expire certificates now" offers a gateway's identities too (trial N9: it
// offered meshes only, while the file may name a gateway `service`, both of a bridge's identities).
// On two-meshes-cert-expiry a person picks the bridge's payments identity, reads under the select
// what expiring does there, injects it, and sees checkouts fail tls-expired-cert; Inspect says the
// fault expired that certificate. Screenshots at 1024x768 and 1600x1000.
import { expect } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { settled } from './fixtures/settle';
import { saveShot } from './fixtures/shots';

test("expire certificates now: the form offers both meshes and the bridge's identities, says what each does, and the bridge's payments one fails checkouts' handshakes (1024x768, 1600x1000)", async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.goto('/?scenario=two-meshes-cert-expiry&t=2s');
  await expect(page.getByTestId('sim-time')).toHaveText('2.00 s', { timeout: 60_000 });
  await settled(page);
  const target = page.getByTestId('fault-target');
  const note = page.getByTestId('fault-target-note');
  for (const [width, height] of [
    [1024, 768],
    [1600, 1000],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.getByTestId('fault-type').selectOption('expire-certificates');
    await expect(target.locator('option')).toHaveText(['mesh retail', 'mesh payments', 'gateway payments-bridge: both identities', 'gateway payments-bridge: its payments identity', 'gateway payments-bridge: its retail identity']);
    // A mesh's words first (the pick then stays), then the bridge's payments identity's.
    if (width === 1024) await expect(note).toContainText("Every certificate from retail's CA expires now");
    await target.selectOption({ label: 'gateway payments-bridge: its payments identity' });
    // Short (session 45, U1), the rest behind "why?".
    await expect(page.getByTestId('fault-target-note-short')).toHaveText("payments-bridge's payments certificate expires now. Open connections carry on: at first nothing may fail.");
    const why = page.getByTestId('fault-target-note-why');
    if (!(await why.evaluate((el) => (el as HTMLDetailsElement).open))) await why.locator('summary').click();
    await expect(why.locator('p')).toHaveText(
      "New mutual TLS handshakes from it to payments' services fail (expired certificate: tls-expired-cert) until it renews at the CA's next retry; calls from retail into it go on. " +
        'Connections already open keep carrying requests until they close (idle timeout, max connection duration, a drain, a restart): TLS checks a certificate only at the handshake (RFC 8446 4.4.2.4). ' +
        'To see them fail here, close those connections with a Config change: service policy on ledger, {"policy": {"maxConnectionDuration": "1s"}} (the "Fill in" button puts it in the form; then press Apply). ' +
        'The two-meshes-cert-expiry scenario shows the failures with connections that close every second.',
    );
    await note.scrollIntoViewIfNeeded();
    // The words wrap inside the faults panel, none cut or past its edge.
    const inside = await note.evaluate((el) => {
      const panel = el.closest('form')!.getBoundingClientRect();
      const r = el.getBoundingClientRect();
      return r.left >= panel.left - 0.5 && r.right <= panel.right + 0.5 && el.scrollWidth <= el.clientWidth + 1;
    });
    expect(inside, 'the note inside the form').toBe(true);
    await saveShot(page, `certexpiryform-${width}x${height}.png`);
  }
  // Injected at 2 s: the list names the bridge, and checkouts fail the ledger hop's handshake.
  await page.getByTestId('fault-inject').click();
  // (The file's own partition, due at 5 s, is listed beside it.)
  const item = page.getByTestId('fault-list').getByTestId('fault-item').filter({ hasText: 'expire certificates' });
  await expect(item).toHaveCount(1);
  await expect(item).toContainText('expire certificates on payments-bridge');
  await page.getByTestId('play').click();
  await expect(page.getByTestId('failure-causes')).toContainText('tls-expired-cert', { timeout: 60_000 });
  await page.getByTestId('pause').click();
  await settled(page);
  await page.getByTestId('inspector-toggle').click();
  const picker = page.getByTestId('inspector-picker');
  await picker.selectOption((await picker.locator('option', { hasText: /^payments-bridge$/ }).first().getAttribute('value'))!);
  // Only the payments identity expired, by the fault; the retail one is untouched.
  await expect(page.getByTestId('inspect-identity').last()).toContainText(/payments identity: .*expired at 2\.\d s by a fault/);
  await expect(page.getByTestId('inspect-identity').first()).not.toContainText('expired');
  await saveShot(page, 'certexpiryform-injected-1600x1000.png');
});
