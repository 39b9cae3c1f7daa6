// A padlock off other links' crossings (U14, session 38): partial-adoption's broken padlock (reports
// -> orders: plaintext into a STRICT mesh) sat at its link's middle, where storefront -> catalog and
// storefront -> orders cross it, so a room could not tell whose handshake failed. A person opens
// partial-adoption at 20 s, normal view then presenter mode, at 1600x1000 and 1024x768: the broken
// lock shows, and no other link's line passes within 16 design units of its centre (its disc, radius 11-12, and 4 more).
import { expect, type Page } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { settled } from './fixtures/settle';
import { saveShot } from './fixtures/shots';

/** Per visible broken lock: its link and the least distance from its centre to another link's line, design units. */
async function brokenLockClearance(page: Page) {
  return page.locator('svg[data-testid="topology"]').evaluate((svg) => {
    const out: { edge: string; clear: number }[] = [];
    for (const g of Array.from(svg.querySelectorAll<SVGGElement>('.topo-lock-broken'))) {
      if (g.getAttribute('visibility') === 'hidden') continue;
      const m = /translate\(([-\d.e]+),([-\d.e]+)\)/.exec(g.getAttribute('transform') ?? '');
      if (!m) continue;
      const [x, y] = [Number(m[1]), Number(m[2])];
      const own = g.closest('[data-edge]');
      let clear = Infinity;
      for (const line of Array.from(svg.querySelectorAll<SVGPathElement>('[data-edge] .topo-edge-line'))) {
        if (line.closest('[data-edge]') === own) continue;
        const len = line.getTotalLength();
        for (let i = 0; i <= 200; i++) {
          const p = line.getPointAtLength((len * i) / 200);
          clear = Math.min(clear, Math.hypot(p.x - x, p.y - y));
        }
      }
      out.push({ edge: own?.getAttribute('data-edge') ?? '', clear: Math.round(clear) });
    }
    return out;
  });
}

test("partial-adoption's broken padlock stands clear of the other links' lines, normal view and presenter mode, at 1600x1000 and 1024x768", async ({ page }) => {
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto('/?scenario=partial-adoption&t=20s');
  await expect(page.getByTestId('sim-time')).toHaveText('20.0 s', { timeout: 60_000 });
  for (const presenter of [false, true]) {
    if (presenter) {
      await page.keyboard.press('f');
      await expect(page.getByTestId('app')).toHaveClass(/presenter/);
    }
    for (const [w, h] of [[1600, 1000], [1024, 768]] as const) {
      await page.setViewportSize({ width: w, height: h });
      await settled(page);
      const where = `${presenter ? 'presenter mode' : 'normal view'} at ${w}x${h}`;
      await expect.poll(async () => (await brokenLockClearance(page)).map((b) => b.edge), { message: where }).toContain('reports->orders');
      await saveShot(page, `lockspot-partial-adoption-${presenter ? 'presenter-' : ''}${w}x${h}.png`);
      for (const b of await brokenLockClearance(page)) expect(b.clear, `${b.edge}'s broken lock, ${where}`).toBeGreaterThanOrEqual(16);
    }
  }
});
