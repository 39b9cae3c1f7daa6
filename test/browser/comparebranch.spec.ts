// What a person meets in a branch (issue 12.3): the two sides named by what sets them apart,
// the change form filled from the node picked in the picture, the inspector asking the pane it
// sits in, the legend folded in both panes, and a branch of a file they opened themselves.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, type Page } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { settled as settledLayout } from './fixtures/settle';
import { saveShot, shotPath } from './fixtures/shots';
import { logTexts, textLog } from './fixtures/statusLog';
import { fillChange } from './fixtures/changeForm';
import { sharedLink } from './fixtures/share';
import { decodeActions } from '../../src/ui/recipe/url';

const pane = (page: Page, side: 'A' | 'B') => page.locator(`[data-testid="compare-pane"][data-side="${side}"]`);
const paneValue = async (page: Page, side: 'A' | 'B', id: string) => (await pane(page, side).getByTestId(id).getAttribute('data-value'))!;
const B_LABEL = 'B · with timeout 5ms on payments at 15.0 s';
/** Least room between a box's queue count and its '+N' badge, px. */
const QUEUE_BADGE_PX = 2;

/** Least room right of a control plane's text inside its mesh region, px. */
const CONTROL_TEXT_ROOM_PX = 2;

/**
 * Each control plane's name and state line ("control plane + CA") in every pane, with how far,
 * px, its text's right end stands inside its mesh region's border (negative: past it), sampled
 * along the text's right edge 2 px apart: the farthest right point still inside the region.
 */
function controlTextRoom(page: Page) {
  return page.locator('[data-testid="compare-pane"]').evaluateAll((panes) =>
    panes.flatMap((p) => {
      const areas = Array.from(p.querySelectorAll<SVGPathElement>('.topo-mesh-area'));
      return Array.from(p.querySelectorAll<SVGTextElement>('.topo-control-plane .topo-name, .topo-control-plane .topo-cp-state')).map((t) => {
        const r = t.getBoundingClientRect();
        const inside = (x: number, y: number) => areas.some((a) => a.isPointInFill(new DOMPoint(x, y).matrixTransform(a.getScreenCTM()!.inverse())));
        // How far right of the text's end the region still holds its whole height, px (-300 to 40).
        let room = -Infinity;
        for (let dx = -300; dx <= 40; dx += 1) {
          let all = true;
          for (let y = r.top + 1; y <= r.bottom - 1; y += 2) if (!inside(r.right + dx, y)) all = false;
          if (all) room = dx;
          else if (dx >= 0) break;
        }
        return { text: `${p.getAttribute('data-side')} '${t.textContent}'`, room, state: t.classList.contains('topo-cp-state'), title: t.closest('g')?.querySelector('title')?.textContent ?? '' };
      });
    }),
  );
}

/** Waits until no seek runs, no Pause or Step is still bringing the panes to one time, and both runs are paused, ready or finished. */
async function settled(page: Page) {
  await expect(page.getByTestId('timeline-seeking')).toHaveCount(0);
  await expect(page.getByTestId('run-status')).not.toHaveAttribute('data-settling', /./);
  await expect(page.getByTestId('run-status')).toHaveText(/paused|ready|finished/);
}

const SIZES = [
  [1600, 1000],
  [1024, 768],
] as const;

/** Each select of the change form shows its whole choice (at 1024x768 they were cut to "a service" and "payment"). */
async function formRoom(page: Page) {
  for (const id of ['change-type', 'change-target']) {
    const room = await page.getByTestId(id).evaluate((el) => {
      const sel = el as HTMLSelectElement;
      const style = getComputedStyle(sel);
      const ctx = document.createElement('canvas').getContext('2d')!;
      ctx.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      // The text box is the select's width less its paddings (the right one holds the arrow).
      return sel.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - ctx.measureText(sel.selectedOptions[0].text).width;
    });
    expect(room, `${id} has room for its choice at ${page.viewportSize()!.width} px`).toBeGreaterThan(8);
  }
}

/**
 * config-rollout at 15 s, payments picked in the picture, a 5 ms timeout, then `b`. The form is
 * checked at both sizes on the way (resized on the same page), and the branch made at 1600x1000.
 */
async function branchFromPicture(page: Page) {
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto('/?scenario=config-rollout&t=15s');
  await expect(page.getByTestId('run-status')).toHaveText(/paused|ready/);
  // The form starts on a change that acts: payments' retries (frontend's only caller has no proxy).
  await expect(page.getByTestId('change-target')).toHaveValue('payments');
  await page.getByTestId('inspector-toggle').click();
  await page.getByTestId('topology').locator('[data-node="frontend"]').click();
  await expect(page.getByTestId('change-target')).toHaveValue('frontend');
  await page.getByTestId('topology').locator('[data-node="payments"]').click();
  await expect(page.getByTestId('inspect-node')).toContainText('payments');
  // The change form took the picked node as its target, as the faults panel does.
  await expect(page.getByTestId('change-target')).toHaveValue('payments');
  await expect(page.getByTestId('change-type')).toHaveValue('policy');
  await page.getByTestId('change-details').fill('{"policy": {"timeout": "5ms"}}');
  for (const [w, h] of SIZES) {
    await page.setViewportSize({ width: w, height: h });
    await settledLayout(page);
    await page.getByTestId('change-panel').scrollIntoViewIfNeeded();
    await saveShot(page, `comparebranch-form-${w}.png`);
    await formRoom(page);
  }
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.locator('body').click({ position: { x: 2, y: 2 } });
  await page.keyboard.press('b');
  await expect(page.getByTestId('compare-pane')).toHaveCount(2);
  await settled(page);
}

// One branch serves the names at both sizes, the divergence at the end, and Inspect in each pane
// (each a fresh branch and a seek of both runs to 60 s before).
test('a branch names its sides by what sets them apart, in titles, figures, chart legends and the divergence (1600x1000 and 1024x768); Inspect works in each pane: it asks the run of the pane it sits in, and moves to the pane clicked', async ({ page }) => {
  await branchFromPicture(page);
  for (const [w, h] of SIZES) {
    await page.setViewportSize({ width: w, height: h });
    await settledLayout(page);
    await expect(pane(page, 'A').getByTestId('compare-pane-title')).toContainText('A · as run');
    await expect(pane(page, 'B').getByTestId('compare-pane-title')).toContainText(B_LABEL);
    await expect(page.getByTestId('diff-head-A')).toHaveText('A · as run');
    await expect(page.getByTestId('diff-head-B')).toHaveText(B_LABEL);
    await expect(page.getByTestId('compare-chart-latency').getByTestId('chart-legend-item')).toHaveText(['A · as run', B_LABEL]);
    await expect(page.getByTestId('compare-chart-failures').getByTestId('chart-legend-item')).toHaveText(['A · as run', B_LABEL]);
    // Both panes start with the legend folded (open, it took a third of a pane at 1600x1000).
    for (const side of ['A', 'B'] as const) {
      await expect(pane(page, side).getByTestId('legend')).toHaveCount(0);
      await expect(pane(page, side).getByRole('button', { name: /Legend/ })).toHaveAttribute('aria-expanded', 'false');
    }
    // The title stays on one line: cut with an ellipsis if need be, whole in its tooltip.
    const title = pane(page, 'B').getByTestId('compare-pane-title');
    expect(await title.evaluate((el) => el.getBoundingClientRect().height), `B's title height at ${w}x${h}`).toBeLessThan(40);
    await expect(title).toHaveAttribute('title', new RegExp(`^${B_LABEL} — `));
    await saveShot(page, `comparebranch-${w}.png`);
    if (w === 1024) {
      await test.step("the figures table's B head, squeezed until it wraps, keeps '15.0 s' on one line: no lone 's'", async () => {
        // Its head wraps (white-space: normal) where the row labels take the width; the break
        // fell between 15.0 and s.
        const head = page.getByTestId('diff-head-B');
        const lines = await head.evaluate(async (th) => {
          const table = th.closest('table')!;
          const width = table.style.width;
          // Narrower by steps until the head wraps: at each, the text of every line it has.
          const seen: string[][] = [];
          for (let px = 900; px >= 560 && seen.every((l) => l.length < 2); px -= 20) {
            table.style.width = `${px}px`;
            const text = Array.from(th.childNodes).find((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim())!;
            const byTop = new Map<number, string>();
            for (let i = 0; i < text.textContent!.length; i++) {
              const r = document.createRange();
              r.setStart(text, i);
              r.setEnd(text, i + 1);
              const top = Math.round(r.getBoundingClientRect().top);
              byTop.set(top, (byTop.get(top) ?? '') + text.textContent![i]);
            }
            seen.push([...byTop.values()].map((l) => l.trim()));
          }
          table.style.width = width;
          return seen[seen.length - 1];
        });
        expect(lines.length, lines.join(' | ')).toBeGreaterThanOrEqual(2);
        expect(lines[lines.length - 1]).toMatch(/15\.0\s+s$/);
      });
    }
    // Each control plane's name and state line end inside its mesh region: branched at 1600x1000
    // and narrowed to 1024x768, 'control plane + CA' ran past the one-column region's right border.
    await test.step(`${w}x${h}: control planes' names and state lines end ${CONTROL_TEXT_ROOM_PX} px or more inside their mesh region`, async () => {
      const texts = await controlTextRoom(page);
      expect(texts.length, 'control plane texts drawn').toBeGreaterThanOrEqual(4);
      const least = texts.reduce((a, t) => (t.room < a.room ? t : a));
      expect(least.room, `at ${w}x${h}: ${least.text}'s right end inside its mesh region`).toBeGreaterThanOrEqual(CONTROL_TEXT_ROOM_PX);
      // A state line shortened for the room ('CP + CA' at 1024x768) says its words in full in its tooltip.
      for (const t of texts.filter((x) => x.state)) expect(t.title, `${t.text}'s tooltip`).toBe('control plane + CA');
    });
    // A box's queue count ('N queued', beside its lowest queue bar) and its '+N' badge keep apart:
    // on the panes' narrow boxes at 1024x768 the badge stood just over the row's right end, where
    // the count runs. No box queues at 15 s, so each count is drawn as '88 queued' and put back.
    await test.step(`${w}x${h}: each box's queue count ${QUEUE_BADGE_PX} px or more from its '+N' badge`, async () => {
      const gaps = await page.locator('[data-testid="compare-pane"] [data-node]').evaluateAll((nodes) =>
        nodes.flatMap((n) => {
          const badge = n.querySelector('.topo-hex-more');
          const label = n.querySelector<SVGTextElement>('.topo-queue-label');
          if (!badge || !label) return [];
          const was = label.textContent;
          label.textContent = '88 queued';
          const a = label.getBoundingClientRect();
          const b = badge.getBoundingClientRect();
          label.textContent = was;
          return [{ node: n.getAttribute('data-node'), gap: Math.max(b.left - a.right, a.left - b.right, b.top - a.bottom, a.top - b.bottom) }];
        }),
      );
      expect(gaps.length, 'boxes with a badge and a queue count').toBeGreaterThanOrEqual(4);
      const least = gaps.reduce((a, g) => (g.gap < a.gap ? g : a));
      expect(least.gap, `at ${w}x${h}: ${least.node}'s queue count from its badge, px`).toBeGreaterThanOrEqual(QUEUE_BADGE_PX);
    });
  }
  await page.keyboard.press('End');
  await settled(page);
  await expect.poll(() => paneValue(page, 'B', 'pane-time')).toBe('60000');
  for (const [w, h] of [...SIZES].reverse()) {
    await page.setViewportSize({ width: w, height: h });
    await settledLayout(page);
    const marker = page.getByTestId('divergence-marker');
    await expect(marker).toHaveAttribute('title', /B · with timeout 5ms on payments at 15\.0 s/);
    // The 5 ms timeout fails B's calls to payments from the second after the branch (both runs
    // had failed a little before it: no "first failure"). It used to read "20 s: p99 160 ms
    // against 82.1 ms", B's p99 then being that of its one ok request.
    await expect(page.getByTestId('divergence-text')).toHaveText(`First differ at 16.0 s (up to 17.0 s): 5.0% of requests failed in A · as run, 48% in ${B_LABEL}`);
    await saveShot(page, `comparebranch-${w}-end.png`);
  }

  // Inspect, at 1600x1000 (the loop above ended there).
  // B: its inspector, on its payments, whose proxies have the branch's change.
  await pane(page, 'B').getByTestId('inspector-toggle').click();
  await expect(pane(page, 'B').getByTestId('inspector')).toBeVisible();
  await expect(pane(page, 'B').getByTestId('compare-inspecting')).toHaveText('inspected');
  await expect(pane(page, 'A').getByTestId('inspector-toggle')).toHaveAccessibleName("Inspect A's run instead");
  await pane(page, 'B').getByTestId('topology').locator('[data-node="payments"]').click();
  const configB = pane(page, 'B').getByTestId('replica-config');
  // The scenario's own change at 20 s and the branch's at 15 s: version 3 of the proxy config.
  await expect(configB).toHaveText(Array(10).fill('fresh v3, change 2 of 2'));
  // A press on A's payments moves the inspector to A, where no change was made.
  await pane(page, 'A').getByTestId('topology').locator('[data-node="payments"]').click();
  await expect(pane(page, 'A').getByTestId('inspector')).toBeVisible();
  await expect(pane(page, 'B').getByTestId('inspector')).toHaveCount(0);
  await expect(pane(page, 'A').getByTestId('compare-inspecting')).toHaveText('inspected');
  await expect(pane(page, 'A').getByTestId('inspect-node')).toContainText('payments');
  const configA = pane(page, 'A').getByTestId('replica-config');
  await expect(configA).toHaveText(Array(10).fill('fresh v2, change 1 of 1'));
  await saveShot(page, 'comparebranch-inspect-1600.png');
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.screenshot({ path: shotPath('comparebranch-inspect-1024.png'), fullPage: false });
});

test('a run of an opened file branches too: its scenario goes packed in the link, and both panes match at the branch point', async ({ page }) => {
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto('/?scenario=hello-mesh');
  await expect(page.getByTestId('run-status')).toHaveText(/paused|ready/);
  const bytes = readFileSync(fileURLToPath(new URL('../../scenarios/config-rollout.json', import.meta.url)));
  await page.getByTestId('scenario-file').setInputFiles({ name: 'my-rollout.json', mimeType: 'application/json', buffer: bytes });
  await expect(page.getByTestId('narrative-title')).toBeVisible();
  await expect(page.getByTestId('change-target')).toHaveValue('payments');
  await page.locator('body').click({ position: { x: 2, y: 2 } });
  // n to the story's second step (20 s), then the branch.
  await page.keyboard.press('n');
  await expect(page.getByTestId('sim-time')).toHaveText('20.0 s');
  await fillChange(page, 'policy', 'payments', '{"policy": {"timeout": "5ms"}}');
  await page.getByTestId('branch').click();
  await expect(page.getByTestId('compare-pane')).toHaveCount(2);
  await settled(page);
  const url = new URL(page.url());
  expect(url.searchParams.get('compare')).toBe('@data,@data');
  expect(url.hash).toMatch(/^#data=[\w-]+$/);
  await expect(pane(page, 'B').getByTestId('compare-pane-title')).toContainText('B · with timeout 5ms on payments at 20.0 s');
  // The file's runs go by the scenario's own name and title, not "your file".
  await expect(pane(page, 'A').getByTestId('compare-pane-title')).toHaveText('A · as run — A retry policy rolls out through 20 proxies (config-rollout)');
  await expect(page.getByTestId('compare-select').locator('option:checked')).toHaveText('A retry policy rolls out through 20 proxies: two runs');
  await expect.poll(() => paneValue(page, 'A', 'pane-time')).toBe('20000');
  expect(await paneValue(page, 'B', 'pane-hash')).toBe(await paneValue(page, 'A', 'pane-hash'));
  await expect(page.getByTestId('link-problems')).toHaveCount(0);
  // Share gives a link that carries the file; opened afresh it reaches the same moment and hashes.
  // One second past the branch point, where B's timeouts already failed calls: the fresh page
  // runs both scenarios to 21 s, not to their end at 60 s (that seek, twice over, in a fresh page
  // beside this one, ran past its waits with two Playwright workers at load 17-27, session 18).
  await page.keyboard.press('Shift+ArrowRight');
  await settled(page);
  await expect.poll(() => paneValue(page, 'B', 'pane-time')).toBe('21000');
  expect(await paneValue(page, 'A', 'pane-time')).toBe('21000');
  const hashes = [await paneValue(page, 'A', 'pane-hash'), await paneValue(page, 'B', 'pane-hash')];
  expect(hashes[1]).not.toBe(hashes[0]);
  const link = await sharedLink(page);
  expect(link).toMatch(/compare=%40data,%40data&.*#data=/);
  expect(new URL(link).searchParams.get('t')).toBe('21s');
  await saveShot(page, 'comparebranch-file-1600.png');
  // Opened again as a new document in this tab, its two workers let go with the one it leaves (a
  // tab of its own started a renderer more: the app keeps nothing of a document it leaves but
  // localStorage, which tabs share).
  await page.goto('about:blank');
  const fresh = page;
  await fresh.setViewportSize({ width: 1024, height: 768 });
  await logTexts(fresh, { pair: '[data-testid="compare-select"] option:checked', opening: '[data-testid="compare-opening"] .opening-name' });
  await fresh.goto(link);
  await expect(fresh.getByTestId('compare-pane')).toHaveCount(2);
  await settled(fresh);
  // While the link's packed scenario opened, the notice said "Opening A · the opened scenario" and
  // the header's pair "@data: two runs"; its text names it all along.
  await test.step("opening the link, the header and the opening notice name the packed scenario by its own name and title from the start", async () => {
    expect((await textLog(fresh, 'pair')).filter((t) => t !== '—')).toEqual(['A retry policy rolls out through 20 proxies: two runs']);
    expect(await textLog(fresh, 'opening')).toEqual(['config-rollout']);
  });
  await expect.poll(() => paneValue(fresh, 'A', 'pane-time')).toBe('21000');
  expect(await paneValue(fresh, 'B', 'pane-time')).toBe('21000');
  await expect.poll(() => paneValue(fresh, 'A', 'pane-hash')).toBe(hashes[0]);
  expect(await paneValue(fresh, 'B', 'pane-hash')).toBe(hashes[1]);
  // A link's packed scenario has no file name: still its own name, never "your file".
  await expect(pane(fresh, 'B').getByTestId('compare-pane-title')).toContainText('(config-rollout)');
  await expect(fresh.locator('body')).not.toContainText('your file');
  await saveShot(fresh, 'comparebranch-file-1024.png');
});

test("Branch pressed as soon as the page shows it makes the change the form settles on: retry-storm's retries 0 on orders (not its first service, web) in B's title and in the link (1366x768)", async ({ page }) => {
  // N19 (session 49): the form showed orders, and B and the link's faultsB said web. The form stood on its first
  // service (web) until the reach worker named the one whose default acts (orders), and a Branch pressed in between
  // took web. Now the service select waits for that answer (disabled, data-pending), and so do Apply and Branch.
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto('/?scenario=retry-storm&t=8s');
  await page.getByTestId('branch').click();
  await expect.poll(() => new URL(page.url()).searchParams.get('compare'), { timeout: 60_000 }).toBe('retry-storm,retry-storm');
  const made = decodeActions(new URL(page.url()).searchParams.get('faultsB') ?? '', (at, m) => expect.soft(m, at).toBe(''));
  expect(made.map((x) => (x.kind === 'change' ? x.change : x.kind))).toEqual([{ type: 'policy', service: 'orders', policy: { retries: { attempts: 0 } } }]);
  await expect(pane(page, 'B').getByTestId('compare-pane-title')).toContainText('retries.attempts 0 on orders at 8.0 s');
  await saveShot(page, 'branch-at-once-1366.png');
  // While the app's code loads, the link's page says what it opens, not a blank white page (N19, item 2: 2 s on a
  // build, 8 s on the dev server): here its code never comes.
  const link = page.url();
  const loading = await page.context().newPage();
  await loading.route(/\/assets\/index-[^/]*\.js$/, () => {});
  await loading.goto(link, { waitUntil: 'commit' });
  await expect(loading.getByRole('status')).toHaveText(/^Opening the compare view: loading the app, then side A and side B/);
  await loading.close();
});
