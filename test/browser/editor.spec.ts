// The scenario editor (issue 12, item 6): open the current scenario as text, make an error and
// see it named by field and line (a click puts the caret there), fix it, add a service from the
// form, download the file and run it; the picker lists it as edited, a share link carries it,
// and the CLI run of the downloaded file gives the app's trace hash at the same duration.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures/sharedPage';
import { simCommand } from '../cli/spawnSim';
import { saveShot } from './fixtures/shots';
import { typeOverEditor } from './fixtures/editorText';
import { sharedLink } from './fixtures/share';

/** Replaces the text of the editor line holding `needle` (after its indentation) with `text`. */
async function replaceLine(page: Page, needle: string, text: string) {
  await page.locator('.cm-line', { hasText: needle }).first().click();
  await page.keyboard.press('Home');
  await page.keyboard.press('Shift+End');
  await page.keyboard.insertText(text);
}

/** Plays at full speed to the end and gives the trace hash on screen. */
async function runToEnd(page: Page): Promise<string> {
  // A link opened at the end stands finished already: from the start, so 'finished' below is this run's.
  if ((await page.getByTestId('run-status').textContent()) === 'finished') {
    await page.getByTestId('reset').click();
    await expect(page.getByTestId('run-status')).toHaveText('ready');
  }
  await page.getByTestId('speed').selectOption('max');
  await page.getByTestId('play').click();
  await expect(page.getByTestId('run-status')).toHaveText('finished', { timeout: 60_000 });
  // Read at once: 'finished' comes with the last frame's counters (the hash among them), as the
  // frame says done only with no event of the last instant left to run.
  return (await page.getByTestId('trace-hash').textContent()) ?? '';
}

test('editing a scenario: an error named by field and line, its fix, a form addition, a run, a share link and a download the CLI runs to the same trace hash', async ({ page, browser }) => {
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto('/?scenario=hello-mesh');
  await expect(page.getByTestId('run-status')).toHaveText('ready');
  await page.getByTestId('editor-open').click();
  const editor = page.getByTestId('scenario-editor');
  await expect(editor).toBeVisible();
  await expect(editor.getByTestId('editor-state')).toHaveText('valid');
  await expect(editor.getByTestId('editor-format')).toHaveText('JSON');

  // An error: the message names the field, its line and what it accepts; Run is refused.
  await replaceLine(page, '"duration": "120s"', '"duration": "10 parsecs",');
  await expect(editor.getByTestId('editor-state')).toHaveText('1 problem');
  const problem = editor.getByTestId('editor-problem');
  await expect(problem).toHaveText('line 7 duration: "10 parsecs" is not a duration; use a number with a unit: us, ms, s, m or h (250ms, 10s, 2m), or a bare number, which is milliseconds (250)');
  await expect(editor.getByTestId('editor-run')).toBeDisabled();
  // The lint gutter marks that line.
  await expect(page.locator('.cm-gutter-lint .cm-lint-marker-error')).toHaveCount(1);
  // A click on the problem puts the caret on its line.
  await page.locator('.cm-line', { hasText: '"seed": 7' }).click();
  await expect(page.locator('.cm-activeLine')).toContainText('"seed": 7');
  await problem.click();
  await expect(page.locator('.cm-activeLine')).toHaveText('  "duration": "10 parsecs",');
  await saveShot(page, 'editor-1600x1000.png');
  await page.setViewportSize({ width: 1024, height: 768 });
  await expect(problem).toBeInViewport();
  await expect(editor.getByTestId('editor-run')).toBeInViewport();
  await saveShot(page, 'editor-1024x768.png');
  await page.setViewportSize({ width: 1600, height: 1000 });

  // The text is kept across closing the editor with the error still in it.
  await editor.getByTestId('editor-close').click();
  await expect(editor).toHaveCount(0);
  await page.getByTestId('editor-open').click();
  await expect(page.locator('.cm-line', { hasText: '10 parsecs' })).toHaveCount(1);
  await expect(editor.getByTestId('editor-state')).toHaveText('1 problem');

  // The fix (a short run), then a service from the form, called by catalog.
  await replaceLine(page, '10 parsecs', '"duration": "10s",');
  await expect(editor.getByTestId('editor-state')).toHaveText('valid');
  await editor.getByTestId('editor-kind-service').check();
  await editor.getByTestId('editor-service-name').fill('reviews');
  await editor.getByTestId('editor-service-caller').selectOption('catalog');
  await editor.getByTestId('editor-add').click();
  await expect(page.locator('.cm-line', { hasText: '"name": "reviews"' })).toHaveCount(1);
  await expect(editor.getByTestId('editor-state')).toHaveText('valid');

  // Download: a file named for the CLI, holding the text.
  const [download] = await Promise.all([page.waitForEvent('download'), editor.getByTestId('editor-download').click()]);
  expect(download.suggestedFilename()).toBe('edited-hello-mesh.json');
  const file = 'test-results/edited-hello-mesh.json';
  await download.saveAs(file);
  const saved = readFileSync(file, 'utf8');
  expect(saved).toContain('"duration": "10s",');
  expect(saved).toContain('"calls": [ { "service": "reviews" } ]');

  // Run: it becomes the current run, listed in the picker as edited.
  await editor.getByTestId('editor-run').click();
  await expect(editor).toHaveCount(0);
  await expect(page.getByTestId('scenario-select').locator('option:checked')).toHaveText('edited: hello-mesh');
  await expect(page.getByTestId('run-status')).toHaveText('ready');
  await expect(page.locator('[data-testid="topology"]').getByText('reviews', { exact: true }).first()).toBeVisible();
  const appHash = await runToEnd(page);
  await expect(page.getByTestId('sim-time')).toContainText('10');

  // The CLI runs the downloaded file to the same trace hash at the same duration.
  const cli = JSON.parse(execFileSync(...simCommand([file, '--json']), { encoding: 'utf8' }));
  expect(cli.simulatedMs).toBe(10_000);
  expect(cli.traceHash).toBe(appHash);
  console.log(`editor: app and CLI trace hash ${appHash} for the edited hello-mesh at 10 s`);

  // The share link carries the edited text: a fresh page opens it and reaches the same hash.
  const link = await sharedLink(page);
  expect(link).toContain('#data=');
  const fresh = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  await fresh.goto(link);
  await expect(fresh.getByTestId('run-status')).toHaveText(/ready|finished|paused/);
  await expect(fresh.getByTestId('link-problems')).toHaveCount(0);
  await expect(fresh.locator('[data-testid="topology"]').getByText('reviews', { exact: true }).first()).toBeVisible();
  expect(await runToEnd(fresh)).toBe(appHash);
  await fresh.close();
});

test('YAML typed over the JSON is checked as YAML, named at its line, and runs as "edited: tiny"', async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  // A YAML text typed over the JSON: the format follows the text.
  const editor = await typeOverEditor(page, 'name: tiny\nclients:\n  - { name: c, type: open, rate: 5, target: a }\nservices:\n  - name: a\n    serviceTime: 2ms\n    replicas: 0\n');
  await expect(editor.getByTestId('editor-format')).toHaveText('YAML');
  await expect(editor.getByTestId('editor-problem')).toHaveText('line 7 services.a.replicas: must be at least 1, got 0');
  await replaceLine(page, 'replicas: 0', 'replicas: 1');
  await expect(editor.getByTestId('editor-state')).toHaveText('valid');

  await test.step("the form's timeout reads a bare 2 as 2 ms, as the file does, shows 'ms' beside it, and writes 2ms; 2s stays seconds", async () => {
    await editor.getByTestId('editor-kind-service').check();
    await editor.getByTestId('editor-service-name').fill('quick');
    const timeout = editor.getByTestId('editor-service-timeout');
    await expect(editor.getByTestId('editor-service-timeout-unit')).toHaveCount(0);
    await timeout.fill('2');
    const unit = editor.getByTestId('editor-service-timeout-unit');
    await expect(unit).toHaveText('ms');
    // The suffix sits inside the field, right of the number, not over it.
    const [field, suffix] = [await timeout.boundingBox(), await unit.boundingBox()];
    expect(suffix!.x + suffix!.width).toBeLessThanOrEqual(field!.x + field!.width);
    expect(suffix!.x).toBeGreaterThan(field!.x + 20);
    await editor.getByTestId('editor-service-timeout').scrollIntoViewIfNeeded();
    await saveShot(page, 'editor-timeout-ms-1024x768.png');
    await editor.getByTestId('editor-add').click();
    await expect(page.locator('.cm-line', { hasText: 'name: quick' })).toHaveCount(1);
    await expect(page.locator('.cm-content')).toContainText('timeout: 2ms');
    await editor.getByTestId('editor-service-name').fill('slow');
    await timeout.fill('2s');
    await expect(unit).toHaveCount(0);
    await editor.getByTestId('editor-add').click();
    await expect(page.locator('.cm-line', { hasText: 'name: slow' })).toHaveCount(1);
    await expect(page.locator('.cm-content')).toContainText('timeout: 2s');
    await expect(editor.getByTestId('editor-state')).toHaveText('valid');
  });
  await test.step("the form names a number field it cannot read, as typed, and writes nothing: percent 'abc', a change's retries 'abc' or neither set, replicas left empty", async () => {
    // Before, 'abc' went out as NaN, written null: "faults.0.percent: expected number, got null";
    // an empty replicas field as 0 ("got 0"); a change with neither field as policy {}.
    const said = editor.getByTestId('editor-form-error');
    const before = await page.locator('.cm-content').innerText();
    // A field's problem is said beside it (and under Add, where it is); one of no field under Add.
    const tryAdd = async (message: string) => {
      await editor.getByTestId('editor-add').click();
      if (message.startsWith('retries, timeout:')) await expect(said).toHaveText(message);
      else {
        await expect(editor.getByTestId('editor-field-problem')).toHaveText([message]);
        await expect(said).toHaveText(`Nothing added: a problem in the ${message.charAt(0).toUpperCase()}${message.slice(1, message.indexOf(':'))} field above.`);
      }
      expect(await page.locator('.cm-content').innerText()).toBe(before);
    };
    await editor.locator('label.editor-kind', { hasText: /^fault$/ }).click();
    await editor.getByTestId('editor-fault-type').selectOption('http-abort');
    await editor.getByLabel('Percent', { exact: true }).fill('abc');
    await tryAdd('percent: "abc" is not a number (leave it empty for 50)');
    await editor.locator('label.editor-kind', { hasText: /^change$/ }).click();
    await editor.getByLabel('Retries', { exact: true }).fill('abc');
    await tryAdd('retries: "abc" is not a whole number (leave it empty to keep the service\'s retries)');
    await editor.getByLabel('Retries', { exact: true }).fill('');
    await editor.getByTestId('editor-change-timeout').fill('');
    await tryAdd('retries, timeout: both are empty, so the change would change nothing; give retries, a timeout or both');
    await editor.locator('label.editor-kind', { hasText: /^service$/ }).click();
    await editor.getByTestId('editor-service-name').fill('third');
    await editor.getByLabel('Replicas', { exact: true }).fill('');
    await tryAdd('replicas: "" is not a whole number');
    await said.scrollIntoViewIfNeeded();
    await saveShot(page, 'editor-form-number-1024x768.png');
    await editor.getByLabel('Replicas', { exact: true }).fill('1');
    await editor.getByTestId('editor-add').click();
    await expect(said).toHaveCount(0);
    await expect(page.locator('.cm-line', { hasText: 'name: third' })).toHaveCount(1);
    await expect(editor.getByTestId('editor-state')).toHaveText('valid');
  });
  await test.step('the form refuses a service name already taken (a service or a client) and replicas under 1, at the field, in the schema\'s words, and writes nothing', async () => {
    // It wrote them: the list above then said 'services.0.name: "quick" is also the name of
    // services.3 ...' or 'services.4.replicas: must be at least 1, got -1', the form nothing.
    const said = editor.getByTestId('editor-form-error');
    const before = await page.locator('.cm-content').innerText();
    const tryAdd = async (name: string, replicas: string, message: string) => {
      await editor.getByTestId('editor-service-name').fill(name);
      await editor.getByLabel('Replicas', { exact: true }).fill(replicas);
      await editor.getByTestId('editor-add').click();
      await expect(editor.getByTestId('editor-field-problem')).toHaveText([message]);
      expect(await page.locator('.cm-content').innerText()).toBe(before);
      await expect(editor.getByTestId('editor-state')).toHaveText('valid');
    };
    await tryAdd('quick', '2', 'name: "quick" is also the name of a service in this scenario; services, clients and gateways each need their own name');
    await tryAdd('c', '2', 'name: "c" is also the name of a client in this scenario; services, clients and gateways each need their own name');
    await tryAdd('fourth', '-1', 'replicas: must be at least 1, got -1');
    await said.scrollIntoViewIfNeeded();
    await saveShot(page, 'editor-form-taken-1024x768.png');
    await page.setViewportSize({ width: 1600, height: 1000 });
    await tryAdd('quick', '1', 'name: "quick" is also the name of a service in this scenario; services, clients and gateways each need their own name');
    await saveShot(page, 'editor-form-taken-1600x1000.png');
    await page.setViewportSize({ width: 1024, height: 768 });
    await editor.getByLabel('Replicas', { exact: true }).fill('1');
  });
  await test.step("the form's selects show the app's chevron in the light theme, and a message under Add, pressed at the column's foot, is scrolled into view", async () => {
    // editor.css set the fields' `background` shorthand, which dropped the select chevron: mTLS and
    // Called by read as text fields. And with the button at the foot of the column (as a person
    // scrolls to it) the message under it was below the fold: Add seemed to do nothing.
    const caller = editor.getByTestId('editor-service-caller');
    const bg = await caller.evaluate((e) => ({ image: getComputedStyle(e).backgroundImage, repeat: getComputedStyle(e).backgroundRepeat, right: parseFloat(getComputedStyle(e).paddingRight) }));
    expect(bg.image).toContain('svg');
    expect(bg.repeat).toBe('no-repeat');
    expect(bg.right).toBeGreaterThanOrEqual(24);
    // Four problems above the form, so the column scrolls (as with a half-edited file).
    const valid = await page.locator('.cm-line').allTextContents();
    await page.locator('.cm-content').click();
    await page.keyboard.press('Control+a');
    await page.keyboard.insertText(`${valid.join('\n')}\n  - { name: b, serviceTime: 2, replicas: 0 }\n  - { name: a, serviceTime: 2ms, replicas: -1 }\n`);
    await expect(editor.getByTestId('editor-problem')).toHaveCount(4);
    await editor.getByTestId('editor-service-name').fill('fourth');
    await editor.getByLabel('Replicas', { exact: true }).fill('two');
    const add = editor.getByTestId('editor-add');
    await add.evaluate((b) => {
      const side = b.closest('.editor-side')!;
      side.scrollTop += b.getBoundingClientRect().bottom - side.getBoundingClientRect().bottom;
    });
    const at = (await add.boundingBox())!;
    await page.mouse.click(at.x + at.width / 2, at.y + at.height / 2);
    const said = editor.getByTestId('editor-form-error');
    await expect(said).toHaveText('Nothing added: a problem in the Replicas field above.');
    await expect(editor.getByTestId('editor-field-problem')).toHaveText(['replicas: "two" is not a whole number']);
    await expect
      .poll(() => said.evaluate((p) => { const r = p.getBoundingClientRect(); const s = p.closest('.editor-side')!.getBoundingClientRect(); return r.top >= s.top && r.bottom <= s.bottom + 0.5; }))
      .toBe(true);
    await saveShot(page, 'editor-form-said-1024x768.png');
    await editor.getByLabel('Replicas', { exact: true }).fill('1');
    await page.locator('.cm-content').click();
    await page.keyboard.press('Control+a');
    await page.keyboard.insertText(`${valid.join('\n')}\n`);
    await expect(editor.getByTestId('editor-state')).toHaveText('valid');
  });
  await editor.getByTestId('editor-run').click();
  await expect(editor).toHaveCount(0);
  await expect(page.getByTestId('scenario-select').locator('option:checked')).toHaveText('edited: tiny');
  await expect(page.getByTestId('scenario-title')).toHaveText('tiny');
  await test.step("a story step at 4,165 ms is written as the clock reads it there, 4.16 s, on its timeline marker and in the story (they read 4.17 s, rounded up)", async () => {
    await page.getByTestId('editor-open').click();
    await expect(editor.getByTestId('editor-state')).toHaveText('valid');
    const text = await page.locator('.cm-line').allTextContents();
    await page.locator('.cm-content').click();
    await page.keyboard.press('Control+a');
    await page.keyboard.insertText(`${text.join('\n')}\nnarrative:\n  - { at: 0s, title: Start, text: Calls go to a. }\n  - { at: 4165ms, title: Later, text: Calls still go to a. }\n`);
    await expect(editor.getByTestId('editor-state')).toHaveText('valid');
    await editor.getByTestId('editor-run').click();
    await expect(editor).toHaveCount(0);
    const step2 = page.locator('.timeline-step').nth(1);
    await expect(step2).toHaveAttribute('title', '2. Later (4.16 s)');
    await expect(page.getByTestId('narrative-next')).toHaveAttribute('title', /^Run the simulation to 4\.16 s /);
    await step2.click();
    await expect(page.getByTestId('sim-time')).toHaveText('4.16 s');
    await expect(page.getByTestId('narrative-step')).toHaveText('step 2 of 2');
    await expect(page.locator('.narrative-at')).toHaveText(' · 4.16 s');
  });
});
