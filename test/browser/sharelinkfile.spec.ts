// A text file holding a share link, opened with Open file…: the app says it is a share link and where it goes
// (N9's finding 8, session 39). Before: "(scenario): expected object, got "http://…"".
import { expect } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { saveShot } from './fixtures/shots';

for (const size of [{ width: 1600, height: 1000 }, { width: 1024, height: 768 }]) {
  test(`a text file holding a share link is said to be one: paste it in the address bar (${size.width}x${size.height})`, async ({ page }) => {
    await page.setViewportSize(size);
    await page.goto('/?scenario=hello-mesh');
    await expect(page.getByTestId('run-status')).toHaveText('ready');
    const link = 'http://localhost:5173/?scenario=retry-storm&t=20s';
    await page.getByTestId('scenario-file').setInputFiles({ name: 'link.txt', mimeType: 'text/plain', buffer: Buffer.from(`${link}\n`) });
    const alert = page.getByTestId('load-problems');
    await expect(alert).toContainText('Could not load link.txt', { timeout: 30_000 });
    const problems = page.getByTestId('problems').locator('li');
    await expect(problems).toHaveCount(1);
    await expect(problems.first()).toHaveText('(file): this is a share link: paste it in the address bar');
    await expect(page.getByTestId('scenario-title')).toHaveText(/Hello, mesh/);
    await alert.scrollIntoViewIfNeeded();
    await saveShot(page, `sharelinkfile-${size.width}.png`);
  });
}
