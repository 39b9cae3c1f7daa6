// Node annotations stay where they belong: in every shipped scenario drawn as SVG, at each of its
// faults (and half-way through a run without any), at 1600x1000 and 1024x768, each node's state
// lines ("⚡ kill-replica", "stale config (3 of 3)"), its queue stack and its tags lie inside
// its mesh's region when the node is in a mesh, inside the stage, and over no other node's box.
import { readdirSync, readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { settled, untilStill } from './fixtures/settle';

const SIZES = [
  { width: 1600, height: 1000 },
  { width: 1024, height: 768 },
];

interface Scenario {
  name: string;
  duration: string;
  services?: unknown[];
  gateways?: unknown[];
  clients?: unknown[];
  faults?: { at?: string }[];
}

const seconds = (d: string) => (d.endsWith('ms') ? Number(d.slice(0, -2)) / 1000 : d.endsWith('s') ? Number(d.slice(0, -1)) : d.endsWith('m') ? 60 * Number(d.slice(0, -1)) : Number(d));

const SCENARIOS = readdirSync('scenarios')
  .filter((f) => f.endsWith('.json') && f !== 'schema.json')
  .map((f) => JSON.parse(readFileSync(`scenarios/${f}`, 'utf8')) as Scenario)
  .filter((s) => (s.services?.length ?? 0) + (s.gateways?.length ?? 0) + (s.clients?.length ?? 0) <= 60)
  .map((s) => {
    const end = seconds(s.duration);
    const at = [...new Set((s.faults ?? []).map((f) => Math.min(end, seconds(f.at ?? '0s') + 3)))];
    return { name: s.name, moments: at.length ? at : [Math.round(end / 2)] };
  });

/** Every annotation drawn at this moment that leaves its node's mesh or the stage, or covers another node. */
function problems(page: Page) {
  return page.evaluate(() => {
    const out: string[] = [];
    const svg = document.querySelector<SVGSVGElement>('[data-testid="topology"]')!;
    const stage = document.querySelector('.topology-stage')!.getBoundingClientRect();
    const areas = Array.from(svg.querySelectorAll<SVGPathElement>('.topo-mesh-area'));
    const inside = (path: SVGPathElement, x: number, y: number) => {
      const m = path.getScreenCTM()!.inverse();
      const p = new DOMPoint(x, y).matrixTransform(m);
      return path.isPointInFill(p) || path.isPointInStroke(p);
    };
    const boxes = Array.from(svg.querySelectorAll('[data-node]')).map((g) => ({ name: g.getAttribute('data-node')!, g, body: g.querySelector('.topo-card-front, .topo-client-body, .topo-control-body')!.getBoundingClientRect() }));
    for (const { name, g, body } of boxes) {
      const cx = body.left + body.width / 2;
      const cy = body.top + body.height / 2;
      const meshes = areas.filter((a) => inside(a, cx, cy));
      const parts: [string, Element][] = [];
      const state = g.querySelector('.topo-state');
      if (state && (state.textContent ?? '').trim()) parts.push([`state "${state.textContent}"`, state]);
      for (const bar of Array.from(g.querySelectorAll('.topo-queue-bar'))) if (bar.getAttribute('visibility') === 'visible') parts.push(['queue bar', bar]);
      const q = g.querySelector('.topo-queue-label');
      if (q && (q.textContent ?? '').trim()) parts.push([`queue label "${q.textContent}"`, q]);
      for (const [what, el] of parts) {
        const r = el.getBoundingClientRect();
        if (r.width === 0) continue;
        const corners = [
          [r.left + 1, r.top + 1],
          [r.right - 1, r.top + 1],
          [r.left + 1, r.bottom - 1],
          [r.right - 1, r.bottom - 1],
        ];
        if (meshes.length && !corners.every(([x, y]) => meshes.some((a) => inside(a, x, y)))) out.push(`${name}: ${what} leaves its mesh`);
        if (r.left < stage.left || r.right > stage.right || r.top < stage.top || r.bottom > stage.bottom) out.push(`${name}: ${what} leaves the stage`);
        for (const o of boxes) {
          if (o.name === name) continue;
          const dx = Math.min(r.right, o.body.right) - Math.max(r.left, o.body.left);
          const dy = Math.min(r.bottom, o.body.bottom) - Math.max(r.top, o.body.top);
          if (dx > 1 && dy > 1) out.push(`${name}: ${what} covers ${o.name}`);
        }
      }
    }
    return out;
  });
}

// One page load per moment serves both sizes: checked at 1600x1000, then resized to 1024x768 on
// the same page (the picture re-fits to the smaller stage) and checked again.
test('at 1600x1000 and at 1024x768, annotations stay inside their mesh and the stage in every scenario at its faults', async ({ page }) => {
  test.setTimeout(240_000);
  const found: string[] = [];
  for (const s of SCENARIOS) {
    for (const t of s.moments) {
      await page.setViewportSize(SIZES[0]);
      await page.goto(`/?scenario=${s.name}&t=${t}s`);
      await expect(page.locator(`[data-drawn="${s.name}"]`)).toBeVisible();
      await expect(page.getByTestId('sim-time')).toHaveText(`${t < 10 ? t.toFixed(2) : t.toFixed(1)} s`, { timeout: 30_000 });
      for (const size of SIZES) {
        await page.setViewportSize(size);
        await settled(page);
        const now = await untilStill(page, () => problems(page), `${s.name} at ${t} s, ${size.width}x${size.height}: the annotations`);
        found.push(...now.map((p) => `${s.name} at ${t} s, ${size.width}x${size.height}: ${p}`));
        if (s.name === 'control-plane-outage' && t === 23) await page.screenshot({ path: `test-results/annotations-${size.width}.png` });
      }
    }
  }
  expect(found).toEqual([]);
});
