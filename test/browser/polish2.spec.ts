// Rough edges found in the session-10 pass, each reproduced as a participant meets it, with a
// screenshot of what was checked (test-results/polish2-*.png).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures/sharedPage';
import { settled, twoFrames } from './fixtures/settle';
import { packScenario } from '../../src/ui/recipe/url';
import { simCommand } from '../cli/spawnSim';
import { saveShot } from './fixtures/shots';

/** The smallest node-name text drawn in the single view's picture, CSS px, and the stage's height. */
async function leastNodeText(page: Page) {
  return page.evaluate(() => {
    let least = Infinity;
    let leastText = '';
    for (const t of Array.from(document.querySelectorAll<SVGTextElement>('.topology-stage [data-node] .topo-name'))) {
      if (!t.textContent?.trim() || t.getBoundingClientRect().width === 0 || getComputedStyle(t).visibility === 'hidden') continue;
      const m = t.getScreenCTM();
      const px = parseFloat(getComputedStyle(t).fontSize) * (m ? Math.hypot(m.a, m.b) : 1);
      if (px < least) [least, leastText] = [px, t.textContent];
    }
    const stage = document.querySelector('.topology-stage')!.getBoundingClientRect();
    const drawer = document.querySelector('.drawer')!.getBoundingClientRect();
    return { least: Math.round(least * 10) / 10, leastText, stageHeight: Math.round(stage.height), drawerHeight: Math.round(drawer.height), scrollHeight: document.documentElement.scrollHeight };
  });
}

/** Workshop pictures whose names are 10 px or more at 1024x768 with the drawer folded. */
const READABLE_AT_1024 = ['hello-mesh', 'gateway-and-mesh', 'retry-storm'];

/** Opens `name` with the drawer as `drawer` left it ('none' folded, 'charts' open): the app keeps that choice. */
async function openWithDrawer(page: Page, name: string, drawer: 'none' | 'charts') {
  // In storage before the app reads it, as a former visit leaves it (no page load of the app just
  // to write it). Scripts added by earlier calls run first, so this call's value holds.
  await page.addInitScript((v) => localStorage.setItem('meshsim.drawer', v), drawer);
  await page.goto(`/?scenario=${name}`);
  await expect(page.locator('.topology-stage')).toHaveAttribute('data-drawn', name, { timeout: 30_000 });
  await expect(page.getByTestId('tab-charts')).toHaveAttribute('aria-selected', String(drawer === 'charts'));
  await twoFrames(page);
}

// One page load a scenario: opened with the drawer folded, then its Charts tab opened, as a
// person does (each state had a page load of its own, the open one read from storage); the
// 1600x1000 drawer is read on gateway-and-mesh's page, the window made that size and back.
test('at 1024x768 the open charts drawer leaves the picture 40-65 px more, counters and clock still in the window; 1600x1000 keeps its drawer', async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  const seen: Record<string, unknown> = {};
  for (const name of READABLE_AT_1024) {
    await openWithDrawer(page, name, 'none');
    const folded = await leastNodeText(page);
    await page.getByTestId('tab-charts').click();
    await expect(page.getByTestId('tab-charts')).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByTestId('chart-latency')).toBeVisible();
    await settled(page);
    const open = await leastNodeText(page);
    seen[name] = { folded: folded.least, open: open.least, leastText: open.leastText, stage: open.stageHeight };
    // Before: a 207 px drawer, a 296-318 px stage, names at 6.8 (gateway-and-mesh) to 10.9 px.
    expect(open.drawerHeight).toBe(150);
    expect(open.stageHeight, name).toBeGreaterThanOrEqual(340);
    expect(open.scrollHeight).toBe(768);
    for (const id of ['chart-latency', 'sim-time', 'play', 'trace-hash']) {
      const box = (await page.getByTestId(id).boundingBox())!;
      expect(box.y + box.height, id).toBeLessThanOrEqual(768);
    }
    await saveShot(page, `polish2-drawer-${name}-1024.png`);
    if (name === 'gateway-and-mesh') {
      // 1600x1000: the drawer as before (27vh, 270 px), the page does not scroll.
      await page.setViewportSize({ width: 1600, height: 1000 });
      await settled(page);
      const wide = await leastNodeText(page);
      expect(wide.drawerHeight).toBe(270);
      expect(wide.scrollHeight).toBe(1000);
      await saveShot(page, 'polish2-drawer-1600.png');
      await page.setViewportSize({ width: 1024, height: 768 });
    }
  }
  console.log(`names with the charts drawer open at 1024x768: ${JSON.stringify(seen)}`);
});

/**
 * The least contrast (WCAG 2, text against what lies under it) of the code editor's text and of
 * its line numbers, from computed styles: each text's colour over the backgrounds of it and its
 * ancestors composited in order (the active line's tint included).
 */
async function editorContrast(page: Page) {
  return page.evaluate(() => {
    const rgba = (c: string): [number, number, number, number] => {
      const m = c.match(/rgba?\(([^)]+)\)/);
      if (!m) return [0, 0, 0, 0];
      const p = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
      return [p[0], p[1], p[2], p[3] ?? 1];
    };
    const over = (top: number[], under: number[]) => [0, 1, 2].map((i) => top[i] * top[3] + under[i] * (1 - top[3])).concat(1);
    const backdrop = (el: Element) => {
      const chain: Element[] = [];
      for (let e: Element | null = el; e; e = e.parentElement) chain.unshift(e);
      return chain.reduce((under, e) => over(rgba(getComputedStyle(e).backgroundColor), under), [255, 255, 255, 1]);
    };
    const lum = (c: number[]) => {
      const [r, g, b] = c.slice(0, 3).map((v) => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const ratio = (a: number[], b: number[]) => {
      const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
      return (hi + 0.05) / (lo + 0.05);
    };
    const least = (els: Element[]) => {
      let worst = { ratio: Infinity, text: '', color: '', background: '' };
      for (const el of els) {
        const own = Array.from(el.childNodes).some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim());
        if (!own) continue;
        const bg = backdrop(el);
        const fg = over(rgba(getComputedStyle(el).color), bg);
        const r = ratio(fg, bg);
        if (r < worst.ratio) worst = { ratio: Math.round(r * 100) / 100, text: el.textContent!.trim().slice(0, 30), color: getComputedStyle(el).color, background: `rgb(${bg.slice(0, 3).map(Math.round).join(', ')})` };
      }
      return worst;
    };
    const gutters = document.querySelector('.editor-text .cm-gutters');
    return {
      gutterLuminance: gutters ? Math.round(lum(backdrop(gutters)) * 1000) / 1000 : null,
      code: least(Array.from(document.querySelectorAll('.editor-text .cm-content, .editor-text .cm-content *'))),
      gutter: least(Array.from(document.querySelectorAll('.editor-text .cm-lineNumbers .cm-gutterElement'))),
    };
  });
}

for (const theme of ['dark', 'light']) {
  test(`the code editor in the ${theme} theme: code and line numbers at 4.5:1 or more against their background, the line-number column of the theme`, async ({ page }) => {
    await page.addInitScript((t) => localStorage.setItem('meshsim-theme', t), theme);
    for (const size of [
      { width: 1600, height: 1000 },
      { width: 1024, height: 768 },
    ]) {
      await page.setViewportSize(size);
      // One page load: the editor opened at 1600x1000 and the window made 1024x768 with it open.
      if (size.width === 1600) {
        await page.goto('/?scenario=gateway-and-mesh');
        await expect(page.getByTestId('run-status')).toHaveText('ready', { timeout: 30_000 });
        await page.getByTestId('editor-open').click();
      } else await settled(page);
      await expect(page.getByTestId('editor-state')).toHaveText('valid');
      // The caret on line 3, so the active line's tint is measured too.
      await page.locator('.editor-text .cm-line').nth(2).click();
      await twoFrames(page);
      const c = await editorContrast(page);
      console.log(`${theme} ${size.width}x${size.height}: ${JSON.stringify(c)}`);
      await saveShot(page, `polish2-editor-${theme}-${size.width}.png`);
      expect(c.code.ratio, JSON.stringify(c.code)).toBeGreaterThanOrEqual(4.5);
      expect(c.gutter.ratio, JSON.stringify(c.gutter)).toBeGreaterThanOrEqual(4.5);
      // The line-number column is of the theme: dark in the dark one (CodeMirror's own is #f5f5f5, luminance 0.91).
      if (theme === 'dark') expect(c.gutterLuminance).toBeLessThan(0.05);
      else expect(c.gutterLuminance).toBeGreaterThan(0.7);
    }
  });
}

/**
 * 64 nodes, so the canvas view draws group tiles: shoppers call api, api calls ledger, which is
 * killed at 1 s (every call to it fails, and api's callers see the failure passed up); 60 idle
 * services fill the picture.
 */
const TILES = {
  name: 'tile-colours',
  seed: 3,
  duration: '30s',
  clients: [{ name: 'shoppers', type: 'open', rate: 50, target: 'api', timeout: '1s' }],
  services: [
    { name: 'api', replicas: 2, concurrency: 16, serviceTime: '3ms', calls: [{ service: 'ledger' }] },
    { name: 'ledger', replicas: 2, concurrency: 16, serviceTime: '3ms' },
    ...Array.from({ length: 60 }, (_, i) => ({ name: `svc-${String(i).padStart(3, '0')}`, replicas: 1, concurrency: 4, serviceTime: '5ms' })),
  ],
  faults: [{ type: 'kill-service', service: 'ledger', at: '1s' }],
};

/**
 * Each drawn tile title that says a share failed, with the failure-coloured (orange: red well
 * above green and blue) pixels counted in its name's stretch and in the rest of it.
 */
async function titleColours(page: Page) {
  return page.evaluate(() => {
    const c = document.querySelector('[data-testid="topology-canvas"]') as HTMLCanvasElement & { meshsimDrawn?: { marks: { kind: string; x: number; y: number; w: number; h: number; text: string; group?: string; px?: number }[] } };
    const dpr = c.width / c.getBoundingClientRect().width;
    const ctx = c.getContext('2d')!;
    const probe = document.createElement('canvas').getContext('2d')!;
    const out: { text: string; nameWidth: number; inName: number; inRest: number }[] = [];
    for (const m of c.meshsimDrawn?.marks ?? []) {
      if (m.kind !== 'title' || !m.text.includes('failed')) continue;
      probe.font = `500 ${m.px}px ${getComputedStyle(c).fontFamily}`;
      const name = m.text.split(' · ')[0];
      const nameWidth = probe.measureText(name).width;
      const data = ctx.getImageData(Math.round(m.x * dpr), Math.round(m.y * dpr), Math.round(m.w * dpr), Math.round(m.h * dpr));
      let inName = 0;
      let inRest = 0;
      for (let i = 0; i < data.data.length; i += 4) {
        const [r, g, b] = [data.data[i], data.data[i + 1], data.data[i + 2]];
        if (!(r > g + 50 && r > b + 80)) continue;
        const x = (i / 4) % data.width / dpr;
        if (x < 4 + nameWidth) inName++;
        else inRest++;
      }
      out.push({ text: m.text, nameWidth: Math.round(nameWidth), inName, inRest });
    }
    return out;
  });
}

test('a group tile whose calls fail shows its share failed in the failure colour and its name in ink, in both window sizes', async ({ page }) => {
  for (const size of [
    { width: 1600, height: 1000 },
    { width: 1024, height: 768 },
  ]) {
    await page.setViewportSize(size);
    // The file opened and played once, at 1600x1000; paused there, the window made 1024x768
    // redraws the same moment's tiles at that size (a second load and play drew them before).
    if (size.width === 1600) {
      await page.goto('/');
      await expect(page.getByTestId('run-status')).toHaveText('ready');
      await page.getByTestId('scenario-file').setInputFiles({ name: 'tile-colours.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(TILES)) });
      await expect(page.locator('.topology-stage')).toHaveAttribute('data-drawn', 'tile-colours', { timeout: 30_000 });
      await expect(page.locator('.topology-stage')).toHaveAttribute('data-view', 'canvas');
      await page.getByTestId('speed').selectOption('10');
      await page.getByTestId('play').click();
      await expect.poll(async () => (await titleColours(page)).length, { timeout: 30_000 }).toBeGreaterThan(0);
      await page.getByTestId('pause').click();
    } else {
      await settled(page);
      await expect(page.locator('.topology-stage')).toHaveAttribute('data-view', 'canvas');
      await expect.poll(async () => (await titleColours(page)).length, { timeout: 30_000 }).toBeGreaterThan(0);
    }
    await twoFrames(page);
    const titles = await titleColours(page);
    console.log(`${size.width}x${size.height}: ${JSON.stringify(titles)}`);
    await saveShot(page, `polish2-tile-titles-${size.width}.png`);
    for (const t of titles) {
      expect(t.inName, `${t.text}: failure colour in the name`).toBe(0);
      expect(t.inRest, `${t.text}: no failure colour in the share failed`).toBeGreaterThan(10);
    }
  }
});

// 4,000 replies land on 100 ms, the run's end: 8,000 events at one instant.
const SAME_INSTANT = 'test/browser/fixtures/same-instant.json';

test("a compare seek onto an instant of 8,000 events: both panes stand past it, on the CLI's hash", async ({ page }) => {
  test.setTimeout(240_000);
  const text = readFileSync(SAME_INSTANT, 'utf8');
  const cli = JSON.parse(execFileSync(...simCommand(['run', SAME_INSTANT, '--duration', '100ms', '--json']), { encoding: 'utf8', maxBuffer: 256 << 20 })) as { traceHash: string; requests: { sent: number } };
  const packed = packScenario({ scenario: { kind: 'inline', text, fileName: 'same-instant.json' }, seed: null, actions: [] });
  expect(packed).not.toBeNull();
  // The seek runs once (at 1600x1000); the window made 1024x768 shows the same runs, which do
  // not depend on it (a second load and seek of the pair took half of this test's 28 s in CI).
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto(`/?compare=@data,@data#data=${packed}`);
  await expect(page.getByTestId('compare-pane')).toHaveCount(2, { timeout: 30_000 });
  await expect(page.getByTestId('run-status')).toHaveText(/ready|paused/, { timeout: 30_000 });
  await page.locator('body').press('End');
  // A wait, not a speed check: two panes each replaying the 8,000-event instant took over 30 s at CI's
  // load (a5d8984's run failed twice there; alone at load 6 the whole test took 40 s), and the whole
  // test 1.5 min at load ~8 in session 51, with f79b30a's build and the session's alike (its CI at
  // aa0e6bd: flaky, the first try still 'seeking to 0.1 s' after 75 s). Most of that was the page, not
  // the workers: the figures table's hops read all 4,000 links once per client (16 million a refresh;
  // session 52, W7, b747d04d): the seek's whole-browser CPU 51-54 s -> 4.0-7.1 s, this test 47 s at load ~22.
  await expect(page.getByTestId('run-status')).toHaveText('finished', { timeout: 150_000 });
  await expect(page.getByTestId('timeline-seeking')).toHaveCount(0);
  for (const size of [
    { width: 1600, height: 1000 },
    { width: 1024, height: 768 },
  ]) {
    await page.setViewportSize(size);
    for (const side of ['A', 'B']) {
      const pane = page.locator(`[data-testid="compare-pane"][data-side="${side}"]`);
      await expect(pane.getByTestId('pane-hash')).toHaveAttribute('data-value', cli.traceHash);
      await expect(pane.getByTestId('pane-sent')).toHaveAttribute('data-value', String(cli.requests.sent));
      await expect(pane.getByTestId('pane-hash'), `${side}'s hash in view at ${size.width}x${size.height}`).toBeInViewport();
    }
    await saveShot(page, `polish2-compare-same-instant-${size.width}.png`);
  }
});
