// Brief U3 2: the compare view's shared timeline marks each pane's first refused handshake, as the single view's does
// (U2 06dc58a): A's tick in the track's upper half, B's in its lower half, as their fault bands; a press takes both
// runs there. One page load: two-meshes-via-gateway (A) with its bridge's certificates expired at 9 s, against
// two-meshes-direct (B) with storefront's expired at 9 s, opened by link at 27 s. Brief U4 3: each tick drawn 5 px
// wide with a white rim, A's and B's 2 px apart, its title saying when and what was refused.
import { expect, type Locator, type Page } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { saveShot } from './fixtures/shots';
import { packActions } from '../../src/ui/recipe/url';

const expire = (service: string) => packActions([{ ms: 0, ev: -1, kind: 'inject', fault: { type: 'expire-certificates', service, at: '9s' } }]);
const paneValue = async (page: Page, side: 'A' | 'B', id: string) => (await page.locator(`[data-testid="compare-pane"][data-side="${side}"]`).getByTestId(id).getAttribute('data-value'))!;

/** Whether two boxes share any pixel. */
async function overlap(a: Locator, b: Locator): Promise<boolean> {
  const [x, y] = [(await a.boundingBox())!, (await b.boundingBox())!];
  return x.x < y.x + y.width && y.x < x.x + x.width && x.y < y.y + y.height && y.y < x.y + x.height;
}

test("A's bridge expired at 9 s and B's storefront at 9 s: the shared timeline marks each run's first refused handshake in its own half, clear of the fault tags, and a press takes both runs there (1600x1000, 1024x768)", async ({ page }) => {
  // Two seeks of both runs (to 27 s, then back to B's first refusal): 66-90 s at load 22-29.
  test.setTimeout(150_000);
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto(`/?compare=two-meshes-via-gateway,two-meshes-direct&faults=${expire('payments-bridge')}&faultsB=${expire('storefront')}&t=27s`);
  await expect.poll(() => paneValue(page, 'A', 'pane-time'), { timeout: 120_000 }).toBe('27000');
  await expect.poll(() => paneValue(page, 'B', 'pane-time'), { timeout: 120_000 }).toBe('27000');
  const timeline = page.locator('.compare-timeline');
  const marks = timeline.getByTestId('timeline-refusal');
  await expect(marks.first()).toBeVisible({ timeout: 30_000 });
  const read = () => marks.evaluateAll((es) => es.map((e) => [(e as HTMLElement).dataset.sides, Number((e as HTMLElement).dataset.ms)] as const));
  const all = await read();
  // One tick a run, each after its fault's 9 s and before the moment shown.
  expect(all.map(([s]) => s).sort()).toEqual(['A', 'B']);
  for (const [, ms] of all) {
    expect(ms).toBeGreaterThanOrEqual(9000);
    expect(ms).toBeLessThan(27_000);
  }
  const a = timeline.locator('[data-testid="timeline-refusal"][data-sides="A"]');
  const b = timeline.locator('[data-testid="timeline-refusal"][data-sides="B"]');
  await expect(a).toHaveAttribute('aria-label', /^First handshake refused at .*payments-bridge's expiry \(in A only\)$/);
  await expect(b).toHaveAttribute('aria-label', /storefront's expiry \(in B only\)$/);
  const tags = timeline.locator('.compare-side-fault-tag');
  for (const [w, h] of [
    [1600, 1000],
    [1024, 768],
  ] as const) {
    await page.setViewportSize({ width: w, height: h });
    await expect(a).toBeInViewport();
    // A's tick in the upper part of the track, B's lower; neither over a fault band's A/B tag.
    const [ab, bb] = [(await a.boundingBox())!, (await b.boundingBox())!];
    expect(ab.y, `${w}x${h}`).toBeLessThan(bb.y);
    // Two blocks, not two hairlines: 5 px drawn, and B's top 2 px under A's foot (a white line between their rims).
    for (const m of [a, b]) expect(await m.evaluate((e) => getComputedStyle(e, '::before').width), `${w}x${h}`).toBe('5px');
    expect(bb.y - (ab.y + ab.height), `${w}x${h}`).toBe(2);
    for (const m of [a, b]) for (let i = 0; i < (await tags.count()); i++) expect(await overlap(m, tags.nth(i)), `${w}x${h}`).toBe(false);
    // Each tick is what a press at its middle hits.
    for (const m of [a, b]) {
      const box = (await m.boundingBox())!;
      expect(await page.evaluate(([x, y]) => (document.elementFromPoint(x, y) as HTMLElement | null)?.dataset.testid, [box.x + box.width / 2, box.y + box.height / 2]), `${w}x${h}`).toBe('timeline-refusal');
    }
    await saveShot(page, `comparerefusals-${w}.png`);
  }
  // Hovered, a tick grows to 7 px and its title says when, what was refused, whose it is and what a press does.
  await a.hover();
  await expect.poll(() => a.evaluate((e) => getComputedStyle(e, '::before').width)).toBe('7px');
  await expect(a).toHaveAttribute('title', /^First handshake refused at \d+\.\d+ s: certificate expired \(tls-expired-cert\), payments-bridge's expiry \(in A only\): press to take both runs there$/);
  await saveShot(page, 'comparerefusals-hover-1024.png');
  // B's tick takes both runs to B's first refusal (run again from 0): B's tick stays, and A's only if A's came first.
  const [aMs, bMs] = (['A', 'B'] as const).map((side) => all.find(([s]) => s === side)![1]);
  await b.click();
  await expect.poll(() => paneValue(page, 'A', 'pane-time'), { timeout: 120_000 }).toBe(String(bMs));
  await expect.poll(() => paneValue(page, 'B', 'pane-time'), { timeout: 120_000 }).toBe(String(bMs));
  await expect(b).toHaveAttribute('data-ms', String(bMs));
  await expect(a).toHaveCount(aMs <= bMs ? 1 : 0);
});
