// The ownership drawer's rows below its foot are said there (session 53, G6; W6's report, item 4):
// at 1600x1000 gateway-and-mesh's tenth row, Observability, sat 15 px under the drawer's edge, a
// scroll shadow the only sign. Every row shows whole, or a cue at the view's foot counts and names
// those below; a click on it shows the last row. At 1600x1000 and 1024x768.
import { expect } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { saveShot } from './fixtures/shots';

test("gateway-and-mesh at 10 s: the ownership drawer's rows below its foot are counted and named at its foot, and a click shows them, at 1600x1000 and 1024x768", async ({ page }) => {
  test.setTimeout(180_000);
  for (const [w, h] of [
    [1600, 1000],
    [1024, 768],
  ] as const) {
    await page.setViewportSize({ width: w, height: h });
    await page.goto('/?scenario=gateway-and-mesh&t=10s');
    await expect(page.getByTestId('sim-time')).toHaveText(/^10\.0+ s$/, { timeout: 90_000 });
    // The drawer keeps its tab over a page load: a click on the open tab would fold it.
    const tab = page.getByTestId('tab-ownership');
    if ((await tab.getAttribute('aria-selected')) !== 'true') await tab.click();
    const view = page.getByTestId('ownership');
    await expect(view.getByTestId('ownership-row')).toHaveCount(10);
    /** The features of the rows not whole inside the view's visible box, and the cue's box against it. */
    const read = () =>
      view.evaluate((v) => {
        const top = v.getBoundingClientRect().top + v.clientTop;
        const foot = top + v.clientHeight;
        const cut = Array.from(v.querySelectorAll<HTMLElement>('[data-testid="ownership-row"]'))
          .filter((r) => r.getBoundingClientRect().bottom > foot + 0.5)
          .map((r) => r.dataset.feature);
        const c = v.querySelector('[data-testid="ownership-rows-cue"]')?.getBoundingClientRect();
        return { cut, cue: c ? { inside: c.top >= top - 0.5 && c.bottom <= foot + 0.5, h: c.height } : null };
      });
    await expect.poll(async () => (await read()).cut.length > 0 === ((await read()).cue !== null)).toBe(true);
    const before = await read();
    console.log(`${w}x${h}: rows below the foot ${before.cut.join(', ') || 'none'}`);
    await saveShot(page, `ownershiprows-${w}x${h}.png`);
    if (before.cut.length === 0) continue;
    const cue = view.getByTestId('ownership-rows-cue');
    await expect(cue).toHaveText(new RegExp(`^↓ ${before.cut.length} more rows?: `));
    if (w === 1600) await expect(cue).toHaveText('↓ 1 more row: Observability');
    expect(before.cue!.inside, 'the cue lies whole inside the view').toBe(true);
    await cue.click();
    await expect(cue).toHaveCount(0);
    expect((await read()).cut).toEqual([]);
    await saveShot(page, `ownershiprows-${w}x${h}-shown.png`);
  }
});
