// Node names readable at 1024x768 on every shipped picture (session 10's new-user pass: 7.4-9.8 px
// on four of them, the picture height-bound with unused width). The single view takes presenter
// mode's text when its own names would be under 10 px (src/ui/topology/readableText.ts). One page,
// the scenarios in a loop, drawer folded then the Charts tab open; a screenshot of each under
// test-results/text1024-*.png.
import { readdirSync, readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { settled } from './fixtures/settle';

/** Every shipped scenario by name. */
const SCENARIOS = readdirSync('scenarios')
  .filter((f) => f.endsWith('.json') && f !== 'schema.json')
  .map((f) => (JSON.parse(readFileSync(`scenarios/${f}`, 'utf8')) as { name: string }).name);

/**
 * What the picture shows, in page px: the smallest node name (SVG `.topo-name` scaled by its
 * screen matrix, or the canvas scene's labels), names or nodes cut by the stage's edge, and shown
 * link labels lying over a name. `large` is the stage's data-text.
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
    const names: { r: DOMRect; what: string }[] = [];
    for (const t of Array.from(document.querySelectorAll<SVGTextElement>('.topology-stage [data-node] .topo-name'))) {
      if (!t.textContent?.trim() || !shown(t)) continue;
      const m = t.getScreenCTM();
      const px = parseFloat(getComputedStyle(t).fontSize) * (m ? Math.hypot(m.a, m.b) : 1);
      if (px < least) [least, leastName] = [px, t.textContent];
      const r = t.getBoundingClientRect();
      names.push({ r, what: t.textContent });
      if (!inStage(r)) cut.push(`name "${t.textContent}"`);
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
    const over: string[] = [];
    for (const l of Array.from(document.querySelectorAll('.topology-stage .topo-edge-label'))) {
      if (!l.textContent?.trim() || !shown(l)) continue;
      const a = l.getBoundingClientRect();
      for (const n of names) {
        const b = n.r;
        if (a.left + 1 < b.right && b.left + 1 < a.right && a.top + 1 < b.bottom && b.top + 1 < a.bottom) over.push(`"${l.textContent}" over ${n.what}`);
      }
    }
    return { least: Math.round(least * 10) / 10, leastName, cut, over, large: stageEl.dataset.text === 'large', view: stageEl.dataset.view };
  });
}

test('at 1024x768 every shipped picture draws its node names at 10 px or more, drawer folded and Charts open, whole in the stage with no link label over a name; at 1600x1000 none takes the larger text or a fold', async ({ page }) => {
  test.setTimeout(120_000);
  // Each page load opens with the drawer folded (the app keeps the last choice).
  await page.addInitScript(() => localStorage.setItem('meshsim.drawer', 'none'));
  const found: string[] = [];
  const seen: string[] = [];
  for (const size of [{ width: 1024, height: 768 }, { width: 1600, height: 1000 }]) {
    await page.setViewportSize(size);
    for (const name of SCENARIOS) {
      await page.goto(`/?scenario=${name}`);
      await expect(page.locator('.topology-stage')).toHaveAttribute('data-drawn', name, { timeout: 30_000 });
      for (const drawer of ['folded', 'charts'] as const) {
        if (drawer === 'charts') {
          if (size.width > 1024) break;
          await page.getByTestId('tab-charts').click();
          await expect(page.getByTestId('chart-latency')).toBeInViewport();
        }
        await settled(page);
        const r = await readNames(page);
        seen.push(`${name} ${size.width} ${drawer}: ${r.least} px${r.large ? ' (large text)' : ''}`);
        if (size.width === 1024) {
          // A picture folded into group tiles says so over the stage (the full load test is tiles anyway).
          if (r.view === 'canvas' && name !== 'istio-load-test-full') await expect(page.getByTestId('presenter-fold'), `${name}, ${drawer}`).toHaveText(/group tiles for 10 px text/);
          if (r.least < 10) found.push(`${name}, ${drawer}: "${r.leastName}" at ${r.least} px`);
          found.push(...r.cut.map((c) => `${name}, ${drawer}: ${c} cut by the stage's edge`));
          found.push(...r.over.map((o) => `${name}, ${drawer}: link label ${o}`));
          await page.screenshot({ path: `test-results/text1024-${name}-${drawer}.png` });
        } else if (r.large || (await page.getByTestId('presenter-fold').count()) > 0) found.push(`${name} at 1600x1000 takes the larger text or a fold (${r.least} px)`);
      }
    }
  }
  console.log(seen.join('\n'));
  expect(found).toEqual([]);
});
