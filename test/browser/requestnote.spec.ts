// Follow a request's note, as a person reads it (session 38's leftover): the note in the list's bar
// says how many of the rows listed failed, readable whole at 1600x1000 and, in its narrow form, at
// 1024x768 (it showed "1…" there), and says that it counts the rows listed, not the whole sample.
import { expect, type Page } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { settled } from './fixtures/settle';
import { saveShot } from './fixtures/shots';
import { openRetryStormRequests } from './fixtures/requestList';

const SIZES = [
  [1600, 1000, 'wide'],
  [1024, 768, 'narrow'],
] as const;

/** The note's drawn text (its hidden form left out) and whether it shows whole, not cut by its ellipsis. */
async function noteRead(page: Page) {
  return page.getByTestId('request-list-note').evaluate((el) => ({ text: (el as HTMLElement).innerText, whole: el.scrollWidth <= el.clientWidth + 1 }));
}

// The list opened once, at 1600x1000, and the note read at both sizes in the window resized: ticked at 1600x1000 then
// 1024x768, unticked (at 1024x768) then at 1600x1000 (before, each size opened retry-storm at 20 s, the inspector
// and the list again).
test(`Follow a request, unticked: the note counts the rows listed and reads whole (1600x1000, wide form; 1024x768, narrow form)`, async ({ page }) => {
  await page.setViewportSize({ width: SIZES[0][0], height: SIZES[0][1] });
  const panel = await openRetryStormRequests(page);
  for (const [w, h, form] of SIZES) {
    await page.setViewportSize({ width: w, height: h });
    await settled(page);
    await expect(panel.getByTestId('request-list-note')).toBeVisible();
    const read = await noteRead(page);
    expect(read.whole, `ticked note whole at ${w}x${h}: ${read.text}`).toBe(true);
    const ticked = await panel.getByTestId('request-list').locator('[data-request-id]').count();
    // Narrow: 'newest 30', not '30 failed', which read as the run's count beside the counters' 307 (trial N14).
    expect(read.text).toBe(form === 'wide' ? 'Failed, newest first' : `newest ${ticked}`);
    await expect(panel.getByTestId('request-list-note')).toHaveAttribute('title', /^Failed requests, newest first: the app keeps the last 150 failed requests \(the commonest cause gives way first\)\.$/);
  }
  await panel.getByTestId('failed-only').uncheck();
  await expect(panel.getByTestId('follow-requests')).toHaveAttribute('aria-busy', 'false');
  for (const [w, h, form] of [SIZES[1], SIZES[0]]) {
    await page.setViewportSize({ width: w, height: h });
    await settled(page);
    const fates = await panel.getByTestId('request-list').locator('[data-request-id] .request-fate').allTextContents();
    const failed = fates.filter((f) => f !== 'ok').length;
    expect(failed).toBeGreaterThan(0);
    expect(failed).toBeLessThan(fates.length);
    const read = await noteRead(page);
    expect(read.text).toBe(form === 'wide' ? `${failed} of the ${fates.length} listed failed` : `${failed}/${fates.length} failed`);
    expect(read.whole, `unticked note whole at ${w}x${h}: ${read.text}`).toBe(true);
    await expect(panel.getByTestId('request-list-note')).toHaveAttribute('title', new RegExp(`^${failed} of the ${fates.length} requests listed here failed\\. One request in 20`));
    await saveShot(page, `request-note-${w}x${h}.png`);
  }
});
