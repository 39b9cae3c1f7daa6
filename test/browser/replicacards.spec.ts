// Unfolded replicas stay readable where the cards cannot be big: at 1024x768 a service whose
// replica cards would be too small shows one card that counts its replicas by state. The walk
// over every scenario's unfolded cards at 1600x1000 is in all-scenarios.spec.ts.
import { expect, test } from './fixtures/sharedPage';
import { measureReplicaCards, unfoldAll } from './fixtures/walkChecks';
import { saveShot } from './fixtures/shots';

test('a folded card at 1024x768 counts the replicas by state, and its tooltip says them in full', async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.goto('/?scenario=partial-adoption&t=5s');
  await expect(page.getByTestId('sim-time')).toHaveText('5.00 s', { timeout: 30_000 });
  await unfoldAll(page);
  const fold = page.locator('[data-testid="replica-cards"][data-folded]').first();
  await expect(fold).toBeVisible();
  const n = await fold.getAttribute('data-folded');
  // The count, in as many words as the card has room for.
  await expect(fold.locator('.topo-replica-state')).toHaveText(new RegExp(`^(${n} replicas|×${n})$`));
  await expect(fold.locator('.topo-replica-figure').first()).toHaveText(new RegExp(`^${n} up$`));
  await expect(fold.locator('title')).toContainText(`${n} replicas of `);
  expect((await measureReplicaCards(page)).out).toEqual([]);
  await saveShot(page, 'replica-cards-1024.png');

  await test.step('standing still, the cards ask the worker nothing; after a move, they ask again', async () => {
    // Count the inspector calls the simulation worker receives (comlink's messages name the method).
    const [worker] = page.workers();
    await worker.evaluate(() => {
      const w = self as unknown as { inspectCalls: number };
      w.inspectCalls = 0;
      self.addEventListener('message', (e: MessageEvent) => {
        if (Array.isArray(e.data?.path) && e.data.path.includes('inspectNode')) w.inspectCalls++;
      });
    });
    const calls = () => worker.evaluate(() => (self as unknown as { inspectCalls: number }).inspectCalls);
    await expect(page.getByTestId('run-status')).toHaveText('paused');
    await page.waitForTimeout(2_500);
    // Five ticks of 500 ms went by: before, each asked once for every unfolded service.
    expect(await calls()).toBe(0);
    await page.keyboard.press('Shift+ArrowRight');
    await expect(page.getByTestId('sim-time')).toHaveText('6.00 s');
    await expect.poll(calls, { timeout: 5_000 }).toBeGreaterThan(0);
  });
});
