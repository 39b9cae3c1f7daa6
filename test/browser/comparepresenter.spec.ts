// Presenter mode in the compare view (issue 12.4): a teacher opens a ready-made pair, scrolls
// down to the figures, presses f, and the room sees both pictures, whole, in the window: no page
// scroll, names 12 px or more and inside their pane, the panes side by side or stacked,
// whichever draws both larger; a pair too large for that folds into group tiles and says so
// without covering the pane's Legend button.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures/sharedPage';
import { saveShot } from './fixtures/shots';

const pane = (page: Page, side: 'A' | 'B') => page.locator(`[data-testid="compare-pane"][data-side="${side}"]`);

/** Each node text a pane's SVG shows: its screen size (font size × the SVG's scale) and box. */
async function nodeTexts(page: Page, side: 'A' | 'B') {
  return pane(page, side)
    .locator('svg[data-testid="topology"]')
    .evaluate((svg) => {
      const out: { text: string; px: number; left: number; right: number; top: number; bottom: number }[] = [];
      for (const el of Array.from(svg.querySelectorAll<SVGTextElement>('[data-node] text'))) {
        const text = (el.textContent ?? '').trim();
        const style = getComputedStyle(el);
        if (!text || style.display === 'none' || style.visibility === 'hidden' || el.getBBox().width === 0) continue;
        const m = el.getScreenCTM();
        const r = el.getBoundingClientRect();
        // Not drawn (inside a group presenter mode hides, as the CA tag).
        if (r.width === 0 || el.closest('[style*="display: none"]') || el.parentElement?.checkVisibility?.() === false) continue;
        if (m) out.push({ text, px: parseFloat(style.fontSize) * Math.hypot(m.a, m.b), left: r.left, right: r.right, top: r.top, bottom: r.bottom });
      }
      return out;
    });
}

const PAIRS = [
  { pair: 'retry-storm,retry-storm-fixed', arrange: { 1600: 'side', 1024: 'side' } },
  { pair: 'gateway-only,mesh-only', arrange: { 1600: 'side', 1024: 'side' } },
  { pair: 'two-meshes-direct,two-meshes-via-gateway', arrange: { 1600: 'stacked', 1024: 'stacked' } },
  { pair: 'istio-load-test-baseline,istio-load-test', arrange: { 1600: 'side', 1024: 'side' } },
] as const;

// One page load a pair serves both sizes: checked at 1600x1000, presenter mode left, then the
// window made 1024x768 on the same page (the view re-fits to it) and checked again.
for (const { pair, arrange } of PAIRS) {
  test(`presenter mode shows ${pair} whole in the window at 1600x1000 and at 1024x768: no page scroll, names 12 px or more inside their pane`, async ({ page }) => {
    await page.setViewportSize({ width: 1600, height: 1000 });
    await page.goto(`/?compare=${pair}`);
    await expect(page.getByTestId('run-status')).toHaveText('ready');
    for (const [w, h] of [
      [1600, 1000],
      [1024, 768],
    ] as const) {
      await page.setViewportSize({ width: w, height: h });
      // A teacher looking at the figures first: the page is scrolled down to them.
      await page.getByTestId('metrics-diff').scrollIntoViewIfNeeded();
      await page.keyboard.press('f');
      const view = page.getByTestId('compare-view');
      await expect(view).toHaveAttribute('data-presenter', 'on');
      await expect(view).toHaveAttribute('data-arrange', arrange[w]);
      // The window and nothing more: at the top, nothing to scroll to.
      await expect.poll(() => page.evaluate(() => [window.scrollY, document.documentElement.scrollHeight <= window.innerHeight + 1])).toEqual([0, true]);
      const [a, b] = [(await pane(page, 'A').boundingBox())!, (await pane(page, 'B').boundingBox())!];
      for (const box of [a, b]) {
        expect(box.y, `${w}x${h}`).toBeGreaterThanOrEqual(0);
        expect(box.y + box.height, `${w}x${h}`).toBeLessThanOrEqual(h);
        expect(box.x + box.width, `${w}x${h}`).toBeLessThanOrEqual(w);
      }
      if (arrange[w] === 'side') expect(a.x + a.width, `${w}x${h}`).toBeLessThanOrEqual(b.x);
      else expect(a.y + a.height, `${w}x${h}`).toBeLessThanOrEqual(b.y);
      await expect(page.getByTestId('timeline')).toBeInViewport();
      const folded = pair.startsWith('istio') && w === 1024;
      for (const side of ['A', 'B'] as const) {
        const p = pane(page, side);
        const stage = (await p.locator('.topology-stage').boundingBox())!;
        if (folded) {
          // Folded into group tiles, said so under the pane's bar, not over its Legend button.
          const note = p.getByTestId('presenter-fold');
          await expect(note).toHaveText(/group tiles for 12 px text/);
          const [n, legend] = [(await note.boundingBox())!, (await p.getByRole('button', { name: /Legend/ }).boundingBox())!];
          expect(n.x >= legend.x + legend.width || n.y >= legend.y + legend.height).toBe(true);
          continue;
        }
        await expect(p.getByTestId('presenter-fold')).toHaveCount(0);
        await expect(p.locator('.topology-stage')).toHaveAttribute('data-view', 'svg');
        const texts = await nodeTexts(page, side);
        expect(texts.length).toBeGreaterThan(3);
        const smallest = texts.reduce((x, t) => (t.px < x.px ? t : x));
        expect(smallest.px, `${w}x${h} ${side}: smallest name "${smallest.text}"`).toBeGreaterThanOrEqual(12);
        for (const t of texts) {
          expect(t.left, `${w}x${h} ${side}: "${t.text}" cut at the left`).toBeGreaterThanOrEqual(stage.x - 1);
          expect(t.right, `${w}x${h} ${side}: "${t.text}" cut at the right`).toBeLessThanOrEqual(stage.x + stage.width + 1);
          expect(t.top, `${w}x${h} ${side}: "${t.text}" cut at the top`).toBeGreaterThanOrEqual(stage.y - 1);
          expect(t.bottom, `${w}x${h} ${side}: "${t.text}" cut at the bottom`).toBeLessThanOrEqual(stage.y + stage.height + 1);
        }
      }
      await saveShot(page, `compare-presenter-${pair.split(',')[0]}-${w}x${h}.png`);
      if (pair.startsWith('retry-storm') && w === 1600) {
        // Inspect in B: the panel over A (inspectorDock.ts), B's picture as it was, names 12 px or more.
        const before = (await nodeTexts(page, 'B')).map((t) => Math.round(t.px * 10) / 10);
        await pane(page, 'B').getByTestId('inspector-toggle').click();
        await expect(pane(page, 'A').getByTestId('inspector-dock').getByTestId('inspector')).toBeVisible();
        await expect(page.getByTestId('inspector-about')).toContainText('About B · ');
        await expect(pane(page, 'B').getByTestId('presenter-fold')).toHaveCount(0);
        await expect.poll(async () => (await nodeTexts(page, 'B')).map((t) => Math.round(t.px * 10) / 10)).toEqual(before);
        await saveShot(page, `compare-presenter-inspect-${w}x${h}.png`);
        await page.getByTestId('inspector-close').click();
        await expect(page.getByTestId('inspector')).toHaveCount(0);
      }
      // Escape: the figures and the ownership views come back under the panes.
      await page.keyboard.press('Escape');
      await expect(view).toHaveAttribute('data-presenter', 'off');
      await expect(page.getByTestId('metrics-diff')).toBeVisible();
      await expect(page.getByTestId('compare-ownership')).toBeAttached();
    }
    if (pair.startsWith('two-meshes')) {
      await test.step("at 1024x768 the line under the shared timeline is read whole, on two lines where it needs them: 'No visible difference yet' (its rule in the tooltip), then where the runs first differ", async () => {
        // It was cut with an ellipsis, its text in the tooltip only: "First differ at 0.0 s: 0.0 s – 1.0 s: first failures in two-meshes-…".
        const line = page.getByTestId('divergence-text');
        const whole = () =>
          line.evaluate((e) => {
            const r = e.getBoundingClientRect();
            return { text: (e as HTMLElement).innerText, cut: e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1, inWindow: r.bottom <= window.innerHeight && r.right <= window.innerWidth, lines: Math.round(r.height / parseFloat(getComputedStyle(e).lineHeight)) };
          });
        await expect(page.getByTestId('compare-view')).toHaveAttribute('data-presenter', 'off');
        expect(await whole()).toEqual({ text: 'No visible difference yet', cut: false, inWindow: true, lines: 1 });
        await expect(line).toHaveAttribute('title', /^No visible difference yet: a first failure in one run only/);
        for (let i = 0; i < 3; i++) await page.locator('body').press('Shift+ArrowRight');
        await expect(line).toContainText('First differ at 0.0 s', { timeout: 30_000 });
        const w = await whole();
        expect(w.text).toMatch(/^First differ at 0\.0 s \(up to 1\.0 s\): first failures in two-meshes-direct \(\d+: tls-unknown-ca \d+\), none in two-meshes-via-gateway yet$/);
        expect(w.cut).toBe(false);
        expect(w.inWindow).toBe(true);
        expect(w.lines).toBeLessThanOrEqual(2);
        await expect(page.getByTestId('timeline-seeking')).toHaveCount(0);
        await saveShot(page, 'compare-divergence-line-1024x768.png');
      });
    }
  });
}
