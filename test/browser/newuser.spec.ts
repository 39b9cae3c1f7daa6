// What a person new to meshsim meets on a first pass (session 9's walk through the README): the
// header keeps its one row when a run has ended, and the inspector says over which window each of
// a link's figures is counted, so its shares agree with the link's label or say why not.
import { expect, type Page } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { saveShot, shotPath } from './fixtures/shots';
import { logRunStatus, runStatusLog } from './fixtures/statusLog';
import { labelsOverQueues } from './fixtures/queueGlyphs';
import { settled, untilStill } from './fixtures/settle';

/** Header height and, for each of its controls, its top edge (px). */
async function headerRows(page: Page): Promise<{ h: number; tops: number[] }> {
  return page.locator('.header').evaluate((el) => ({
    h: el.getBoundingClientRect().height,
    tops: Array.from(el.querySelectorAll<HTMLElement>('button, select, .status')).filter((b) => b.offsetParent !== null).map((b) => Math.round(b.getBoundingClientRect().top)),
  }));
}

for (const [w, h] of [
  [1024, 768],
  [1280, 720],
] as const) {
  // At 1024x768 the finished run also serves the lesson figure's check (a page load and a seek to
  // the end of istio-load-test of its own until session 25).
  const lesson = w === 1024 ? "; its last step's lesson figure keeps its note in lines of words, not a word a line beside the value" : '';
  test(`the header keeps one row once the run has finished and Play reads "Play again" (${w}x${h})${lesson}`, async ({ page }) => {
    await page.setViewportSize({ width: w, height: h });
    await page.goto('/?scenario=istio-load-test');
    await expect(page.getByTestId('run-status')).toHaveText(/ready|paused/);
    const before = await headerRows(page);
    await page.keyboard.press('End');
    // The seek to the end takes seconds here: the header said "paused" all the while.
    await test.step(`while the seek to the end runs the header says "seeking to 4.0 s", on its one row (${w}x${h})`, async () => {
      const status = page.getByTestId('run-status');
      await expect(status).toHaveText('seeking to 4.0 s');
      await expect(status).toHaveAttribute('data-seeking-to', '4000');
      const seeking = await headerRows(page);
      await page.screenshot({ path: shotPath(`newuser-seeking-header-${w}.png`), clip: { x: 0, y: 0, width: w, height: 90 } });
      expect(seeking.h, `header height ${seeking.h} px while seeking (${before.h} px before)`).toBeLessThanOrEqual(56);
      expect(Math.max(...seeking.tops) - Math.min(...seeking.tops), `control tops ${seeking.tops.join(', ')}`).toBeLessThanOrEqual(4);
      // The pill keeps its width (its words on two lines), so nothing beside it moves.
      expect(await status.evaluate((el) => el.getBoundingClientRect().width)).toBe(98);
    });
    await expect(page.getByTestId('run-status')).toHaveText('finished');
    await expect(page.getByTestId('play')).toHaveAccessibleName(/Play again/);
    const after = await headerRows(page);
    await saveShot(page, `newuser-finished-header-${w}.png`);
    // One header row (38 px buttons and padding), as before the end: every control on one line.
    expect(after.h, `header height ${after.h} px at the end (${before.h} px before)`).toBeLessThanOrEqual(56);
    expect(Math.max(...after.tops) - Math.min(...after.tops), `control tops ${after.tops.join(', ')}`).toBeLessThanOrEqual(4);
    if (lesson) await test.step("1024x768, finished: the last step's lesson figure keeps its note in lines of words", () => lessonFigure(page));
  });
}

// One load of retry-storm at 20 s, the inspector on shoppers -> api read at 1600x1000 and then in
// the window made 1024x768 (each size had its own load and seek to the same moment; the run and
// the header's status log do not depend on the window).
test("a link's inspector says its shares are since the start, beside a label that counts the last second (1600x1000, then 1024x768)", async ({ page }) => {
  await page.setViewportSize({ width: 1600, height: 1000 });
  // retry-storm at 20 s: payments has answered 503 since 10 s, so over the last second every
  // call from the shoppers failed further down, and since the start about half of them.
  await logRunStatus(page);
  await page.goto('/?scenario=retry-storm&t=20s');
  await expect(page.getByTestId('run-status')).toHaveText(/ready|paused/);
  await expect(page.getByTestId('timeline-seeking')).toHaveCount(0);
  await expect(page.getByTestId('sim-time')).toHaveText('20.0 s');
  // Loaded, the run is on its way to the link's moment until it stands there: it read "ready"
  // at 0, then "paused" while the seek ran.
  await test.step("the header says 'seeking to 20.0 s' from the moment the link's run is ready until it stands at 20 s", async () => {
    expect(await runStatusLog(page)).toEqual(['loading…', 'seeking to 20.0 s', 'paused']);
  });
  for (const [w, h] of [
    [1600, 1000],
    [1024, 768],
  ] as const) {
    await page.setViewportSize({ width: w, height: h });
    // Opened on the link at 1600x1000; the window made 1024x768 with it open reads it again.
    if (w === 1600) await page.getByTestId('inspector-toggle').click();
    const panel = page.getByTestId('inspector');
    if (w === 1600) await panel.getByTestId('inspector-picker').selectOption({ label: 'shoppers → api' });
    else await settled(page);
    const edge = panel.getByTestId('inspect-edge');
    await expect(edge.locator('h3')).toHaveText(/^shoppers → api/);
    const rows = await edge.locator('dt').evaluateAll((dts) => dts.map((dt) => [dt.textContent ?? '', dt.nextElementSibling?.textContent ?? '']));
    const row = (name: RegExp) => rows.find(([dt]) => name.test(dt));
    // Each share names its window: the label's is the last second, these are the whole run's.
    expect(row(/^calls ended\/s, last second$/), JSON.stringify(rows)).toBeTruthy();
    for (const name of [/^attempts per call/, /^failed on this hop/, /^failed further down/]) {
      expect(row(name)?.[0], JSON.stringify(rows)).toMatch(/, since the start$/);
    }
    const furtherDown = Number(row(/^failed further down/)![1].replace('%', ''));
    expect(furtherDown).toBeGreaterThan(30);
    expect(furtherDown).toBeLessThan(70);
    // The latency row's three figures take at most two lines, not one word a line.
    const latency = edge.getByTestId('edge-latency');
    const lineHeight = await latency.evaluate((el) => parseFloat(getComputedStyle(el).lineHeight) || 20);
    expect((await latency.boundingBox())!.height).toBeLessThanOrEqual(2 * lineHeight + 2);
    await saveShot(page, `newuser-edge-inspector-${w}.png`);
  }
});

test('picking another scenario forgets the inspected link: the panel does not show the new scenario\'s link of that number', async ({ page }) => {
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto('/?scenario=control-plane-outage');
  await expect(page.getByTestId('run-status')).toHaveText(/ready|paused/);
  await page.getByTestId('inspector-toggle').click();
  const panel = page.getByTestId('inspector');
  const picker = panel.getByTestId('inspector-picker');
  await picker.selectOption('edge:0');
  await expect(panel.getByTestId('inspect-edge')).toHaveCount(1);
  await page.getByTestId('scenario-select').selectOption('two-meshes-via-gateway');
  await expect(page.getByTestId('scenario-title')).toContainText('Two meshes');
  await expect(page.getByTestId('run-status')).toHaveText(/ready|paused/);
  // The panel stays open, on nothing: before, it showed two-meshes-via-gateway's node or link of
  // the same id, which the faults panel then offered faults for and the drawing centred on.
  await expect(panel).toBeVisible();
  await expect(picker).toHaveValue('');
  await expect(panel.locator('.inspect-edge, .inspect-node')).toHaveCount(0);
  await expect(page.getByTestId('fault-suggestions')).toHaveCount(0);
  await saveShot(page, 'newuser-switch-inspector-1600.png');
  // Picking in the new scenario works as before.
  await picker.selectOption({ label: 'shoppers → storefront' });
  await expect(panel.getByTestId('inspect-edge').locator('h3')).toHaveText(/^shoppers → storefront/);
});

/**
 * On istio-load-test at 1024x768, finished (the End key): its last step's "0.35 vCPU" beside
 * "lesson: 0.35 · the whole run" in a 200 px column keeps the note in two lines or fewer.
 */
async function lessonFigure(page: Page) {
  await expect(page.getByTestId('run-status')).toHaveText('finished');
  expect(page.viewportSize()).toEqual({ width: 1024, height: 768 });
  const figure = page.getByTestId('narrative').getByTestId('lesson-figure');
  await expect(figure).toBeVisible();
  const note = figure.locator('.lesson-figure-note');
  await expect(note).toContainText('lesson: 0.35');
  const { lines, text } = await note.evaluate((el) => ({ lines: Math.round(el.getBoundingClientRect().height / parseFloat(getComputedStyle(el).lineHeight === 'normal' ? String(1.2 * parseFloat(getComputedStyle(el).fontSize)) : getComputedStyle(el).lineHeight)), text: el.textContent }));
  await figure.screenshot({ path: shotPath('newuser-lesson-figure-1024.png') });
  expect(lines, `"${text}" takes ${lines} lines`).toBeLessThanOrEqual(2);
}

/** The state lines under node `name` in the SVG picture, as drawn ('' when none). */
const stateText = (page: Page, name: string) => page.locator(`svg[data-testid="topology"] [data-node="${name}"] .topo-state`).first();

/**
 * Presses Inspect and clicks the newest failed request of the list, as the README's walk does;
 * returns the waterfall's why. The picture then centres where the failure began (a new drawing).
 */
async function pickFailedRequest(page: Page) {
  await page.getByTestId('inspector-toggle').click();
  const panel = page.getByTestId('inspector');
  await panel.getByTestId('request-list').getByRole('button').first().click();
  await expect(panel.getByTestId('waterfall')).toBeVisible();
  return panel.getByTestId('request-why');
}

test('a failed request picked in the inspector leaves its fault\'s tag on the picture: catalog still reads "⚡ HTTP errors" while its why names that fault (1600x1000, then 1024x768)', async ({ page }) => {
  await page.setViewportSize({ width: 1600, height: 1000 });
  // A new user's steps (session 30): hello-mesh, HTTP errors injected on catalog at 2 s (50%, 503,
  // for 10 s), paused at 7 s. The picked request's drawing (centred on its failure) was a new
  // scene without the faults: the tag read '' while the why said "An injected fault was on there".
  await page.goto('/?scenario=hello-mesh&faults=FcpNCoAgEEDhu8zaYqYQmq4SLkzsByJFpyCiu6e7x-ObJmLmlnlgpF4jdqQ6Yq1ekCd6GGETiY2dQxJQkH26d1e3s2KPsJYXfXL-FBg1FiBWrly7V7CEVCRhhs-YHw&t=6999.998ms&speed=0.1');
  await expect(page.getByTestId('run-status')).toHaveText(/paused/);
  await expect(page.getByTestId('sim-time')).toHaveText('6.99 s');
  const tag = stateText(page, 'catalog');
  await expect(tag).toHaveText('⚡ HTTP errors');
  const why = await pickFailedRequest(page);
  await expect(why).toContainText('Your fault was on there then: HTTP errors on catalog');
  await expect(tag).toHaveText('⚡ HTTP errors');
  await expect(tag).toBeVisible();
  await saveShot(page, 'newuser-fault-tag-picked-1600.png');
  await page.setViewportSize({ width: 1024, height: 768 });
  // Drawn again for the new size, with the request still picked.
  await expect(page.getByTestId('inspector').getByTestId('waterfall')).toBeVisible();
  await expect(tag).toHaveText('⚡ HTTP errors');
  await expect(tag).toBeVisible();
  await saveShot(page, 'newuser-fault-tag-picked-1024.png');
});

test("a failed request picked in the inspector keeps the story step's highlight and the scenario's own fault tag (retry-storm at 20 s, 1024x768, then 1600x1000)", async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.goto('/?scenario=retry-storm&t=20s');
  await expect(page.getByTestId('run-status')).toHaveText(/ready|paused/);
  await expect(page.getByTestId('sim-time')).toHaveText('20.0 s');
  // Step 3 (from 12 s) lights payments and the three links up to it; payments answers 503 from 10 s to 25 s.
  const lit = page.locator('svg[data-testid="topology"] .topo-hl');
  const litKeys = () => lit.evaluateAll((els) => els.map((e) => e.getAttribute('data-node') ?? e.getAttribute('data-edge')).sort());
  const tag = stateText(page, 'payments');
  await expect(tag).toHaveText('⚡ HTTP errors');
  await expect.poll(litKeys).toHaveLength(4);
  const before = await litKeys();
  await pickFailedRequest(page);
  await expect(tag).toHaveText('⚡ HTTP errors');
  expect(await litKeys()).toEqual(before);
  await saveShot(page, 'newuser-step-highlight-picked-1024.png');
  await page.setViewportSize({ width: 1600, height: 1000 });
  await expect(page.getByTestId('inspector').getByTestId('waterfall')).toBeVisible();
  await expect(tag).toHaveText('⚡ HTTP errors');
  await expect.poll(litKeys).toEqual(before);
  await saveShot(page, 'newuser-step-highlight-picked-1600.png');
});

test("the compare view's link-problem banner has a Dismiss button, as the single view's: pressed, the banner goes and the panes move up into its room (1024x768, then 1600x1000)", async ({ page }) => {
  for (const [w, h] of [
    [1024, 768],
    [1600, 1000],
  ] as const) {
    await page.setViewportSize({ width: w, height: h });
    // A new user's link (session 30): a seed that is not a number.
    await page.goto('/?compare=retry-storm,retry-storm-fixed&seed=x');
    await expect(page.getByTestId('compare-pane')).toHaveCount(2);
    await expect(page.getByTestId('run-status')).toHaveText(/ready|paused/);
    const banner = page.getByTestId('link-problems');
    await expect(banner).toContainText('seed: must be a whole number');
    const panesTop = () => page.locator('.compare-panes').evaluate((el) => Math.round(el.getBoundingClientRect().top));
    const before = await panesTop();
    const dismiss = banner.getByRole('button', { name: 'Dismiss' });
    await expect(dismiss).toBeInViewport();
    await saveShot(page, `newuser-compare-banner-${w}x${h}.png`);
    await dismiss.click();
    await expect(banner).toHaveCount(0);
    await expect.poll(panesTop).toBeLessThan(before);
    await saveShot(page, `newuser-compare-banner-dismissed-${w}x${h}.png`);
  }
});

// One page of gateway-only against mesh-only at 24 s for two checks at each size (each had its
// own load and seek of the pair to the same moment): no link label under a queue stack in the
// panes, then the figures table's retries and hops, scrolled to as a person does.
test("the compare view of gateway-only against mesh-only at 24 s (1600x1000, then 1024x768): no link label lies under a queue stack (frontend -> inventory '94 req/s' beside inventory's '10 q'); the table says retries per user request and the hops apart from tries per user request, with a note that the gateway is a hop more", async ({ page }) => {
  await page.setViewportSize({ width: 1600, height: 1000 });
  // A class read "tries per user request 3.984 / 2.998, 0.75x" as the mesh making fewer tries,
  // where gateway-only had made no retry and mesh-only 10: the figure mostly counts hops.
  await page.goto('/?compare=gateway-only,mesh-only&t=24s');
  await expect(page.getByTestId('compare-pane')).toHaveCount(2);
  await expect(page.getByTestId('timeline-seeking')).toHaveCount(0);
  await expect(page.getByTestId('run-status')).toHaveText(/paused/);
  const table = page.getByTestId('metrics-diff');
  await expect(table).toHaveAttribute('data-at', '24000');
  const cells = (key: string) => table.locator(`tr[data-key="${key}"]`).locator('th, td').allTextContents();
  const note = page.getByTestId('diff-hops-note');
  for (const [w, h] of [
    [1600, 1000],
    [1024, 768],
  ] as const) {
    await page.setViewportSize({ width: w, height: h });
    await test.step(`${w}x${h}: no link label lies under a queue stack`, async () => {
      await page.locator('.compare-panes').scrollIntoViewIfNeeded();
      // Both panes' inventory queues (gateway-only's 10, mesh-only's 3) drawn, read once the labels stand still.
      await expect.poll(async () => (await labelsOverQueues(page)).glyphs).toBeGreaterThanOrEqual(2);
      const near = await untilStill(page, () => queueGaps(page), 'link labels beside the queue stacks');
      // No label over a stack (HEAD at 1600x1000: '94 req/s' 4 x 13 px over inventory's bars), nor against one.
      expect((await labelsOverQueues(page)).over).toEqual([]);
      console.log(`compare ${w}x${h}: link labels nearest the queue stacks ${near.map((n) => `${n.what} ${n.gap.toFixed(1)} px`).join(', ')}`);
      expect(near.filter((n) => n.gap < MIN_QUEUE_GAP), JSON.stringify(near)).toEqual([]);
      await saveShot(page, `newuser-compare-queues-${w}x${h}.png`);
    });
    await test.step(`${w}x${h}: the table says retries per user request and the hops apart, with the note`, async () => {
      expect(await cells('retries')).toEqual(['retries, all hops', '0', '10', '—']);
      expect(await cells('retriesPer')).toEqual(['retries per user request, all hops', '0.000', '0.004', '—']);
      expect(await cells('links')).toEqual(["hops on a request's path", '3', '2', '0.67x']);
      expect(await cells('tries')).toEqual(["attempts per user request, all hops *first attempts + retries; a retry redoes the calls below", '3.984', '2.998', '0.75x']);
      await expect(table.locator('tr[data-key="tries"] th')).toHaveAttribute('title', /^in attempts: every attempt on every hop: each call's first attempt plus its retries \(Envoy's x-envoy-attempt-count\)\. A retry at an outer hop makes a new call on every hop below it/);
      await expect(note).toHaveText("* A request's path is 3 hops in A (gateway-only) and 2 in B (mesh-only), so attempts per user request differ by the hops as well: retries per user request compare the retries.");
      // The rows and the note read on screen together, as a person scrolls to the table.
      await table.locator('tr[data-key="tries"]').scrollIntoViewIfNeeded();
      await note.scrollIntoViewIfNeeded();
      await expect(table.locator('tr[data-key="retriesPer"]')).toBeInViewport();
      await expect(note).toBeInViewport();
      // The column heads (which run is A, which B) stay in sight just under the sticky header while
      // the page is scrolled to these rows: at 1024x768 they had scrolled away above them.
      const header = (await page.locator('.compare-header').boundingBox())!;
      for (const id of ['diff-head-A', 'diff-head-B']) {
        const head = (await page.getByTestId(id).boundingBox())!;
        expect(head.y, `${id} at ${w}x${h}`).toBeGreaterThanOrEqual(header.y + header.height - 1);
        expect(head.y + head.height, `${id} at ${w}x${h}`).toBeLessThanOrEqual((await table.locator('tr[data-key="tries"]').boundingBox())!.y + 1);
      }
      await expect(page.getByTestId('diff-head-A')).toBeInViewport();
      await saveShot(page, `newuser-compare-tries-${w}x${h}.png`);
    });
  }
});

/** Least air between a link label and a queue stack in the compare view, CSS px. */
const MIN_QUEUE_GAP = 4;

/** For each queue stack with a count (all its bars and the count), the nearest shown link label and the gap between their boxes, px (0 when they overlap). */
function queueGaps(page: Page): Promise<{ what: string; gap: number }[]> {
  return page.evaluate(() => {
    const box = (r: DOMRect) => ({ x0: r.left, y0: r.top, x1: r.right, y1: r.bottom });
    const labels = Array.from(document.querySelectorAll<SVGTextElement>('.topology-stage svg .topo-edge-label'))
      .filter((t) => (t.textContent ?? '').trim() !== '' && getComputedStyle(t).visibility !== 'hidden')
      .map((t) => ({ r: box(t.getBoundingClientRect()), what: `"${t.textContent}" (${t.getAttribute('data-label-edge')})` }))
      .filter((l) => l.r.x1 > l.r.x0);
    const out: { what: string; gap: number }[] = [];
    for (const q of Array.from(document.querySelectorAll('.topology-stage svg [data-node] > .topo-queue'))) {
      // The whole stack (every bar, shown or not) and the count: what the queue may take while the labels stay.
      if ((q.querySelector('.topo-queue-label')?.textContent ?? '') === '') continue;
      const parts = Array.from(q.querySelectorAll('.topo-queue-bar, .topo-queue-label'))
        .map((e) => e.getBoundingClientRect())
        .filter((r) => r.width > 0 && r.height > 0);
      if (parts.length === 0) continue;
      const g = { x0: Math.min(...parts.map((r) => r.left)), y0: Math.min(...parts.map((r) => r.top)), x1: Math.max(...parts.map((r) => r.right)), y1: Math.max(...parts.map((r) => r.bottom)) };
      let best = { what: '', gap: Infinity };
      for (const l of labels) {
        const gap = Math.hypot(Math.max(0, g.x0 - l.r.x1, l.r.x0 - g.x1), Math.max(0, g.y0 - l.r.y1, l.r.y0 - g.y1));
        if (gap < best.gap) best = { what: `${l.what} to ${q.parentElement?.getAttribute('data-node')}'s queue`, gap };
      }
      if (best.what) out.push(best);
    }
    return out;
  });
}
