// A text file opened by mistake (a README, a log, a key: session 37's trial N6, F7): the app says it is not a scenario
// in one short line, inside the story column with Dismiss in reach, and the scenario that was open stays. Before, a
// 4 MB text was quoted whole: the column ran off its right edge and Dismiss was out of reach.
import { expect } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { saveShot } from './fixtures/shots';

test('a 400,000-character text file opened as a scenario is refused in one short line that fits the column, with Dismiss in reach, at 1600x1000 and 1024x768', async ({ page }) => {
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto('/?scenario=hello-mesh');
  await expect(page.getByTestId('run-status')).toHaveText('ready');
  const text = 'QUJD'.repeat(100_000);
  await page.getByTestId('scenario-file').setInputFiles({ name: 'notes.yaml', mimeType: 'application/yaml', buffer: Buffer.from(text) });
  const alert = page.getByTestId('load-problems');
  await expect(alert).toContainText('Could not load notes.yaml', { timeout: 30_000 });
  const problems = page.getByTestId('problems').locator('li');
  await expect(problems).toHaveCount(1);
  await expect(problems.first()).toHaveText(`(scenario): expected object, got "${'QUJD'.repeat(10)}…${'QUJD'.repeat(3)}" (400,000 characters)`);
  await expect(page.getByTestId('scenario-title')).toHaveText(/Hello, mesh/);
  for (const [width, height] of [
    [1600, 1000],
    [1024, 768],
  ] as const) {
    await page.setViewportSize({ width, height });
    const column = (await alert.boundingBox())!;
    const line = (await problems.first().boundingBox())!;
    expect(line.x + line.width, 'the line ends inside the alert').toBeLessThanOrEqual(column.x + column.width + 1);
    expect(await problems.first().evaluate((el) => el.scrollWidth <= el.clientWidth + 1), 'no text runs past the line').toBe(true);
    const dismiss = alert.getByRole('button', { name: 'Dismiss' });
    await dismiss.scrollIntoViewIfNeeded();
    const d = (await dismiss.boundingBox())!;
    expect(d.y + d.height, 'Dismiss in the window').toBeLessThanOrEqual(height);
    await alert.scrollIntoViewIfNeeded();
    await saveShot(page, `textfile-${width}x${height}.png`);
  }
  await alert.getByRole('button', { name: 'Dismiss' }).click();
  await expect(alert).toHaveCount(0);
});
