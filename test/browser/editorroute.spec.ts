// The editor's form no longer writes what could never act (session 37's trial N6, F9): a gateway route whose prefix has
// no leading "/" or that has no prefix behind a catch-all route, and a fault that starts after the run ends, were
// written without a word and the editor then said "No problems". Now each is named at its field; a route with a
// prefix goes in before the gateway's catch-all route, where the gateway's first match can be it.
import { expect } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { saveShot } from './fixtures/shots';

test('Add gateway route refuses "no-slash path" and a route with no prefix behind edge\'s catch-all, puts "/admin" before the catch-all, and Add fault refuses 999h in a 60 s run, at 1600x1000 and 1024x768', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.goto('/?scenario=gateway-and-mesh');
  await expect(page.getByTestId('run-status')).toHaveText('ready');
  await page.getByTestId('editor-open').click();
  const editor = page.getByTestId('scenario-editor');
  await expect(editor.getByTestId('editor-state')).toHaveText('valid');
  const before = await page.locator('.cm-content').innerText();
  const problem = editor.getByTestId('editor-field-problem');

  await editor.locator('label.editor-kind', { hasText: 'gateway route' }).click();
  await editor.getByLabel('Gateway', { exact: true }).fill('edge');
  await editor.getByTestId('editor-route-prefix').fill('no-slash path');
  await editor.getByTestId('editor-add').click();
  await expect(problem).toHaveText(['path prefix: must start with "/" (every request\'s path does), got "no-slash path"']);
  await expect(editor.getByTestId('editor-route-prefix')).toHaveAttribute('aria-invalid', 'true');
  await editor.getByTestId('editor-route-prefix').scrollIntoViewIfNeeded();
  await saveShot(page, 'editorroute-prefix-1024x768.png');

  await editor.getByTestId('editor-route-prefix').fill('');
  await editor.getByTestId('editor-add').click();
  await expect(problem).toHaveText([/^path prefix: gateway edge's route 0 \(to frontend\) already takes every request, so a route with no path prefix would never match/]);
  expect(await page.locator('.cm-content').innerText()).toBe(before);

  await editor.getByTestId('editor-route-prefix').fill('/admin');
  await editor.getByTestId('editor-add').click();
  await expect(problem).toHaveCount(0);
  // Before the catch-all: /admin's route comes first in edge's routes.
  await expect(page.locator('.cm-content')).toContainText('/admin');
  const text = await page.locator('.cm-content').innerText();
  expect(text.indexOf('"/admin"')).toBeLessThan(text.indexOf('"service": "frontend", "policy"') >= 0 ? text.indexOf('"service": "frontend", "policy"') : text.indexOf('"timeout": "2s"'));
  await expect(editor.getByTestId('editor-state')).toHaveText('valid');

  await page.setViewportSize({ width: 1600, height: 1000 });
  await editor.locator('label.editor-kind', { hasText: 'fault' }).click();
  await editor.getByTestId('editor-at').fill('999h');
  await editor.getByTestId('editor-for').fill('5s');
  await editor.getByTestId('editor-add').click();
  await expect(problem).toHaveText(["at: 41d 15h is at or after the run's end (1m 00s), so it would never act"]);
  await expect(editor.getByTestId('editor-form-error')).toContainText('Nothing added');
  await editor.getByTestId('editor-at').scrollIntoViewIfNeeded();
  await saveShot(page, 'editorroute-fault-1600x1000.png');
  expect(errors).toEqual([]);
});
