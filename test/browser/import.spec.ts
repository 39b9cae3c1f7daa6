// Kubernetes and Istio manifests opened in the app (issue 15): Bookinfo's files chosen together
// or dropped on the page are imported, drawn, and what was not modelled is listed.
import { readFileSync } from 'node:fs';
import { expect, type Page } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { saveShot } from './fixtures/shots';
import { openApp } from './fixtures/openApp';

const dir = new URL('../../examples/bookinfo/', import.meta.url);
/** Bookinfo's platform manifests, the route-to-v1 task and the workload, as named files. */
const files = ['platform/namespace.yaml', 'platform/apps.yaml', 'platform/gateway.yaml', 'platform/destination-rules.yaml', 'tasks/route-to-v1/virtual-service-reviews.yaml', 'workload.yaml'].map((name) => ({
  name,
  text: readFileSync(new URL(name, dir), 'utf8'),
}));

/** The warnings box overlaps none of the picture's controls (it sat over Legend, Find, Fit and Inspect). */
async function expectClearOfPictureControls(page: Page) {
  const box = (await page.getByTestId('import-warnings').boundingBox())!;
  for (const name of [/^Legend/, /^Find$/, /^Fit$/, /^Inspect$/]) {
    const c = (await page.getByRole('button', { name }).first().boundingBox())!;
    const overlaps = box.x < c.x + c.width && c.x < box.x + box.width && box.y < c.y + c.height && c.y < box.y + box.height;
    expect(overlaps, `the warnings box covers the ${name} button`).toBe(false);
  }
}


test('Bookinfo manifests chosen together with "Open file…" are imported and drawn: productpage, reviews-v1..v3, ratings', async ({ page }) => {
  await page.setViewportSize({ width: 1600, height: 1000 });
  const errors = await openApp(page);
  await page.getByTestId('scenario-file').setInputFiles(files.map((f) => ({ name: f.name.split('/').pop()!, mimeType: 'application/yaml', buffer: Buffer.from(f.text) })));
  await expect(page.getByTestId('import-warnings')).toBeVisible();
  // The same warning at six lines of apps.yaml is one line.
  await expect(page.getByTestId('import-warnings').locator('li')).toHaveText([
    'apps.yaml:31, 64, 97, 118, 139, 172: spec.template.spec: not modelled (dropped): what the app does comes from the workload file',
    // productpage retries on its own and no VirtualService sets retries: Istio's default at its
    // sidecar multiplies with the app's, and the importer says so at each of its two calls.
    /^workload\.yaml:30: apps\[0\]\.calls\[0\]\.policy: .*the app's 1 and Istio's default 2 at the sidecar .*multiply to 5/,
    /^workload\.yaml:33: apps\[0\]\.calls\[1\]\.policy: .*the app's 1 and Istio's default 2 at the sidecar .*multiply to 5/,
    "gateway.yaml:9: spec.selector: selects no Deployment in the manifests (the ingress gateway's pods): 2 replicas assumed (the scenario's default)",
  ]);
  await expect(page.getByTestId('import-warnings')).toContainText('bookinfo (imported from 5 manifest files + workload.yaml): 4 warnings');
  await expect(page.getByTestId('scenario-title')).toHaveText('Bookinfo, imported from its Kubernetes and Istio manifests');
  for (const n of ['productpage', 'reviews-v1', 'reviews-v2', 'reviews-v3', 'ratings']) await expect(page.locator(`[data-node="${n}"]`)).toBeVisible();
  await expectClearOfPictureControls(page);
  await saveShot(page, 'import-bookinfo-1600x1000.png');
  await test.step("another scenario picked after the import leaves its warnings behind: mm1 shows no 'apps.yaml:31' line", async () => {
    // They stayed beside mm1 (and any file opened next), naming manifests no longer on screen.
    await page.getByTestId('scenario-select').selectOption('mm1');
    await expect(page.getByTestId('scenario-title')).toHaveText(/^M\/M\/1/);
    await expect(page.getByTestId('import-warnings')).toHaveCount(0);
    await saveShot(page, 'import-then-mm1-1600x1000.png');
  });
  expect(errors).toEqual([]);
});

test('Bookinfo files dropped on the page are imported the same way (a DataTransfer drop on the page), each version of reviews a node', async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  const errors = await openApp(page);
  // A drop as the browser makes one: a DataTransfer holding the files, on the page.
  const dt = await page.evaluateHandle((fs) => {
    const d = new DataTransfer();
    for (const f of fs) d.items.add(new File([f.text], f.name.split('/').pop()!, { type: 'application/yaml' }));
    return d;
  }, files);
  await page.dispatchEvent('body', 'dragover', { dataTransfer: dt });
  await page.dispatchEvent('body', 'drop', { dataTransfer: dt });
  await expect(page.getByTestId('scenario-title')).toHaveText('Bookinfo, imported from its Kubernetes and Istio manifests');
  for (const n of ['productpage', 'reviews-v1', 'reviews-v2', 'reviews-v3', 'ratings']) await expect(page.locator(`[data-node="${n}"]`)).toBeVisible();
  await expect(page.getByTestId('import-warnings').locator('li')).toHaveCount(4);
  await expectClearOfPictureControls(page);
  await saveShot(page, 'import-bookinfo-1024x768.png');
  // Dismissed, the warnings leave the picture whole.
  await page.getByTestId('import-warnings').getByRole('button', { name: 'Dismiss' }).click();
  await expect(page.getByTestId('import-warnings')).toHaveCount(0);
  await saveShot(page, 'import-bookinfo-1024x768-dismissed.png');
  expect(errors).toEqual([]);
});
