// A branch of gateway-and-mesh (b): in each pane every link label keeps clear of other labels,
// other links and nodes, and should read as its own link's, nearer its line than any other's (N3's trial,
// 6d: old-app's '12 req/s' lay on shoppers' line). all-scenarios.spec checks the single view only.
import { expect, type Locator, type Page } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { settled } from './fixtures/settle';
import { saveShot } from './fixtures/shots';

type Box = { x: number; y: number; w: number; h: number; what: string };

/** One pane's link labels, node parts and link lines, in page pixels (walkChecks readPicture, per pane). */
function panePicture(pane: Locator) {
  return pane.evaluate((root) => {
    const box = (el: Element, what: string) => {
      const r = el.getBoundingClientRect();
      return { x: r.left, y: r.top, w: r.width, h: r.height, what };
    };
    const labels = Array.from(root.querySelectorAll('[data-testid="topology"] .topo-edge-label'))
      .filter((t) => (t.textContent ?? '').trim() !== '')
      .map((t) => ({ ...box(t, `label ${t.getAttribute('data-label-edge')} "${t.textContent}"`), edge: t.getAttribute('data-label-edge') ?? '' }));
    const nodes: Box[] = [];
    for (const g of Array.from(root.querySelectorAll('[data-testid="topology"] [data-node]'))) {
      for (const part of Array.from(g.querySelectorAll('.topo-card-front, .topo-card-behind, .topo-client-body, .topo-control-body, .topo-name, .topo-caption, .topo-ca circle'))) {
        const b = box(part, `node ${g.getAttribute('data-node')}`);
        if (b.w > 0 && b.h > 0) nodes.push(b);
      }
    }
    const links: { edge: string; points: { x: number; y: number }[] }[] = [];
    for (const g of Array.from(root.querySelectorAll('[data-testid="topology"] [data-edge]'))) {
      const path = g.querySelector('.topo-edge-line') as SVGPathElement | null;
      const m = path?.getScreenCTM();
      if (!path || !m) continue;
      const points = [];
      for (let d = 0, len = path.getTotalLength(); d <= len; d += 2) {
        const p = path.getPointAtLength(d);
        points.push({ x: m.a * p.x + m.c * p.y + m.e, y: m.b * p.x + m.d * p.y + m.f });
      }
      links.push({ edge: g.getAttribute('data-edge')!, points });
    }
    const highlighted = Array.from(root.querySelectorAll('[data-testid="topology"] .topo-edge.topo-hl[data-edge]')).map((g) => g.getAttribute('data-edge')!);
    return { labels, nodes, links, highlighted };
  });
}

/**
 * Each label over another label, a node or another link's line, or nearer another link's line
 * than its own; with `storyAstray` false, a label the story points at (placeStoryLabel's) may
 * lie nearer another line.
 */
async function labelProblems(pane: Locator, storyAstray: boolean): Promise<string[]> {
  const { labels, nodes, links, highlighted } = await panePicture(pane);
  const slack = 1;
  const hit = (a: Box, b: Box) => a.x + slack < b.x + b.w && b.x + slack < a.x + a.w && a.y + slack < b.y + b.h && b.y + slack < a.y + a.h;
  const d2 = (pts: { x: number; y: number }[], x: number, y: number) => Math.min(...pts.map((q) => (q.x - x) ** 2 + (q.y - y) ** 2));
  const out: string[] = [];
  labels.forEach((a, i) => {
    for (const b of labels.slice(i + 1)) if (hit(a, b)) out.push(`${a.what} over ${b.what}`);
    for (const n of nodes) if (hit(a, n)) out.push(`${a.what} over ${n.what}`);
    for (const l of links) {
      if (l.edge === a.edge) continue;
      if (l.points.some((q) => q.x > a.x + slack && q.x < a.x + a.w - slack && q.y > a.y + slack && q.y < a.y + a.h - slack)) out.push(`${a.what} over link ${l.edge}`);
    }
    const own = links.find((k) => k.edge === a.edge);
    const [cx, cy] = [a.x + a.w / 2, a.y + a.h / 2];
    if (!storyAstray && highlighted.includes(a.edge)) return;
    const nearer = own ? links.find((k) => k.edge !== a.edge && d2(k.points, cx, cy) < d2(own.points, cx, cy)) : undefined;
    if (nearer) out.push(`${a.what} nearer ${nearer.edge}'s line (${Math.sqrt(d2(nearer.points, cx, cy)).toFixed(0)} px) than its own (${Math.sqrt(d2(own!.points, cx, cy)).toFixed(0)} px)`);
  });
  return out;
}

/** The pane's links that carry calls but whose quiet label says nothing (walkChecks unlabelledBusyLinks, per pane). */
function unlabelled(pane: Locator): Promise<string[]> {
  return pane.evaluate((root) => {
    const out: string[] = [];
    for (const t of Array.from(root.querySelectorAll<SVGTextElement>('[data-testid="topology"] .topo-edge-label'))) {
      if ((t.textContent ?? '').trim() !== '') continue;
      const edge = t.getAttribute('data-label-edge')!;
      const g = root.querySelector(`[data-testid="topology"] [data-edge="${CSS.escape(edge)}"]`);
      if (!g) continue;
      g.dispatchEvent(new MouseEvent('mouseenter'));
      const hovered = (t.textContent ?? '').trim();
      g.dispatchEvent(new MouseEvent('mouseleave'));
      if (hovered !== '') out.push(`${edge} (${hovered}) left out`);
    }
    return out;
  });
}

async function branch(page: Page): Promise<void> {
  await page.goto('/?scenario=gateway-and-mesh&t=10s');
  await expect(page.getByTestId('run-status')).toHaveText(/paused|ready/, { timeout: 30_000 });
  await page.locator('body').click({ position: { x: 2, y: 2 } });
  await page.keyboard.press('b');
  await expect(page.getByTestId('compare-pane')).toHaveCount(2);
  // Both runs at the branch's moment, their labels saying its rates.
  await expect(page.getByTestId('run-status')).not.toHaveClass(/status-seeking/, { timeout: 60_000 });
  await expect(page.getByTestId('compare-pane').first()).toContainText('at 10.0 s');
  await settled(page);
}

/** What labelProblems and unlabelled find in both panes at both sizes; `astray`: ask every label (not the story's at 1024x768) to read as its own. */
async function paneProblems(page: Page, astray: boolean): Promise<string[]> {
  await page.setViewportSize({ width: 1600, height: 1000 });
  await branch(page);
  const found: string[] = [];
  for (const [w, h] of [[1600, 1000], [1024, 768]] as const) {
    await page.setViewportSize({ width: w, height: h });
    await settled(page);
    await page.waitForTimeout(500);
    await saveShot(page, `branchlabels-gateway-and-mesh-${w}x${h}.png`);
    const panes = page.getByTestId('compare-pane');
    for (let i = 0; i < 2; i++) {
      await expect.poll(async () => (await panePicture(panes.nth(i))).labels.length, { timeout: 20_000 }).toBeGreaterThan(0);
      found.push(...(await unlabelled(panes.nth(i))).map((p) => `${w}x${h} pane ${i + 1}: ${p}`));
      const all = await labelProblems(panes.nth(i), astray && w === 1600);
      found.push(...all.filter((p) => astray || !/ nearer /.test(p)).map((p) => `${w}x${h} pane ${i + 1}: ${p}`));
    }
  }
  return found;
}

test('a branch of gateway-and-mesh: in both panes, at 1600x1000 and 1024x768, every link label says its rate, clear of labels, links and nodes', async ({ page }) => {
  test.setTimeout(120_000);
  expect(await paneProblems(page, false)).toEqual([]);
});

// NOTE: known and left (session 34, U2): in a pane (whose labels may be placed at presenter size,
// svgEdgeLabels' grow: not checked) at 1600x1000 old-app's '10 req/s' has no spot beside its line
// (between shoppers' and bulk-export's into edge) that is not nearer shoppers' line: 23 px from
// it, 39 from its own. Weighing that in placeEdgeLabels left the label out instead. At 1024x768
// the story's bulk-export->edge '38 req/s' sits nearest scraper's line. When fixed, this fails:
// drop test.fail.
test('a branch of gateway-and-mesh: every link label in both panes lies nearest its own line (known to fail: old-app\'s label at 1600x1000)', async ({ page }) => {
  test.fail();
  test.setTimeout(120_000);
  expect(await paneProblems(page, true)).toEqual([]);
});
