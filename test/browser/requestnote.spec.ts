// Follow a request's note, as a person reads it (session 38's leftover): the note in the list's bar
// says how many of the rows listed failed, readable whole at 1600x1000 and, in its narrow form, at
// 1024x768 (it showed "1…" there), and says that it counts the rows listed, not the whole sample.
import { expect, type Page } from '@playwright/test';
import { test } from './fixtures/sharedPage';
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

for (const [w, h, form] of SIZES) {
  test(`Follow a request, unticked: the note counts the rows listed and reads whole (${w}x${h}, ${form} form)`, async ({ page }) => {
    await page.setViewportSize({ width: w, height: h });
    const panel = await openRetryStormRequests(page);
    await expect(panel.getByTestId('request-list-note')).toBeVisible();
    let read = await noteRead(page);
    expect(read.whole, `ticked note whole: ${read.text}`).toBe(true);
    const ticked = await panel.getByTestId('request-list').locator('[data-request-id]').count();
    expect(read.text).toBe(form === 'wide' ? 'Failed, newest first' : `${ticked} failed`);
    await expect(panel.getByTestId('request-list-note')).toHaveAttribute('title', /^Failed requests, newest first: the app keeps the last 150 failed requests \(the commonest cause gives way first\)\.$/);
    await panel.getByTestId('failed-only').uncheck();
    await expect(panel.getByTestId('follow-requests')).toHaveAttribute('aria-busy', 'false');
    const fates = await panel.getByTestId('request-list').locator('[data-request-id] .request-fate').allTextContents();
    const failed = fates.filter((f) => f !== 'ok').length;
    expect(failed).toBeGreaterThan(0);
    expect(failed).toBeLessThan(fates.length);
    read = await noteRead(page);
    expect(read.text).toBe(form === 'wide' ? `${failed} of the ${fates.length} listed failed` : `${failed}/${fates.length} failed`);
    expect(read.whole, `unticked note whole: ${read.text}`).toBe(true);
    await expect(panel.getByTestId('request-list-note')).toHaveAttribute('title', new RegExp(`^${failed} of the ${fates.length} requests listed here failed\\. One request in 20`));
    await saveShot(page, `request-note-${w}x${h}.png`);
  });
}
