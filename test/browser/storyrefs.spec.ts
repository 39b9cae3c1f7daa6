// A story that names another shipped scenario by its file ("see third-party-service.json") shows a
// link named by that scenario's title, which opens it, or the compare view of the pair, at the
// step's moment (trial T4, 4: the picker lists titles, so a file name could not be found).
import { expect } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { saveShot } from './fixtures/shots';

for (const viewport of [
  { width: 1366, height: 768 },
  { width: 1024, height: 768 },
]) {
  test.describe(`at ${viewport.width}x${viewport.height}`, () => {
    test.use({ viewport });

    test("third-party-direct's last step links the egress-gateway scenario by its title and opens it at 45 s", async ({ page }) => {
      await page.goto('/?scenario=third-party-direct&t=45s');
      await expect(page.getByTestId('timeline')).toHaveAttribute('aria-valuenow', '45000', { timeout: 120_000 });
      const text = page.getByTestId('narrative-text');
      await expect(text).not.toContainText('.json');
      const link = text.getByTestId('scenario-ref');
      await expect(link).toHaveText('A partner API outside the mesh, behind an egress gateway');
      await expect(link).toHaveAttribute('href', /^\?scenario=third-party-service&t=45s$/);
      await link.scrollIntoViewIfNeeded();
      await link.hover();
      await saveShot(page, `storyrefs-third-party-${viewport.width}.png`);
      await link.click();
      await expect(page.locator('.topology-stage')).toHaveAttribute('data-drawn', 'third-party-service', { timeout: 120_000 });
      await expect(page.getByTestId('timeline')).toHaveAttribute('aria-valuenow', '45000', { timeout: 120_000 });
      await expect(page.getByTestId('link-problems')).toHaveCount(0);
      await saveShot(page, `storyrefs-third-party-opened-${viewport.width}.png`);
    });

    test("control-plane-boundary's way out compares it with its own twin, and gateway-only's with mesh only", async ({ page }) => {
      await page.goto('/?scenario=control-plane-boundary&t=30s');
      await expect(page.getByTestId('timeline')).toHaveAttribute('aria-valuenow', '30000', { timeout: 120_000 });
      const link = page.getByTestId('narrative-text').getByTestId('scenario-ref');
      await expect(link).toHaveAttribute('data-ref', 'control-plane-boundary-fixed');
      // Named by its title's head, the whole title in its tooltip: the full title pushed the step's figure under the column's foot (lessonfold.spec).
      await expect(link).toHaveText('Control-plane reach, fixed');
      await expect(link).toHaveAttribute('title', /Control-plane reach, fixed: a control plane behind the boundary$/);
      await expect(link).toHaveAttribute('href', '?compare=control-plane-boundary,control-plane-boundary-fixed&t=30s');
      await link.scrollIntoViewIfNeeded();
      await saveShot(page, `storyrefs-cpb-${viewport.width}.png`);

      await page.goto('/?scenario=gateway-only&t=40s');
      await expect(page.getByTestId('timeline')).toHaveAttribute('aria-valuenow', '40000', { timeout: 120_000 });
      const mesh = page.getByTestId('narrative-text').getByTestId('scenario-ref');
      await expect(mesh).toHaveAttribute('href', '?compare=gateway-only,mesh-only&t=40s');
      await mesh.click();
      await expect(page.getByTestId('compare-pane')).toHaveCount(2);
      await expect(page.locator('[data-testid="compare-pane"][data-side="B"]')).toContainText('mesh-only', { timeout: 120_000 });
      await expect(page.getByTestId('link-problems')).toHaveCount(0);
      await saveShot(page, `storyrefs-compare-opened-${viewport.width}.png`);
    });
  });
}
