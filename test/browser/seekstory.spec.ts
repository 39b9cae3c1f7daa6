// The story's head during a seek (session 42; E1 left it in session 41): once a link's seek has been on its way to
// another step for a moment, the column shows that step's title and text dimmed, and its head now says "seeking to
// step 4 of 5 · 25 s" rather than the clock's "step 2 of 5" above step 4's title (its title says where the clock
// is). Once it lands the head reads "step 4 of 5" as before.
import { expect, test } from './fixtures/sharedPage';
import { saveShot } from './fixtures/shots';

for (const [width, height] of [
  [1600, 1000],
  [1024, 768],
] as const) {
  test(`while a link's seek runs to step 4, the story's head names step 4, then reads it as the clock's when it lands (${width}x${height})`, async ({ page }) => {
    test.setTimeout(120_000);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.setViewportSize({ width, height });
    // 10x CPU slowdown, so the seek to 30 s is still on its way after the story's 250 ms (PASSING_DELAY_MS) on any host.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 10 });
    const started = Date.now();
    await page.goto('/?scenario=gateway-only&t=30s');
    const status = page.getByTestId('run-status');
    await expect(status).toHaveAttribute('data-seeking-to', /./, { timeout: 30_000 });
    // One reading of the column at a time (the seek may land between two reads): the head names step 4 and its
    // moment, the clock's step is not named in the head (its title says it), the dimmed title is step 4's and the
    // line under the head says where it goes, as before.
    const column = () =>
      page.getByTestId('narrative').evaluate((el) => {
        const q = (id: string) => el.querySelector(`[data-testid="${id}"]`);
        const head = q('narrative-step-seeking');
        return {
          head: head?.textContent ?? null,
          at: head?.parentElement?.querySelector('.narrative-at')?.textContent ?? null,
          title: head?.parentElement?.getAttribute('title') ?? null,
          clockStep: q('narrative-step') !== null,
          passing: q('narrative-passing-title')?.textContent ?? null,
          going: q('narrative-going')?.textContent ?? null,
        };
      });
    // The picture taken at the first reading that names step 4 in the head, so it shows the seek on its way.
    let shot = false;
    const columnShot = async () => {
      const r = await column();
      if (!shot && r.head !== null) {
        shot = true;
        await saveShot(page, `seekstory-seeking-${width}.png`);
      }
      return r;
    };
    await expect
      .poll(columnShot, { timeout: 30_000, intervals: [50] })
      .toEqual({
        head: 'seeking to step 4 of 5',
        at: ' · 25 s',
        title: expect.stringMatching(/^On its way to step 4 at 25\.0 s; the clock is at (the start|step [123])$/),
        clockStep: false,
        passing: 'The failure reaches the user',
        going: '→ step 4 · 25 s…',
      });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    await expect(status).not.toHaveAttribute('data-seeking-to', /./, { timeout: 60_000 });
    await expect(page.getByTestId('narrative-step')).toHaveText(/^step 4 of 5$/i);
    await expect(page.getByTestId('narrative-step-seeking')).toHaveCount(0);
    await expect(page.getByTestId('narrative-going')).toHaveCount(0);
    await expect(page.getByTestId('narrative-title')).toHaveText('The failure reaches the user');
    await saveShot(page, `seekstory-landed-${width}.png`);
    console.log(`seek to 30 s landed ${Date.now() - started} ms after goto`);
    await cdp.detach();
    expect(errors).toEqual([]);
  });
}
