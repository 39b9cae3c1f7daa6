// Session 53, N1b: the mTLS chip (mtlsMark.ts) on a meshed box's top edge never lies under or over
// its sidecar hexagons, the '+N' badge or the node's name, and its word is never cut. In compare
// panes at 1366x768 frontend's and catalog's chips read "STRIC" under their hexagons: the panes'
// text is 18 units there and the chip was sized for 10. Where the word does not fit, the lock alone.
import { expect, type Page } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { saveShot } from './fixtures/shots';

type Box = { x0: number; y0: number; x1: number; y1: number };

/** Each chip in the page's pictures, in screen px: the chip, its word's drawn length against its room, and its box's hexagons, badge and name. */
async function chips(page: Page) {
  return page.locator('svg[data-testid="topology"] [data-node]').evaluateAll((gs) =>
    gs
      .filter((g) => g.querySelector('.topo-mtls') !== null)
      .map((g) => {
        const box = (el: Element | null): Box | null => {
          if (!el) return null;
          const r = el.getBoundingClientRect();
          return r.width > 0 ? { x0: r.left, y0: r.top, x1: r.right, y1: r.bottom } : null;
        };
        const word = g.querySelector<SVGTextElement>('.topo-mtls-word');
        const rect = g.querySelector<SVGRectElement>('.topo-mtls-chip')!;
        return {
          node: g.getAttribute('data-node'),
          chip: box(g.querySelector('.topo-mtls')),
          word: word?.textContent ?? null,
          // Design units: the word's drawn end (x 16 + its length) against the chip's width.
          wordEnd: word ? word.x.baseVal[0].value + word.getComputedTextLength() : 0,
          chipW: rect.width.baseVal.value,
          wordBox: box(word),
          chipBox: box(rect),
          hexes: Array.from(g.querySelectorAll('.topo-proxies .topo-hex, .topo-hex-more')).map(box),
          name: box(g.querySelector('.topo-card .topo-name')),
        };
      }),
  );
}

const apart = (a: Box | null, b: Box | null) => !a || !b || a.x1 <= b.x0 + 0.5 || b.x1 <= a.x0 + 0.5 || a.y1 <= b.y0 + 0.5 || b.y1 <= a.y0 + 0.5;

async function check(page: Page, want: number): Promise<void> {
  const all = await chips(page);
  expect(all.length, 'meshed boxes with a chip').toBeGreaterThanOrEqual(want);
  for (const c of all) {
    for (const h of c.hexes) expect(apart(c.chip, h), `${c.node}: chip ${JSON.stringify(c.chip)} clear of hexagon ${JSON.stringify(h)}`).toBe(true);
    expect(apart(c.chip, c.name), `${c.node}: chip clear of the name`).toBe(true);
    if (c.word) {
      expect(c.wordEnd, `${c.node}: "${c.word}" inside its chip`).toBeLessThanOrEqual(c.chipW);
      const [w, r] = [c.wordBox!, c.chipBox!];
      expect(w.x0 >= r.x0 - 0.5 && w.x1 <= r.x1 + 0.5, `${c.node}: "${c.word}" inside its chip on screen`).toBe(true);
    }
  }
}

const COMPARE = '/?compare=gateway-only,gateway-and-mesh&t=60s';

for (const size of [{ width: 1366, height: 768 }, { width: 1024, height: 768 }]) {
  test(`compare gateway-only vs gateway-and-mesh at ${size.width}x${size.height}: each mTLS chip clear of its box's hexagons and name, its word whole or the lock alone`, async ({ page }) => {
    test.setTimeout(300_000);
    await page.setViewportSize(size);
    await page.goto(COMPARE);
    await expect(page.getByTestId('run-status')).toHaveText(/paused|finished/, { timeout: 150_000 });
    await expect(page.locator('[data-testid="compare-pane"][data-side="B"] .topo-mtls').first()).toBeVisible({ timeout: 60_000 });
    await saveShot(page, `mtlschip-compare-${size.width}.png`);
    await check(page, 3);
  });
}

test('gateway-and-mesh alone at 1600x1000: each mTLS chip clear of its hexagons and name, its word whole', async ({ page }) => {
  test.setTimeout(300_000);
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto('/?scenario=gateway-and-mesh&t=60s');
  await expect(page.getByTestId('run-status')).toHaveText(/paused|finished/, { timeout: 150_000 });
  await expect(page.locator('.topo-mtls').first()).toBeVisible({ timeout: 60_000 });
  await saveShot(page, 'mtlschip-single-1600.png');
  await check(page, 3);
  expect((await chips(page)).some((c) => c.word === 'STRICT'), 'the word where there is room').toBe(true);
});
