// Jargon in a story's text is a glossary term (trial T4, 6): dotted underline, and its meaning in a
// popover on hover, on click (a tap) and on keyboard focus, inside the window, described to a
// screen reader (aria-describedby).
import { expect } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { saveShot } from './fixtures/shots';
import { popoverOf } from './fixtures/glossPopover';

for (const viewport of [
  { width: 1366, height: 768 },
  { width: 1024, height: 768 },
]) {
  test.describe(`at ${viewport.width}x${viewport.height}`, () => {
    test.use({ viewport });

    test('partial-adoption: STRICT explained on hover, PERMISSIVE on click, and a term by keyboard focus', async ({ page }) => {
      await page.goto('/?scenario=partial-adoption&t=0s');
      await expect(page.locator('.topology-stage')).toHaveAttribute('data-drawn', 'partial-adoption', { timeout: 120_000 });
      const lesson = page.getByTestId('lesson');
      const strict = lesson.locator('[data-testid="gloss-term"][data-term="STRICT"]');
      await strict.scrollIntoViewIfNeeded();
      await strict.hover();
      const pop = await popoverOf(page, strict);
      await expect(pop).toContainText('accepts only mutual-TLS traffic');
      await saveShot(page, `glossary-hover-${viewport.width}.png`);
      await page.mouse.move(5, viewport.height - 5);
      await expect(pop).toBeHidden();

      const permissive = lesson.locator('[data-testid="gloss-term"][data-term="PERMISSIVE"]');
      await permissive.click();
      const pop2 = await popoverOf(page, permissive);
      await expect(pop2).toContainText('both mutual TLS and plain text');
      await page.mouse.move(5, viewport.height - 5);
      await expect(pop2).toBeVisible(); // pinned by the click
      await saveShot(page, `glossary-click-${viewport.width}.png`);
      await page.keyboard.press('Escape');
      await expect(pop2).toBeHidden();

      const any = page.getByTestId('narrative-text').getByTestId('gloss-term').first();
      await any.focus();
      await popoverOf(page, any);
      await page.keyboard.press('Tab');
    });

    test("gateway-and-mesh step 4: '410 Gone' and 'Deprecation header' explained in the story column", async ({ page }) => {
      await page.goto('/?scenario=gateway-and-mesh&t=42s');
      await expect(page.getByTestId('timeline')).toHaveAttribute('aria-valuenow', '42000', { timeout: 120_000 });
      const gone = page.getByTestId('narrative-text').locator('[data-testid="gloss-term"][data-term="410 Gone"]');
      await gone.scrollIntoViewIfNeeded();
      await gone.hover();
      const pop = await popoverOf(page, gone);
      await expect(pop).toContainText('no longer available');
      await saveShot(page, `glossary-gone-${viewport.width}.png`);
    });
  });
}
