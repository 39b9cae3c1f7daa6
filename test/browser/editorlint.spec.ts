// The editor lists lint's findings (session 39, N9's finding 3): a scenario whose service policy
// never acts (its only caller, a gateway, sets its own timeout and retries) read "valid" with no
// word in the app, while `npm run sim -- lint` found MS010 twice and MS001. Now the editor lists
// them as warnings under the problems, with the rule id, the line and lint's fix; Run still runs.
import { expect } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { settled } from './fixtures/settle';
import { saveShot } from './fixtures/shots';
import { typeOverEditor } from './fixtures/editorText';

/** N9's own scenario (/work/notes/s39/N9-shots/edge-mesh-tax.yaml): an edge gateway with retries and a timeout in front of orders, whose own policy no request uses. */
const EDGE_MESH_TAX = `name: edge-mesh-tax
seed: 3
duration: 40s
meshes:
  - name: shop
clients:
  - { name: apps, type: open, rate: 80, target: edge, external: true, timeout: 3s }
gateways:
  - name: edge
    replicas: 2
    mesh: shop
    routes:
      - service: orders
        policy: { timeout: 2s, retries: { attempts: 2, retryOn: [5xx, gateway-error] } }
services:
  - name: orders
    replicas: 3
    concurrency: 8
    mesh: shop
    sidecar: true
    mtls: STRICT
    serviceTime: { type: lognormal, median: 4ms, sigma: 0.4 }
    policy: { timeout: 1s, retries: { attempts: 2, perTryTimeout: 300ms, retryOn: [5xx, gateway-error, reset] } }
    calls:
      - { service: payments }
  - name: payments
    replicas: 2
    concurrency: 4
    mesh: shop
    sidecar: true
    mtls: STRICT
    serviceTime: 3ms
    policy: { retries: { attempts: 2, retryOn: [5xx] } }
`;


const SIZES = [
  [1600, 1000],
  [1024, 768],
] as const;

// The file typed and linted once, at 1600x1000; the findings read at both sizes in that window
// resized, and the caret and Run tried at 1024x768 (before, each size opened the editor, typed the
// file and waited for the simulated rule again).
test(`a policy that never acts is listed as lint's MS010 warning with its line and fix, MS001 once simulated, and Run still runs (1600x1000 and 1024x768)`, async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.setViewportSize({ width: 1600, height: 1000 });
  const editor = await typeOverEditor(page, EDGE_MESH_TAX);
  await expect(editor.getByTestId('editor-state')).toHaveText('valid');
  const lint = editor.getByTestId('editor-lint');
  const finding = (code: string) => lint.locator(`[data-testid="editor-lint-finding"][data-code="${code}"]`);
  for (const [width, height] of SIZES) {
    await page.setViewportSize({ width, height });
    await settled(page);
    // The static rules come with the check: orders' timeout and retries are its caller's to set.
    await expect(finding('MS010')).toHaveCount(2);
    await expect(finding('MS010').first()).toHaveAttribute('data-severity', 'warning');
    // Each item by its name, as `sweep --set` takes it (the edge's route has none: its index).
    await expect(finding('MS010').first()).toContainText(/warning MS010 policy-overridden\s+line 23 services\.orders\.policy\.retries: orders's own retries/);
    await expect(finding('MS010').first()).toContainText('fix: Set retries where it acts: on the callers\' own routes (gateways.edge.routes.0.policy.retries)');
    await expect(finding('MS010').nth(1)).toContainText("orders's own timeout (1 s) is overridden on every path");
    // The simulated rule once the text stands still: the gateway's and payments' sidecar retries multiply.
    await expect(finding('MS001')).toHaveCount(1, { timeout: 60_000 });
    await expect(finding('MS001')).toContainText(/warning MS001 retry-amplification.*attempts at payments/);
    await expect(editor.getByTestId('editor-lint-state')).toHaveText('As npm run sim -- lint finds them. They do not block Run.');
    await expect(editor.getByTestId('editor-lint-count')).toHaveText('3 lint warnings');
    // Warnings are not problems: none listed, Run enabled.
    await expect(editor.getByTestId('editor-problem')).toHaveCount(0);
    await expect(editor.getByTestId('editor-run')).toBeEnabled();
    await saveShot(page, `editor-lint-${width}x${height}.png`);
  }
  // A finding puts the caret on its line, as a problem does.
  await finding('MS010').nth(1).locator('button').click();
  await expect(page.locator('.cm-activeLine')).toContainText('policy: { timeout: 1s');
  await editor.getByTestId('editor-run').click();
  await expect(page.getByTestId('scenario-editor')).toHaveCount(0);
  await expect(page.getByTestId('run-status')).toHaveText('ready');
  expect(errors).toEqual([]);
});

// N9's finding 2: a scenario written from scratch has 0 ms hops, even for internet clients; the
// editor now says so as lint's MS015 note (info: a note, not a warning, and Run still runs).
test('a scenario with an internet client and no network latency gets the note "no network latency" with the placement fix, at 1600x1000 and 1024x768', async ({ page }) => {
  await page.setViewportSize({ width: 1600, height: 1000 });
  const editor = await typeOverEditor(page, 'name: from-scratch\nduration: 10s\nclients:\n  - { name: apps, type: open, rate: 20, target: shop, external: true }\nservices:\n  - name: shop\n    serviceTime: 2ms\n');
  await expect(editor.getByTestId('editor-state')).toHaveText('valid');
  const note = editor.locator('[data-testid="editor-lint-finding"][data-code="MS015"]');
  await expect(note).toHaveAttribute('data-severity', 'info');
  await expect(note).toContainText(/^note MS015 no-network-latency\s+line 1 network: no network latency: every hop takes 0 ms/);
  await expect(note).toContainText('fix: Add network: { placement: {} } for the defaults (internet 40 ms');
  // A note is not a warning: no count beside "valid".
  await expect(editor.getByTestId('editor-lint-state')).toHaveText('As npm run sim -- lint finds them. They do not block Run.', { timeout: 60_000 });
  await expect(editor.getByTestId('editor-lint-count')).toHaveCount(0);
  await expect(editor.getByTestId('editor-run')).toBeEnabled();
  await saveShot(page, 'editor-lint-network-1600x1000.png');
  await page.setViewportSize({ width: 1024, height: 768 });
  await saveShot(page, 'editor-lint-network-1024x768.png');
  // The fix, typed: the note goes.
  await page.locator('.cm-content').click();
  await page.keyboard.press('Control+End');
  await page.keyboard.insertText('network: { placement: {} }\n');
  await expect(editor.getByTestId('editor-lint-state')).toHaveText('No findings: npm run sim -- lint has nothing to say.', { timeout: 60_000 });
  await expect(note).toHaveCount(0);
});
