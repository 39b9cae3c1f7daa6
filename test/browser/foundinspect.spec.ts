// Istio's full load test (1,000 services): a node found by name, then Inspect opens on it,
// stays in view, marked, beside the open panel (N6's trial, F6: the picture moved to svc 600-799),
// and the search's answer covers none of the open legend's items.
import { expect, type Page } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { saveShot } from './fixtures/shots';

/** The found node's name label as the canvas last drew it, and the canvas's size, CSS px; null without the label. */
async function foundLabel(page: Page, name: string) {
  return page.getByTestId('topology-canvas').evaluate((c, n) => {
    const drawn = (c as HTMLCanvasElement & { meshsimDrawn?: { marks: { kind: string; x: number; y: number; text?: string }[] } }).meshsimDrawn;
    const mark = drawn?.marks.find((m) => m.kind === 'label' && (m.text === n || m.text?.startsWith(`${n} · `)));
    const r = c.getBoundingClientRect();
    return mark ? { x: mark.x, y: mark.y, width: r.width, height: r.height, text: mark.text } : null;
  }, name);
}

// Both sizes on one opening of the 2,001-node picture (a page load of it each until session 48):
// at 1600x1000 first, then the inspector closed and the search emptied, the window made 1024x768,
// and the node found and picked again there.
test('istio-load-test-full at 1600x1000 and 1024x768: svc-500 found, then Inspect opens on it, stays in view and named beside the panel', async ({ page }) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto('/?scenario=istio-load-test-full');
  await expect(page.locator('[data-drawn="istio-load-test-full"]')).toBeVisible({ timeout: 120_000 });
  for (const [w, h] of [
    [1600, 1000],
    [1024, 768],
  ] as const) {
    await test.step(`at ${w}x${h}`, async () => {
      if (w !== 1600) {
        await page.getByTestId('inspector-close').click();
        await expect(page.getByTestId('inspector')).toHaveCount(0);
        await page.getByTestId('node-search').press('Escape');
        await expect(page.getByTestId('node-search-result')).toHaveCount(0);
        await page.setViewportSize({ width: w, height: h });
        await expect.poll(() => page.getByTestId('topology-canvas').evaluate((c) => Math.round(c.getBoundingClientRect().width) <= 1024)).toBe(true);
      }
      await page.getByTestId('node-search').fill('svc-500');
      await page.keyboard.press('Enter');
      await expect(page.getByTestId('node-search-result')).toHaveText('svc-500, in group svc 500–599');
      await expect.poll(() => foundLabel(page, 'svc-500'), { timeout: 20_000 }).not.toBeNull();
      await saveShot(page, `foundinspect-find-${w}.png`);
      // The answer's chip covers none of the open legend's items (it covered "req/s" and "group").
      const covered = await page.evaluate(() => {
        const chip = document.querySelector('[data-testid="node-search-result"]')!.getBoundingClientRect();
        return Array.from(document.querySelectorAll('.legend:not(.legend-folded) li'))
          .filter((li) => {
            const r = li.getBoundingClientRect();
            return r.width > 0 && r.left < chip.right && r.right > chip.left && r.top < chip.bottom && r.bottom > chip.top;
          })
          .map((li) => li.textContent);
      });
      expect(covered, 'legend items under the search answer').toEqual([]);
      // Inspect opens on the found, ringed node (T3's trial, 5: it opened an empty "inspect…" picker).
      await page.getByTestId('inspector-toggle').click();
      const picker = page.getByTestId('inspector-picker');
      const value = await picker.locator('option', { hasText: /svc-500\b/ }).first().getAttribute('value');
      await expect(picker).toHaveValue(value!);
      await expect(page.getByTestId('inspector')).toContainText('svc-500');
      await page.waitForTimeout(1500);
      const at = await foundLabel(page, 'svc-500');
      await saveShot(page, `foundinspect-inspect-${w}.png`);
      console.log(`${w}: svc-500's label ${JSON.stringify(at)}`);
      expect(at, 'svc-500 named on the canvas').not.toBeNull();
      // In view, and near the middle of the narrower stage (re-centred), not at its edge.
      expect(at!.x).toBeGreaterThan(at!.width * 0.25);
      expect(at!.x).toBeLessThan(at!.width * 0.75);
      expect(at!.y).toBeGreaterThan(at!.height * 0.2);
      expect(at!.y).toBeLessThan(at!.height * 0.8);
    });
  }
});

// A small scenario's SVG picture: with nothing found Inspect opens on nothing, as before; Find
// rings a node and Inspect opens on it.
test('retry-storm at 1024x768 and 1600x1000: Inspect opens on nothing, then Find payments and Inspect opens the inspector on payments', async ({ page }) => {
  for (const [w, h] of [
    [1024, 768],
    [1600, 1000],
  ] as const) {
    await test.step(`at ${w}x${h}`, async () => {
      await page.setViewportSize({ width: w, height: h });
      await page.goto('/?scenario=retry-storm');
      await expect(page.locator('[data-drawn="retry-storm"]')).toBeVisible({ timeout: 60_000 });
      await page.getByTestId('inspector-toggle').click();
      await expect(page.getByTestId('inspector-picker')).toHaveValue('');
      await page.getByTestId('inspector-close').click();
      await page.getByTestId('node-search').fill('payments');
      await page.keyboard.press('Enter');
      await expect(page.getByTestId('node-search-result')).toHaveText('payments');
      await expect(page.locator('svg[data-testid="topology"] [data-node="payments"].topo-found')).toHaveCount(1);
      await page.getByTestId('inspector-toggle').click();
      const picker = page.getByTestId('inspector-picker');
      const value = await picker.locator('option', { hasText: /^payments$/ }).first().getAttribute('value');
      await expect(picker).toHaveValue(value!);
      await expect(page.getByTestId('inspector')).toContainText('payments');
      await saveShot(page, `foundinspect-small-${w}.png`);
    });
  }
});
