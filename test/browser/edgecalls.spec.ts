// A link's inspector says how many calls it carries (session 50's W3, 2): since one edge per
// caller -> callee pair (Q2, 359fea1), fan-in-calls' s calls t 200 times a request over one link
// whose figures sum them, and the inspector said nothing of it. It now says "200 of s's calls,
// summed here" and what they are, alike ones as one line; many kinds are folded under their count.
import { readFileSync } from 'node:fs';
import { expect, type Page } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { saveShot } from './fixtures/shots';

async function openFile(page: Page, name: string, text: string, title: string) {
  await page.getByTestId('scenario-file').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
  await expect(page.getByTestId('scenario-title')).toContainText(title, { timeout: 30_000 });
  await expect(page.getByTestId('run-status')).toHaveText('ready');
}

/** Opens the inspector and picks a link in its list, as a person does. */
async function inspectLink(page: Page, label: string) {
  const panel = page.getByTestId('inspector');
  if (!(await panel.isVisible())) await page.getByTestId('inspector-toggle').click();
  await panel.getByTestId('inspector-picker').selectOption({ label });
  return panel.getByTestId('inspect-edge');
}

for (const [width, height] of [
  [1600, 1000],
  [1024, 768],
] as const) {
  test(`fan-in-calls' s -> t says it carries s's 200 calls, all alike, at ${width}x${height}`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    await page.goto('/?scenario=hello-mesh');
    await expect(page.getByTestId('run-status')).toHaveText('ready', { timeout: 60_000 });
    await openFile(page, 'fan-in-calls.json', readFileSync('test/browser/fixtures/fan-in-calls.json', 'utf8'), 'called 200 times');
    const edge = await inspectLink(page, 's → t');
    await expect(edge.getByTestId('edge-call-count')).toHaveText("200 of s's calls, summed here");
    await expect(edge.getByTestId('edge-call-group')).toHaveText(["calls 1–200: every request; t's own policy"]);
    await expect(edge.getByTestId('edge-call-group')).toBeVisible();
    // The words fit the panel: nothing runs past its right edge.
    const over = await edge.evaluate((el) => {
      const right = el.getBoundingClientRect().right;
      return Array.from(el.querySelectorAll('[data-testid="edge-calls"] li, [data-testid="edge-call-count"]')).filter((x) => x.getBoundingClientRect().right > right + 1).length;
    });
    expect(over).toBe(0);
    await saveShot(page, `edgecalls-fan-in-${width}x${height}.png`);
    // A client's link carries one call: no such row.
    await inspectLink(page, 'c0 → s');
    await expect(page.getByTestId('inspector').getByTestId('edge-call-count')).toHaveCount(0);
  });
}

test("a link carrying calls of five kinds folds them under their count, and a person opens the list", async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.goto('/?scenario=hello-mesh');
  await expect(page.getByTestId('run-status')).toHaveText('ready', { timeout: 60_000 });
  const calls = [
    { service: 'b' },
    { service: 'b' },
    { service: 'b', policy: { timeout: '2s' } },
    { service: 'b', policy: { timeout: '2s', retries: { attempts: 3, perTryTimeout: '500ms' } } },
    { service: 'b', probability: 0.5 },
    { service: 'c', routes: [{ to: [{ service: 'b', weight: 90 }, { service: 'c', weight: 10 }] }] },
  ];
  const text = JSON.stringify({ name: 'many-calls', title: 'A calls b six ways', duration: '5s', clients: [{ name: 'web', type: 'open', arrival: 'constant', rate: 5, target: 'a' }], services: [{ name: 'a', serviceTime: '1ms', calls }, { name: 'b', serviceTime: '2ms' }, { name: 'c', serviceTime: '2ms' }] });
  await openFile(page, 'many-calls.json', text, 'six ways');
  const edge = await inspectLink(page, 'a → b');
  await expect(edge.getByTestId('edge-call-count')).toHaveText("6 of a's calls, summed here");
  const list = edge.getByTestId('edge-calls');
  await expect(list.locator('summary')).toHaveText('5 kinds of call');
  await expect(edge.getByTestId('edge-call-group').first()).toBeHidden();
  await list.locator('summary').click();
  await expect(edge.getByTestId('edge-call-group')).toHaveText([
    "calls 1–2: every request; b's own policy",
    'call 3: every request; timeout 2s',
    // The policy as the run holds it, the retries' defaults filled in.
    'call 4: every request; timeout 2s, retries.attempts 3, retries.perTryTimeout 500ms, retries.retryOn ["connect-failure","refused-stream","retriable-status-codes"], retries.retriableStatusCodes [503], retries.backoff.base 25ms',
    "call 5: 50% of requests; b's own policy",
    "call 6: every request; by its routes; b's own policy",
  ]);
  await saveShot(page, 'edgecalls-folded-open-1024x768.png');
});
