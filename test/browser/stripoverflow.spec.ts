// The counter strip at the small screens (trial T2, 5): two-meshes-via-gateway with the bridge's certificates
// expired at 10 s and the "Fill in" maxConnectionDuration change applied, at 20 s: failures from refused
// handshakes and the proxy CPU's '44% TLS handshakes' note. At 1366x768 the clock figure ran to x = 1385 (the page
// scrolled 19 px sideways) and the refused note was cut mid-word ('· 7,798 handshakes…'). Now no size scrolls
// sideways, every figure lies inside the window, and the note keeps to its two lines, its title saying it whole.
import { expect, test } from './fixtures/sharedPage';
import { saveShot } from './fixtures/shots';

/** The trial's share link (T2's /tmp/T2/link.txt): the expiry fault and the config change, at 20 s. */
const LINK =
  '/?scenario=two-meshes-via-gateway&faults=VYzRCsIwDEX_Jc8dWFDRvepfjD7UGDWwtSWtsiL9dzMQcXkJ3HPvGQa70TP2cNxvzRtKTQQ90JxYqEOSwjdGXyiDgUzyYlx48nWiUHJ3Eb7eCZozf6KdivDhg4L-p0xxZKwry0i6FY2-TMuTn08xBMLCMZyf4pevVZuhtebcBw&t=20s&speed=0.1&cols=5';

test('the counter strip with refused handshakes and the TLS note fits 1024x768, 1280x720, 1366x768, 1440x900 and 1600x1000: no sideways scroll, each figure inside the window, the refused note in two lines above 1280 px, its full text in its title', async ({ page }) => {
  test.setTimeout(400_000);
  for (const [width, height] of [
    [1366, 768],
    [1024, 768],
    [1280, 720],
    [1440, 900],
    [1600, 1000],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.goto(LINK);
    await expect(page.getByTestId('run-status')).toHaveText('paused', { timeout: 90_000 });
    const note = page.getByTestId('expired-handshakes');
    await expect(note).toBeVisible();
    await expect(note).toHaveAttribute('title', /handshakes? refused: a certificate had expired/);
    const m = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      right: Math.max(...Array.from(document.querySelectorAll('footer.strip > .figure')).map((e) => e.getBoundingClientRect().right)),
      note: (() => {
        const b = document.querySelector<HTMLElement>('[data-testid="expired-handshakes"]')!;
        const where = b.querySelector<HTMLElement>('.refused-where')!;
        return { clamped: b.scrollHeight > b.clientHeight + 1, whereRight: where.getBoundingClientRect().right, right: b.getBoundingClientRect().right };
      })(),
    }));
    await saveShot(page, `strip-refused-${width}x${height}.png`);
    expect(m.scroll, `${width}: no sideways scroll`).toBeLessThanOrEqual(width);
    expect(m.right, `${width}: the figures end inside the window`).toBeLessThanOrEqual(width);
    // Above 1280 px the short form fits its two lines; at 1024 px ('· 7,798 refused' alone takes two) the clamp ends it
    // in an ellipsis, its title whole.
    if (width > 1280) expect(m.note.clamped, `${width}: the refused note fits its two lines (no third line cut off)`).toBe(false);
    expect(m.note.whereRight, `${width}: its second line ends inside the note`).toBeLessThanOrEqual(m.note.right + 0.5);
  }
});
