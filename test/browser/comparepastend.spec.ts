// A compare link's moment past both runs' end says so at once (trial N8, finding 2): the note came
// with the panes' ready state, the seek to the end already under way, while the single view says it
// as soon as its run has opened. Now it comes once both panes have opened, before their live actions
// and the seek (pairOpening.ts openRecipes), and stays after the landing.
import { expect, test } from './fixtures/sharedPage';
import { settled } from './fixtures/settle';
import { saveShot } from './fixtures/shots';

const SIZES = [
  [1600, 1000],
  [1024, 768],
] as const;

// Opened once, at 1600x1000; the landed note read at both sizes in that window resized (before,
// each size opened the pair and sought both runs to their end again).
test(`a compare link at t=9999s says it is past both runs' end while the view still opens, and after it lands (1600x1000, read at 1024x768 too)`, async ({ page }) => {
  await page.setViewportSize({ width: 1600, height: 1000 });
  // The header's status at the moment the note first shows, read in the page as the DOM changes.
  await page.addInitScript(() => {
    const seen = (window as unknown as { noteStatus?: string }).noteStatus;
    if (seen !== undefined) return;
    new MutationObserver((_, obs) => {
      const note = document.querySelector('[data-testid="link-problems"]');
      if (note?.textContent?.includes('past both')) {
        (window as unknown as { noteStatus?: string }).noteStatus = document.querySelector('[data-testid="run-status"]')?.textContent ?? '';
        obs.disconnect();
      }
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });
  await page.goto('/?compare=retry-storm,retry-storm-fixed&t=9999s');
  const note = page.getByTestId('link-problems');
  await expect(note).toContainText("t: 9999 s is past both runs' end (40 s); opened at the end", { timeout: 30_000 });
  // Said while the panes were still opening, not with the seek (status 'seeking') or after it.
  expect(await page.evaluate(() => (window as unknown as { noteStatus?: string }).noteStatus)).toMatch(/opening/);
  await expect(page.getByTestId('timeline-seeking')).toHaveCount(0, { timeout: 60_000 });
  await expect(page.getByTestId('run-status')).toHaveText(/finished|paused|ready/, { timeout: 60_000 });
  for (const [w, h] of SIZES) {
    await page.setViewportSize({ width: w, height: h });
    await settled(page);
    await expect(note).toContainText("t: 9999 s is past both runs' end (40 s); opened at the end");
    await expect(page.getByTestId('run-status')).toHaveText(/finished|paused|ready/);
    await saveShot(page, `compare-t-past-end-${w}.png`);
  }
});
