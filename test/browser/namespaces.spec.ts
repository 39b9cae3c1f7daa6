// Session 53, N1 (F5's found-and-left): an imported mesh's namespaces and each service's mTLS
// mode on the picture. Two teams' manifests are opened as a person does (Open file…, both files
// at once): shop's services read "ns shop" and wear a STRICT chip (its PeerAuthentication),
// billing's payments a PERMISSIVE one (Istio's default), its ledger (no sidecar) none; the legend
// names the chips, Find finds by namespace, and the inspector names it.
import { readFileSync } from 'node:fs';
import { expect, type Page } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { saveShot } from './fixtures/shots';

const dir = new URL('../scenario/import/manifests/', import.meta.url);
const files = ['shop-and-billing.yaml', 'shop-and-billing-workload.yaml'].map((name) => ({ name, mimeType: 'application/yaml', buffer: readFileSync(new URL(name, dir)) }));

/** Every text and chip inside each box, in screen px, for overlaps: its name (with tags), caption, chip, '+N' badge and hexagons. */
async function boxParts(page: Page) {
  return page.locator('svg[data-testid="topology"] [data-node]').evaluateAll((gs) =>
    gs.map((g) => {
      const box = (el: Element | null) => {
        if (!el) return null;
        const r = el.getBoundingClientRect();
        return r.width > 0 ? { x0: r.left, y0: r.top, x1: r.right, y1: r.bottom } : null;
      };
      return {
        node: g.getAttribute('data-node'),
        card: box(g.querySelector('.topo-card-front')),
        name: box(g.querySelector('.topo-card .topo-name')),
        ns: box(g.querySelector('.topo-ns')),
        chip: box(g.querySelector('.topo-mtls')),
        chipRect: box(g.querySelector('.topo-mtls-chip')),
        word: box(g.querySelector('.topo-mtls-word')),
        caption: box(g.querySelector('.topo-card .topo-caption')),
        hexes: Array.from(g.querySelectorAll('.topo-proxies .topo-hex, .topo-hex-more')).map(box),
        labels: Array.from(document.querySelectorAll('svg[data-testid="topology"] .topo-edge-label')).map(box),
      };
    }),
  );
}

const apart = (a: { x0: number; y0: number; x1: number; y1: number } | null, b: { x0: number; y0: number; x1: number; y1: number } | null) => !a || !b || a.x1 <= b.x0 || b.x1 <= a.x0 || a.y1 <= b.y0 || b.y1 <= a.y0;

for (const size of [
  { width: 1600, height: 1000 },
  { width: 1024, height: 768 },
]) {
  test(`at ${size.width}x${size.height} two imported namespaces: "ns shop" and STRICT chips, billing's payments PERMISSIVE, ledger none; Find "ns billing"; the inspector names it`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.setViewportSize(size);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto('/');
    await expect(page.getByTestId('run-status')).toHaveText('ready');
    await page.getByTestId('scenario-file').setInputFiles(files);
    await expect(page.getByTestId('scenario-title')).toHaveText('Shop and billing, two namespaces imported');
    const svg = page.locator('svg[data-testid="topology"]');
    const node = (n: string) => svg.locator(`[data-node="${n}"]`);
    await expect(node('ledger')).toBeVisible();

    for (const [n, ns] of [['storefront', 'shop'], ['orders', 'shop'], ['payments', 'billing'], ['ledger', 'billing']]) await expect(node(n).locator('.topo-ns')).toHaveText(`ns ${ns}`);
    for (const n of ['storefront', 'orders']) await expect(node(n).locator('.topo-mtls-strict')).toHaveCount(1);
    await expect(node('payments').locator('.topo-mtls-permissive')).toHaveCount(1);
    await expect(node('ledger').locator('.topo-mtls')).toHaveCount(0);
    await expect(node('shoppers').locator('.topo-mtls')).toHaveCount(0);
    await expect(node('orders').locator('.topo-mtls title')).toHaveText(/accept mutual TLS only/);

    // Nothing in a box lies over another part of it or a link's label; the name and its tag stay inside the box.
    for (const b of await boxParts(page)) {
      if (!b.card) continue;
      expect(apart(b.chip, b.name), `${b.node}: chip over name`).toBe(true);
      // Its word inside the chip (at 18 units in the large-text drawing 'PERMISSIVE' ran out of it).
      if (b.word && b.chipRect) expect(b.word.x1, `${b.node}: the chip's word past the chip`).toBeLessThanOrEqual(b.chipRect.x1 + 0.5);
      for (const h of b.hexes) expect(apart(b.chip, h), `${b.node}: chip over a hexagon or badge`).toBe(true);
      for (const l of b.labels) expect(apart(b.chip, l), `${b.node}: a link label over its chip`).toBe(true);
      expect(apart(b.name, b.caption), `${b.node}: name over caption`).toBe(true);
      if (b.ns) expect(b.ns.x1, `${b.node}: its namespace past the box`).toBeLessThanOrEqual(b.card.x1);
    }

    // The legend names the chips drawn: both modes here.
    if ((await page.locator('#topology-legend').count()) === 0) await page.getByTestId('legend-toggle').click();
    const line = page.locator('[data-legend="mtls-mode"]');
    await expect(line).toContainText('STRICT: mTLS only');
    await expect(line).toContainText('PERMISSIVE: plaintext too');
    await saveShot(page, `namespaces-${size.width}x${size.height}.png`);

    // Find by namespace: the first of billing's in name order.
    await page.getByTestId('node-search').fill('ns billing');
    await page.getByTestId('node-search').press('Enter');
    await expect(page.getByTestId('node-search-result')).toHaveText('ledger (ns billing)');
    await expect(svg.locator('[data-node="ledger"].topo-found')).toHaveCount(1);
    await page.getByTestId('node-search').press('Escape');

    await page.getByTestId('inspector-toggle').click();
    const panel = page.getByTestId('inspector');
    const picker = panel.getByTestId('inspector-picker');
    await picker.selectOption((await picker.locator('option', { hasText: /^payments$/ }).first().getAttribute('value'))!);
    await expect(panel.getByTestId('inspect-namespace')).toHaveText('ns billing');
    await expect(panel.getByTestId('inspect-mtls')).toHaveText('mTLS PERMISSIVE');
    await saveShot(page, `namespaces-inspect-${size.width}x${size.height}.png`);
    expect(errors).toEqual([]);
  });
}
