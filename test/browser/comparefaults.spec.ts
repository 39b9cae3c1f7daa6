// The compare view's shared timeline draws each run's own faults (session 39, N9's finding 6):
// it drew only the faults injected from its own form, so gateway-only against mesh-only did not
// mark their slow replica at 20 s, which the single view draws as a pink band. Now a fault both
// runs have is one band across the track; one only one run has sits in that side's half, tagged.
import { expect, type Page } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { settled } from './fixtures/settle';
import { saveShot } from './fixtures/shots';

async function openAt(page: Page, url: string) {
  await page.goto(url);
  await expect(page.getByTestId('compare-pane')).toHaveCount(2);
  await expect(page.getByTestId('run-status')).toHaveText(/ready|paused|finished/, { timeout: 60_000 });
}

const SIZES = [
  [1600, 1000],
  [1024, 768],
] as const;

/** Sizes the page to `width` x `height` and waits until its layout stands still. */
async function resizeTo(page: Page, [width, height]: readonly [number, number]) {
  await page.setViewportSize({ width, height });
  await settled(page);
}

// Each pair opened once and its bands read at both sizes in that window resized (before, each
// size opened both pairs and sought them to 30 s again).
test(`the scenarios' own faults are bands on the shared timeline, one for a fault both runs have and A or B for one side's own (1600x1000 and 1024x768)`, async ({ page }) => {
  await page.setViewportSize({ width: 1600, height: 1000 });
  await openAt(page, '/?compare=gateway-only,mesh-only&t=30s');
  const bands = page.getByTestId('compare-side-fault');
  for (const size of SIZES) {
    const [width, height] = size;
    await resizeTo(page, size);
    // Both files slow inventory's replica 0 at 20 s: one band, from 20 s to the end (it lasts until cleared).
    await expect(bands).toHaveCount(1);
    await expect(bands).toHaveAttribute('data-sides', 'AB');
    await expect(bands).toHaveAttribute('data-from-ms', '20000');
    await expect(bands).toHaveAttribute('title', 'slow one replica on inventory-0, from 20.0 s until cleared (in both runs)');
    await saveShot(page, `compare-faults-both-${width}x${height}.png`);
  }
  // Different files: A's slow replica at 20 s, B's HTTP errors on catalog from the start (opened at 1024x768).
  await openAt(page, '/?compare=mesh-only,partial-adoption&t=30s');
  for (const size of [SIZES[1], SIZES[0]]) {
    const [width, height] = size;
    await resizeTo(page, size);
    await expect(bands).toHaveCount(2);
    const a = page.locator('[data-testid="compare-side-fault"][data-sides="A"]');
    const b = page.locator('[data-testid="compare-side-fault"][data-sides="B"]');
    await expect(a).toHaveAttribute('data-from-ms', '20000');
    await expect(a).toHaveText('A');
    await expect(b).toHaveText('B');
    await expect(b).toHaveAttribute('title', /catalog.*\(in B only\)/);
    // A's band in the track's upper half, B's in its lower half.
    const [ba, bb] = [await a.boundingBox(), await b.boundingBox()];
    expect(ba!.y).toBeLessThan(bb!.y);
    await saveShot(page, `compare-faults-sides-${width}x${height}.png`);
  }
});
