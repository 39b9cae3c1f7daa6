// Trial N10, 7 at 1024x768: the drawer's Ownership tab showed one feature row above the timeline,
// and with the charts open the failed figure's causes folded to 'queue-full 307 http-5xx 242 +1',
// timeout out of reach. Now the tab shows several rows (the rest scroll, with a shadow at the
// edge), and '+n' opens every cause, each listing its requests. At 1600x1000 and 1024x768, with
// screenshots.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures/sharedPage';
import { settled } from './fixtures/settle';
import { saveShot } from './fixtures/shots';

const SIZES = [
  { width: 1600, height: 1000 },
  { width: 1024, height: 768 },
];

/** N10's teacher link: gateway-only with HTTP errors on inventory, at 30 s. */
const TEACHER = '/?scenario=gateway-only&faults=FcpbCoAgEEbhvfzPBooE4VbCB5PpApEyTkFEe286j4dvHJ3VjPPeOfNA7koIWEVql6bCAoNGfG353zlJ2suirxJnOgTBWwWS5GwIvfUGc2GVQ8Mb4wc&t=30s&speed=0.1';

/** Sizes the page to `size` and waits until its layout stands still. */
async function resizeTo(page: Page, size: { width: number; height: number }) {
  await page.setViewportSize(size);
  await settled(page);
}

/** The teacher's link opened at 1600x1000, landed at 30 s. */
async function openTeacher(page: Page) {
  await page.setViewportSize(SIZES[0]);
  await page.goto(TEACHER);
  await expect(page.getByTestId('sim-time')).toHaveText('30.0 s', { timeout: 60_000 });
}

// Each test opens the teacher's link once, at 1600x1000, and reads the drawer at both sizes in
// that window resized (before, each size opened and sought to 30 s again).
test(`the Ownership tab shows its table's rows, and the rest scroll (1600x1000 and 1024x768)`, async ({ page }) => {
  test.setTimeout(120_000);
  await openTeacher(page);
  await page.getByTestId('tab-ownership').click();
  const view = page.getByTestId('ownership');
  const rows = view.getByTestId('ownership-row');
  for (const size of SIZES) {
    await resizeTo(page, size);
    // The table from its top, as the tab opens: the size before left it scrolled to its last row.
    await view.evaluate((v) => {
      for (let el = v.querySelector('[data-testid="ownership-row"]'); el && el !== document.body; el = el.parentElement) el.scrollTop = 0;
    });
    await expect(rows.first()).toBeVisible();
    // Rows whole inside the drawer's view: one at 1024x768 before (13-ownership-1024.png).
    const whole = await view.evaluate((v) => {
      const box = v.getBoundingClientRect();
      return Array.from(v.querySelectorAll('[data-testid="ownership-row"]')).filter((r) => {
        const b = r.getBoundingClientRect();
        return b.top >= box.top - 0.5 && b.bottom <= box.bottom + 0.5;
      }).length;
    });
    // Three or more at 1600x1000; at 1024x768 two: the drawer is capped there so the picture keeps
    // 10 px names (trial N13, 4: 6.7 px at the 322 px drawer that showed four).
    expect(whole).toBeGreaterThanOrEqual(size.width === 1600 ? 3 : 2);
    // The timeline and the counters stay in the window.
    const clock = (await page.getByTestId('sim-time').boundingBox())!;
    expect(clock.y + clock.height).toBeLessThanOrEqual(size.height);
    await expect(page.getByTestId('timeline')).toBeInViewport();
    await saveShot(page, `drawercauses-ownership-${size.width}.png`);
    // The last row is reached by scrolling the view.
    await rows.last().scrollIntoViewIfNeeded();
    await expect(rows.last()).toBeInViewport();
    await saveShot(page, `drawercauses-ownership-scrolled-${size.width}.png`);
  }
});

test(`with the charts open every failure cause can be reached: '+n' opens them all (1600x1000 and 1024x768)`, async ({ page }) => {
  test.setTimeout(120_000);
  await openTeacher(page);
  await page.getByTestId('tab-charts').click();
  const causes = page.getByTestId('failure-causes');
  const more = page.getByTestId('failure-causes-more');
  const all = page.getByTestId('failure-causes-all');
  let moreAtBig = false;
  for (const size of SIZES) {
    await resizeTo(page, size);
    await expect(causes).toHaveAttribute('title', /timeout/);
    // At 1024x768 three causes do not fit beside the share (N10's shot); at 1600x1000 they may.
    if (size.width === 1024) await expect(more).toBeVisible();
    if (!(await more.isVisible())) {
      await expect(causes.locator('button[data-cause="timeout"]')).toBeVisible();
      continue;
    }
    if (size.width === 1600) moreAtBig = true;
    await more.click();
    await expect(all).toBeVisible();
    await expect(all.locator('button[data-cause]')).toHaveCount(3);
    await expect(all.locator('button[data-cause="timeout"]')).toBeInViewport();
    await saveShot(page, `drawercauses-all-${size.width}.png`);
    // Escape closes it; the button opens it again.
    await page.keyboard.press('Escape');
    await expect(all).toHaveCount(0);
    await more.click();
    await expect(all).toBeVisible();
    if (size.width === 1600) {
      await page.keyboard.press('Escape');
      await expect(all).toHaveCount(0);
    }
  }
  // A cause lists its requests (picked at 1024x768, read there and, where '+n' showed, at 1600x1000).
  await all.locator('button[data-cause="timeout"]').click();
  await expect(all).toHaveCount(0);
  for (const size of moreAtBig ? [SIZES[1], SIZES[0]] : [SIZES[1]]) {
    await resizeTo(page, size);
    await expect(page.getByTestId('inspector').getByTestId('request-only')).toHaveValue('timeout');
    await saveShot(page, `drawercauses-timeout-listed-${size.width}.png`);
  }
});
