// Trial N11 (session 41): a first draft left checkout at the default concurrency (1) in front of
// a 60 ms partner, and 92.6% of its requests failed `timeout` with no word why (finding 9); and a
// file with two bad retryOn values and `mesh: retial` said 2 problems, the unknown mesh only once
// they were fixed (finding 8). The editor now notes the saturation (lint MS017, a warning past 100% busy) and the
// Open file… alert lists all four problems at once, each at its line.
import { expect } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { saveShot } from './fixtures/shots';
import { typeOverEditor } from './fixtures/editorText';
import { BROKEN_REFERENCES, SATURATED_DRAFT } from '../trialN11Files';

test("the editor notes a service saturated by its calls' waits (MS017) with Little's law's numbers and the fix, at 1600x1000 and 1024x768", async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.setViewportSize({ width: 1600, height: 1000 });
  const editor = await typeOverEditor(page, SATURATED_DRAFT);
  await expect(editor.getByTestId('editor-state')).toHaveText('valid');
  const note = editor.locator('[data-testid="editor-lint-finding"][data-code="MS017"]');
  // 128% busy: a warning that says the queue grows without bound, and by how much (session 42; an info before).
  await expect(note).toHaveAttribute('data-severity', 'warning');
  await expect(note).toContainText(/warning MS017 saturated-waiting-on-calls\s+line 6 services\.checkout\.concurrency: checkout is saturated: 2 replicas × 1 concurrency = 2 workers < 40 req\/s × 64 ms a request \(4 ms its own work, 60 ms waiting on its calls\) = 2\.56 busy \(Little's law\): its 2 workers finish at most 31\.3 req\/s \(2 ÷ 64 ms\), so its queue grows without bound, by 8\.75 requests a second/);
  await expect(note).toContainText('fix: Set services.checkout.concurrency: 2 (70% of the workers busy at this load)');
  await expect(editor.getByTestId('editor-run')).toBeEnabled();
  await note.scrollIntoViewIfNeeded();
  await saveShot(page, 'editor-saturation-1600x1000.png');
  await page.setViewportSize({ width: 1024, height: 768 });
  await note.scrollIntoViewIfNeeded();
  await saveShot(page, 'editor-saturation-1024x768.png');
  expect(errors).toEqual([]);
});

test('Open file… of a file with bad retryOn values and an unknown mesh lists all four problems at once, each at its line', async ({ page }) => {
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto('/');
  await expect(page.getByTestId('run-status')).toHaveText('ready');
  await page.getByTestId('scenario-file').setInputFiles({ name: 'broken2.yaml', mimeType: 'application/yaml', buffer: Buffer.from(BROKEN_REFERENCES) });
  await expect(page.getByTestId('load-problems')).toContainText('broken2.yaml');
  await expect(page.getByTestId('problems').locator('li')).toHaveText([
    /^line 9: services\.checkout\.mesh: unknown mesh "retial"; did you mean retail\?/,
    /^line 19: gateways\.egress\.mesh: unknown mesh "retial"; did you mean retail\?/,
    /^line 22: gateways\.egress\.routes\.0\.policy\.retries\.retryOn\.1: must be one of .*got "retriable-4xx"$/,
    /^line 22: gateways\.egress\.routes\.0\.policy\.retries\.retryOn\.2: must be one of .*got "bogus"$/,
  ]);
  await page.getByTestId('load-problems').scrollIntoViewIfNeeded();
  await saveShot(page, 'openfile-all-problems-1600x1000.png');
});
