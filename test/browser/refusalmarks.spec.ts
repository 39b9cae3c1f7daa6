// Brief U2, 3 (session 46): the timeline marks the first refused handshake, and with two expiry faults each
// fault's line in the Faults list says its own first refusal (session 45 read the run's first on both). One page
// load: two-meshes-via-gateway with the bridge's certificates expired at 9 s and storefront's at 20 s, opened by
// link at 27 s (of its 30).
import { readFileSync } from 'node:fs';
import { expect } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { saveShot } from './fixtures/shots';
import { pack } from '../../src/ui/recipe/codec';

const scenario = JSON.parse(readFileSync(new URL('../../scenarios/two-meshes-via-gateway.json', import.meta.url), 'utf8'));
const TWO_EXPIRIES = {
  ...scenario,
  name: 'two-expiries',
  faults: [
    { type: 'expire-certificates', service: 'payments-bridge', at: '9s' },
    { type: 'expire-certificates', service: 'storefront', at: '20s' },
  ],
};

test("two expiries at 9 s and 20 s: each fault's line says its own first refused handshake, the timeline marks both (the 9.25 s tick clear of the 9 s fault's handle), and a mark seeks there (1600x1000, 1024x768)", async ({ page }) => {
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto(`/?t=27s#data=${pack(JSON.stringify(TWO_EXPIRIES))}`);
  await expect(page.getByTestId('sim-time')).toHaveText('27.0 s', { timeout: 120_000 });
  await expect(page.getByTestId('run-status')).toHaveText(/paused/, { timeout: 60_000 });
  const lines = page.getByTestId('fault-refusals');
  await expect(lines).toHaveCount(2, { timeout: 30_000 });
  const firsts = await lines.evaluateAll((es) => es.map((e) => Number((e as HTMLElement).dataset.firstMs)));
  // Listed in the faults' order: the bridge's first after 9 s and before 20 s, storefront's after 20 s (the build
  // before said the run's first, 9.25 s, on both).
  const [bridge, store] = firsts;
  expect(bridge).toBeGreaterThanOrEqual(9000);
  expect(bridge).toBeLessThan(20_000);
  expect(store).toBeGreaterThanOrEqual(20_000);
  await expect(lines.nth(1)).toContainText(`first handshake refused at ${(store / 1000).toFixed(1)} s: certificate expired (tls-expired-cert)`);
  // One mark at each, in the failures' colour, each saying whose.
  const marks = page.getByTestId('timeline-refusal');
  await expect(marks).toHaveCount(2);
  expect(await marks.evaluateAll((es) => es.map((e) => Number((e as HTMLElement).dataset.ms)))).toEqual([bridge, store]);
  await expect(marks.nth(1)).toHaveAttribute('aria-label', /storefront's expiry$/);
  await saveShot(page, 'refusalmarks-1600.png');
  // At 1024 px the bridge's 9.25 s tick stood against its fault's 9 s handle (session 46): two marks now, boxes apart,
  // each what a press at its middle hits.
  const handle = page.getByTestId('timeline-fault').first();
  for (const [w, h] of [
    [1600, 1000],
    [1024, 768],
  ] as const) {
    await page.setViewportSize({ width: w, height: h });
    await expect(marks.nth(1)).toBeVisible();
    const [m, f] = [(await marks.first().boundingBox())!, (await handle.boundingBox())!];
    const apart = m.x >= f.x + f.width || f.x >= m.x + m.width || m.y >= f.y + f.height || f.y >= m.y + m.height;
    expect(apart, `${w}x${h}: tick ${JSON.stringify(m)}, handle ${JSON.stringify(f)}`).toBe(true);
    for (const [el, id] of [
      [marks.first(), 'timeline-refusal'],
      [handle, 'timeline-fault'],
    ] as const) {
      const box = (await el.boundingBox())!;
      expect(await page.evaluate(([x, y]) => (document.elementFromPoint(x, y) as HTMLElement | null)?.closest('[data-testid]')?.getAttribute('data-testid'), [box.x + box.width / 2, box.y + box.height / 2]), `${w}x${h}`).toBe(id);
    }
  }
  await saveShot(page, 'refusalmarks-1024.png');
  // A press on storefront's mark goes to its first refusal, to the very ms.
  await marks.nth(1).click();
  await expect(page.getByTestId('sim-time')).toHaveAttribute('data-value', String(store), { timeout: 120_000 });
  await expect(page.getByTestId('run-status')).toHaveText(/paused/, { timeout: 60_000 });
  await expect(marks).toHaveCount(2);
  await saveShot(page, 'refusalmarks-seeked-1024.png');
});
