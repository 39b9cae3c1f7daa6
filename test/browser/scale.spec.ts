// The full-size Istio load test (2,001 nodes) on the canvas view: it opens, plays and pauses
// promptly, a search finds a node, and groups hide and show. Timings belong to
// `npm run bench:ui`; these tests check behaviour.
import { expect, type Page } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { settled, untilStill } from './fixtures/settle';
import { saveShot } from './fixtures/shots';
import { exportItem, parseSvg, PNG_MAGIC, pngColours } from './fixtures/exports';

async function openFull(page: Page): Promise<void> {
  await page.goto('/');
  await expect(page.getByTestId('run-status')).toHaveText(/^(ready|paused)$/);
  await page.getByTestId('scenario-select').selectOption('istio-load-test-full');
  await expect(page.locator('[data-drawn="istio-load-test-full"]')).toHaveAttribute('data-view', 'canvas', { timeout: 60_000 });
  await expect(page.getByTestId('run-status')).toHaveText(/^(ready|paused)$/);
}

test.describe('the full Istio load test', () => {
  test.use({ viewport: { width: 1600, height: 1000 } });

  // One opening of the 2,001-node picture serves play and pause, the search and the groups, and
  // the wheel at 1024x768 (the scene re-fits when the window shrinks; Fit first, so the zoom
  // checked is the wheel's alone).
  test('opens on the canvas view in groups, plays, and pauses at the first click; a search finds a node by name, and a hidden group shows again when a search finds it; at 1024x768 the wheel zooms the picture in', async ({ page }) => {
    await openFull(page);
    await expect(page.getByTestId('scenario-title')).toHaveText("Istio's load test at full scale");
    // 1,000 clients and 1,000 services in blocks of 100, and the control plane.
    await page.getByTestId('groups').locator('summary').click();
    await expect(page.getByTestId('group-toggle')).toHaveCount(21);
    await expect(page.locator('[data-group="svc 000–099"]')).toBeChecked();
    // The SVG view stays empty: 2,001 nodes are drawn on the canvas.
    await expect(page.locator('svg[data-testid="topology"] [data-node]')).toHaveCount(0);
    await page.getByTestId('play').click();
    await expect(page.getByTestId('run-status')).toHaveText('running');
    await expect.poll(async () => Number(await page.getByTestId('timeline').getAttribute('aria-valuenow'))).toBeGreaterThan(50);
    await page.getByTestId('pause').click();
    await expect(page.getByTestId('run-status')).toHaveText('paused');
    // The one advance already asked of the worker when Pause was clicked may still land, and the
    // pause then finishes the instant it stopped in (on a loaded machine that took over 1.5 s with
    // 2,001 nodes: CI read 126, then 127, after two equal reads half a second apart). The header
    // marks that time (data-settling); after it, nothing moves.
    await expect(page.getByTestId('run-status')).not.toHaveAttribute('data-settling', /./, { timeout: 15_000 });
    const at = await page.getByTestId('timeline').getAttribute('aria-valuenow');
    // Paused means paused: the clock stands still for another second.
    await page.waitForTimeout(1000);
    await expect(page.getByTestId('timeline')).toHaveAttribute('aria-valuenow', at!);
    await saveShot(page, 'scale-full.png');

    await test.step("step 2's highlighted services are haloed in the SVG view's yellow, not ringed in stale config's amber, and the legend says what the halo means", async () => {
      await page.getByTestId('narrative-next').click();
      await expect(page.getByTestId('narrative-title')).toHaveText('70,000 requests a second');
      const halos = () =>
        page.evaluate(() => {
          const c = document.querySelector('[data-testid="topology-canvas"]') as unknown as (HTMLCanvasElement & { meshsimDrawn?: { marks: { kind: string; node?: string; x: number; y: number; w: number; h: number; fill?: string; stroke?: string }[] } }) | null;
          const marks = (c?.meshsimDrawn?.marks ?? []).filter((m) => m.kind === 'highlight');
          // The halo's edge as drawn: the pixel in the middle of its top side.
          const dpr = c ? c.width / c.getBoundingClientRect().width : 1;
          const ctx = c?.getContext('2d');
          return marks.map((m) => {
            const px = ctx ? Array.from(ctx.getImageData(Math.round((m.x + m.w / 2) * dpr), Math.round((m.y + 0.75) * dpr), 1, 1).data) : [];
            return { node: m.node, fill: m.fill, stroke: m.stroke, px };
          });
        });
      await expect.poll(async () => (await halos()).map((h) => h.node).sort()).toEqual(['svc-000', 'svc-500', 'svc-999']);
      const hl = await page.locator('#topology-legend [data-legend="highlight"]');
      for (const h of await halos()) {
        // styles.css `.topo-hl > .topo-hl-halo`: #f0e442 at 70%, edged #c4b200.
        expect(h.fill, h.node).toBe('rgba(240, 228, 66, 0.7)');
        expect(h.stroke, h.node).toBe('#c4b200');
        // Drawn yellow (#c4b200: green 0.91 of red), not amber (#e69f00: 0.69).
        const [r, g] = h.px;
        expect(g / r, `${h.node}'s halo edge rgb ${h.px.slice(0, 3).join(',')}`).toBeGreaterThan(0.85);
      }
      if ((await page.locator('#topology-legend').count()) === 0) await page.getByTestId('legend-toggle').click();
      await expect(hl).toHaveText('story points here');
      await saveShot(page, 'scale-full-highlight.png');
    });
    // The group list was left open above; it is folded for the search, as a person finds it.
    await page.getByTestId('groups').locator('summary').click();
    await expect(page.getByTestId('group-toggle').first()).toBeHidden();

    await page.getByTestId('node-search').fill('svc-500');
    await page.getByTestId('node-search').press('Enter');
    await expect(page.getByTestId('node-search-result')).toHaveText('svc-500, in group svc 500–599');
    await page.getByTestId('node-search').fill('no-such-service');
    await page.getByTestId('node-search').press('Enter');
    await expect(page.getByTestId('node-search-result')).toHaveText('no node named "no-such-service"');
    // A name written with one zero too many is told the name it meant.
    await page.getByTestId('node-search').fill('svc-0500');
    await page.getByTestId('node-search').press('Enter');
    await expect(page.getByTestId('node-search-result')).toHaveText('no node named "svc-0500"; did you mean svc-500?');
    // A popover on top of what lies under it, with a close button (session 36's trial read it as
    // drawn over the legend's items); with the legend open it stands at the picture's bottom
    // right, clear of the legend (N6's trial, F6; foundinspect.spec).
    const answer = (await page.getByTestId('node-search-result').boundingBox())!;
    const onTop = await page.evaluate(([x, y]) => !!document.elementFromPoint(x, y)?.closest('[data-testid="node-search-result"]'), [answer.x + answer.width / 2, answer.y + answer.height / 2]);
    expect(onTop).toBe(true);
    await saveShot(page, 'scale-full-search-miss.png');
    // The name meant is a click away: it is searched for and put in the field.
    await page.getByTestId('node-search-nearest').click();
    await expect(page.getByTestId('node-search-result')).toHaveText('svc-500, in group svc 500–599');
    await expect(page.getByTestId('node-search')).toHaveValue('svc-500');
    // Escape empties the box, and what the search said goes with it (it stayed over the legend).
    await page.getByTestId('node-search').press('Escape');
    await expect(page.getByTestId('node-search')).toHaveValue('');
    await expect(page.getByTestId('node-search-result')).toHaveCount(0);
    // Its close button does the same.
    await page.getByTestId('node-search').fill('no-such-service');
    await page.getByTestId('node-search').press('Enter');
    await page.getByTestId('node-search-dismiss').click();
    await expect(page.getByTestId('node-search-result')).toHaveCount(0);
    await expect(page.getByTestId('node-search')).toHaveValue('');

    await page.getByTestId('groups').locator('summary').click();
    await page.locator('[data-group="fortio 700–799"]').uncheck();
    await expect(page.getByTestId('groups').locator('summary')).toHaveText('Groups (20 of 21 shown)');
    await page.getByTestId('node-search').fill('FORTIO-742');
    await page.getByTestId('node-search').press('Enter');
    await expect(page.getByTestId('node-search-result')).toHaveText('fortio-742, in group fortio 700–799');
    await expect(page.locator('[data-group="fortio 700–799"]')).toBeChecked();
    await page.getByTestId('mesh-toggle').first().uncheck();
    await expect(page.getByTestId('groups').locator('summary')).toHaveText(/Groups \(\d+ of 21 shown\)/);
    await page.getByTestId('mesh-toggle').first().check();
    await saveShot(page, 'scale-full-search.png');
    // Escape folds the list away, so it no longer covers the canvas.
    await page.getByTestId('mesh-toggle').first().press('Escape');
    await expect(page.getByTestId('group-toggle').first()).toBeHidden();
    // Found, then zoomed out a little, as N18's trial did: names at the stage's left edge are
    // moved onto it or left out, never cut ("o-099", "ol plane of the mesh").
    await page.getByTestId('node-search').fill('svc-042');
    await page.getByTestId('node-search').press('Enter');
    await expect(page.getByTestId('node-search-result')).toHaveText('svc-042, in group svc 000–099');
    {
      const box = (await page.locator('[data-drawn="istio-load-test-full"]').boundingBox())!;
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await page.mouse.wheel(0, 200);
      const text = await untilStill(page, () => stageText(page), 'the canvas text');
      expect(text.labels, 'names drawn zoomed in').toBeGreaterThan(10);
      expect(text.outside, `text cut at the stage's edge (stage ${text.w}x${text.h})`).toEqual([]);
      await saveShot(page, 'scale-full-find-zoomout.png');
    }

    await test.step("zoomed in, a lane's rate is on hover: the row of lanes into svc-042 lists each lane with its req/s, and svc-042's square says its requests in; lanes run only between the tiles, and a row's lanes, one line on screen, carry no label on the picture", async () => {
      const drawn = await untilStill(page, () => laneMarks(page), 'the lanes as drawn');
      // Each row is a dozen lanes on one line (fortio-i -> svc-i): a label there could be any of theirs.
      expect(drawn.laneLabels, 'lane labels on shared lines').toEqual([]);
      const found = drawn.found!;
      expect(found, 'svc-042 named under its ring').not.toBeNull();
      const stage = page.locator('.topology-stage');
      const at = (await stage.boundingBox())!;
      // svc-042's square: its centre, as its label mark carries it (the found label stands under the
      // ring, its plain name left out since ad8adb4, so the label's own box is no longer 3 px under the square).
      const cx = found.cx;
      const cy = found.cy;
      await page.mouse.move(at.x + cx, at.y + cy);
      await expect(stage).toHaveAttribute('title', /^svc-042 · [\d.,]+ req\/s in$/);
      const tileX = drawn.svcTileX!;
      // In the gap left of svc 000–099's tile, on svc-042's row: the row's lanes, each with its rate.
      await page.mouse.move(at.x + tileX - 12, at.y + cy);
      await expect(stage).toHaveAttribute('title', /fortio-042 → svc-042 · [\d.,]+ req\/s/);
      const lines = (await stage.getAttribute('title'))!.split('\n');
      expect(lines.length, lines.join(' | ')).toBeGreaterThan(5);
      for (const line of lines) expect(line, lines.join(' | ')).toMatch(/^fortio-(\d{3}) → svc-\1 · [\d.,]+ req\/s|^and \d+ more on this line$/);
      // Away from every lane and square (the middle of the gap between two rows): no tooltip.
      await page.mouse.move(at.x + tileX - 12, at.y + cy + drawn.cellPx / 2);
      await expect(stage).toHaveAttribute('title', '');
      // Inside the tile, between two squares of a row, no lane is drawn: the pixel is the tile's
      // fill, as in the tile's right margin on the same row, where no lane ever ran. (Before, the
      // lanes into svc-044 and on ran through here.)
      const px = await page.evaluate(([x, y, step, right]) => {
        const c = document.querySelector('[data-testid="topology-canvas"]') as HTMLCanvasElement;
        const dpr = c.width / c.getBoundingClientRect().width;
        const at = (dx: number, dy: number) => Array.from(c.getContext('2d')!.getImageData(Math.round(dx * dpr), Math.round(dy * dpr), 1, 1).data).join(',');
        // Halfway between svc-043 and svc-044 on their row's line (clear of svc-042's ring).
        return { onRow: at(x + 1.5 * step, y), margin: at(right - 4, y) };
      }, [cx, cy, drawn.cellPx, drawn.svcTileRight!]);
      expect(px.onRow, 'a lane drawn between two squares in a tile').toBe(px.margin);
      await saveShot(page, 'scale-full-lane-tip.png');
    });

    await page.setViewportSize({ width: 1024, height: 768 });
    const stage = page.locator('[data-drawn="istio-load-test-full"]');
    await page.getByTestId('zoom-reset').click();
    await settled(page);
    expect(Number(await stage.getAttribute('data-zoom'))).toBeLessThan(1.2);
    await saveShot(page, 'scale-full-1024-out.png');
    const box = (await stage.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.wheel(0, -600);
    await expect.poll(async () => Number(await stage.getAttribute('data-zoom'))).toBeGreaterThan(1.5);
    const text = await untilStill(page, () => stageText(page), 'the canvas text');
    expect(text.outside, `text cut at the stage's edge at 1024x768 (stage ${text.w}x${text.h})`).toEqual([]);
    await saveShot(page, 'scale-full-1024.png');
  });
});

type Title = { x: number; y: number; w: number; h: number; text: string; full: string; group: string; tile: { x: number; y: number; w: number; h: number }; nodesTop: number };

/**
 * The canvas scene's text as drawn last: how many node labels, and every title or label whose box
 * is not wholly inside the stage (the canvas's CSS box), as "text @x,y wxh".
 */
async function stageText(page: Page): Promise<{ labels: number; outside: string[]; w: number; h: number }> {
  return page.evaluate(() => {
    const c = document.querySelector('[data-testid="topology-canvas"]') as unknown as (HTMLCanvasElement & { meshsimDrawn?: { marks: { kind: string; x: number; y: number; w: number; h: number; text?: string }[] } }) | null;
    const r = c!.getBoundingClientRect();
    const text = (c?.meshsimDrawn?.marks ?? []).filter((m) => m.kind === 'title' || m.kind === 'label');
    const outside = text.filter((m) => m.x < -0.5 || m.y < -0.5 || m.x + m.w > r.width + 0.5 || m.y + m.h > r.height + 0.5).map((m) => `${m.text} @${Math.round(m.x)},${Math.round(m.y)} ${Math.round(m.w)}x${Math.round(m.h)}`);
    return { labels: text.filter((m) => m.kind === 'label').length, outside, w: Math.round(r.width), h: Math.round(r.height) };
  });
}

/**
 * What the canvas scene drew last of the lanes: its lane labels ("edge: text"), the cell spacing
 * (CSS px), the found node svc-042's name box, and the left and right edges of svc 000–099's tile
 * (CSS px).
 */
async function laneMarks(page: Page): Promise<{ laneLabels: string[]; cellPx: number; found: { x: number; y: number; cx: number; cy: number } | null; svcTileX: number | null; svcTileRight: number | null }> {
  return page.evaluate(() => {
    const c = document.querySelector('[data-testid="topology-canvas"]') as unknown as { meshsimDrawn?: { cellPx: number; marks: { kind: string; x: number; y: number; cx?: number; cy?: number; text?: string; edge?: string; group?: string; tile?: { x: number; w: number } }[] } } | null;
    const marks = c?.meshsimDrawn?.marks ?? [];
    const found = marks.find((m) => m.kind === 'label' && (m.text === 'svc-042' || m.text?.startsWith('svc-042 · ')));
    const tile = marks.find((m) => m.kind === 'title' && m.group === 'svc 000–099');
    return { laneLabels: marks.filter((m) => m.kind === 'lane-label').map((m) => `${m.edge}: ${m.text}`), cellPx: c?.meshsimDrawn?.cellPx ?? 0, found: found ? { x: found.x, y: found.y, cx: found.cx!, cy: found.cy! } : null, svcTileX: tile?.tile?.x ?? null, svcTileRight: tile?.tile ? tile.tile.x + tile.tile.w : null };
  });
}

/** The tile titles the canvas scene drew last (its `meshsimDrawn` marks). */
async function titles(page: Page): Promise<Title[]> {
  return page.evaluate(() => {
    const c = document.querySelector('[data-testid="topology-canvas"]') as unknown as { meshsimDrawn?: { marks: { kind: string }[] } } | null;
    return (c?.meshsimDrawn?.marks ?? []).filter((m) => m.kind === 'title') as unknown as Title[];
  });
}

/**
 * Every tile carries its title, inside the stage, inside its tile's header above its squares
 * (a title may run right over the gap beside its tile, never into another tile), and no two
 * titles overlap. Returns the titles.
 */
async function checkTitles(page: Page, tiles: number): Promise<Title[]> {
  const stage = (await page.locator('[data-testid="topology-canvas"]').boundingBox())!;
  const list = await titles(page);
  expect(list.map((t) => t.group).sort()).toHaveLength(tiles);
  for (const t of list) {
    expect(t.text.length, t.full).toBeGreaterThan(0);
    expect(t.x, t.full).toBeGreaterThanOrEqual(0);
    expect(t.x + t.w, t.full).toBeLessThanOrEqual(stage.width);
    expect(t.y, t.full).toBeGreaterThanOrEqual(0);
    expect(t.y + t.h, t.full).toBeLessThanOrEqual(stage.height);
    // In its header: from the tile's top to its first row of squares.
    expect(t.y, t.full).toBeGreaterThanOrEqual(t.tile.y - 0.5);
    expect(t.y + t.h, t.full).toBeLessThanOrEqual(t.nodesTop + 0.5);
    expect(t.x, t.full).toBeGreaterThanOrEqual(t.tile.x);
    // Shortened from the full text: the name whole, then parts of the full text or a rate's
    // short form ("7.0k/s"), with no "…" (tiletitlewhole.spec); or a name cut with "…".
    if (t.text !== t.full && !t.text.endsWith('…')) {
      const [name, ...rest] = t.text.split(' · ');
      expect(name, t.full).toBe(t.full.split(' · ')[0]);
      for (const part of rest) expect(t.full.split(' · ').includes(part) || /^[\d.,]+[kM]?\/s$/.test(part), `"${part}" of "${t.text}" / ${t.full}`).toBe(true);
    }
    expect(t.full.startsWith(t.text.replace(/ ?…$/, '').split(' · ')[0]), `${t.text} / ${t.full}`).toBe(true);
    for (const o of list) {
      if (o === t) continue;
      const meets = (a: { x: number; y: number; w: number; h: number }, b: { x: number; y: number; w: number; h: number }) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
      expect(meets(t, o), `"${t.text}" over "${o.text}"`).toBe(false);
      expect(meets(t, o.tile), `"${t.text}" over tile ${o.group}`).toBe(false);
    }
  }
  return list;
}

test.describe('a click in the full Istio load test with the inspector open', () => {
  test.use({ viewport: { width: 1600, height: 1000 } });

  test('a click on the centre of a found node, under a moving dot that is not ringed, inspects the node, not the dot\'s request; before it, the canvas view exports as PNG and as an SVG holding its bitmap, and every tile carries its title inside the stage and its header, none over another, at 1600x1000 and 1024x768 and in presenter mode', async ({ page }) => {
    // What the click and the tile titles had as two tests (90 s each).
    test.setTimeout(180_000);
    await page.goto('/?scenario=istio-load-test-full&t=1s');
    await expect(page.locator('[data-drawn="istio-load-test-full"]')).toHaveAttribute('data-view', 'canvas', { timeout: 60_000 });
    await expect(page.getByTestId('sim-time')).toContainText('1.00 s', { timeout: 60_000 });
    // The canvas view's exports here, as the picture opened (export.spec's own test until session
    // 29: a page load of the 2,001-node picture and its seek to 1 s of its own).
    await test.step('the canvas view (above 60 nodes) exports as PNG and as an SVG holding its bitmap', async () => {
      const png = await exportItem(page, 'export-png');
      expect([...png.bytes.subarray(0, 8)]).toEqual(PNG_MAGIC);
      expect(await pngColours(page, png.bytes)).toBeGreaterThan(10);
      const svg = await exportItem(page, 'export-svg');
      const parsed = await parseSvg(page, svg.bytes.toString('utf8'));
      expect(parsed.error).toBeNull();
      expect(parsed.images).toEqual(['data:image/png;base64,']);
      await page.keyboard.press('Escape');
      await expect(page.getByTestId('export-pop')).toBeHidden();
    });
    // The tile titles first, on the same page (a page load of its own at 2 s until session 27:
    // opening the 2,001-node picture again and running 2 s of it).
    await test.step('every tile carries its title inside the stage and its header, none over another, at 1600x1000 and 1024x768 and in presenter mode', async () => {
      // One second in, every block of services has calls per second in its title (they do from
      // 0.4 s on).
      await expect.poll(async () => (await titles(page)).filter((t) => t.full.includes('req/s')).length, { timeout: 60_000 }).toBe(10);
      let list = await checkTitles(page, 21);
      // At 1600 the svc blocks' titles were missing or cut by the stage (issue 11's new-user pass).
      expect(list.find((t) => t.group === 'svc 000–099')).toBeDefined();
      expect(list.find((t) => t.group === 'svc 800–899')!.full).toMatch(/^svc 800–899 · 100 · [\d,]+ req\/s$/);
      // A shortened title's full text is the tile's tooltip.
      const short = list.find((t) => t.text !== t.full) ?? list[0];
      const stage = (await page.locator('.topology-stage').boundingBox())!;
      await page.mouse.move(stage.x + short.x + 10, stage.y + short.y + short.h / 2);
      // The rate in a title follows the run, so the tooltip is checked up to it: name and count.
      const named = short.full.replace(/ · [\d,.]+ req\/s.*$/, '');
      await expect(page.locator('.topology-stage')).toHaveAttribute('title', new RegExp(`^${named.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( ·|$)`));
      await page.mouse.move(stage.x + 2, stage.y + stage.height - 2);
      await saveShot(page, 'scale-titles-1600.png');

      await page.setViewportSize({ width: 1024, height: 768 });
      await expect.poll(async () => (await titles(page)).length > 0 && (await titles(page))[0].tile.w < short.tile.w).toBe(true);
      list = await checkTitles(page, 21);
      await saveShot(page, 'scale-titles-1024.png');

      // Presenter mode: titles from 14 px, stepped down (not below 10 px) to fit inside their
      // tiles (canvasLabels fitTileTitle: 11 px at 1024x768), held the same way.
      await page.keyboard.press('f');
      await expect(page.getByTestId('app')).toHaveClass(/presenter/);
      await expect.poll(async () => Math.max(...(await titles(page)).map((t) => t.tile.w))).toBeGreaterThan(list[0].tile.w);
      await expect.poll(async () => Math.min(...(await titles(page)).map((t) => t.h))).toBeGreaterThanOrEqual(16);
      await checkTitles(page, 21);
      await saveShot(page, 'scale-titles-presenter-1024.png');
      // Back to the window the click is checked in, out of presenter mode.
      await page.keyboard.press('f');
      await expect(page.getByTestId('app')).not.toHaveClass(/presenter/);
      await page.setViewportSize({ width: 1600, height: 1000 });
      await settled(page);
    });
    await page.getByTestId('inspector-toggle').click();
    await page.getByTestId('node-search').fill('svc-421');
    await page.getByTestId('node-search').press('Enter');
    // The found node is drawn with its name under its square (the scene's marks say where).
    await expect
      .poll(async () => page.evaluate(() => ((document.querySelector('[data-testid="topology-canvas"]') as unknown as { meshsimDrawn?: { marks: { kind: string; text?: string }[] } }).meshsimDrawn?.marks ?? []).some((m) => m.kind === 'label' && (m.text === 'svc-421' || m.text?.startsWith('svc-421 · ')))))
      .toBe(true);
    await page.waitForTimeout(500);
    const at = await page.evaluate(() => {
      const scene = (document.querySelector('[data-testid="topology-canvas"]') as unknown as { meshsimDrawn: { cellPx: number; marks: { kind: string; text?: string; x: number; y: number; cx: number; cy: number }[] } }).meshsimDrawn;
      const label = scene.marks.find((m) => m.kind === 'label' && (m.text === 'svc-421' || m.text?.startsWith('svc-421 · ')))!;
      const side = (scene.cellPx * 18) / 26;
      // The square's centre, as the label mark carries it (the found label stands under the ring).
      return { x: label.cx, y: label.cy, side };
    });
    // A dot is drawn over the square's centre (the traffic canvas is not clear there), and it is
    // not a ringed one: the case the new-user pass hit.
    const dot = await page.evaluate(({ x, y, side }) => {
      const c = document.querySelector('[data-testid="traffic"]') as HTMLCanvasElement;
      const dpr = c.width / c.getBoundingClientRect().width;
      // Within 3 px of the centre: a dot drawn there is under the pointer (DOT_HIT_SLOP_PX is 4).
      const r = Math.max(1, Math.round(Math.min(3, side / 2) * dpr));
      const data = c.getContext('2d')!.getImageData(Math.round(x * dpr) - r, Math.round(y * dpr) - r, 2 * r, 2 * r).data;
      let alpha = 0;
      for (let i = 3; i < data.length; i += 4) alpha = Math.max(alpha, data[i]);
      return { alpha, ringed: c.dataset.ringed ?? '' };
    }, at);
    expect(dot.alpha).toBeGreaterThan(0);
    expect(dot.ringed).not.toMatch(new RegExp(`:${Math.round(at.x)},${Math.round(at.y)}\\b`));
    const stage = (await page.locator('.topology-stage').boundingBox())!;
    await page.mouse.click(stage.x + at.x, stage.y + at.y);
    await expect(page.getByTestId('inspect-node')).toContainText('svc-421');
    await expect(page.getByTestId('inspector')).not.toContainText('not sampled');
    await saveShot(page, 'scale-click-found-node-1600.png');
  });
});

test.describe('presenter mode folded into tiles at 1024x768', () => {
  test.use({ viewport: { width: 1024, height: 768 } });

  // The scenarios presenter mode still folds at 1024x768 (layout.spec holds the same list), on one
  // page: the first opened by its link, the next picked in the header's picker out of presenter
  // mode, as a workshop moves on (a page load each until session 25).
  const FOLDED = ['istio-load-test', 'istio-load-test-baseline'];
  test(`${FOLDED.join(', ')}: every tile titled inside the stage, no title over another or over a label, control planes by human names`, async ({ page }) => {
    for (const [i, name] of FOLDED.entries()) await test.step(name, async () => {
      if (i === 0) await page.goto(`/?scenario=${name}`);
      else {
        await page.getByTestId('scenario-select').selectOption(name);
        await page.getByTestId('scenario-select').blur();
        await expect(page.locator('.topology-stage')).toHaveAttribute('data-drawn', name);
      }
      await expect(page.getByTestId('run-status')).toHaveText(/^(ready|paused)$/);
      await page.keyboard.press('f');
      await expect(page.getByTestId('presenter-fold')).toHaveAttribute('data-fold', 'groups');
      await expect(page.locator('.topology-stage')).toHaveAttribute('data-view', 'canvas');
      // The count shows once the canvas scene is built (CI read "0 group tiles" before it was).
      await expect(page.getByTestId('presenter-fold')).toHaveText(/drawn as [1-9]\d* group tiles/);
      const tiles = Number((await page.getByTestId('presenter-fold').textContent())!.match(/(\d+) group tiles/)![1]);
      await expect.poll(async () => (await titles(page)).length).toBe(tiles);
      const list = await checkTitles(page, tiles);
      const labels = await page.evaluate(() => ((document.querySelector('[data-testid="topology-canvas"]') as unknown as { meshsimDrawn: { marks: { kind: string }[] } }).meshsimDrawn.marks.filter((m) => m.kind === 'label') as unknown as { x: number; y: number; w: number; h: number; text: string }[]));
      for (const l of labels) {
        expect(l.text).not.toContain('control-plane:');
        for (const t of list) expect(l.x < t.x + t.w && t.x < l.x + l.w && l.y < t.y + t.h && t.y < l.y + l.h, `"${l.text}" over "${t.text}"`).toBe(false);
      }
      await saveShot(page, `scale-titles-presenter-${name}-1024.png`);
      await page.keyboard.press('f');
      await expect(page.getByTestId('app')).not.toHaveClass(/presenter/);
    });
  });
});
