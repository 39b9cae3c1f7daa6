// Presenter mode's link labels are 13 px or more on screen (node text is 14 px or more there),
// placed clear of each other.
import { expect, test, type Page } from '@playwright/test';
import { shotPath } from './fixtures/shots';

/** Each shown link label: its on-screen font size (px) and box. */
async function edgeLabels(page: Page) {
  return page.locator('svg[data-testid="topology"]').evaluate((svg) =>
    Array.from(svg.querySelectorAll<SVGTextElement>('.topo-edge-label'))
      .filter((t) => (t.textContent ?? '').trim() !== '' && getComputedStyle(t).visibility !== 'hidden')
      .map((t) => {
        const m = t.getScreenCTM()!;
        const r = t.getBoundingClientRect();
        return { text: t.textContent ?? '', px: parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b), x0: r.left, y0: r.top, x1: r.right, y1: r.bottom };
      }),
  );
}

for (const [w, h] of [
  [1024, 768],
  [1600, 1000],
] as const) {
  for (const scenario of ['hello-mesh', 'retry-storm']) {
    test(`presenter mode at ${w}x${h}: ${scenario}'s link labels are 13 px or more and overlap no other label`, async ({ page }) => {
      await page.setViewportSize({ width: w, height: h });
      await page.goto(`/?scenario=${scenario}&t=20s`);
      await expect(page.getByTestId('sim-time')).toHaveText('20.0 s', { timeout: 60_000 });
      await page.keyboard.press('f');
      await expect(page.getByTestId('app')).toHaveClass(/presenter/);
      await expect(page.locator('.topology-stage')).toHaveAttribute('data-view', 'svg');
      await expect.poll(async () => (await edgeLabels(page)).filter((l) => /req\/s/.test(l.text)).length).toBeGreaterThanOrEqual(3);
      const labels = await edgeLabels(page);
      const smallest = Math.min(...labels.map((l) => l.px));
      expect(smallest).toBeGreaterThanOrEqual(13);
      labels.forEach((a, i) => {
        for (const b of labels.slice(i + 1)) expect(a.x0 < b.x1 - 1 && b.x0 < a.x1 - 1 && a.y0 < b.y1 - 1 && b.y0 < a.y1 - 1, `"${a.text}" overlaps "${b.text}"`).toBe(false);
      });
      await page.screenshot({ path: shotPath(`presenter-labels-${scenario}-${w}x${h}.png`) });
    });
  }
}
