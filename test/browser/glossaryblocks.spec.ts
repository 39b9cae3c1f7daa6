// Jargon explained in every text a person reads now (trial T4, 6; session 54): the picker's name for a
// scenario (its heading, "503 UC"), a step's title ("trust domains"), and a term marked again in a
// later step's text though an earlier step marked it. Each popover lies inside the window and leaves
// the step's next › uncovered.
import { expect, type Locator, type Page } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { saveShot } from './fixtures/shots';
import { popoverOf } from './fixtures/glossPopover';

type Box = { x: number; y: number; width: number; height: number };
const overlaps = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** Hovers `term`, and returns its popover once shown, checked inside the window and clear of next ›. */
async function hoverPopover(page: Page, term: Locator): Promise<Locator> {
  await term.scrollIntoViewIfNeeded();
  await term.hover();
  const pop = await popoverOf(page, term);
  const box = (await pop.boundingBox())!;
  const next = page.getByTestId('narrative-next');
  if (await next.isVisible()) expect(overlaps(box, (await next.boundingBox())!), 'popover over next ›').toBe(false);
  return pop;
}

const term = (scope: Locator, name: string) => scope.locator(`[data-testid="gloss-term"][data-term="${name}"]`);

for (const viewport of [
  { width: 1600, height: 1000 },
  { width: 1024, height: 768 },
]) {
  test.describe(`at ${viewport.width}x${viewport.height}`, () => {
    test.use({ viewport });

    test("the picker's name for idle-timeout-race: '503 UC' explained in the scenario's heading", async ({ page }) => {
      await page.goto('/?scenario=idle-timeout-race&t=0s');
      await expect(page.locator('.topology-stage')).toHaveAttribute('data-drawn', 'idle-timeout-race', { timeout: 120_000 });
      const uc = term(page.getByTestId('scenario-title'), '503 UC');
      await expect(uc).toHaveCount(1);
      const pop = await hoverPopover(page, uc);
      await expect(pop).toContainText('upstream connection termination');
      await saveShot(page, `glossaryblocks-title-${viewport.width}.png`);
    });

    test("two-meshes-direct step 1's title: 'trust domains' explained", async ({ page }) => {
      await page.goto('/?scenario=two-meshes-direct&t=0s');
      await expect(page.locator('.topology-stage')).toHaveAttribute('data-drawn', 'two-meshes-direct', { timeout: 120_000 });
      await expect(page.getByTestId('narrative-title')).toHaveText('Two trust domains');
      const domains = term(page.getByTestId('narrative-title'), 'trust domain');
      const pop = await hoverPopover(page, domains);
      await expect(pop).toContainText('issuing authority');
      await saveShot(page, `glossaryblocks-steptitle-${viewport.width}.png`);
    });

    test("mesh-only: 'sidecar' marked in step 1's text and again in step 2's after next ›", async ({ page }) => {
      await page.goto('/?scenario=mesh-only&t=0s');
      await expect(page.locator('.topology-stage')).toHaveAttribute('data-drawn', 'mesh-only', { timeout: 120_000 });
      const text = page.getByTestId('narrative-text');
      await expect(term(text, 'sidecar')).toHaveCount(1); // its first use in the text only ("a sidecar: a proxy beside it...")
      await page.getByTestId('narrative-next').click();
      await expect(page.getByTestId('narrative-title')).toHaveText('Policy where the calls are', { timeout: 120_000 });
      const again = term(text, 'sidecar');
      await expect(again).toHaveCount(1);
      const pop = await hoverPopover(page, again);
      await expect(pop).toContainText('runs next to each replica');
      await saveShot(page, `glossaryblocks-again-${viewport.width}.png`);
    });

    test("gateway-and-mesh step 3: the other stories named as links, the replica said as its tag, 'eject' explained", async ({ page }) => {
      await page.goto('/?scenario=gateway-and-mesh&t=22s');
      await expect(page.getByTestId('timeline')).toHaveAttribute('aria-valuenow', '22000', { timeout: 120_000 });
      const text = page.getByTestId('narrative-text');
      await expect(text).toContainText('⚡ slow one replica');
      await expect(text).not.toContainText('other two shops');
      await expect(text.getByTestId('scenario-ref')).toHaveText(['Gateway only', 'Mesh only']);
      const pop = await hoverPopover(page, term(text, 'eject'));
      await expect(pop).toContainText('out of load balancing');
      await saveShot(page, `glossaryblocks-gm-step3-${viewport.width}.png`);
    });

    test("compare: a pane's step title marks its term ('trust domains')", async ({ page }) => {
      await page.goto('/?compare=two-meshes-direct,two-meshes-via-gateway&t=0s');
      const titles = page.getByTestId('pane-step-title');
      await expect(titles).toHaveCount(2, { timeout: 120_000 });
      await expect(term(titles.first(), 'trust domain')).toHaveCount(1);
      await expect(term(titles.last(), 'trust domain')).toHaveCount(1);
      const pop = await hoverPopover(page, term(titles.first(), 'trust domain'));
      await expect(pop).toContainText('issuing authority');
      await saveShot(page, `glossaryblocks-compare-${viewport.width}.png`);
    });
  });
}
