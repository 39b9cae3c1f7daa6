// A compare link's moment past both runs' end says so at once (trial N8, finding 2): the note came
// with the panes' ready state, the seek to the end already under way, while the single view says it
// as soon as its run has opened. Now it comes once both panes have opened, before their live actions
// and the seek (pairOpening.ts openRecipes), and stays after the landing.
import { expect, test } from './fixtures/sharedPage';
import { saveShot } from './fixtures/shots';

for (const [w, h] of [
  [1600, 1000],
  [1024, 768],
] as const) {
  test(`a compare link at t=9999s says it is past both runs' end while the view still opens, and after it lands (${w}x${h})`, async ({ page }) => {
    await page.setViewportSize({ width: w, height: h });
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
    await expect(note).toContainText("t: 9999 s is past both runs' end (40 s); opened at the end");
    await saveShot(page, `compare-t-past-end-${w}.png`);
  });
}
