// Unfolded replicas stay readable: in every shipped scenario drawn as SVG, with every service of
// several replicas unfolded, each replica card is 10 px tall or more and its text 11 px or more
// at 1600x1000, inside its card and over no other node; where the cards cannot be that big,
// the service shows one card that counts its replicas by state.
import { readdirSync, readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';

const SCENARIOS = readdirSync('scenarios')
  .filter((f) => f.endsWith('.json') && f !== 'schema.json')
  .map((f) => JSON.parse(readFileSync(`scenarios/${f}`, 'utf8')) as { name: string; services?: unknown[]; gateways?: unknown[]; clients?: unknown[] })
  .filter((s) => (s.services?.length ?? 0) + (s.gateways?.length ?? 0) + (s.clients?.length ?? 0) <= 60)
  .map((s) => s.name);

/** Unfolds every service and gateway drawn with stacked cards (more than one replica). */
async function unfoldAll(page: Page): Promise<string[]> {
  const names = await page.evaluate(() =>
    Array.from(document.querySelectorAll('[data-testid="topology"] .topo-service[data-node], [data-testid="topology"] .topo-gateway[data-node]'))
      .filter((g) => g.querySelectorAll('.topo-card-behind').length > 0)
      .map((g) => g.getAttribute('data-node')!),
  );
  for (const n of names) {
    await page.locator(`[data-testid="topology"] [data-node="${n}"] .topo-card-front`).click({ force: true });
    await expect(page.locator(`[data-testid="topology"] [data-node="${n}"] [data-testid="replica-cards"]`)).toHaveCount(1);
  }
  return names;
}

const measure = (page: Page) =>
  page.evaluate(() => {
    const out: string[] = [];
    let cards = 0;
    let folded = 0;
    const bodies = Array.from(document.querySelectorAll('[data-testid="topology"] [data-node]')).map((g) => ({ name: g.getAttribute('data-node')!, r: g.querySelector('.topo-card-front, .topo-client-body, .topo-control-body')!.getBoundingClientRect() }));
    for (const layer of Array.from(document.querySelectorAll('[data-testid="topology"] [data-testid="replica-cards"]'))) {
      const name = layer.closest('[data-node]')!.getAttribute('data-node');
      if (layer.hasAttribute('data-folded')) folded++;
      for (const card of Array.from(layer.querySelectorAll('.topo-replica'))) {
        cards++;
        const body = card.querySelector('.topo-replica-body')!.getBoundingClientRect();
        if (body.height < 10) out.push(`${name}: a card ${body.height.toFixed(1)} px tall`);
        for (const t of Array.from(card.querySelectorAll('text'))) {
          if (!(t.textContent ?? '').trim()) continue;
          const m = (t as SVGGraphicsElement).getScreenCTM()!;
          const px = parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b);
          if (px < 11) out.push(`${name}: "${t.textContent}" at ${px.toFixed(1)} px`);
          const r = t.getBoundingClientRect();
          if (r.left < body.left - 0.5 || r.right > body.right + 0.5 || r.top < body.top - 0.5 || r.bottom > body.bottom + 0.5) out.push(`${name}: "${t.textContent}" leaves its card`);
        }
        for (const o of bodies) {
          if (o.name === name) continue;
          const dx = Math.min(body.right, o.r.right) - Math.max(body.left, o.r.left);
          const dy = Math.min(body.bottom, o.r.bottom) - Math.max(body.top, o.r.top);
          if (dx > 1 && dy > 1) out.push(`${name}: a card covers ${o.name}`);
        }
      }
    }
    return { out, cards, folded };
  });

test('at 1600x1000, every unfolded replica card of every scenario is 10 px tall or more with text of 11 px or more, or folded with a count', async ({ page }) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1600, height: 1000 });
  const problems: string[] = [];
  let folded = 0;
  let cards = 0;
  for (const name of SCENARIOS) {
    await page.goto(`/?scenario=${name}&t=2s`);
    await expect(page.getByTestId('sim-time')).toHaveText('2.00 s', { timeout: 30_000 });
    const unfolded = await unfoldAll(page);
    if (unfolded.length === 0) continue;
    // The worker's figures have come in: every card says its state or count.
    await expect(page.locator('[data-testid="replica-cards"] .topo-replica-figure').first()).not.toHaveText('');
    const m = await measure(page);
    problems.push(...m.out.map((p) => `${name}: ${p}`));
    folded += m.folded;
    cards += m.cards;
    if (name === 'partial-adoption') await page.screenshot({ path: 'test-results/replica-cards-1600.png' });
  }
  expect(problems).toEqual([]);
  expect(cards).toBeGreaterThan(20);
  console.log(`replica cards checked: ${cards}, folded services: ${folded}`);
});

test('a folded card at 1024x768 counts the replicas by state, and its tooltip says them in full', async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.goto('/?scenario=partial-adoption&t=5s');
  await expect(page.getByTestId('sim-time')).toHaveText('5.00 s', { timeout: 30_000 });
  await unfoldAll(page);
  const fold = page.locator('[data-testid="replica-cards"][data-folded]').first();
  await expect(fold).toBeVisible();
  const n = await fold.getAttribute('data-folded');
  // The count, in as many words as the card has room for.
  await expect(fold.locator('.topo-replica-state')).toHaveText(new RegExp(`^(${n} replicas|×${n})$`));
  await expect(fold.locator('.topo-replica-figure').first()).toHaveText(new RegExp(`^${n} up$`));
  await expect(fold.locator('title')).toContainText(`${n} replicas of `);
  expect((await measure(page)).out).toEqual([]);
  await page.screenshot({ path: 'test-results/replica-cards-1024.png' });
});
