// Session 54, N2: namespaces and mTLS chips that carry news. A scenario of one namespace (imported
// Bookinfo) draws no "ns" tag on its boxes, the inspector still names it; partial-adoption's two
// teams read "ns shop" and "ns data"; the chip's word is drawn only where it is 9 px or more on
// screen, else the lock alone; and the chip follows a change of mode made mid-run.
import { readFileSync } from 'node:fs';
import { expect, type Page } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { saveShot } from './fixtures/shots';
import { applyChange } from './fixtures/changeForm';

const bookinfo = new URL('../../examples/bookinfo/', import.meta.url);
const shop = new URL('../scenario/import/manifests/', import.meta.url);

async function settled(page: Page) {
  await expect(page.getByTestId('run-status')).toHaveText(/paused|ready|finished/);
}

/** Each shown namespace tag and chip word in the picture: its text, on-screen font size (px), and whether it lies inside its box. */
async function marks(page: Page) {
  return page.locator('svg[data-testid="topology"] [data-node]').evaluateAll((gs) =>
    gs.flatMap((g) => {
      const card = g.querySelector('.topo-card-front')?.getBoundingClientRect();
      return Array.from(g.querySelectorAll<SVGTextElement | SVGTSpanElement>('.topo-ns, .topo-mtls-word'))
        .filter((t) => t.getBoundingClientRect().width > 0)
        .map((t) => {
          const r = t.getBoundingClientRect();
          const ctm = (t.closest('text') as SVGTextElement).getScreenCTM()!;
          return {
            node: g.getAttribute('data-node'),
            text: t.textContent,
            px: parseFloat(getComputedStyle(t).fontSize) * Math.hypot(ctm.a, ctm.b),
            inside: !card || (r.left >= card.left - 0.5 && r.right <= card.right + 0.5),
          };
        });
    }),
  );
}

for (const size of [
  { width: 1600, height: 1000 },
  { width: 1366, height: 768 },
  { width: 1024, height: 768 },
]) {
  test(`at ${size.width}x${size.height}: partial-adoption's two namespaces read on their boxes, every tag and chip word 9 px or more; the shop-and-billing import too`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.setViewportSize(size);
    await page.goto('/?scenario=partial-adoption');
    await settled(page);
    const svg = page.locator('svg[data-testid="topology"]');
    await expect(svg.locator('[data-node="orders"]')).toBeVisible();
    for (const [n, ns] of [['storefront', 'shop'], ['orders', 'shop'], ['catalog', 'shop'], ['reports', 'data'], ['search', 'data']]) await expect(svg.locator(`[data-node="${n}"] .topo-ns`)).toHaveText(`ns ${ns}`);
    const shown = await marks(page);
    console.log(`partial-adoption ${size.width}: ${shown.map((m) => `${m.node} '${m.text}' ${m.px.toFixed(1)} px`).join(', ')}`);
    for (const m of shown) {
      expect(m.px, `${m.node}'s '${m.text}' on screen`).toBeGreaterThanOrEqual(9);
      expect(m.inside, `${m.node}'s '${m.text}' past its box`).toBe(true);
    }
    // Where the word would be under 9 px the lock stays, its title saying the mode.
    await expect(svg.locator('[data-node="orders"] .topo-mtls-strict title')).toHaveText(/accept mutual TLS only/);
    await saveShot(page, `namespacetags-partial-adoption-${size.width}x${size.height}.png`);

    await page.getByTestId('scenario-file').setInputFiles(['shop-and-billing.yaml', 'shop-and-billing-workload.yaml'].map((name) => ({ name, mimeType: 'application/yaml', buffer: readFileSync(new URL(name, shop)) })));
    await expect(page.getByTestId('scenario-title')).toHaveText('Shop and billing, two namespaces imported');
    await expect(svg.locator('[data-node="payments"] .topo-ns')).toHaveText('ns billing');
    for (const m of await marks(page)) {
      expect(m.px, `${m.node}'s '${m.text}' on screen`).toBeGreaterThanOrEqual(9);
      expect(m.inside, `${m.node}'s '${m.text}' past its box`).toBe(true);
    }
    await saveShot(page, `namespacetags-shop-and-billing-${size.width}x${size.height}.png`);
  });
}

test('imported Bookinfo, one namespace: no "ns bookinfo" on its boxes; the inspector still names it', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto('/');
  await settled(page);
  const files = ['platform/namespace.yaml', 'platform/apps.yaml', 'platform/gateway.yaml', 'platform/destination-rules.yaml', 'workload.yaml'];
  await page.getByTestId('scenario-file').setInputFiles(files.map((name) => ({ name: name.split('/').pop()!, mimeType: 'application/yaml', buffer: readFileSync(new URL(name, bookinfo)) })));
  const svg = page.locator('svg[data-testid="topology"]');
  await expect(svg.locator('[data-node="productpage"]')).toBeVisible();
  await expect(svg.locator('.topo-ns')).toHaveCount(0);
  await page.getByTestId('inspector-toggle').click();
  const picker = page.getByTestId('inspector').getByTestId('inspector-picker');
  await picker.selectOption((await picker.locator('option', { hasText: /^productpage$/ }).first().getAttribute('value'))!);
  await expect(page.getByTestId('inspector').getByTestId('inspect-namespace')).toHaveText('ns bookinfo');
  await saveShot(page, 'namespacetags-bookinfo-1600x1000.png');
});

test("the chip follows a change of mode made mid-run: catalog's PERMISSIVE becomes STRICT once the push lands, and back on a seek before it", async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto('/?scenario=partial-adoption&t=30s');
  await settled(page);
  const chip = page.locator('svg[data-testid="topology"] [data-node="catalog"] .topo-mtls');
  await expect(chip).toHaveAttribute('data-mtls', 'PERMISSIVE');
  await applyChange(page, 'mtls', 'catalog', '{"mode": "STRICT"}');
  await page.locator('body').click({ position: { x: 2, y: 2 } });
  for (let i = 0; i < 2; i++) await page.keyboard.press('Shift+ArrowRight');
  await settled(page);
  await expect(chip).toHaveAttribute('data-mtls', 'STRICT');
  await expect(chip.locator('title')).toHaveText(/accept mutual TLS only/);
  await saveShot(page, 'namespacetags-live-strict-1600x1000.png');
});
