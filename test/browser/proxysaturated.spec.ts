// A saturated sidecar where it is (session 36's trial N5, F3): one open client far past two sidecars' CPU. The
// hexagons of web fill in the queue's colour, a line under web says how many wait in them, the counters' proxy CPU
// says "saturated" and stays the cost of a pass (it read 0.00), and the inspector's replica rows say it with the wait.
import { expect } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { settled } from './fixtures/settle';
import { saveShot } from './fixtures/shots';

const FLOOD = [
  'name: proxy-flood',
  'duration: 2s',
  'clients:',
  '  - { name: c, type: open, arrival: poisson, rate: 100000, target: web }',
  'services:',
  '  - { name: web, replicas: 2, sidecar: true, serviceTime: 5ms }',
  '',
].join('\n');

const SIZES = [
  [1600, 1000],
  [1024, 768],
] as const;

// The flood played once, at 1600x1000, and what it left read at both sizes in the window resized (before, each size
// opened the file and played the flood again): the picture and the counters at 1600x1000 then 1024x768, the
// inspector at 1024x768 then 1600x1000.
test(`a flooded mesh's saturated sidecars show at web, in the counters and the inspector (1600x1000 and 1024x768)`, async ({ page }) => {
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto('/');
  await expect(page.getByTestId('run-status')).toHaveText('ready');
  await page.getByTestId('scenario-file').setInputFiles({ name: 'proxy-flood.yaml', mimeType: 'application/yaml', buffer: Buffer.from(FLOOD) });
  await expect(page.locator('[data-drawn="proxy-flood"]')).toBeVisible();
  await page.getByTestId('speed').selectOption('max');
  await page.getByTestId('play').click();
  const web = page.getByTestId('topology').locator('[data-node="web"]');
  // Both of web's sidecars saturated: full hexagons and the words under the box.
  await expect(web.locator('.topo-hex-saturated')).toHaveCount(2, { timeout: 60_000 });
  await expect(web.locator('.topo-state-saturated')).toHaveText(/saturated · ≈[\d,]+ waiting/);
  await page.getByTestId('pause').click();
  await expect(page.getByTestId('run-status')).toHaveText('paused');
  for (const [width, height] of SIZES) {
    await page.setViewportSize({ width, height });
    await settled(page);
    await expect(web.locator('.topo-hex-saturated')).toHaveCount(2);
    await expect(web.locator('.topo-state-saturated')).toHaveText(/saturated · ≈[\d,]+ waiting/);
    const why = page.getByTestId('proxy-cpu-why');
    await expect(why).toContainText('saturated');
    const held = Number(await why.getAttribute('data-held'));
    const inFlight = Number((await page.getByTestId('in-flight-count').innerText()).replace(/,/g, ''));
    // Most of what is in flight is in the sidecars (web's 2 × 1 workers hold a few hundred at most).
    expect(held).toBeGreaterThan(0.5 * inFlight);
    // The per-proxy CPU is the cost of a pass, not 0.00 (passes counted on arrival over CPU run so far).
    const per = Number(await page.getByTestId('proxy-cpu').innerText());
    expect(per).toBeGreaterThan(0.2);
    await saveShot(page, `proxysaturated-picture-${width}.png`);
  }

  await page.getByTestId('inspector-toggle').click();
  const panel = page.getByTestId('inspector');
  await expect(panel).toBeVisible();
  await web.click();
  for (const [width, height] of [SIZES[1], SIZES[0]]) {
    await page.setViewportSize({ width, height });
    await settled(page);
    const node = panel.getByTestId('inspect-node');
    await expect(node.locator('h3')).toHaveText(/^web/);
    const backlog = node.getByTestId('replica-proxy-backlog');
    await expect(backlog).toHaveCount(2);
    await expect(backlog.first()).toHaveText(/^saturated≈[\d,]+ waiting$/);
    await expect(backlog.first()).toHaveAttribute('title', /a new one would wait [\d.,]+ s for a worker/);
    await backlog.first().scrollIntoViewIfNeeded();
    await saveShot(page, `proxysaturated-inspector-${width}.png`);
  }
});
