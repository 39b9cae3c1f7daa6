// A new user's trial (session 33, items 4, 8, 9): the compare table answers "what does each layer
// cost" (a gateway CPU row beside the sidecars', and a latency note when the hops differ), and b
// pressed right after injecting a fault branches on that fault, the panes saying what differs.
import { expect } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { saveShot } from './fixtures/shots';

const SIZES = [
  [1600, 1000],
  [1024, 768],
] as const;

test("gateway-only against mesh-only at 24 s: the table gives the gateway's CPU beside the sidecars', and says a request's path is 3 hops against 2", async ({ page }) => {
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto('/?compare=gateway-only,mesh-only&t=24s');
  await expect(page.getByTestId('compare-pane')).toHaveCount(2);
  const table = page.getByTestId('metrics-diff');
  await expect(table).toHaveAttribute('data-at', '24000', { timeout: 120_000 });
  const cells = (key: string) => table.locator(`tr[data-key="${key}"]`).locator('th, td').allTextContents();
  const note = page.getByTestId('diff-latency-note');
  for (const [w, h] of SIZES) {
    await page.setViewportSize({ width: w, height: h });
    await test.step(`${w}x${h}: each layer's CPU and the latency note`, async () => {
      // The engine's counts at 24 s (test/ui/compare.test.ts): the gateway's 1,320 ms over 2,432
      // requests, the mesh's 7 sidecars' 4,282 ms.
      // One rule for a layer a side has none of (trial N15, 5): "—" and what it lacks, no ratio (was 0.000 vCPU and 0.00x).
      expect(await cells('gatewayCpu')).toEqual(['gateway CPU, in all', '0.055 vCPU', '— no gateway', '—']);
      expect(await cells('gatewayCpu1000')).toEqual(['gateway CPU per 1000 req/s through it', '0.543 vCPU', '— no gateway', '—']);
      expect(await cells('proxyCpu')).toEqual(['sidecar CPU, in all', '— no sidecars', '0.178 vCPU', '—']);
      // ‡ too: gateway-only fails 5.4% of its requests, mesh-only none, so latency is over different requests (trial N18, 3).
      expect((await cells('p50'))[0]).toBe('latency p50 † ‡');
      await expect(page.getByTestId('diff-mixed-note')).toContainText('‡ Latency counts ok requests only, and A failed 5.4% of the requests it sent, B 0.0%');
      await expect(note).toHaveText(/^† Latency is end to end: a request's path is 3 hops in A \(gateway-only\) and 2 in B \(mesh-only\), so latency B\/A counts 1 hop more in A as well as each layer's cost; the gateway and sidecar CPU rows give each layer's cost\./);
      await table.locator('tr[data-key="gatewayCpu"]').scrollIntoViewIfNeeded();
      await expect(table.locator('tr[data-key="proxyCpu"]')).toBeInViewport();
      // The note is whole inside the table's section: no line runs past its right edge.
      const fits = await note.evaluate((el) => el.scrollWidth <= el.clientWidth + 1);
      expect(fits, `latency note overflows at ${w}x${h}`).toBe(true);
      await saveShot(page, `layercost-cpu-rows-${w}x${h}.png`);
      await note.scrollIntoViewIfNeeded();
      await expect(note).toBeInViewport();
      await saveShot(page, `layercost-latency-note-${w}x${h}.png`);
    });
  }
});

// One branch, made at 1600x1000 and then read at 1024x768 on the same page (a second branch made
// at 1024x768 opened gateway-and-mesh, seeked it to 10 s and both runs to 15 s again for the
// same figures; the fault form at 1024x768 is recipe.spec's "every control and the faults panel").
test('b right after injecting HTTP errors on inventory branches on that fault: A without it, B with it, and the failures differ (made at 1600x1000, read at both sizes)', async ({ page }) => {
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto('/?scenario=gateway-and-mesh&t=10s');
  await expect(page.getByTestId('run-status')).toHaveText(/paused/, { timeout: 120_000 });
  const faults = page.getByRole('region', { name: 'Faults' });
  await faults.getByTestId('fault-type').selectOption({ label: 'HTTP errors' });
  await faults.getByTestId('fault-target').selectOption({ label: 'inventory' });
  // The number fields have names a screen reader says (they had none).
  await expect(faults.getByRole('textbox', { name: '% of requests' })).toHaveValue('50');
  await expect(faults.getByRole('textbox', { name: 'status' })).toHaveValue('503');
  await faults.getByTestId('fault-duration').fill('20s');
  await faults.getByRole('button', { name: /Inject/ }).click();
  await expect(faults.getByTestId('fault-problems')).toHaveCount(0);
  // As a person sees it listed before pressing b: the inject is the run's last action only once
  // the worker has taken it (pressed sooner, b branched on the change form: 'A · as run').
  await expect(page.getByTestId('fault-list').getByTestId('fault-item').filter({ hasText: 'HTTP errors' })).toHaveCount(1);
  await page.keyboard.press('b');
  await expect(page.getByTestId('compare-pane')).toHaveCount(2, { timeout: 60_000 });
  await expect(page.getByTestId('diff-head-A')).toHaveText('A · without HTTP errors on inventory', { timeout: 120_000 });
  await expect(page.getByTestId('diff-head-B')).toHaveText('B · with HTTP errors on inventory at 10.0 s');
  // Five seconds on, as a person steps both runs with Shift+→.
  await page.locator('body').click({ position: { x: 2, y: 2 } });
  for (let i = 0; i < 5; i++) await page.keyboard.press('Shift+ArrowRight');
  const table = page.getByTestId('metrics-diff');
  await expect(table).toHaveAttribute('data-at', '15000', { timeout: 120_000 });
  const failed = table.locator('tr[data-key="failed"]');
  for (const [w, h] of SIZES) {
    await test.step(`${w}x${h}`, async () => {
      await page.setViewportSize({ width: w, height: h });
      await expect(page.getByTestId('diff-head-A')).toHaveText('A · without HTTP errors on inventory');
      await expect(page.getByTestId('diff-head-B')).toHaveText('B · with HTTP errors on inventory at 10.0 s');
      await expect(table).toHaveAttribute('data-at', '15000');
      const a = Number(await failed.locator('td[data-side="A"]').getAttribute('data-value'));
      const b = Number(await failed.locator('td[data-side="B"]').getAttribute('data-value'));
      console.log(`fault branch ${w}x${h} at 15 s: failed A ${(100 * a).toFixed(2)}% B ${(100 * b).toFixed(2)}%`);
      expect(b).toBeGreaterThan(a);
      await page.getByTestId('compare-pane').first().scrollIntoViewIfNeeded();
      await saveShot(page, `layercost-fault-branch-${w}x${h}.png`);
      await failed.scrollIntoViewIfNeeded();
      await saveShot(page, `layercost-fault-branch-table-${w}x${h}.png`);
    });
  }
});
