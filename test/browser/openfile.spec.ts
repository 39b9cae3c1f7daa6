// "Open file…" with a broken YAML scenario: the alert names each problem's line, as the editor
// does, so a person finds the field in their own file; the run on screen goes on.
import { expect } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { saveShot } from './fixtures/shots';

const BROKEN = ['name: my-shop', 'duration: 10s', 'clients:', '  - name: web', '    type: open', '    rate: -5', '    target: api', 'services:', '  - name: api', '    replicas: 0', '    serviceTime: 5 parsecs', ''].join('\n');

test('a broken YAML file opened with Open file… lists each problem as line: path: message', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('run-status')).toHaveText('ready');
  await page.getByTestId('scenario-file').setInputFiles({ name: 'my-shop.yaml', mimeType: 'application/yaml', buffer: Buffer.from(BROKEN) });
  const box = page.getByTestId('load-problems');
  await expect(box).toContainText('my-shop.yaml');
  const items = page.getByTestId('problems').locator('li');
  await expect(items).toHaveText([
    /^line 6: clients\.0\.rate: must be greater than zero/,
    'line 10: services.0.replicas: must be at least 1, got 0',
    /^line 11: services\.0\.serviceTime: "5 parsecs" is not a duration/,
  ]);
  await expect(page.getByTestId('scenario-title')).toHaveText(/Hello, mesh/);
  for (const [w, h] of [[1600, 1000], [1024, 768]] as const) {
    await page.setViewportSize({ width: w, height: h });
    await box.scrollIntoViewIfNeeded();
    await saveShot(page, `openfile-lines-${w}x${h}.png`);
  }
});
