// Refused retries in the link inspector (trial N11, session 41, finding 2): a gateway route retrying a partner that
// fails half its answers fills Envoy's max_retries 3, and the link inspector says how many retries were refused, why,
// and what to raise, at 1600x1000 and 1024x768. The counter strip says the run's count beside FAILED (session 42), on
// which link, and a press on it opens that link's inspector (session 43); the gateway's inspector says its CPU and its
// retries' share of it, as `npm run sim -- run` does (session 43).
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { saveShot } from './fixtures/shots';
import { simCommand } from '../cli/spawnSim';

/** Trial N11's gw50.yaml cut to the egress path and 20 s: 40 req/s, the partner failing 50% from 5 s, 2 retries at the egress gateway. */
const GW50 = `name: gw50-refused
duration: 20s
seed: 3
network: { placement: {} }
clients:
  - { name: shoppers, type: open, rate: 40, target: checkout, external: true, timeout: 3s }
services:
  - name: checkout
    replicas: 2
    concurrency: 32
    sidecar: true
    serviceTime: { type: lognormal, median: 4ms, sigma: 0.4 }
    calls:
      - { service: egress, policy: { retries: { attempts: 0 } } }
  - name: partner
    external: true
    replicas: 2
    concurrency: 16
    serviceTime: { type: lognormal, median: 60ms, sigma: 0.5 }
gateways:
  - name: egress
    replicas: 2
    routes:
      - service: partner
        policy: { timeout: 1s, retries: { attempts: 2, perTryTimeout: 300ms, retryOn: [5xx] } }
faults:
  - { type: http-abort, service: partner, percent: 50, status: 503, at: 5s, for: 30s }
`;

/**
 * `npm run sim -- run` of GW50 (its 20 s): egress's row of the gateway table, its refused, cpu and retry cpu; started
 * once, while the page opens and seeks (it takes seconds under load), and awaited where it is read.
 */
let cliEgress: Promise<{ refused: number; cpu: string; retryCpu: string }> | null = null;
function cliGateway(): Promise<{ refused: number; cpu: string; retryCpu: string }> {
  cliEgress ??= (async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'meshsim-gw50-')), 'gw50.yaml');
    writeFileSync(file, GW50);
    const { stdout } = await promisify(execFile)(...simCommand(['run', file]), { encoding: 'utf8', maxBuffer: 64 << 20 });
    // gateway  tries received  forwarded  rejected  deprecated  retries  refused  cpu  retry cpu  utilization
    const row = /^egress +\d+ +\d+ +\S+ +\d+ +\d+ +(\d+) +([\d.]+ s) +([\d.]+%) +[\d.]+%$/m.exec(stdout);
    if (!row) throw new Error(`no egress row in run's gateway table:\n${stdout}`);
    return { refused: Number(row[1]), cpu: row[2], retryCpu: row[3] };
  })();
  return cliEgress;
}

for (const [width, height] of [
  [1600, 1000],
  [1024, 768],
] as const) {
  test(`the link inspector says how many of egress's retries to partner its breaker refused, and why, at ${width}x${height}`, async ({ page }) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    void cliGateway().catch(() => {});
    await page.setViewportSize({ width, height });
    await page.goto('/');
    await expect(page.getByTestId('run-status')).toHaveText('ready', { timeout: 30_000 });
    await page.getByTestId('scenario-file').setInputFiles({ name: 'gw50.yaml', mimeType: 'application/yaml', buffer: Buffer.from(GW50) });
    await expect(page.locator('.topology-stage')).toHaveAttribute('data-drawn', 'gw50-refused', { timeout: 30_000 });
    // Nothing refused yet (the partner fails from 5 s): the strip says nothing of a breaker.
    const strip = page.getByTestId('refused-retries');
    await expect(strip).toHaveCount(0);
    const stripHeight = async () => (await page.locator('.strip').boundingBox())!.height;
    const heightBefore = await stripHeight();
    await page.locator('body').press('End');
    await expect.poll(async () => Number.parseFloat((await page.getByTestId('sim-time').textContent())!), { timeout: 60_000 }).toBeCloseTo(20, 0);
    // The counter strip says how many retries the breaker refused and on which link, on FAILED's line, and the strip
    // keeps one row.
    await expect(strip).toBeVisible();
    // Read as drawn: below 1280 px ' retries' is hidden (caption-wide). It names the one link they were on.
    expect(await strip.innerText()).toMatch(width >= 1280 ? /^· \d+ retries refused on egress → partner$/ : /^· \d+ refused on egress → partner$/);
    await expect(strip).toHaveAttribute('data-links', '1');
    // Beside the count and whole at both sizes: one line at 1600x1000; at 1024x768 two, '· 85 refused' over 'on egress →
    // partner' (on the label's line it had some 140 px there and read '· 85 refused on eg…'). The strip keeps its height.
    const drawn = await strip.evaluate((el) => {
      const where = el.querySelector('.refused-where')!.getBoundingClientRect();
      const box = el.getBoundingClientRect();
      const count = document.querySelector('[data-testid="failed-count"]')!.getBoundingClientRect();
      // Integer scroll metrics may round the 25 px box up by one; a line more would be 12.5 px more.
      const lines = Math.round(box.height / parseFloat(getComputedStyle(el).lineHeight));
      return { cut: el.scrollWidth > el.clientWidth + 1.5 || el.scrollHeight > el.clientHeight + 1.5, whereInside: where.left >= box.left - 0.5 && where.right <= box.right + 0.5 && where.bottom <= box.bottom + 0.5, besideCount: box.left >= count.right && box.top >= count.top - 0.5 && box.bottom <= count.bottom + 0.5, lines };
    });
    expect(drawn).toEqual({ cut: false, whereInside: true, besideCount: true, lines: width >= 1280 ? 1 : 2 });
    expect(await stripHeight()).toBeCloseTo(heightBefore, 0);
    await expect(strip).toHaveAttribute('title', /^\d+ retries refused by a circuit breaker on egress → partner: its retry limit was reached, circuitBreaker\.maxRetries or a retries\.budget/);
    const failedBox = (await page.locator('.figure-failed').boundingBox())!;
    const stripBox = (await strip.boundingBox())!;
    expect(stripBox.x + stripBox.width).toBeLessThanOrEqual(failedBox.x + failedBox.width + 0.5);
    const fromStrip = Number(await strip.getAttribute('data-refused'));
    await saveShot(page, `retryoverflow-strip-${width}.png`);
    // A press on it opens the inspector on that link, as a cause chip opens its requests.
    await strip.click();
    const panel = page.getByTestId('inspector');
    const picked = () => panel.getByTestId('inspector-picker').evaluate((el) => (el as HTMLSelectElement).selectedOptions[0]?.textContent ?? null);
    await expect.poll(picked).toBe('egress → partner');
    const edge = panel.getByTestId('inspect-edge');
    await expect(edge.locator('h3')).toContainText('egress → partner');
    const refused = edge.getByTestId('edge-retry-overflow');
    await expect(refused).toBeVisible();
    await saveShot(page, `retryoverflow-strip-opened-${width}.png`);
    // `npm run sim -- run` of the same file says the same pair (retries made / refused).
    const n = Number(await refused.getAttribute('data-refused'));
    expect(n).toBeGreaterThan(20);
    // egress's route is the one route that retries, so the strip's count is this link's, and run's (85 at 20 s).
    expect(fromStrip).toBe(n);
    expect(n).toBe((await cliGateway()).refused);
    await expect(refused).toHaveText(/^\d+ \/ \d+$/);
    await expect(edge.getByTestId('edge-retry-overflow-why')).toContainText('circuitBreaker.maxRetries was full (3 at a gateway unless set)');
    // Nothing is cut: the why wraps inside the panel.
    const cut = await edge.getByTestId('edge-retry-overflow-why').evaluate((el) => el.scrollWidth > el.clientWidth + 0.5);
    expect(cut).toBe(false);
    await edge.getByTestId('edge-retry-overflow-why').scrollIntoViewIfNeeded();
    await saveShot(page, `retryoverflow-inspector-${width}.png`);
    // The gateway's inspector says its CPU since the start and its retries' share of it: run's cpu and retry cpu.
    await panel.getByTestId('inspector-picker').selectOption({ label: 'egress' });
    const cpu = panel.getByTestId('gateway-cpu');
    await expect(cpu).toBeVisible();
    const cli = await cliGateway();
    await expect(cpu.getByTestId('gateway-cpu-total')).toHaveText(cli.cpu);
    await expect(cpu.getByTestId('gateway-retry-cpu')).toHaveText(new RegExp(`^${cli.retryCpu.replace('.', '\\.')}, \\d+ retries$`));
    expect(Number.parseFloat(cli.retryCpu)).toBeGreaterThan(5);
    expect(await cpu.evaluate((el) => el.scrollWidth <= el.clientWidth + 0.5)).toBe(true);
    await cpu.scrollIntoViewIfNeeded();
    await saveShot(page, `retryoverflow-gateway-cpu-${width}.png`);
    // The link with no retries says nothing of a breaker.
    await panel.getByTestId('inspector-picker').selectOption({ label: 'checkout → egress' });
    await expect(edge.getByTestId('edge-attempts')).toBeVisible();
    await expect(edge.getByTestId('edge-retry-overflow')).toHaveCount(0);
    // With Charts open the strip's failed figure is laid out on fewer lines: the note is still beside the count, within
    // its line, and the link's name whole.
    await page.getByTestId('tab-charts').click();
    await expect(page.getByTestId('chart-latency')).toBeVisible();
    await expect(strip).toBeVisible();
    const count = (await page.getByTestId('failed-count').boundingBox())!;
    const said = (await strip.boundingBox())!;
    expect(said.x).toBeGreaterThanOrEqual(count.x + count.width);
    expect(said.y).toBeGreaterThanOrEqual(count.y - 0.5);
    expect(said.y + said.height).toBeLessThanOrEqual(count.y + count.height + 0.5);
    expect(await strip.evaluate((el) => el.scrollHeight <= el.clientHeight + 1.5 && el.querySelector('.refused-where')!.getBoundingClientRect().right <= el.getBoundingClientRect().right + 0.5)).toBe(true);
    await saveShot(page, `retryoverflow-strip-charts-${width}.png`);
    expect(errors).toEqual([]);
  });
}
