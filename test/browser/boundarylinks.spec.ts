// control-plane-boundary as a person reads it (N6's trial, F4): ledger and fraud-check, behind a
// boundary their network may not cross to the control plane, read the same state line ("no config"
// for one, "no config (2 of 2)" for the other, the same state), and the link between them, where
// neither end has a certificate, draws no whole padlock.
import { expect } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { settled } from './fixtures/settle';
import { saveShot } from './fixtures/shots';

for (const [w, h] of [
  [1600, 1000],
  [1024, 768],
] as const) {
  for (const presenter of [false, true]) {
    test(`control-plane-boundary at ${w}x${h}${presenter ? ' in presenter mode' : ''}: ledger and fraud-check say "no config" alike, and ledger -> fraud-check has no whole padlock`, async ({ page }) => {
      await page.setViewportSize({ width: w, height: h });
      await page.goto('/?scenario=control-plane-boundary&t=20s');
      await expect(page.getByTestId('narrative-step')).toBeVisible({ timeout: 30_000 });
      await expect(page.getByTestId('run-status')).not.toHaveAttribute('data-seeking-to', /./, { timeout: 30_000 });
      if (presenter) {
        await page.locator('body').click({ position: { x: 5, y: 5 } });
        await page.keyboard.press('f');
        await expect(page.getByTestId('app')).toHaveClass(/presenter/);
      }
      await settled(page);
      const topo = page.getByTestId('topology');
      const ledger = topo.locator('[data-node="ledger"] .topo-state');
      const fraud = topo.locator('[data-node="fraud-check"] .topo-state');
      await expect(ledger).toHaveText('no config');
      await expect(fraud).toHaveText('no config');
      // The link between the two, both ends without a certificate: no whole lock, and its tooltip says why.
      const link = topo.locator('[data-edge="ledger->fraud-check"]');
      await expect(link).toHaveClass(/topo-edge-no-cert/);
      await expect(link.locator('.topo-lock')).toBeHidden();
      await expect(link.locator(':scope > title')).toContainText('no mutual TLS');
      // A link between meshed services with config keeps its lock.
      await expect(topo.locator('[data-edge="storefront->checkout"] .topo-lock')).toBeVisible();
      await saveShot(page, `boundarylinks-${presenter ? 'presenter-' : ''}${w}.png`);
    });
  }
}
