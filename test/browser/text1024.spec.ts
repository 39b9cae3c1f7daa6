// Node names readable at 1024x768 on every shipped picture (session 10's new-user pass: 7.4-9.8 px
// on four of them, the picture height-bound with unused width). The single view takes presenter
// mode's text, with its columns further apart so the larger link labels fit between the boxes,
// when its own names would be under 10 px (src/ui/topology/readableText.ts). One page load a
// scenario, opened paused at a moment when its links carry figures, drawer folded then the Charts
// tab open in the same page, then the window widened to 1600x1000; a screenshot of each under
// test-results/text1024-*.png.
import { readdirSync, readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { settled } from './fixtures/settle';

const seconds = (d: string) => (d.endsWith('ms') ? Number(d.slice(0, -2)) / 1000 : d.endsWith('s') ? Number(d.slice(0, -1)) : d.endsWith('m') ? 60 * Number(d.slice(0, -1)) : Number(d));

/** Moments for scenarios whose links carry figures only now and then (as labels.spec). */
const MOMENT: Record<string, number> = { 'idle-timeout-race': 20.8 };

/**
 * Every shipped scenario by name, with the moment it is opened at, seconds: labels.spec's (three
 * seconds into its first fault, or half-way through a run without one), at most 3 s; `svg`: 60 nodes or fewer, drawn as SVG with link labels (the full load test is
 * a canvas of group tiles).
 */
const SCENARIOS = readdirSync('scenarios')
  .filter((f) => f.endsWith('.json') && f !== 'schema.json')
  .map((f) => JSON.parse(readFileSync(`scenarios/${f}`, 'utf8')) as { name: string; duration: string; services?: unknown[]; gateways?: unknown[]; clients?: unknown[]; faults?: { at?: string }[] })
  .map((s) => {
    const end = seconds(s.duration);
    const fault = s.faults?.[0];
    // Quiet labels say calls a second only, whose room is fixed (edgeLabelPlace LABEL_BOX): an
    // early moment with figures serves as well as a busy one and seeks there fast.
    const at = MOMENT[s.name] ?? Math.min(3, fault ? Math.min(end, seconds(fault.at ?? '0s') + 3) : end / 2);
    return { name: s.name, at, svg: (s.services?.length ?? 0) + (s.gateways?.length ?? 0) + (s.clients?.length ?? 0) <= 60 };
  });

/**
 * What the picture shows, in page px: the smallest node name (SVG `.topo-name` scaled by its
 * screen matrix, or the canvas scene's labels), names or nodes cut by the stage's edge, and shown
 * link labels lying over a node's box, figure, name or caption (the parts labels.spec checks) or
 * over another label. `large` is the stage's data-text; `labels` how many link labels show.
 */
async function readNames(page: Page) {
  return page.evaluate(() => {
    const stageEl = document.querySelector<HTMLElement>('.topology-stage')!;
    const s = stageEl.getBoundingClientRect();
    const shown = (el: Element) => {
      const r = el.getBoundingClientRect();
      const c = getComputedStyle(el);
      return r.width > 0 && r.height > 0 && c.display !== 'none' && c.visibility !== 'hidden';
    };
    const inStage = (r: DOMRect | { left: number; top: number; right: number; bottom: number }) => r.left >= s.left - 0.5 && r.top >= s.top - 0.5 && r.right <= s.right + 0.5 && r.bottom <= s.bottom + 0.5;
    let least = Infinity;
    let leastName = '';
    const cut: string[] = [];
    for (const t of Array.from(document.querySelectorAll<SVGTextElement>('.topology-stage [data-node] .topo-name'))) {
      if (!t.textContent?.trim() || !shown(t)) continue;
      const m = t.getScreenCTM();
      const px = parseFloat(getComputedStyle(t).fontSize) * (m ? Math.hypot(m.a, m.b) : 1);
      if (px < least) [least, leastName] = [px, t.textContent];
      if (!inStage(t.getBoundingClientRect())) cut.push(`name "${t.textContent}"`);
    }
    for (const n of Array.from(document.querySelectorAll('.topology-stage [data-node] :is(.topo-card-front, .topo-client-body, .topo-control-body, .topo-cloud)'))) {
      if (shown(n) && !inStage(n.getBoundingClientRect())) cut.push(`node ${n.closest('[data-node]')!.getAttribute('data-node')}`);
    }
    const canvas = document.querySelector('[data-testid="topology-canvas"]') as (HTMLCanvasElement & { meshsimDrawn?: { marks: { kind: string; x: number; y: number; w?: number; h?: number; text?: string; px?: number }[] } }) | null;
    if (stageEl.dataset.view === 'canvas' && canvas?.meshsimDrawn) {
      const c = canvas.getBoundingClientRect();
      for (const m of canvas.meshsimDrawn.marks) {
        if (m.kind !== 'label') continue;
        if ((m.px ?? 0) < least) [least, leastName] = [m.px ?? 0, m.text ?? ''];
        if (!inStage({ left: c.left + m.x, top: c.top + m.y, right: c.left + m.x + (m.w ?? 0), bottom: c.top + m.y + (m.h ?? 0) })) cut.push(`canvas label "${m.text}"`);
      }
    }
    // A node's drawn parts, as labels.spec reads them: box and the cards behind it, a client's
    // or control plane's figure, the name, the caption, the CA's disc.
    const parts: { r: DOMRect; what: string }[] = [];
    for (const g of Array.from(document.querySelectorAll('.topology-stage [data-node]'))) {
      for (const part of Array.from(g.querySelectorAll('.topo-card-front, .topo-card-behind, .topo-client-body, .topo-control-body, .topo-name, .topo-caption, .topo-ca circle'))) {
        const r = part.getBoundingClientRect();
        if (r.width > 0 && r.height > 0 && shown(part)) parts.push({ r, what: `${g.getAttribute('data-node')} (${part.getAttribute('class')})` });
      }
    }
    // And each mesh's name tab ("MESH · SHOP").
    for (const t of Array.from(document.querySelectorAll('.topology-stage .topo-mesh-label'))) {
      const r = t.getBoundingClientRect();
      if (r.width > 0 && r.height > 0 && shown(t)) parts.push({ r, what: `mesh tab "${t.textContent}"` });
    }
    const hit = (a: DOMRect, b: DOMRect) => a.left + 1 < b.right && b.left + 1 < a.right && a.top + 1 < b.bottom && b.top + 1 < a.bottom;
    const over: string[] = [];
    const labels = Array.from(document.querySelectorAll('.topology-stage .topo-edge-label'))
      .filter((l) => l.textContent?.trim() && shown(l))
      .map((l) => ({ r: l.getBoundingClientRect(), what: `${l.getAttribute('data-label-edge')} "${l.textContent}"` }));
    labels.forEach((a, i) => {
      for (const n of parts) if (hit(a.r, n.r)) over.push(`${a.what} over ${n.what}`);
      for (const b of labels.slice(i + 1)) if (hit(a.r, b.r)) over.push(`${a.what} over label ${b.what}`);
      if (!inStage(a.r)) cut.push(`link label ${a.what}`);
    });
    return { least: Math.round(least * 10) / 10, leastName, cut, over, labels: labels.length, large: stageEl.dataset.text === 'large', view: stageEl.dataset.view };
  });
}

/** Every link label's text, by link, as drawn now. */
const labelTexts = (page: Page) =>
  page.evaluate(() => Array.from(document.querySelectorAll('.topology-stage .topo-edge-label')).map((t) => `${t.getAttribute('data-label-edge')}=${t.textContent}`).join('|'));

/** Waits until the drawing stands still and its link labels carry figures that read the same from one paint to the next. */
async function settledWithFigures(page: Page, svg: boolean) {
  await settled(page);
  if (!svg) return;
  await expect.poll(() => page.locator('.topology-stage .topo-edge-label', { hasText: 'req/s' }).count(), { timeout: 30_000 }).toBeGreaterThan(0);
  let last = '';
  await expect
    .poll(async () => {
      const before = last;
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      last = await labelTexts(page);
      return last === before;
    })
    .toBe(true);
}

test('at 1024x768 every shipped picture draws its node names at 10 px or more, drawer folded and Charts open, whole in the stage, with no link label over a node, its name, a mesh tab or another label; at 1600x1000 none takes the larger text or a fold', async ({ page }) => {
  test.setTimeout(60_000 + SCENARIOS.length * 25_000);
  // Each page load opens with the drawer folded (the app keeps the last choice).
  await page.addInitScript(() => localStorage.setItem('meshsim.drawer', 'none'));
  const found: string[] = [];
  const seen: string[] = [];
  let labelled = 0;
  for (const s of SCENARIOS) {
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.goto(s.svg ? `/?scenario=${s.name}&t=${s.at}s` : `/?scenario=${s.name}`);
    await expect(page.locator('.topology-stage')).toHaveAttribute('data-drawn', s.name, { timeout: 30_000 });
    if (s.svg) {
      await expect(page.getByTestId('timeline')).toHaveAttribute('aria-valuenow', String(Math.round(s.at * 1000)), { timeout: 30_000 });
      await expect(page.getByTestId('timeline-seeking')).toHaveCount(0);
      await expect(page.getByTestId('run-status')).toHaveText(/^(paused|finished)$/);
    }
    for (const drawer of ['folded', 'charts'] as const) {
      if (drawer === 'charts') {
        await page.getByTestId('tab-charts').click();
        await expect(page.getByTestId('chart-latency')).toBeInViewport();
      }
      // A picture that folds into group tiles with the drawer open has no link labels to wait for.
      await settled(page);
      await settledWithFigures(page, s.svg && (await page.locator('.topology-stage').getAttribute('data-view')) === 'svg');
      const r = await readNames(page);
      labelled += r.labels;
      seen.push(`${s.name} ${drawer}: ${r.least} px${r.large ? ' (large text)' : ''}${r.view === 'canvas' ? ' (tiles)' : ''}, ${r.labels} link labels`);
      // A picture folded into group tiles says so over the stage (the full load test is tiles anyway).
      if (r.view === 'canvas' && s.svg) await expect(page.getByTestId('presenter-fold'), `${s.name}, ${drawer}`).toHaveText(/group tiles for 10 px text/);
      if (r.least < 10) found.push(`${s.name}, ${drawer}: "${r.leastName}" at ${r.least} px`);
      found.push(...r.cut.map((c) => `${s.name}, ${drawer}: ${c} cut by the stage's edge`));
      found.push(...r.over.map((o) => `${s.name}, ${drawer}: link label ${o}`));
      await page.screenshot({ path: `test-results/text1024-${s.name}-${drawer}.png` });
    }
    // The same page at 1600x1000 (Charts still open): drawn as before, its own text, no fold.
    await page.setViewportSize({ width: 1600, height: 1000 });
    await settled(page);
    const wide = await readNames(page);
    seen.push(`${s.name} 1600x1000: ${wide.least} px`);
    if (wide.large || (await page.getByTestId('presenter-fold').count()) > 0) found.push(`${s.name} at 1600x1000 takes the larger text or a fold (${wide.least} px)`);
    if (['two-meshes-via-gateway', 'partial-adoption', 'istio-load-test', 'gateway-and-mesh'].includes(s.name)) await page.screenshot({ path: `test-results/text1024-${s.name}-1600.png` });
  }
  console.log(seen.join('\n'));
  expect(labelled).toBeGreaterThan(SCENARIOS.length * 2);
  expect(found).toEqual([]);
});
