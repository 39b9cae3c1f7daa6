// A platform engineer's files imported in the app (trial T5, 2 and 3): a bad field in the workload's
// faults is said at its own line, field first; a client sending straight to a STRICT namespace's
// service (every request would be tls-plaintext-rejected) is warned with lint's MS006 and its fix.
import { readFileSync } from 'node:fs';
import { expect } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { saveShot } from './fixtures/shots';
import { openApp } from './fixtures/openApp';

const dir = new URL('./fixtures/platformTrial/', import.meta.url);
/** The trial's platform.yaml (2 namespaces, shop STRICT) with one of its workloads, as "Open file…" gives them. */
const chosen = (workload: string) =>
  ['platform.yaml', workload].map((name) => ({ name: name === workload ? 'workload.yaml' : name, mimeType: 'application/yaml', buffer: readFileSync(new URL(name, dir)) }));


for (const [width, height] of [
  [1600, 1000],
  [1024, 768],
] as const) {
  test(`the trial's files at ${width}x${height}: a workload fault's bad field at line 25, and the STRICT client warned with MS006 and its fix`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    const errors = await openApp(page);
    await page.getByTestId('scenario-file').setInputFiles(chosen('workload-bad-fault.yaml'));
    const problems = page.getByTestId('load-problems');
    await expect(problems).toContainText('workload.yaml:25 faults[0].replica');
    await expect(problems).toContainText('unknown field (fields here: type, service, from, to, delay, at, for)');
    await expect(problems).not.toContainText('(scenario faults.0.replica)');
    await saveShot(page, `import-lint-bad-fault-${width}x${height}.png`);

    await page.getByTestId('scenario-file').setInputFiles(chosen('workload-strict.yaml'));
    const warnings = page.getByTestId('import-warnings');
    await expect(warnings).toBeVisible();
    await expect(warnings.locator('li', { hasText: 'MS006' })).toHaveText(
      /^platform\.yaml:106: spec\.mtls\.mode: lint error MS006 mtls-mismatch: web accepts only mutual TLS \(STRICT\), but users has no sidecar and sends plaintext: every call users -> web is rejected \(tls-plaintext-rejected\); fix: Give users a sidecar/,
    );
    await expect(warnings.locator('li').last()).toHaveText(/^lint \(its rules read from the settings, before simulating\): 1 error \(above\)/);
    // At 1024x768 the lint line is below the first warnings: scrolled to, as a person would.
    await warnings.locator('li', { hasText: 'MS006' }).scrollIntoViewIfNeeded();
    await saveShot(page, `import-lint-strict-${width}x${height}.png`);
    expect(errors).toEqual([]);
  });
}
