// The Export menu (issue 12.7): each item downloads a non-empty file of its type, whose content
// is the run on screen: the picture (SVG that parses, PNG with its magic bytes and more than a
// blank), the per-second series (the CLI's --csv, row for row), the figures, the JSON, the
// one-page report and a WebM of the next seconds.
import { readFileSync } from 'node:fs';
import { expect } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { parseScenarioText } from '../../src/scenario';
import { runWithSeries } from '../../src/cli/csv';
import { saveShot, shotPath } from './fixtures/shots';
import { exportItem, parseSvg, PNG_MAGIC, pngColours, pngSize } from './fixtures/exports';

const RETRY_STORM = readFileSync(new URL('../../scenarios/retry-storm.json', import.meta.url), 'utf8');

/** The per-second CSV the CLI writes for retry-storm run to `seconds` (`run FILE --duration Ns --csv`). */
function cliCsv(seconds: number): string {
  const parsed = parseScenarioText(RETRY_STORM);
  if (!parsed.ok) throw new Error('retry-storm did not parse');
  return runWithSeries(parsed.scenario, { durationMs: seconds * 1000 }).csv;
}

test.describe('export', () => {
  test('each export downloads a non-empty file of its type holding the run on screen', async ({ page }) => {
    test.setTimeout(180_000);
    await page.setViewportSize({ width: 1600, height: 1000 });
    await page.goto('/?scenario=retry-storm&t=15s');
    await expect(page.getByTestId('sim-time')).toHaveText('15.0 s', { timeout: 60_000 });
    await expect(page.locator('[data-drawn="retry-storm"]')).toBeVisible();
    const hash = (await page.getByTestId('trace-hash').textContent())!.trim();
    expect(hash).toMatch(/^[0-9a-f]{16}$/);
    await page.getByTestId('export-menu').click();
    await expect(page.getByTestId('export-status')).toHaveText('15 closed seconds of series so far.');
    await saveShot(page, 'export-menu-1600.png');

    // The topology as SVG: standalone, parses, holds the services' names, no class left to style.
    const svg = await exportItem(page, 'export-svg');
    expect(svg.download.suggestedFilename()).toBe('retry-storm-15s.svg');
    const svgText = svg.bytes.toString('utf8');
    expect(svgText.startsWith('<?xml')).toBe(true);
    const parsed = await parseSvg(page, svgText);
    expect(parsed.error).toBeNull();
    expect(parsed.root).toBe('svg');
    expect(parsed.elements).toBeGreaterThan(50);
    expect(parsed.texts.join(' ')).toContain('payments');
    expect(svgText).not.toMatch(/\sclass="/);

    // PNG: magic bytes, twice the stage's size, and a picture rather than a blank.
    const png = await exportItem(page, 'export-png');
    expect(png.download.suggestedFilename()).toBe('retry-storm-15s.png');
    expect([...png.bytes.subarray(0, 8)]).toEqual(PNG_MAGIC);
    const stage = (await page.locator('.topology-stage').boundingBox())!;
    expect(pngSize(png.bytes)).toEqual({ width: Math.round(Math.round(stage.width) * 2), height: Math.round(Math.round(stage.height) * 2) });
    expect(await pngColours(page, png.bytes)).toBeGreaterThan(10);

    // The per-second series: the CLI's --csv for the same run to 15 s, byte for byte.
    const csv = await exportItem(page, 'export-csv');
    expect(csv.download.suggestedFilename()).toBe('retry-storm-15s.series.csv');
    const csvText = csv.bytes.toString('utf8');
    const rows = csvText.trim().split('\n').map((l) => l.split(','));
    expect(rows[0]).toEqual(expect.arrayContaining(['t_start_s', 'ok_req_per_s', 'latency_p99_ms', 'failed_http-5xx_req_per_s']));
    expect(rows).toHaveLength(16);
    expect(csvText).toBe(cliCsv(15));

    // The figures: each with its unit, the counters on screen and the trace hash.
    const figures = await exportItem(page, 'export-figures-csv');
    const fig = Object.fromEntries(
      figures.bytes
        .toString('utf8')
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => l.split(','))
        .map(([k, v, u]) => [k, { v, u }]),
    );
    expect(fig.sim_time).toEqual({ v: '15', u: 's' });
    expect(fig.trace_hash.v).toBe(hash);
    expect(Number(fig.sent.v)).toBe(Number((await page.getByTestId('sent-count').textContent())!.replace(/[^0-9]/g, '')));
    expect(fig.latency_p99.u).toBe('ms');

    // Copy figures (trial T1, 10): the same figures as a markdown table on the clipboard, "Copied" said in the menu.
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.getByTestId('export-copy').click();
    await expect(page.getByTestId('export-status')).toHaveText('Copied the figures as a table.');
    await saveShot(page, 'export-copied-1600.png');
    const table = (await page.evaluate(() => navigator.clipboard.readText())).split('\n');
    expect(table[0]).toBe(`**retry-storm** · seed ${(JSON.parse(RETRY_STORM) as { seed: number }).seed} · 15.0 s of 40.0 s simulated · trace ${hash}`);
    expect(table[4]).toBe(`| requests sent | ${Number(fig.sent.v).toLocaleString('en-US')} |`);
    expect(table).toContain(`| failed, % of sent | ${Number(fig.failed_share.v).toFixed(1)}% |`);
    expect(table).toContain(`| latency p99 | ${Number(fig.latency_p99.v) >= 100 ? Math.round(Number(fig.latency_p99.v)).toLocaleString("en-US") : Number(fig.latency_p99.v).toFixed(1)} ms |`);
    expect(table.find((l) => l.startsWith('| attempts per user request, all hops | '))).toMatch(/\| \d+\.\d{3} \|$/);
    expect(table.find((l) => l.startsWith('Link: '))).toMatch(/\?scenario=retry-storm.*&t=15s/);

    // JSON: the same columns and rows as the CSV, the hash, the link that reopens the moment.
    const json = JSON.parse((await exportItem(page, 'export-json')).bytes.toString('utf8'));
    expect(json).toMatchObject({ format: 'meshsim-run/1', scenario: 'retry-storm', seed: (JSON.parse(RETRY_STORM) as { seed: number }).seed, simTimeS: 15, traceHash: hash });
    expect(json.series.columns).toEqual(rows[0]);
    expect(json.series.rows).toHaveLength(15);
    expect(json.link).toMatch(/\?scenario=retry-storm.*&t=15s/);

    // The report: one self-contained page with the picture, three charts, the figures, the story and the hash.
    const report = await exportItem(page, 'export-report');
    expect(report.download.suggestedFilename()).toBe('retry-storm-15s.report.html');
    const html = report.bytes.toString('utf8');
    expect(html).not.toMatch(/<script|<link\s|@import|src="http/i);
    expect(html).toContain(hash);
    const scenario = JSON.parse(RETRY_STORM) as { narrative: { title: string }[] };
    for (const step of scenario.narrative) expect(html).toContain(step.title.replace(/&/g, '&amp;').replace(/'/g, '&#39;'));
    const view = await page.context().newPage();
    await view.setViewportSize({ width: 900, height: 1200 });
    await view.setContent(html);
    await expect(view.locator('figure.chart svg')).toHaveCount(3);
    await expect(view.locator('.picture > svg')).toHaveCount(1);
    await expect(view.locator('[data-figure="latency_p99"] td.v')).not.toBeEmpty();
    await expect(view.getByTestId('report-trace-hash')).toHaveText(hash);
    // The failures chart has its http-5xx area (the storm begins at 10 s).
    await expect(view.locator('figure[data-chart="failures"] path[data-cause="http-5xx"]')).toHaveCount(1);
    await view.screenshot({ path: shotPath('export-report.png'), fullPage: true });
    await view.emulateMedia({ media: 'print' });
    const pdf = await view.pdf({ format: 'A4' });
    // One page for a handout: a PDF names its pages' count in its page tree.
    expect(pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)).toHaveLength(1);
    await view.close();

    // WebM of the next 2 s while playing: an EBML (Matroska/WebM) file.
    await page.keyboard.press('Escape');
    await page.getByTestId('play').click();
    await page.getByTestId('export-menu').click();
    await page.getByTestId('export-seconds').fill('2');
    const webm = await exportItem(page, 'export-webm', 60_000);
    expect(webm.download.suggestedFilename()).toMatch(/^retry-storm-\d+s-2s\.webm$/);
    expect([...webm.bytes.subarray(0, 4)]).toEqual([0x1a, 0x45, 0xdf, 0xa3]);
    expect(webm.bytes.toString('latin1')).toContain('webm');
    expect(webm.bytes.length).toBeGreaterThan(2000);
    await expect(page.getByTestId('export-status')).toHaveText(/^Saved retry-storm-\d+s-2s\.webm\.$/);
  });

  // The canvas view's exports (above 60 nodes: PNG, and SVG holding its bitmap) are checked on
  // scale.spec's page of the full load test at 1 s, which opened it the same way.

  test('at 1024x768 the Export button keeps the header on one row and its menu fits the screen', async ({ page }) => {
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.goto('/?scenario=hello-mesh');
    await expect(page.locator('[data-drawn="hello-mesh"]')).toBeVisible({ timeout: 60_000 });
    // One row, paused and while running (Pause and "running" are the widest): every control's
    // middle within a few px of the first's, inside the screen, and the header one control tall.
    const oneRow = async (play: string) => {
      const ids = ['scenario-select', play, 'run-status', 'share-link', 'export-menu', 'presenter-toggle', 'theme-toggle'];
      const boxes = await Promise.all(ids.map(async (id) => (await page.getByTestId(id).boundingBox())!));
      for (const [i, b] of boxes.entries()) {
        expect(Math.abs(b.y + b.height / 2 - (boxes[0].y + boxes[0].height / 2)), ids[i]).toBeLessThan(4);
        expect(b.x + b.width, ids[i]).toBeLessThanOrEqual(1024);
      }
      expect((await page.locator('header.header').boundingBox())!.height).toBeLessThan(60);
    };
    await oneRow('play');
    await page.getByTestId('play').click();
    await expect(page.getByTestId('run-status')).toHaveText('running');
    await oneRow('pause');
    await page.getByTestId('export-menu').click();
    const pop = (await page.getByTestId('export-pop').boundingBox())!;
    expect(pop.x).toBeGreaterThanOrEqual(0);
    expect(pop.x + pop.width).toBeLessThanOrEqual(1024);
    expect(pop.y + pop.height).toBeLessThanOrEqual(768);
    await saveShot(page, 'export-menu-1024.png');
    // A recording length out of range is said at its field, with the limit and why; nothing is downloaded.
    await page.getByTestId('export-seconds').fill('600');
    let downloads = 0;
    page.on('download', () => downloads++);
    await page.getByTestId('export-webm').click();
    await expect(page.getByTestId('export-status')).toHaveText('export.video.seconds: give 1 to 60 s (got 600): the video is held in this tab\'s memory until it is saved; for longer, use a screen recorder');
    expect(downloads).toBe(0);
  });
});
