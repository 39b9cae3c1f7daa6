// The Config change form's "gateway route" starts from the route as it stands (session 39, N9's
// finding 7): it started from a fixed {"route": 0, "policy": {"timeout": "2s"}}, so retry-storm's
// api route, which retries twice, looked as if it had no retries, and a branch's label listed
// fields the route already had ("with timeout 2s, retries.attempts 0 on edge route 0").
import { expect } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { settled } from './fixtures/settle';
import { saveShot } from './fixtures/shots';

const SIZES = [
  [1600, 1000],
  [1024, 768],
] as const;

// retry-storm at 5 s opened once, at 1600x1000: the form read at both sizes in the window resized,
// then the branch made once (at 1024x768) and its label read at both sizes (before, each size
// opened the run, sought it and branched again).
test(`"gateway route" starts from api's route 0 as the file has it, and a branch that turns its retries off is labelled with that alone, at 1600x1000 and 1024x768`, async ({ page }) => {
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto('/?scenario=retry-storm&t=5s');
  await expect(page.getByTestId('run-status')).toHaveText(/paused|ready/, { timeout: 30_000 });
  await page.getByTestId('change-type').selectOption('gateway-route');
  const details = page.getByTestId('change-details');
  for (const [width, height] of SIZES) {
    await page.setViewportSize({ width, height });
    await settled(page);
    await expect(page.getByTestId('change-target')).toHaveValue('api');
    await expect.poll(async () => JSON.parse(await details.inputValue())).toEqual({ route: 0, policy: { retries: { attempts: 2, retryOn: ['5xx'] }, circuitBreaker: { maxRetries: 100000 } } });
    await details.scrollIntoViewIfNeeded();
    await saveShot(page, `gatewayroutestart-${width}x${height}.png`);
  }
  // Retries off, the circuit breaker left as it is: B is "with retries.attempts 0 on api route 0".
  await details.fill('{"route": 0, "policy": {"retries": {"attempts": 0}, "circuitBreaker": {"maxRetries": 100000}}}');
  await page.locator('body').click({ position: { x: 2, y: 2 } });
  await page.keyboard.press('b');
  await expect(page.getByTestId('compare-pane')).toHaveCount(2, { timeout: 30_000 });
  for (const [width, height] of [SIZES[1], SIZES[0]]) {
    await page.setViewportSize({ width, height });
    await settled(page);
    await expect(page.getByTestId('compare-pane-title').nth(1)).toContainText('B · with retries.attempts 0 on api route 0 at 5.0 s');
    await expect(page.getByTestId('compare-pane-title').nth(1)).not.toContainText('circuitBreaker');
    await saveShot(page, `gatewayroutestart-branch-${width}x${height}.png`);
  }
});
