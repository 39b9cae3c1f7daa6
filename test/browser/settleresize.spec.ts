// `settled` after a resize reads the picture drawn for the new size, on a slow machine too: a large scene's canvases
// get their pixels a task at a time before it is drawn anew, and until then the old size's picture and marks stay up
// and stand still, so a wait for stillness alone could return with the old layout's marks (session 50, twice). The
// scene's canvas says the stage size it was drawn at (data-drawn-at) and `settled` waits for the stage's size now.
// The CPU is throttled four times over CDP, as a loaded CI machine is, and set back after.
import { expect, type Page } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import type { DrawnScene } from '../../src/ui/topology/canvasMarks';
import { pack } from '../../src/ui/recipe/codec';
import { CANVAS_FLOOD } from './fixtures/flood';
import { settled } from './fixtures/settle';
import { saveShot } from './fixtures/shots';

const scene = (page: Page) => page.evaluate(() => (document.querySelector('[data-testid="topology-canvas"]') as unknown as { meshsimDrawn?: DrawnScene } | null)?.meshsimDrawn ?? null);

test('after a resize with the CPU slowed four times, settled returns the scene drawn at the new size: its marks lie in the smaller stage', async ({ page }) => {
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto(`/?t=200ms#data=${pack(CANVAS_FLOOD)}`);
  await expect(page.getByTestId('sim-time')).toHaveText('0.200 s', { timeout: 60_000 });
  await expect(page.locator('.topology-stage')).toHaveAttribute('data-view', 'canvas', { timeout: 30_000 });
  await settled(page);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  try {
    const wide = (await scene(page))!;
    const wideRight = Math.max(...wide.marks.map((m) => m.x + ('w' in m ? m.w : 0)));
    await page.setViewportSize({ width: 1024, height: 768 });
    await settled(page);
    const stage = (await page.locator('.topology-stage').boundingBox())!;
    const canvas = page.getByTestId('topology-canvas');
    await expect(canvas).toHaveAttribute('data-drawn-at', `${Math.floor(stage.width)}x${Math.floor(stage.height)}`);
    const now = (await scene(page))!;
    const right = Math.max(...now.marks.map((m) => m.x + ('w' in m ? m.w : 0)));
    // The wide layout reached past the smaller stage; the one read now fits it (a mark's box, CSS px from the stage's left).
    expect(wideRight).toBeGreaterThan(stage.width);
    expect(right).toBeLessThanOrEqual(stage.width + 1);
    await saveShot(page, 'settle-resize-1024.png');
  } finally {
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    await cdp.detach();
  }
});
