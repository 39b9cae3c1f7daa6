// The compare view draws its pair at one moment while seeking (N3 item 7: mid-seek A stood at
// 27.0 s beside B's 37.8 s) with the header's clock on that moment (session 35: both panes at
// 10.0 s under a clock of 24.2 s), both pictures at one scale (session 35: 'catalog' 67 px wide in
// A, 52 px in B), and key b pressed at once after Inject branches on that fault (N3 item 8).
// Short tests, opened by link at a moment.
import { expect, type Page } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { saveShot } from './fixtures/shots';

/**
 * How each pane draws node `name`, A then B: its name's width and font size on screen, CSS px, and
 * the least node-name size in the pane (null where not drawn). Read in one task.
 */
const drawnNode = (page: Page, name: string) =>
  page.locator('[data-testid="compare-pane"]').evaluateAll(
    (panes, name) =>
      panes.map((p) => {
        const px = (t: SVGTextElement) => parseFloat(getComputedStyle(t).fontSize) * (t.getBoundingClientRect().height / t.getBBox().height);
        const names = Array.from(p.querySelectorAll<SVGTextElement>('[data-node] .topo-name'));
        const t = p.querySelector<SVGTextElement>(`[data-node="${name}"] .topo-name`);
        return { width: t ? t.getBoundingClientRect().width : null, px: t ? px(t) : null, leastPx: names.length ? Math.min(...names.map(px)) : null };
      }),
    name,
  );

/** The header's clock and each pane's own time (its line under the picture), as shown, read in one task. */
const clocks = (page: Page) =>
  page.evaluate(() => ({
    header: document.querySelector('[data-testid="sim-time"]')?.textContent ?? '',
    panes: Array.from(document.querySelectorAll('[data-testid="compare-pane"] [data-testid="pane-time"]')).map((e) => e.textContent ?? ''),
  }));

/** Each pane's drawn figures' moment (the traffic canvas's data-figures-at), A then B; null before a frame is drawn. */
const drawnAt = (page: Page) =>
  page.locator('[data-testid="compare-pane"]').evaluateAll((panes) =>
    panes.map((p) => {
      const c = p.querySelector('canvas[data-figures-at]') as HTMLCanvasElement | null;
      return c ? Number(c.dataset.figuresAt) : null;
    }),
  );

for (const size of [
  { width: 1600, height: 1000 },
  { width: 1024, height: 768 },
]) {
  test(`gateway-only vs mesh-only at ${size.width}x${size.height}: one scale in both panes; seeking 10 s -> 40 s, both panes draw one moment all along, the header's clock on it, and the view says seeking`, async ({ page }) => {
    await page.setViewportSize(size);
    await page.goto('/?compare=gateway-only,mesh-only&t=10s');
    await expect(page.getByTestId('run-status')).toHaveText(/paused/, { timeout: 120_000 });
    await expect.poll(() => drawnAt(page), { timeout: 30_000 }).toEqual([10_000, 10_000]);
    // The same service at one size in A and B (the build before: 'catalog' 67.4 px wide in A and
    // 52.5 px in B at 1600x1000, 68.4 and 56.4 at 1024x768), its name readable: 10 px or more,
    // the single view's least (readableText.ts), and 12 px in the narrow window's panes (presenterFloor.ts).
    await expect.poll(async () => (await drawnNode(page, 'catalog')).map((n) => n.width !== null), { timeout: 30_000 }).toEqual([true, true]);
    await expect.poll(async () => { const [a, b] = await drawnNode(page, 'catalog'); return Math.abs(a.width! - b.width!); }, { timeout: 10_000 }).toBeLessThanOrEqual(1);
    const nodes = await drawnNode(page, 'catalog');
    for (const n of nodes) expect(n.leastPx!, JSON.stringify(nodes)).toBeGreaterThanOrEqual(size.width > 1100 ? 10 : 12);
    await saveShot(page, `comparescale-onescale-${size.width}.png`);
    // A click on the timeline at 40 s, as a person seeks.
    const track = page.getByTestId('timeline');
    const box = (await track.boundingBox())!;
    const seen: (number | null)[][] = [];
    const read: { header: string; panes: string[] }[] = [];
    let saidSeeking = false;
    await track.click({ position: { x: box.width * (40 / 60), y: box.height / 2 } });
    for (let i = 0; i < 400; i++) {
      seen.push(await drawnAt(page));
      read.push(await clocks(page));
      if (/seeking/.test((await page.getByTestId('run-status').textContent()) ?? '')) saidSeeking = true;
      if ((await page.getByTestId('timeline-seeking').count()) === 0 && i > 2) break;
      if (i === 3) await saveShot(page, `comparescale-seeking-${size.width}.png`);
      await page.waitForTimeout(30);
    }
    const target = await page.getByTestId('metrics-diff').getAttribute('data-at');
    const apart = seen.filter(([a, b]) => a !== b);
    // Drawn apart at most for one sample, between one pane's paint and the other's (the build
    // before the hold: 3 samples apart, [18300, 13100], [23800, 13100], [31900, 20791]).
    expect(apart.length, `moments drawn apart: ${JSON.stringify(apart.slice(0, 5))} of ${seen.length}`).toBeLessThanOrEqual(1);
    expect(saidSeeking).toBe(true);
    // The header's clock says the moment the panes show, on the way and after, one sample at most
    // between one paint and the next (the build before read the run behind: '24.2 s' over two
    // panes at '10.0 s').
    const offClock = read.filter((r) => r.panes.some((t) => t !== r.header));
    expect(offClock.length, `clock apart from the panes: ${JSON.stringify(offClock.slice(0, 5))} of ${read.length}`).toBeLessThanOrEqual(1);
    await expect.poll(() => drawnAt(page)).toEqual([Number(target), Number(target)]);
    const after = await clocks(page);
    expect(after.panes).toEqual([after.header, after.header]);
    expect(await page.getByTestId('pane-time').evaluateAll((es) => es.map((e) => Number((e as HTMLElement).dataset.value)))).toEqual([Number(target), Number(target)]);
    await saveShot(page, `comparescale-landed-${size.width}.png`);
  });
}

test("two meshes direct vs via a gateway at 1600x1000: B's chain would draw names of 9.3 px, so both panes take the large text, at one scale", async ({ page }) => {
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto('/?compare=two-meshes-direct,two-meshes-via-gateway&t=5s');
  await expect(page.getByTestId('run-status')).toHaveText(/paused/, { timeout: 120_000 });
  // Both in presenter mode's geometry (readableText.ts), B's own wish and A's for it (paneScale.ts).
  await expect(page.locator('[data-testid="compare-pane"] .topology-stage[data-text="large"]')).toHaveCount(2, { timeout: 30_000 });
  // The build before: 'checkout' 70.6 px wide in A and 53.1 in B, B's least name 9.3 px.
  await expect.poll(async () => { const [a, b] = await drawnNode(page, 'checkout'); return a.width !== null && b.width !== null ? Math.abs(a.width - b.width) : null; }, { timeout: 10_000 }).toBeLessThanOrEqual(1);
  const nodes = await drawnNode(page, 'checkout');
  for (const n of nodes) expect(n.leastPx!, JSON.stringify(nodes)).toBeGreaterThanOrEqual(10);
  await saveShot(page, 'comparescale-twomeshes-1600.png');
});

test('b pressed at once after Inject waits for the fault and branches on it: A without it, B with it', async ({ page }) => {
  await page.goto('/?scenario=gateway-and-mesh&t=10s');
  await expect(page.getByTestId('run-status')).toHaveText(/paused/, { timeout: 120_000 });
  const faults = page.getByRole('region', { name: 'Faults' });
  await faults.getByTestId('fault-type').selectOption({ label: 'HTTP errors' });
  await faults.getByTestId('fault-target').selectOption({ label: 'inventory' });
  await faults.getByTestId('fault-duration').fill('20s');
  // No wait for the list: b follows the click as fast as a person's two keys.
  await faults.getByRole('button', { name: /Inject/ }).click();
  await page.locator('body').press('b');
  await expect(page.getByTestId('compare-pane')).toHaveCount(2, { timeout: 60_000 });
  await expect(page.getByTestId('diff-head-A')).toHaveText('A · without HTTP errors on inventory', { timeout: 120_000 });
  await expect(page.getByTestId('diff-head-B')).toHaveText('B · with HTTP errors on inventory at 10.0 s');
  await saveShot(page, 'comparescale-branch-inject.png');
});
