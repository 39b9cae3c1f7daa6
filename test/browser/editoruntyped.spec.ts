// A fault line with no `type` in the editor lists every problem the line has, not only the missing type (session 36's
// review: zod's discriminated union stopped at the discriminator, so a person fixed the type and then met the next).
import { expect } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { settled } from './fixtures/settle';
import { saveShot } from './fixtures/shots';

const SIZES = [
  [1600, 1000],
  [1024, 768],
] as const;

// The line typed once, at 1600x1000; the problems read at both sizes in that window resized.
test(`a fault with no type: the editor says type is required with the types, a bad start and a misspelt field (1600x1000 and 1024x768)`, async ({ page }) => {
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto('/?scenario=hello-mesh');
  await expect(page.getByTestId('run-status')).toHaveText('ready');
  await page.getByTestId('editor-open').click();
  const editor = page.getByTestId('scenario-editor');
  await expect(editor.getByTestId('editor-state')).toHaveText('valid');
  await page.locator('.cm-line', { hasText: '"duration": "120s"' }).first().click();
  await page.keyboard.press('Home');
  await page.keyboard.press('Shift+End');
  await page.keyboard.insertText('"duration": "120s", "faults": [{ "service": "catalog", "at": "5 parsecs", "replika": 1 }],');
  for (const [width, height] of SIZES) {
    await page.setViewportSize({ width, height });
    await settled(page);
    await expect(editor.getByTestId('editor-state')).toHaveText('3 problems');
    const problems = editor.getByTestId('editor-problem');
    await expect(problems.nth(0)).toContainText('faults.0.type: is required: must be one of "kill-replica", "kill-service"');
    await expect(problems.nth(1)).toContainText('faults.0.at: "5 parsecs" is not a duration');
    await expect(problems.nth(2)).toContainText('faults.0.replika: unknown field; did you mean replica?');
    await expect(editor.getByTestId('editor-run')).toBeDisabled();
    await problems.nth(2).scrollIntoViewIfNeeded();
    await saveShot(page, `editoruntyped-${width}.png`);
  }
});
