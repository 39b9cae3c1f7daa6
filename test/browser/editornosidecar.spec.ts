// Trial N15, 1: a teacher added "legacy-billing" from the editor's form with Sidecar unticked and
// got "services.3.mtls: STRICT is enforced by a sidecar" with Run greyed out (the form offered
// only STRICT or PERMISSIVE), and "Called by" listed "nobody yet" for 1-6 s after the dialog
// opened, while the editor's worker started.
import type { Route } from '@playwright/test';
import { expect, test } from './fixtures/sharedPage';
import { saveShot } from './fixtures/shots';

test("the editor's service form without a sidecar offers no mTLS mode, says who retries calls to it, writes a service the checker accepts, and lists the callers before its worker answers", async ({ page }) => {
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto('/?scenario=gateway-and-mesh');
  await expect(page.getByTestId('run-status')).toHaveText('ready', { timeout: 30_000 });
  // The editor's worker script is held until the callers have been read: the names must not wait for it.
  const held: Route[] = [];
  await page.context().route(/check\.worker/, (route) => void held.push(route));
  await page.getByTestId('editor-open').click();
  const editor = page.getByTestId('scenario-editor');
  const caller = editor.getByTestId('editor-service-caller');
  await expect(caller.locator('option')).toHaveText(['nobody yet', 'frontend', 'catalog', 'inventory']);
  await expect(editor.getByTestId('editor-state')).toHaveText('checking…');
  expect(held.length).toBeGreaterThan(0);
  for (const r of held) await r.continue();
  await page.context().unroute(/check\.worker/);
  await expect(editor.getByTestId('editor-state')).toHaveText('valid', { timeout: 30_000 });

  await editor.getByTestId('editor-service-name').fill('legacy-billing');
  const mtls = editor.getByTestId('editor-service-mtls');
  await expect(mtls).toBeEnabled();
  await expect(mtls.locator('option')).toHaveText(['STRICT', 'PERMISSIVE']);
  await editor.getByTestId('editor-service-sidecar').uncheck();
  await expect(mtls).toBeDisabled();
  await expect(mtls.locator('option')).toHaveText(['plaintext']);
  await expect(editor.getByText('mTLS (no sidecar)', { exact: true })).toBeVisible();
  const note = editor.getByTestId('editor-service-policy-note');
  await expect(note).toHaveText("Retries and timeout apply to calls to legacy-billing, in each caller's sidecar (no caller yet). legacy-billing has no sidecar: it takes plaintext and enforces no mTLS.");
  await caller.selectOption('frontend');
  await expect(note).toHaveText("Retries and timeout apply to frontend's calls to legacy-billing, in frontend's sidecar. legacy-billing has no sidecar: it takes plaintext and enforces no mTLS.");
  await saveShot(page, 'editornosidecar-form-1600x1000.png');

  await editor.getByTestId('editor-add').click();
  await expect(page.locator('.cm-line', { hasText: '"name": "legacy-billing"' })).toContainText('"sidecar": false, "serviceTime"');
  await expect(editor.getByTestId('editor-state')).toHaveText('valid', { timeout: 30_000 });
  await expect(editor.getByTestId('editor-problem')).toHaveCount(0);
  await expect(editor.getByTestId('editor-run')).toBeEnabled();
  await saveShot(page, 'editornosidecar-added-1600x1000.png');

  // Ticked again, the mode chosen before is back.
  await editor.getByTestId('editor-service-sidecar').check();
  await expect(mtls).toBeEnabled();
  await expect(mtls).toHaveValue('STRICT');
  await expect(note).toHaveText("Retries and timeout apply to frontend's calls to legacy-billing, in frontend's sidecar.");
  await editor.getByTestId('editor-service-sidecar').uncheck();
  await page.setViewportSize({ width: 1024, height: 768 });
  await note.scrollIntoViewIfNeeded();
  await expect(note).toBeInViewport();
  await saveShot(page, 'editornosidecar-form-1024x768.png');
});
