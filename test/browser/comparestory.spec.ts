// Each compare pane tells its own lesson (trial N10, finding 2): /?compare=gateway-only,mesh-only&t=40s showed "failed
// 16% vs 0.0%" (the whole run so far) and one merged "Step 6 of 7 · What would help", while the lessons say 33% vs
// under 0.5% over 21-58 s. Now each pane shows its own step (its own numbering, title, text folded to a line with
// "more"), the step's lesson figure measured from that pane's own series, and the shared timeline names A's and B's
// own steps. The figures are checked against `npm run sim -- run --csv` over the figure's window, at 1600x1000, at
// 1024x768, and in presenter mode.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures/sharedPage';
import { settled } from './fixtures/settle';
import { saveShot, shotPath } from './fixtures/shots';
import { fillChange } from './fixtures/changeForm';
import { simCommand } from '../cli/spawnSim';

interface Step {
  at: string;
  title: string;
  text: string;
  figure?: { label: string; from?: string; to?: string };
}
const story = (name: string) => JSON.parse(readFileSync(`scenarios/${name}.json`, 'utf8')).narrative as Step[];

/**
 * The failed share over [fromS, min(toS, durationS)) as the CLI's per-second series gives it, in %: failed / (ok +
 * failed) of the requests that ended in the whole seconds inside the window, as the lesson figure counts them.
 */
function cliFailedShare(scenario: string, durationS: number, fromS: number, toS: number): number {
  const key = `${scenario} ${durationS} ${fromS} ${toS}`;
  const kept = cliShares.get(key);
  if (kept !== undefined) return kept;
  const share = cliFailedShareNow(scenario, durationS, fromS, toS);
  cliShares.set(key, share);
  return share;
}

/** The CLI's shares already run in this worker (the two pair tests ask for the same ones), by their arguments. */
const cliShares = new Map<string, number>();

/** cliFailedShare's run of the CLI. */
function cliFailedShareNow(scenario: string, durationS: number, fromS: number, toS: number): number {
  const csv = shotPath(`comparestory-${scenario}-${durationS}s.csv`);
  execFileSync(...simCommand(['run', `scenarios/${scenario}.json`, '--duration', `${durationS}s`, '--csv', csv]), { encoding: 'utf8' });
  const [head, ...rows] = readFileSync(csv, 'utf8').trim().split('\n');
  const col = head.split(',');
  const [t0, t1, ok, failed] = ['t_start_s', 't_end_s', 'ok_req_per_s', 'failed_req_per_s'].map((c) => col.indexOf(c));
  let n = 0;
  let bad = 0;
  for (const r of rows.map((x) => x.split(',').map(Number))) {
    if (r[t0] < fromS || r[t1] > Math.min(toS, durationS)) continue;
    n += r[ok] + r[failed];
    bad += r[failed];
  }
  return (100 * bad) / n;
}

/** Opens gateway-only vs mesh-only at `t` in a window of that size and waits for both runs to stand there. */
async function openPair(page: Page, [width, height]: readonly [number, number], t = '30s') {
  await page.setViewportSize({ width, height });
  await page.goto(`/?compare=gateway-only,mesh-only&t=${t}`);
  await expect(page.getByTestId('run-status')).toHaveText('paused', { timeout: 90_000 });
}

/** Sizes the page to `width` x `height` and waits until its layout stands still. */
async function resizeTo(page: Page, [width, height]: readonly [number, number]) {
  await page.setViewportSize({ width, height });
  await settled(page);
}

const SIZES = [
  [1600, 1000],
  [1024, 768],
] as const;

const pane = (page: Page, side: 'A' | 'B') => page.locator(`[data-testid="compare-pane"][data-side="${side}"]`);
const percentOf = async (l: Locator) => Number.parseFloat(((await l.textContent()) ?? '').replace('%', ''));

/** Nothing of the pane's story outside its pane, nor cut at its right edge; the head on one line. */
async function storyFits(page: Page, side: 'A' | 'B') {
  const box = (await pane(page, side).boundingBox())!;
  const story = pane(page, side).getByTestId('pane-story');
  const s = (await story.boundingBox())!;
  expect(s.y + s.height, `${side}'s story ends inside its pane`).toBeLessThanOrEqual(box.y + box.height + 1);
  expect(s.x + s.width, `${side}'s story inside its pane`).toBeLessThanOrEqual(box.x + box.width + 1);
  const value = (await story.getByTestId('pane-figure-value').boundingBox())!;
  expect(value.x + value.width, `${side}'s figure's value whole in sight`).toBeLessThanOrEqual(box.x + box.width);
  expect(value.y + value.height).toBeLessThanOrEqual(box.y + box.height);
}

test("gateway-only vs mesh-only: each pane shows its own step, text and lesson figure from its own run, the CLI's numbers over the window, at 1600x1000 and 1024x768", async ({ page }) => {
  // Three CLI runs and two pair opens: 90 s was short at a load of 20 (session 54).
  test.setTimeout(180_000);
  const a = story('gateway-only');
  const b = story('mesh-only');
  // At 30 s both stand on their failed-share step (A's 4 of 5 from 25 s, B's 4 of 6 from 21 s), over 21-58 s.
  expect([a[3].figure?.from, a[3].figure?.to, b[3].figure?.from, b[3].figure?.to]).toEqual(['21s', '58s', '21s', '58s']);
  const cli30 = { A: cliFailedShare('gateway-only', 30, 21, 58), B: cliFailedShare('mesh-only', 30, 21, 58) };
  const cli40 = { A: cliFailedShare('gateway-only', 40, 21, 58) };
  console.log(`comparestory: CLI failed share over 21-30 s: gateway-only ${cli30.A.toFixed(2)}%, mesh-only ${cli30.B.toFixed(2)}%; over 21-40 s gateway-only ${cli40.A.toFixed(2)}%`);
  // Each moment opened once and read at both sizes in that window resized (before, each size opened the pair at 30 s
  // and at 40 s again: four pair opens and seeks, now two).
  const heads = page.getByTestId('compare-step-side');
  await openPair(page, SIZES[0]);
  for (const [width, height] of SIZES) {
    await resizeTo(page, [width, height]);
    for (const [side, steps] of [
      ['A', a],
      ['B', b],
    ] as const) {
      const p = pane(page, side);
      await expect(p.getByTestId('pane-step')).toHaveText(`Step 4 of ${steps.length}`);
      await expect(p.getByTestId('pane-step-title')).toHaveText(steps[3].title);
      await expect(p.getByTestId('pane-step-text')).toHaveText(steps[3].text);
      await expect(p.getByTestId('pane-figure')).toContainText(steps[3].figure!.label);
      await expect(p.getByTestId('pane-figure-from')).toHaveCount(0);
      // The pane's own run's number over the window so far, as the CLI counts it (one decimal, or two under 1%).
      await expect.poll(() => percentOf(p.getByTestId('pane-figure-value')), { timeout: 30_000 }).toBeCloseTo(cli30[side], cli30[side] < 1 ? 2 : 1);
      await storyFits(page, side);
    }
    const [va, vb] = [await percentOf(pane(page, 'A').getByTestId('pane-figure-value')), await percentOf(pane(page, 'B').getByTestId('pane-figure-value'))];
    expect(va, "A's lesson: about 33%").toBeGreaterThan(25);
    expect(vb, "B's lesson: under 0.5%").toBeLessThan(0.5);
    // The timeline names A's and B's own steps, not a merged story's.
    await expect(heads).toHaveText([`A · Step 4 of 5 · ${a[3].title}`, `B · Step 4 of 6 · ${b[3].title}`]);
    await saveShot(page, `comparestory-30s-${width}x${height}.png`);
  }

  // 40 s, the learner's moment (opened at 1024x768, then 1600x1000): A on its step 5, which has no figure, keeps step
  // 4's in sight; B, on its own step 5, shows the same figure from its own step 4, so the two panes read one measure
  // (session 53's T4 trial, 5: A's failed share beside B's proxy CPU read as two answers): both said as step 4's,
  // "in both panes".
  await openPair(page, SIZES[1], '40s');
  for (const [width, height] of [SIZES[1], SIZES[0]]) {
    await resizeTo(page, [width, height]);
    await expect(pane(page, 'A').getByTestId('pane-step')).toHaveText('Step 5 of 5');
    await expect(pane(page, 'A').getByTestId('pane-step-title')).toHaveText(a[4].title);
    await expect(pane(page, 'A').getByTestId('pane-figure-from')).toHaveText('step 4’s figure, in both panes');
    await expect.poll(() => percentOf(pane(page, 'A').getByTestId('pane-figure-value')), { timeout: 30_000 }).toBeCloseTo(cli40.A, 1);
    await expect(pane(page, 'B').getByTestId('pane-step')).toHaveText('Step 5 of 6');
    await expect(pane(page, 'B').getByTestId('pane-step-title')).toHaveText(b[4].title);
    await expect(pane(page, 'B').getByTestId('pane-figure-from')).toHaveText('step 4’s figure, in both panes');
    await expect(pane(page, 'B').getByTestId('pane-figure')).toContainText(b[3].figure!.label);
    // B's lesson: under 0.5% (the CLI's 0.00% over 21-30 s above; a third CLI run took this test past its time under load).
    await expect.poll(() => percentOf(pane(page, 'B').getByTestId('pane-figure-value')), { timeout: 30_000 }).toBeLessThan(0.5);
    await expect(heads).toHaveText([`A · Step 5 of 5 · ${a[4].title}`, `B · Step 5 of 6 · ${b[4].title}`]);
    // Each head line whole or cut inside the label, which ends before the track.
    const label = (await page.getByTestId('compare-step').boundingBox())!;
    const track = (await page.getByTestId('timeline').boundingBox())!;
    expect(label.x + label.width, 'the step heads end before the track').toBeLessThanOrEqual(track.x + 1);
    // The markers are numbered as the panes number their steps: 1, 2, 3, B4, A4, 5, B6.
    await expect(page.getByTestId('compare-step-marker')).toHaveText(['1', '2', '3', 'B4', 'A4', '5', 'B6']);
    await storyFits(page, 'A');
    await storyFits(page, 'B');
    await saveShot(page, `comparestory-40s-${width}x${height}.png`);
    // The text folded to a line opens with "more" where the line cuts it.
    const more = pane(page, 'B').getByTestId('pane-step-more');
    if (await more.isVisible()) {
      await more.click();
      await expect(more).toHaveAttribute('aria-expanded', 'true');
      const text = pane(page, 'B').getByTestId('pane-step-text');
      expect(await text.evaluate((el) => el.scrollWidth <= el.clientWidth + 1), 'the opened text wraps').toBe(true);
      await storyFits(page, 'B');
      await saveShot(page, `comparestory-40s-open-${width}x${height}.png`);
      await more.click();
      await expect(more).toHaveAttribute('aria-expanded', 'false');
    } else expect(width, 'at 1024 px the line cuts the step text').toBe(1600);
  }
});

test('presenter mode in the compare view shows both panes\' steps and figures in large type, inside their panes, at 1600x1000 and 1024x768', async ({ page }) => {
  const cli = { A: cliFailedShare('gateway-only', 30, 21, 58), B: cliFailedShare('mesh-only', 30, 21, 58) };
  // The pair opened once and presenter mode read at both sizes in that window resized (before, each size opened it).
  await openPair(page, SIZES[0]);
  await page.keyboard.press('f');
  await expect(page.getByTestId('compare-view')).toHaveAttribute('data-presenter', 'on');
  for (const [width, height] of SIZES) {
    await resizeTo(page, [width, height]);
    await expect.poll(() => page.evaluate(() => [window.scrollY, document.documentElement.scrollHeight <= window.innerHeight + 1])).toEqual([0, true]);
    for (const side of ['A', 'B'] as const) {
      const p = pane(page, side);
      await expect(p.getByTestId('pane-step')).toHaveText(/^Step 4 of [56]$/);
      await expect.poll(() => percentOf(p.getByTestId('pane-figure-value')), { timeout: 30_000 }).toBeCloseTo(cli[side], cli[side] < 1 ? 2 : 1);
      const px = async (l: Locator) => Number.parseFloat(await l.evaluate((el) => getComputedStyle(el).fontSize));
      expect(await px(p.getByTestId('pane-step')), 'the step in large type').toBeGreaterThanOrEqual(18);
      expect(await px(p.getByTestId('pane-figure-value')), 'the figure in large type').toBeGreaterThanOrEqual(24);
      expect(await px(p.getByTestId('pane-step-text')), 'the text in large type').toBeGreaterThanOrEqual(16);
      await storyFits(page, side);
    }
    await saveShot(page, `comparestory-presenter-${width}x${height}.png`);
  }
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('compare-view')).toHaveAttribute('data-presenter', 'off');
});

test('a branch shows the same step in both panes, each with its own run\'s number for the figure, at 1600x1000', async ({ page }) => {
  // mesh-only at 25 s, branched (b) with a 5 ms timeout on inventory's calls: one story, two runs, two numbers.
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto('/?scenario=mesh-only&t=25s');
  await expect(page.getByTestId('run-status')).toHaveText(/paused|ready/, { timeout: 90_000 });
  await fillChange(page, 'policy', 'inventory', '{"policy": {"timeout": "5ms"}}');
  await page.locator('body').click({ position: { x: 2, y: 2 } });
  await page.keyboard.press('b');
  await expect(page.getByTestId('compare-pane')).toHaveCount(2, { timeout: 60_000 });
  await expect(page.getByTestId('run-status')).toHaveText('paused', { timeout: 90_000 });
  // Run on to 35 s so the change has ten seconds in the figure's window.
  await page.getByTestId('timeline').click({ position: { x: ((await page.getByTestId('timeline').boundingBox())!.width * 35) / 60, y: 4 } });
  await expect.poll(async () => Number(await pane(page, 'A').getByTestId('pane-time').getAttribute('data-value')), { timeout: 60_000 }).toBeGreaterThan(34_000);
  const steps = story('mesh-only');
  for (const side of ['A', 'B'] as const) {
    await expect(pane(page, side).getByTestId('pane-step')).toHaveText(`Step 4 of ${steps.length}`);
    await expect(pane(page, side).getByTestId('pane-step-title')).toHaveText(steps[3].title);
    await expect(pane(page, side).getByTestId('pane-figure')).toContainText(steps[3].figure!.label);
  }
  // One story on both sides: the timeline names it once.
  await expect(page.getByTestId('compare-step-side')).toHaveText([`Step 4 of ${steps.length} · ${steps[3].title}`]);
  // A's run as shipped, B's with its change: two numbers, B's said to carry the change.
  await expect.poll(async () => (await percentOf(pane(page, 'B').getByTestId('pane-figure-value'))) - (await percentOf(pane(page, 'A').getByTestId('pane-figure-value'))), { timeout: 30_000 }).toBeGreaterThan(1);
  await expect(pane(page, 'A').getByTestId('pane-figure-yours')).toHaveCount(0);
  await expect(pane(page, 'B').getByTestId('pane-figure-yours')).toBeVisible();
  await saveShot(page, 'comparestory-branch-1600x1000.png');
});
