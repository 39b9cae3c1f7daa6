// Session 54, F7 (F6's leftovers): a try the server's listener reset as its drain time ended read 'answered by the
// host' and took its [UC] from its cause. Its row now says the listener reset it, before its retry reason, and shows
// the UC its router stored. No shipped scenario reaches a drain's end: the shop is strictDrain.test's (a gateway
// outside the mesh, db answering in 2 s, STRICT at 48 s and PERMISSIVE
// again at 60 s, so a retry's new connection is accepted; drains ending at 93.2 s and 93.3 s), packed in a #data= link.
import { expect } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { saveShot } from './fixtures/shots';
import { openRetriedRequest } from './fixtures/failedRequest';
import { pack } from '../../src/ui/recipe/codec';

const SHOP = {
  name: 'drain-end-reset',
  duration: '100s',
  meshes: [{ name: 'm', controlPlane: { pushBase: '100ms', perProxy: '100ms' } }],
  clients: [{ name: 'users', type: 'closed', users: 20, thinkTime: { type: 'constant', value: '45s' }, target: 'api' }],
  gateways: [{ name: 'api', routes: [{ service: 'db', policy: { retries: { attempts: 2, retryOn: ['reset'] } } }] }],
  services: [{ name: 'db', replicas: 2, serviceTime: '2s', concurrency: 20, sidecar: true, mtls: 'PERMISSIVE' }],
  changes: [
    { type: 'mtls', service: 'db', mode: 'STRICT', at: '48s' },
    { type: 'mtls', service: 'db', mode: 'PERMISSIVE', at: '60s' },
  ],
};

for (const size of [
  { width: 1600, height: 1000 },
  { width: 1024, height: 768 },
]) {
  test(`at ${size.width}x${size.height} a try the listener's drain reset says so on its row, with [UC]`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.setViewportSize(size);
    await page.goto(`/?t=96s#data=${pack(JSON.stringify(SHOP))}`);
    await expect(page.getByTestId('run-status')).toHaveText('paused', { timeout: 60_000 });
    const { waterfall } = await openRetriedRequest(page);
    const fold = waterfall.getByTestId('waterfall-fold').first();
    if ((await fold.count()) > 0 && (await fold.locator('button').getAttribute('aria-expanded')) === 'false') await fold.locator('button').click();
    const reset = waterfall.locator('.waterfall-row[data-span-role="try"]', { hasText: /drain time ended/ }).first();
    await expect(reset.locator('.waterfall-note')).toContainText(
      "reset by the server's listener as its drain time ended: the host had not answered; the connection closed under the request; retry-on reset matched reset (HTTP 503, seen by the router)",
    );
    await expect(reset.getByTestId('envoy-flag')).toHaveText('[UC]');
    const title = (await reset.getAttribute('title')) ?? '';
    expect(title).toContain('meshsim.envoy.response_flags: UC');
    expect(title).not.toContain('answered by the host');
    await reset.scrollIntoViewIfNeeded();
    await saveShot(page, `drainreset-${size.width}.png`);
  });
}
