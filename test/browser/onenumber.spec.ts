// One number for one claim (session 53's T4 trial, 5): an attendee read "user requests failing 14.1% of 64 ended" in
// control-plane-boundary's story beside the counters' "12.2% of sent", partial-adoption's searchers' "4.9%" beside
// "FAILED 557 17.9% of sent", and compare's panes' figures of two measures (A's failed share, B's of another). Now the
// counters' failed share is of the requests that ended, written as the story writes it, so the two agree to the
// character; where the story's figure is one client's, the counters say "of all N ended" and the figure names its
// client; and compare's panes show one measure, each side's own run's. Each number is checked against
// `npm run sim -- run`. Opened by t= links at 1366x768 and 1024x768, as the attendee did.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { expect, type Page } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { settled } from './fixtures/settle';
import { saveShot } from './fixtures/shots';
import { simCommand } from '../cli/spawnSim';

const SIZES = [
  [1366, 768],
  [1024, 768],
] as const;

/** The failed counter's share as shown at `width`: whole above 1280 px, without the count at or below (its title has it). */
const shownShare = (page: Page, width: number) => page.getByTestId(width > 1280 ? 'failed-share' : 'failed-share-short');

/** The CLI's run summary of a shipped scenario with `args` (e.g. --duration 1s). */
const cli = (name: string, ...args: string[]) => execFileSync(...simCommand(['run', `scenarios/${name}.json`, ...args]), { encoding: 'utf8' });

/** Opens a shipped scenario's story by its t= link and waits until it stands at `step` (e.g. "step 2 of 4"). */
async function openAt(page: Page, [width, height]: readonly [number, number], name: string, t: string, step: string) {
  await page.setViewportSize({ width, height });
  await page.goto(`/?scenario=${name}&t=${t}`);
  await expect(page.getByTestId('narrative-step')).toHaveText(step, { timeout: 60_000 });
  await expect(page.getByTestId('narrative-going')).toHaveCount(0, { timeout: 60_000 });
  await settled(page);
}

test("control-plane-boundary at step 2 (t=1s): the lesson's 'user requests failing' and the failed counter read 14.1% of 64 ended, the CLI's", async ({ page }) => {
  const ended = /^ended\s+([\d,]+): failed ([\d.]+)% of them/m.exec(cli('control-plane-boundary', '--duration', '1s'))!;
  const want = `${ended[2]}% of ${ended[1]} ended`;
  expect(want).toBe('14.1% of 64 ended');
  for (const size of SIZES) {
    await openAt(page, size, 'control-plane-boundary', '1s', 'step 2 of 4');
    const item = page.getByTestId('lesson-figures-item').filter({ hasText: 'user requests failing' });
    const story = `${await item.locator('strong').textContent()}${await item.getByTestId('lesson-figures-of').textContent()}`.trim();
    await expect(page.getByTestId('failed-share')).toHaveText(want);
    expect(story, `${size.join('x')}: the story's figure and the counter`).toBe(want);
    await expect(shownShare(page, size[0])).toHaveText(size[0] > 1280 ? want : `${ended[2]}% of ended`);
    await expect(shownShare(page, size[0])).toBeInViewport();
    await expect(shownShare(page, size[0]).locator('..')).toHaveAttribute('title', want);
    await saveShot(page, `onenumber-cpb-step2-${size.join('x')}.png`);
  }
});

test("partial-adoption at step 4 (t=26s): the step's searchers' 4.9% and the counters' 17.9% of all 3,107 ended name whose they are, as the CLI counts them", async ({ page }) => {
  const out = cli('partial-adoption', '--duration', '26s', '--client', 'searchers');
  const all = /^ended\s+([\d,]+): failed ([\d.]+)% of them/m.exec(out)!;
  const mine = /^client searchers, its requests that ended 0 s – 26 s: ([\d,]+) \(ok [\d,]+, failed ([\d,]+)\)/m.exec(out)!;
  const n = Number(mine[1].replace(/,/g, ''));
  const searchers = `${((100 * Number(mine[2].replace(/,/g, ''))) / n).toFixed(1)}%`;
  expect([searchers, mine[1], `${all[2]}%`, all[1]]).toEqual(['4.9%', '1,047', '17.9%', '3,107']);
  for (const size of SIZES) {
    await openAt(page, size, 'partial-adoption', '26s', 'step 4 of 5');
    const figure = page.locator('.narrative > [data-testid="lesson-figure"]');
    await expect(figure.getByTestId('lesson-figure-value')).toHaveText(searchers);
    // The figure names its client and its count; the counter says it is every client's.
    await expect(figure.locator('.lesson-figure-note')).toContainText(`of the ${mine[1]} requests from searchers`);
    await expect(figure.locator('.lesson-figure-label')).toContainText('searchers');
    await expect(page.getByTestId('failed-share')).toHaveText(`${all[2]}% of all ${all[1]} ended`);
    await expect(shownShare(page, size[0])).toHaveText(size[0] > 1280 ? `${all[2]}% of all ${all[1]} ended` : `${all[2]}% of all ended`);
    await expect(shownShare(page, size[0])).toBeInViewport();
    // The share's line ends inside its figure: left of IN FLIGHT's.
    const note = (await shownShare(page, size[0]).boundingBox())!;
    const inFlight = (await page.getByTestId('in-flight-count').boundingBox())!;
    expect(note.x + note.width, `${size.join('x')}: the failed share ends before IN FLIGHT`).toBeLessThan(inFlight.x);
    await saveShot(page, `onenumber-partial-adoption-step4-${size.join('x')}.png`);
  }
});

test("compare gateway-only vs gateway-and-mesh for shoppers at 60 s: both panes show the failed share over 21 s – 58 s (A's 33.4%, B's 0%), each its own run's, as the CLI's windows", async ({ page }) => {
  const window = (name: string, ...args: string[]) => cli(name, '--from', '21s', '--to', '58s', ...args);
  const a = /^window 21 s – 58 s: .*?: ([\d.]+)% of ended failed\)/m.exec(window('gateway-only'))![1];
  const b = /^client shoppers, its requests that ended 21 s – 58 s: [\d,]+ \(ok [\d,]+, failed ([\d,]+)\)/m.exec(window('gateway-and-mesh', '--client', 'shoppers'))![1];
  expect([a, b]).toEqual(['33.4', '0']);
  const story = (name: string) => JSON.parse(readFileSync(`scenarios/${name}.json`, 'utf8')).narrative as { figure?: { label: string } }[];
  const [la, lb] = [story('gateway-only')[3].figure!.label, story('gateway-and-mesh')[2].figure!.label];
  for (const size of SIZES) {
    await page.setViewportSize({ width: size[0], height: size[1] });
    await page.goto('/?compare=gateway-only,gateway-and-mesh&scope=shoppers&t=60s');
    await expect(page.getByTestId('run-status')).toHaveText(/paused|finished/, { timeout: 120_000 });
    await settled(page);
    const pane = (side: 'A' | 'B') => page.locator(`[data-testid="compare-pane"][data-side="${side}"]`);
    // One measure in both panes, said so, each labelled by its own story.
    for (const [side, label, step] of [['A', la, 4], ['B', lb, 3]] as const) {
      await expect(pane(side).getByTestId('pane-figure-from')).toHaveText(`step ${step}’s figure, in both panes`);
      await expect(pane(side).getByTestId('pane-figure')).toContainText(label);
      await expect(pane(side).getByTestId('pane-figure')).toContainText('21 s – 58 s');
    }
    expect(la).toContain('failing while the replica hangs');
    expect(lb).toContain('failing while the replica hangs');
    await expect(pane('A').getByTestId('pane-figure-value')).toHaveText(`${a}%`);
    await expect(pane('B').getByTestId('pane-figure-value')).toHaveText(`${b}%`);
    await saveShot(page, `onenumber-compare-60s-${size.join('x')}.png`);
  }
});
