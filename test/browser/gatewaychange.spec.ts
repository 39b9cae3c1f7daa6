// A gateway-route change made live acts at the gateway's replicas at once: the change list says so
// in words, not "0 of 5 proxies have it" as if the mesh's control plane pushed it to the
// sidecars (N9's finding 1, session 39).
import { expect } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { settled } from './fixtures/settle';
import { saveShot } from './fixtures/shots';
import { applyChange } from './fixtures/changeForm';

const words = "acts at edge's 2 replicas at once: a gateway is configured directly, not by the mesh's control plane";

// The change made once, at 1600x1000, and its words read at both sizes in the window resized
// (before, each size opened gateway-and-mesh at 8 s and applied it again).
test(`a gateway-route change applied now acts at edge's 2 replicas at once, pushed to no sidecar (1600x1000 and 1024x768)`, async ({ page }) => {
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto('/?scenario=gateway-and-mesh&t=8s');
  await expect(page.getByTestId('run-status')).toHaveText(/paused|ready|finished/);
  await applyChange(page, 'gateway-route', 'edge', '{"route": 0, "policy": {"retries": {"attempts": 0}}}');
  for (const size of [
    { width: 1600, height: 1000 },
    { width: 1024, height: 768 },
  ]) {
    await page.setViewportSize(size);
    await settled(page);
    await expect(page.getByTestId('change-problems')).toHaveCount(0);
    await expect(page.getByTestId('change-item')).toHaveText(`change 1 at 8.0 s: ${words}`);
    await expect(page.locator('.change-note')).toHaveText("Changed at 8.0 s; the gateway takes it at once (a gateway is configured directly, not by the mesh's control plane).");
    await page.getByTestId('change-list').scrollIntoViewIfNeeded();
    await saveShot(page, `gatewaychange-${size.width}.png`);
  }
});
