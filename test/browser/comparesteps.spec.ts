// The compare view names the story step n / p go to (session 37's trial N6, F8: n moved both runs to 25 s, retry-storm's
// "Payments is back", with no step number, title or marker anywhere): the shared timeline marks the steps of both
// stories, numbered as each pane numbers its own (A3, B3 where one side alone has a step then), and its label names
// each run's own current step (trial N10, finding 2: a merged "Step 6 of 7" matched neither file).
import { readFileSync } from 'node:fs';
import { expect } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { saveShot } from './fixtures/shots';

const stepsOf = (name: string) => (JSON.parse(readFileSync(`scenarios/${name}.json`, 'utf8')).narrative as { at: string; title: string }[]).map((x) => ({ at: Number.parseFloat(x.at) * 1000, title: x.title }));

test('n and p in the compare view move through both stories\' steps and the timeline names each run\'s own current one, markers numbered as the panes number them, in and out of presenter mode at 1024x768 and 1600x1000', async ({ page }) => {
  // retry-storm: 0, 10, 12, 27 s; retry-storm-fixed: 0, 10, 15, 27 s: five moments, 12 s's A's alone, 15 s's B's alone.
  const a = stepsOf('retry-storm');
  const b = stepsOf('retry-storm-fixed');
  const own = (steps: { at: number; title: string }[], at: number) => {
    const i = steps.filter((x) => x.at <= at).length - 1;
    return `Step ${i + 1} of ${steps.length} · ${steps[i].title}`;
  };
  const title = (at: number) => [`A · ${own(a, at)}`, `B · ${own(b, at)}`];
  expect(title(15_000)).toEqual(['A · Step 3 of 4 · The storm', 'B · Step 3 of 4 · Same outcome, far less load']);
  expect(title(27_000)).toEqual(['A · Step 4 of 4 · Payments is back', 'B · Step 4 of 4 · Recovery']);

  await page.setViewportSize({ width: 1024, height: 768 });
  await page.goto('/?compare=retry-storm,retry-storm-fixed&t=15s');
  const head = page.getByTestId('compare-step');
  const lines = page.getByTestId('compare-step-side');
  await expect(lines).toHaveText(title(15_000), { timeout: 60_000 });
  await expect(page.getByTestId('compare-step-marker')).toHaveText(['1', '2', 'A3', 'B3', '4']);
  await expect(page.getByTestId('compare-step-marker').nth(3)).toHaveClass(/current/);
  await page.keyboard.press('f');
  await expect(page.getByTestId('compare-view')).toHaveAttribute('data-presenter', 'on');
  await page.keyboard.press('n');
  await expect(lines).toHaveText(title(27_000), { timeout: 60_000 });
  // Nothing on the timeline's row overlaps the head's words.
  const headBox = (await head.boundingBox())!;
  const track = (await page.getByTestId('timeline').boundingBox())!;
  expect(headBox.x + headBox.width, 'the step head ends before the track').toBeLessThanOrEqual(track.x + 1);
  await saveShot(page, 'comparesteps-presenter-1024x768.png');
  await page.keyboard.press('p');
  await page.keyboard.press('p');
  await expect(lines).toHaveText(title(12_000), { timeout: 60_000 });
  await page.keyboard.press('Escape');
  await page.setViewportSize({ width: 1600, height: 1000 });
  // A marker is a way there too.
  await page.getByTestId('compare-step-marker').nth(1).click();
  await expect(lines).toHaveText(title(10_000), { timeout: 60_000 });
  await expect(page.getByTestId('sim-time').first()).toBeVisible();
  await saveShot(page, 'comparesteps-1600x1000.png');
});

test('mid-seek the compare view\'s step head names the steps both runs stand at, not the ones the seek goes to, at 1600x1000 and 1024x768', async ({ page }) => {
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
      expect(head, `mid-seek at ${clock}`).toMatch(/^A · Step 1 of 4 · .*B · Step 1 of 4 · /);
      await saveShot(page, `comparesteps-midseek-${width}x${height}.png`);
    }
    await expect(page.getByTestId('compare-step-side')).toHaveText(['A · Step 4 of 4 · Payments is back', 'B · Step 4 of 4 · Recovery'], { timeout: 90_000 });
  }
});
