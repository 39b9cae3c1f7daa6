// The shipped scenarios' texts but hello-mesh's are a chunk of their own (src/ui/scenarios/catalog.ts,
// builtinTexts.ts; session 53, L1): the first page fetches it once hello-mesh is drawn and the page
// is idle, the picker lists every scenario at once, and a link that opens another scenario, or the compare view,
// on a fresh page waits for the chunk and opens as before.
import { expect, type Page } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { saveShot } from './fixtures/shots';

const TEXTS = /\/assets\/builtinTexts-[\w-]+\.js$/;

/** Records when the texts chunk is asked for: false until then. */
function watchTexts(page: Page): { asked: () => boolean } {
  let asked = false;
  page.on('request', (r) => {
    if (TEXTS.test(new URL(r.url()).pathname)) asked = true;
  });
  return { asked: () => asked };
}

for (const viewport of [
  { width: 1600, height: 1000 },
  { width: 1024, height: 768 },
]) {
  test.describe(`at ${viewport.width}x${viewport.height}`, () => {
    test.use({ viewport });

    test("the first page lists every scenario with hello-mesh drawn, fetches the other texts while idle with no click, and opens one picked", async ({ page }) => {
      const texts = watchTexts(page);
      await page.goto('/');
      // NOTE: the fetch starts once the first picture is up and the page is idle, so at the
      // moment hello-mesh is drawn it may or may not have begun: only "not before" is checked.
      const stage = page.locator('.topology-stage');
      await expect(stage).toHaveAttribute('data-drawn', 'hello-mesh');
      const asked = texts.asked();
      await expect(page.getByTestId('scenario-select').locator('option')).toHaveCount(24);
      await expect(page.getByTestId('scenario-select').locator('option[value="retry-storm"]')).toHaveText('Retry storm: every layer retries');
      // Asked for while the page is idle, before anyone reaches for the picker.
      await expect.poll(texts.asked, { message: 'the texts chunk fetched once the page is idle' }).toBe(true);
      console.log(`lazytexts: the texts chunk asked for ${asked ? 'by' : 'after'} hello-mesh's first picture`);
      await expect(page.getByTestId('run-status')).toHaveText(/ready|running/);
      await page.getByTestId('scenario-select').selectOption('retry-storm');
      await expect(stage).toHaveAttribute('data-drawn', 'retry-storm', { timeout: 60_000 });
      await expect(page.getByTestId('scenario-title')).toHaveText('Retry storm: every layer retries');
      await saveShot(page, `lazytexts-picked-${viewport.width}.png`);
    });

    test('a link to another scenario at a moment opens it there on a fresh page', async ({ page }) => {
      await page.goto('/?scenario=gateway-and-mesh&t=5s');
      await expect(page.locator('.topology-stage')).toHaveAttribute('data-drawn', 'gateway-and-mesh', { timeout: 60_000 });
      await expect(page.getByTestId('timeline')).toHaveAttribute('aria-valuenow', '5000', { timeout: 60_000 });
      await expect(page.getByTestId('timeline-seeking')).toHaveCount(0);
      await expect(page.getByTestId('link-problems')).toHaveCount(0);
      await saveShot(page, `lazytexts-link-${viewport.width}.png`);
    });

    test('a compare link opens both shipped scenarios side by side on a fresh page', async ({ page }) => {
      await page.goto('/?compare=retry-storm,retry-storm-fixed');
      await expect(page.getByTestId('compare-pane')).toHaveCount(2);
      await expect(page.getByTestId('run-status')).toHaveText(/ready|paused/, { timeout: 60_000 });
      await expect(page.locator('[data-testid="compare-pane"][data-side="A"]')).toContainText('retry-storm');
      await expect(page.locator('[data-testid="compare-pane"][data-side="B"]')).toContainText('retry-storm-fixed');
      await saveShot(page, `lazytexts-compare-${viewport.width}.png`);
    });
  });
}
