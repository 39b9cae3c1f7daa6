// The compare view names the story step n / p go to (session 37's trial N6, F8: n moved both runs to 25 s, retry-storm's
// "Payments is back", with no step number, title or marker anywhere): the shared timeline numbers the steps of both
// stories (A's where both have one at a time, B's own said as B's) and its label names the current one.
import { readFileSync } from 'node:fs';
import { expect } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { saveShot } from './fixtures/shots';

const stepsOf = (name: string) => (JSON.parse(readFileSync(`scenarios/${name}.json`, 'utf8')).narrative as { at: string; title: string }[]).map((x) => ({ at: Number.parseFloat(x.at) * 1000, title: x.title }));

test('n and p in the compare view move through both stories\' steps and the timeline names the current one, numbered markers on the track, in and out of presenter mode at 1024x768 and 1600x1000', async ({ page }) => {
  // retry-storm: 0, 10, 12, 25 s; retry-storm-fixed: 0, 10, 15, 25 s: five steps, 15 s's is B's.
  const a = stepsOf('retry-storm');
  const b = stepsOf('retry-storm-fixed');
  const merged = [...new Map([...a, ...b.map((x) => ({ at: x.at, title: `B: ${x.title}` }))].reverse().map((x) => [x.at, x.title] as const)).entries()].sort((x, y) => x[0] - y[0]);
  expect(merged.map(([at]) => at)).toEqual([0, 10_000, 12_000, 15_000, 25_000]);
  const title = (at: number) => merged.find(([t]) => t === at)![1];
  expect(title(15_000)).toBe('B: Same outcome, far less load');
  expect(title(25_000)).toBe('Payments is back');

  await page.setViewportSize({ width: 1024, height: 768 });
  await page.goto('/?compare=retry-storm,retry-storm-fixed&t=15s');
  const head = page.getByTestId('compare-step');
  await expect(head).toHaveText(`Step 4 of 5 · ${title(15_000)}`, { timeout: 60_000 });
  await expect(page.getByTestId('compare-step-marker')).toHaveCount(5);
  await expect(page.getByTestId('compare-step-marker').nth(3)).toHaveClass(/current/);
  await page.keyboard.press('f');
  await expect(page.getByTestId('compare-view')).toHaveAttribute('data-presenter', 'on');
  await page.keyboard.press('n');
  await expect(head).toHaveText(`Step 5 of 5 · ${title(25_000)}`, { timeout: 60_000 });
  // Nothing on the timeline's row overlaps the head's words.
  const headBox = (await head.boundingBox())!;
  const track = (await page.getByTestId('timeline').boundingBox())!;
  expect(headBox.x + headBox.width, 'the step head ends before the track').toBeLessThanOrEqual(track.x + 1);
  await saveShot(page, 'comparesteps-presenter-1024x768.png');
  await page.keyboard.press('p');
  await page.keyboard.press('p');
  await expect(head).toHaveText(`Step 3 of 5 · ${title(12_000)}`, { timeout: 60_000 });
  await page.keyboard.press('Escape');
  await page.setViewportSize({ width: 1600, height: 1000 });
  // A marker is a way there too.
  await page.getByTestId('compare-step-marker').nth(1).click();
  await expect(head).toHaveText(`Step 2 of 5 · ${title(10_000)}`, { timeout: 60_000 });
  await expect(page.getByTestId('sim-time').first()).toBeVisible();
  await saveShot(page, 'comparesteps-1600x1000.png');
});

test('mid-seek the compare view\'s step head names the step both runs stand at, not the one the seek goes to, at 1600x1000 and 1024x768', async ({ page }) => {
  // Session 38's trial (N8): opening a link past the end, the head read "Step 5 of 5 · Payments is back" over both
  // panes at 0.000 s for the whole seek; the header's "seeking to 40.0 s" says where it goes.
  for (const [width, height] of [[1600, 1000], [1024, 768]]) {
    await page.setViewportSize({ width, height });
    await page.goto('/?compare=retry-storm,retry-storm-fixed&t=9999s');
    const status = page.getByTestId('run-status');
    await expect(status).toHaveAttribute('data-seeking-to', '40000', { timeout: 60_000 });
    const head = await page.getByTestId('compare-step').textContent();
    const clock = await page.getByTestId('sim-time').first().textContent();
    // Read while the seek was still under way (it takes seconds; landed already, there is nothing to check).
    if ((await status.getAttribute('data-seeking-to')) !== null) {
      expect(head, `mid-seek at ${clock}`).toMatch(/^Step 1 of 5 · /);
      await saveShot(page, `comparesteps-midseek-${width}x${height}.png`);
    }
    await expect(page.getByTestId('compare-step')).toHaveText(/^Step 5 of 5 · Payments is back/, { timeout: 90_000 });
  }
});
