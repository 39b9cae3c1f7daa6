// Play pressed while another scenario opens (trial N16, 3): it played the old one (hello-mesh ran
// 0.6 s), and the picked one then arrived paused at 0. Now the press means "play the one I picked":
// the old one stays as it was, the notice says "Play pressed: it starts playing once loaded", the
// button reads Pause (which takes it back), and the new one plays once open. One page load; the
// full-scale load test is picked for its long open (seconds, at any load), paused once it plays.
import { expect } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { saveShot } from './fixtures/shots';

test('Play pressed while Istio\'s full-scale load test opens leaves hello-mesh paused and plays the full scale once it has opened', async ({ page }) => {
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto('/');
  await expect(page.getByTestId('play')).toBeEnabled({ timeout: 60_000 });
  await expect(page.getByTestId('sim-time')).toHaveText('0.000 s');
  await page.getByTestId('scenario-select').selectOption('istio-load-test-full');
  await expect(page.getByTestId('opening')).toBeVisible();
  await page.getByTestId('play').click();
  await expect(page.getByTestId('opening-note')).toHaveText('Play pressed: it starts playing once loaded.');
  await expect(page.getByTestId('pause')).toHaveAttribute('title', /plays once opened/);
  // The run on screen did not start: hello-mesh is still ready at 0.
  await expect(page.getByTestId('run-status')).toHaveText('ready');
  await saveShot(page, 'playonopen-opening-1600.png');
  await expect(page.getByTestId('sim-time')).toHaveText('0.000 s');

  await page.setViewportSize({ width: 1024, height: 768 });
  await expect(page.getByTestId('opening')).toHaveCount(0, { timeout: 120_000 });
  await expect(page.getByTestId('run-status')).toHaveText('running', { timeout: 30_000 });
  await expect.poll(async () => Number.parseFloat((await page.getByTestId('sim-time').textContent()) ?? '0'), { timeout: 60_000 }).toBeGreaterThan(0);
  await saveShot(page, 'playonopen-playing-1024.png');
  await page.getByTestId('pause').click();
  await expect(page.getByTestId('run-status')).toHaveText('paused', { timeout: 30_000 });
});
