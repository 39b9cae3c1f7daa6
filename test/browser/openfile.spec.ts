// "Open file…" with a broken YAML scenario: the alert names each problem's line, as the editor
// does, so a person finds the field in their own file; the run on screen goes on.
import { expect, type Locator } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { saveShot } from './fixtures/shots';

const BROKEN = ['name: my-shop', 'duration: 10s', 'clients:', '  - name: web', '    type: open', '    rate: -5', '    target: api', 'services:', '  - name: api', '    replicas: 0', '    serviceTime: 5 parsecs', ''].join('\n');

test('a broken YAML file opened with Open file… lists each problem as line: path: message, each service and client by its name', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('run-status')).toHaveText('ready');
  await page.getByTestId('scenario-file').setInputFiles({ name: 'my-shop.yaml', mimeType: 'application/yaml', buffer: Buffer.from(BROKEN) });
  const box = page.getByTestId('load-problems');
  await expect(box).toContainText('my-shop.yaml');
  const items = page.getByTestId('problems').locator('li');
  await expect(items).toHaveText([
    /^line 6: clients\.web\.rate: must be greater than zero/,
    'line 10: services.api.replicas: must be at least 1, got 0',
    /^line 11: services\.api\.serviceTime: "5 parsecs" is not a duration/,
  ]);
  await expect(page.getByTestId('scenario-title')).toHaveText(/Hello, mesh/);
  for (const [w, h] of [[1600, 1000], [1024, 768]] as const) {
    await page.setViewportSize({ width: w, height: h });
    await box.scrollIntoViewIfNeeded();
    await saveShot(page, `openfile-lines-${w}x${h}.png`);
    // Each problem wraps only at a space or after a path's '.' or '/': at 1024x768
    // 'services.0.serviceTime' broke as 'services.0.serviceT' / 'ime'. Paths name their items
    // (services.api, not services.0: trial S50, 2).
    expect(await midWordBreaks(items), `${w}x${h}`).toEqual([]);
  }

  // The same page, a valid file whose gateway is outside the mesh in front of STRICT services (trial
  // N18's my-shop.yaml): lint's error and its fix are said before Play, naming the gateway's field.
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.getByTestId('scenario-file').setInputFiles({ name: 'my-shop.yaml', mimeType: 'application/yaml', buffer: Buffer.from(UNMESHED_GATEWAY) });
  await expect(page.getByTestId('scenario-title')).toHaveText('My shop, three meshed services and a legacy one');
  const lint = page.getByTestId('open-lint');
  await expect(lint.locator('h2')).toHaveText('Lint: 1 error in this file');
  await expect(page.getByTestId('open-lint-note')).toHaveAttribute('data-code', 'MS006');
  // Items by name, the form sweep --set takes (services.orders, not services.0).
  await expect(page.getByTestId('open-lint-note')).toContainText('line 17, services.orders.mtls: orders accepts only mutual TLS (STRICT), but edge is a gateway outside the mesh');
  await expect(page.getByTestId('open-lint-fix')).toHaveText(/^Fix: Put edge in the mesh: set gateways\.edge\.mesh: mesh /);
  await expect(page.getByTestId('sent-count')).toHaveText('0');
  for (const [w, h] of [[1600, 1000], [1024, 768]] as const) {
    await page.setViewportSize({ width: w, height: h });
    await saveShot(page, `openfile-lint-${w}x${h}.png`);
    expect(await midWordBreaks(page.getByTestId('open-lint-note')), `${w}x${h}`).toEqual([]);
  }
});

/** Trial N18's file: gateway edge (no `mesh`) -> STRICT orders -> STRICT payments -> plain legacy-billing. */
const UNMESHED_GATEWAY = `name: my-shop
title: My shop, three meshed services and a legacy one
duration: 30s
clients:
  - { name: users, type: open, rate: 50, target: edge, external: true, timeout: 3s, credentials: valid }
gateways:
  - name: edge
    auth: jwt
    routes:
      - match: {}
        service: orders
services:
  - name: orders
    replicas: 2
    concurrency: 8
    sidecar: true
    mtls: STRICT
    serviceTime: 5ms
    calls:
      - service: payments
  - name: payments
    sidecar: true
    mtls: STRICT
    serviceTime: 8ms
    calls:
      - service: legacy-billing
  - name: legacy-billing
    serviceTime: 20ms
`;

/** Where the text of each of `items` wraps to a new line inside a word, as 'before|after' (a break after a space, '.', '/' or '-' is not listed). */
function midWordBreaks(items: Locator): Promise<string[]> {
  return items.evaluateAll((lis) => {
    const out: string[] = [];
    for (const li of lis) {
      // Each character of the item's text, with the top of its box (null where it takes no room: a space at a wrap).
      const chars: { ch: string; top: number | null }[] = [];
      const walker = document.createTreeWalker(li, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        for (let i = 0; i < (n.textContent ?? '').length; i++) {
          const r = document.createRange();
          r.setStart(n, i);
          r.setEnd(n, i + 1);
          const b = r.getBoundingClientRect();
          chars.push({ ch: n.textContent![i], top: b.width > 0 ? b.top : null });
        }
      }
      const text = chars.map((c) => c.ch).join('');
      let last = -1;
      for (let i = 0; i < chars.length; i++) {
        const top = chars[i].top;
        if (top === null) continue;
        const prevTop = last >= 0 ? chars[last].top! : top;
        if (top > prevTop + 4 && !/[\s./-]/.test(text.slice(last, i))) out.push(`${text.slice(Math.max(0, i - 20), i)}|${text.slice(i, i + 10)}`);
        last = i;
      }
    }
    return out;
  });
}
