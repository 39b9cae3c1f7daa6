// Presenter mode's link figures read from the back of a room (trial N15, 3; brief U2, 4): in the single view and the
// compare view at 1280x720 and 1024x768, every link label drawn (its req/s, its failures and tries) has a contrast of
// 4.5:1 or more against the stage (WCAG 2 AA), where they were pale grey (opacity 0.6: 2.4:1). One page load a view.
import { expect, type Page } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { saveShot } from './fixtures/shots';

/** Each drawn link label's text and its contrast against the stage under it (its fill at its opacity over the first opaque background up its ancestors). */
const labelContrasts = (page: Page) =>
  page.evaluate(() => {
    const rgba = (c: string) => {
      const m = c.match(/rgba?\(([^)]+)\)/);
      const p = m ? m[1].split(/[ ,/]+/).filter(Boolean).map(Number) : [0, 0, 0, 0];
      return [p[0], p[1], p[2], p[3] ?? 1];
    };
    const lum = (c: number[]) => {
      const [r, g, b] = c.slice(0, 3).map((v) => {
        const x = v / 255;
        return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const out: { text: string; ratio: number }[] = [];
    for (const t of Array.from(document.querySelectorAll('.topo-edge-label')) as SVGTextElement[]) {
      if (!t.textContent || t.getBoundingClientRect().width === 0) continue;
      let el: Element | null = t;
      let bg = [255, 255, 255, 1];
      while ((el = el.parentElement)) {
        const c = rgba(getComputedStyle(el).backgroundColor);
        if (c[3] > 0) {
          bg = c;
          break;
        }
      }
      // Each part (tspan) of a label has its own fill; the faintest counts.
      const parts = [t, ...(Array.from(t.querySelectorAll('tspan')) as Element[])].filter((e) => e === t ? !t.querySelector('tspan') : true);
      for (const p of parts) {
        const f = rgba(getComputedStyle(p).fill);
        const a = Number(getComputedStyle(t).opacity) * f[3];
        const seen = [0, 1, 2].map((i) => f[i] * a + bg[i] * (1 - a));
        const [hi, lo] = [lum(seen), lum(bg)].sort((x, y) => y - x);
        out.push({ text: p.textContent ?? '', ratio: (hi + 0.05) / (lo + 0.05) });
      }
    }
    return out;
  });

async function checkReadable(page: Page, name: string) {
  await expect.poll(async () => (await labelContrasts(page)).length, { timeout: 30_000 }).toBeGreaterThan(2);
  const labels = await labelContrasts(page);
  const faint = labels.filter((l) => l.ratio < 4.5);
  expect(faint, JSON.stringify(labels)).toEqual([]);
  await saveShot(page, name);
}

test('presenter mode at 1280x720 and 1024x768: every link figure of gateway-and-mesh at 20 s reads 4.5:1 or more against the stage', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('/?scenario=gateway-and-mesh&t=20s');
  await expect(page.getByTestId('run-status')).toHaveText(/paused/, { timeout: 120_000 });
  await page.locator('body').press('f');
  await expect(page.locator('.app.presenter')).toHaveCount(1);
  await checkReadable(page, 'presenterlinkrates-1280.png');
  await page.setViewportSize({ width: 1024, height: 768 });
  await checkReadable(page, 'presenterlinkrates-1024.png');
});

test("compare's presenter mode at 1024x768: retry-storm against its fix at 20 s, every link figure 4.5:1 or more", async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.goto('/?compare=retry-storm,retry-storm-fixed&t=20s');
  await expect(page.getByTestId('run-status')).toHaveText(/paused/, { timeout: 120_000 });
  await page.getByTestId('presenter-toggle').click();
  await expect(page.locator('.compare-presenter')).toHaveCount(1);
  await checkReadable(page, 'presenterlinkrates-compare-1024.png');
});
