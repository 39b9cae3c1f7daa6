// Trial N11, finding 5 (session 41): two meshes, a bridge between them and an egress gateway to a
// third party (N11's own gw-retry.yaml and sc-retry.yaml), opened with Open file… at 1600x1000 and
// 1024x768. Each mesh's name tab is clear of every link and box (it read "MESH · PAYMEI" where a
// link crossed it), and the third party's cloud is clear of every mesh region (it touched
// payments, so it read as inside it), and each control plane is clear of every other node
// (payments' lay under the partner's cloud once the partner moved up beside egress).
import { expect, test } from './fixtures/sharedPage';
import { saveShot } from './fixtures/shots';
import { N11_FILES } from '../trialN11Files';
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';

const file = (name: string) => ({ name, mimeType: 'application/yaml', buffer: Buffer.from(N11_FILES[name]) });

for (const name of ['gw-retry', 'sc-retry']) {
  for (const size of [
    { width: 1600, height: 1000 },
    { width: 1024, height: 768 },
  ]) {
    test(`${name}.yaml at ${size.width}x${size.height}: mesh names clear of links and boxes, control planes uncovered, the partner's cloud outside both meshes`, async ({ page }) => {
      await page.setViewportSize(size);
      await page.goto('/?scenario=hello-mesh');
      await expect(page.getByTestId('run-status')).toHaveText('ready');
      await page.getByTestId('scenario-file').setInputFiles(file(`${name}.yaml`));
      await expect(page.getByTestId('scenario-title')).toContainText('Flaky partner', { timeout: 30_000 });
      const topo = page.locator('.topology-stage svg').first();
      await expect(topo.locator('[data-mesh="payments"] .topo-mesh-label')).toBeVisible();
      await expect(topo.locator('[data-node="partner"]')).toBeVisible();
      await saveShot(page, `meshlabels-${name}-${size.width}.png`);
      const found = await topo.evaluate((svg: SVGSVGElement) => {
        type R = { x0: number; y0: number; x1: number; y1: number };
        const rect = (e: Element): R => {
          const b = e.getBoundingClientRect();
          return { x0: b.left, y0: b.top, x1: b.right, y1: b.bottom };
        };
        const meets = (a: R, b: R) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
        const problems: string[] = [];
        const labels = Array.from(svg.querySelectorAll<SVGTextElement>('.topo-mesh-label')).map((t) => ({ text: t.textContent ?? '', r: rect(t) }));
        // Links, sampled every 3 px along their drawn lines (screen coordinates).
        for (const line of Array.from(svg.querySelectorAll<SVGPathElement>('.topo-edge-line'))) {
          const m = line.getScreenCTM()!;
          const len = line.getTotalLength();
          const edge = line.closest('[data-edge]')?.getAttribute('data-edge') ?? '?';
          for (let s = 0; s <= len; s += 3) {
            const p = line.getPointAtLength(s);
            const x = m.a * p.x + m.c * p.y + m.e;
            const y = m.b * p.x + m.d * p.y + m.f;
            for (const l of labels) if (x > l.r.x0 && x < l.r.x1 && y > l.r.y0 && y < l.r.y1 && !problems.includes(`link ${edge} over ${l.text}`)) problems.push(`link ${edge} over ${l.text}`);
          }
        }
        for (const n of Array.from(svg.querySelectorAll('[data-node]'))) {
          for (const l of labels) if (meets(rect(n), l.r)) problems.push(`${n.getAttribute('data-node')} over ${l.text}`);
        }
        // Each control plane (its icon and text) clear of every other node: payments' lay under
        // the partner's cloud once the partner moved up beside egress (9bc5d56).
        const nodes = Array.from(svg.querySelectorAll('[data-node]'));
        for (const cp of nodes.filter((n) => n.getAttribute('data-node')!.startsWith('control-plane:'))) {
          for (const n of nodes) if (n !== cp && meets(rect(cp), rect(n))) problems.push(`${cp.getAttribute('data-node')} under ${n.getAttribute('data-node')}`);
        }
        // The cloud: a grid of points over its box, none inside a mesh's region.
        const cloud = svg.querySelector('[data-node="partner"]')!;
        const c = rect(cloud);
        for (const area of Array.from(svg.querySelectorAll<SVGPathElement>('.topo-mesh-area'))) {
          const inv = area.getScreenCTM()!.inverse();
          let hit = 0;
          for (let i = 0; i <= 10; i++) {
            for (let j = 0; j <= 10; j++) {
              const x = c.x0 + ((c.x1 - c.x0) * i) / 10;
              const y = c.y0 + ((c.y1 - c.y0) * j) / 10;
              const p = new DOMPoint(inv.a * x + inv.c * y + inv.e, inv.b * x + inv.d * y + inv.f);
              if (area.isPointInFill(p)) hit++;
            }
          }
          if (hit > 0) problems.push(`partner's box in ${area.closest('[data-mesh]')?.getAttribute('data-mesh')} at ${hit} of 121 points`);
        }
        return { problems, labels: labels.map((l) => l.text) };
      });
      console.log(`${name} ${size.width}: labels ${found.labels.join(', ')}; ${found.problems.join('; ') || 'clear'}`);
      expect(found.labels.length).toBe(2);
      expect(found.problems).toEqual([]);
      if (name === 'sc-retry') await fanInCalls(page, size.width);
    });
  }
}

/**
 * Session 50 (Q2), on the same page: fan-in-calls.json (8 clients into s, which calls t 200 times a
 * request) draws one link s -> t, not 200 over each other, and its label says the calls' summed
 * rate (8 x 2/s x 200 = 3,200 a second, within 400) once a simulated second has played.
 */
async function fanInCalls(page: Page, width: number): Promise<void> {
  const buffer = readFileSync('test/browser/fixtures/fan-in-calls.json');
  await page.getByTestId('scenario-file').setInputFiles({ name: 'fan-in-calls.json', mimeType: 'application/json', buffer });
  await expect(page.getByTestId('scenario-title')).toContainText('called 200 times', { timeout: 30_000 });
  await expect(page.getByTestId('run-status')).toHaveText('ready');
  const topo = page.locator('.topology-stage svg').first();
  await expect(topo.locator('[data-edge="s->t"]')).toHaveCount(1);
  await expect(topo.locator('[data-edge$="->s"]')).toHaveCount(8);
  await page.getByTestId('play').click();
  // Its label's rate, a second: "3,200 req/s", or in its short form "3.2k/s".
  const rate = async () => {
    const m = /([\d.,]+)\s*(k?)/.exec((await topo.locator('.topo-edge-label[data-label-edge="s->t"]').first().textContent()) ?? '');
    return m ? Number(m[1].replace(/,/g, '')) * (m[2] === 'k' ? 1000 : 1) : 0;
  };
  // Over a whole simulated second (the first tenth alone reads 8 x 200 calls in 0.1 s: 16,000).
  const steady = async () => Math.abs((await rate()) - 3_200) <= 400;
  await expect.poll(steady, { timeout: 60_000 }).toBe(true);
  await page.getByTestId('pause').click();
  // The clients' labels left out for room (blank until hovered) are counted by s, where they meet
  // ("+2 rates on hover"; session 50's R4: nothing said there was more), clear of every label
  // shown and every node. Two are at 1600x1000 (c0's and c7's); at 1024x768 every client's label
  // shows, and nothing is counted.
  const blank = await topo.locator('.topo-edge-label[data-label-edge$="->s"]').evaluateAll((ts) => ts.filter((t) => (t.textContent ?? '') === '').map((t) => t.getAttribute('data-label-edge') ?? ''));
  if (width === 1600) expect(blank.length).toBeGreaterThanOrEqual(2);
  await expect(topo.locator('.topo-left-out-count')).toHaveCount(blank.length >= 2 ? 1 : 0);
  if (blank.length < 2) return saveShot(page, `meshlabels-fan-in-calls-${width}.png`);
  const count = topo.locator('.topo-left-out-count[data-left-out-node="s"]');
  await expect(count).toHaveCount(1);
  expect(((await count.getAttribute('data-left-out-links')) ?? '').split(' ').sort()).toEqual([...blank].sort());
  await expect(count.locator('text')).toHaveText(new RegExp(`^\\+${blank.length} rates( on hover)?$`));
  const clashes = await topo.evaluate((svg) => {
    const words = svg.querySelector('.topo-left-out-count text')!.getBoundingClientRect();
    const meets = (b: DOMRect) => b.width > 0 && words.left < b.right && b.left < words.right && words.top < b.bottom && b.top < words.bottom;
    const labels = Array.from(svg.querySelectorAll('.topo-edge-label')).filter((t) => (t.textContent ?? '') !== '' && meets(t.getBoundingClientRect())).map((t) => t.getAttribute('data-label-edge'));
    const nodes = Array.from(svg.querySelectorAll('[data-node]')).filter((n) => meets(n.getBoundingClientRect())).map((n) => n.getAttribute('data-node'));
    return [...labels, ...nodes];
  });
  expect(clashes).toEqual([]);
  await saveShot(page, `meshlabels-fan-in-calls-${width}.png`);
}
