// A share link whose scenario is refused lists its problems with each item by its name, the form
// `sweep --set` takes and the Open file… list and the editor use (session 51, G2): it read
// `data.services.1.replicas`, and the person had to count the link's services.
import { expect } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { pack } from '../../src/ui/recipe/codec';
import { packScenario } from '../../src/ui/recipe/url';
import { saveShot } from './fixtures/shots';

/** Two services and a client, each with a bad field: web's client rate, payments' replicas and its serviceTime. */
const REFUSED = JSON.stringify({
  name: 'refused-by-link',
  duration: '10s',
  clients: [{ name: 'shoppers', type: 'open', rate: -5, target: 'web' }],
  services: [
    { name: 'web', serviceTime: '2ms', calls: [{ service: 'payments' }] },
    { name: 'payments', replicas: 0, serviceTime: 'fast' },
  ],
});

test("a link's refused scenario names its items by name (data.services.payments.replicas), at 1600x1000 and 1024x768", async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  for (const [width, height] of [
    [1600, 1000],
    [1024, 768],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.goto(`/#data=${pack(REFUSED)}`);
    const problems = page.getByTestId('link-problems');
    await expect(problems).toBeVisible();
    const items = problems.locator('li');
    await expect(items.filter({ hasText: /^data\.clients\.shoppers\.rate: must be greater than zero/ })).toHaveCount(1);
    await expect(items.filter({ hasText: /^data\.services\.payments\.replicas: must be at least 1, got 0$/ })).toHaveCount(1);
    await expect(items.filter({ hasText: /^data\.services\.payments\.serviceTime: "fast" is not a duration/ })).toHaveCount(1);
    await expect(problems).toContainText('data: the scenario in the link was refused; opened hello-mesh instead');
    // No item of the link is named by its index any more.
    expect(await problems.textContent()).not.toMatch(/(services|clients)\.\d/);
    await expect(page.getByTestId('scenario-select')).toHaveValue('hello-mesh');
    await saveShot(page, `linkproblemsnamed-${width}x${height}.png`);
  }
  expect(errors).toEqual([]);
});

test("a compare link's refused pane names its items by name too (B's services.payments.replicas), at 1600x1000 and 1024x768", async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const packed = packScenario({ scenario: { kind: 'inline', text: REFUSED }, seed: null, actions: [] });
  for (const [width, height] of [
    [1600, 1000],
    [1024, 768],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.goto(`/?compare=hello-mesh,@data#data=${packed}`);
    const said = page.getByTestId('compare-error');
    await expect(said).toContainText('B (refused-by-link): ');
    await expect(said).toContainText('clients.shoppers.rate: must be greater than zero');
    await expect(said).toContainText('services.payments.replicas: must be at least 1, got 0');
    await expect(said).toContainText('services.payments.serviceTime: "fast" is not a duration');
    expect(await said.textContent()).not.toMatch(/(services|clients)\.\d/);
    await saveShot(page, `linkproblemsnamed-compare-${width}x${height}.png`);
  }
  expect(errors).toEqual([]);
});
