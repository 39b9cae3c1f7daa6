// What a teacher reads in the counters and a lesson's figure, side by side (N4-report 3, 4, 8): the
// failure causes the story names, each with its count, and a figure whose caption names the
// requests it is a share of, so it never seems to contradict the counters' shares of all sent.
import { expect, type Page } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { settled } from './fixtures/settle';
import { saveShot } from './fixtures/shots';

async function openAt(page: Page, scenario: string, seconds: number) {
  await page.goto(`/?scenario=${scenario}&t=${seconds}s`);
  await expect.poll(async () => Number.parseFloat((await page.getByTestId('sim-time').textContent())!), { timeout: 30_000 }).toBeCloseTo(seconds, 0);
  await expect(page.getByTestId('run-status')).not.toHaveText('playing');
  await settled(page);
}

/** The cause chips as drawn: name, count, box; and the '+n' when it shows. */
async function drawnCauses(page: Page) {
  return page.getByTestId('failure-causes').evaluate((ul) => {
    const box = ul.getBoundingClientRect();
    const chips = Array.from(ul.querySelectorAll<HTMLElement>('li.cause'))
      .filter((li) => getComputedStyle(li).display !== 'none')
      .map((li) => {
        const r = li.getBoundingClientRect();
        const name = li.querySelector<HTMLElement>('.cause-name')!;
        return { name: name.textContent!, count: li.querySelector('.cause-count')!.textContent!, x: r.x, right: r.right, nameCut: name.scrollWidth > name.clientWidth + 0.5 };
      });
    const more = ul.querySelector<HTMLElement>('li.causes-more');
    const plus = more && getComputedStyle(more).display !== 'none' ? (more.dataset.more ?? '') : '';
    const all = ul.getAttribute('title') ?? '';
    return { chips, plus, all: all ? all.split(', ') : [], left: box.x, right: box.right };
  });
}

const SIZES = [
  { width: 1600, height: 1000 },
  { width: 1024, height: 768 },
];

for (const { scenario, seconds, named } of [
  { scenario: 'gateway-and-mesh', seconds: 60, named: ['rate-limited', 'unauthenticated', 'sunset'] },
  { scenario: 'partial-adoption', seconds: 30, named: ['tls-plaintext-rejected', 'http-5xx'] },
]) {
  test(`${scenario} at ${seconds} s: the counters draw the causes the story names, each with its count, '+n' only for the rest`, async ({ page }) => {
    await page.setViewportSize(SIZES[0]);
    await openAt(page, scenario, seconds);
    for (const size of SIZES) {
      await test.step(`${size.width}x${size.height}`, async () => {
        await page.setViewportSize(size);
        await settled(page);
        const c = await drawnCauses(page);
        const shown = c.chips.map((ch) => `${ch.name} ${ch.count}`);
        expect(c.chips.length, `${shown.join(', ')} ${c.plus}`).toBeGreaterThan(0);
        // Drawn in the tooltip's order (most frequent first), '+n' counting exactly the rest.
        expect(shown).toEqual(c.all.slice(0, shown.length));
        expect(c.plus).toBe(c.all.length > shown.length ? `+${c.all.length - shown.length}` : '');
        // Side by side, none over another, all inside the list (the first's name may give way).
        for (let i = 0; i < c.chips.length; i++) {
          expect(c.chips[i].right, `${shown[i]} inside the list`).toBeLessThanOrEqual(c.right + 0.5);
          if (i > 0) {
            expect(c.chips[i].x, `${shown[i]} after ${shown[i - 1]}`).toBeGreaterThanOrEqual(c.chips[i - 1].right);
            expect(c.chips[i].nameCut, `${shown[i]} whole`).toBe(false);
          }
        }
        // At 1600x1000 every cause the story names is drawn (the top three at least).
        if (size.width === 1600) {
          expect(c.chips.length, shown.join(', ')).toBeGreaterThanOrEqual(Math.min(3, c.all.length));
          for (const n of named) expect(c.chips.map((ch) => ch.name), `${n} drawn`).toContain(n);
          expect(c.chips.some((ch) => ch.nameCut)).toBe(false);
        }
        const tops = await page.locator('.strip > *').evaluateAll((els) => els.map((e) => Math.round(e.getBoundingClientRect().top)));
        expect(new Set(tops).size, `the counters on one row (tops ${tops.join(', ')})`).toBe(1);
        await saveShot(page, `causes-${scenario}-${size.width}.png`);
      });
    }
  });
}

test("two-meshes-via-gateway at its end: the lesson figure's caption names the requests that ended, with their count, as the counters add up", async ({ page }) => {
  await page.setViewportSize(SIZES[0]);
  await openAt(page, 'two-meshes-via-gateway', 30);
  const num = async (id: string) => Number((await page.getByTestId(id).textContent())!.replace(/[^0-9.]/g, ''));
  const [ok, failed, inFlight] = [await num('ok-count'), await num('failed-count'), await num('in-flight-count')];
  expect(inFlight, 'requests still in flight at the end').toBeGreaterThan(0);
  const figure = page.getByTestId('lesson-figure').first();
  await expect(figure).toBeVisible();
  // "of the 2,508 requests that ended", never "of all requests in the run" (it excluded those in flight).
  await expect(figure).not.toContainText('all requests');
  const base = Number((await figure.textContent())!.match(/of the ([\d,]+) requests that ended/)![1].replace(/,/g, ''));
  expect(base, `ok ${ok} + failed ${failed}`).toBe(ok + failed);
  await saveShot(page, 'causes-figure-base-1600.png');
  await page.setViewportSize(SIZES[1]);
  await settled(page);
  await saveShot(page, 'causes-figure-base-1024.png');
});

test("control-plane-boundary's figure says its 25% is a probability, beside the measured 23-24%", async ({ page }) => {
  await page.setViewportSize(SIZES[0]);
  await openAt(page, 'control-plane-boundary', 29);
  const figure = page.getByTestId('lesson-figure').first();
  await expect(figure).toContainText('lesson: about 25%');
  await expect(figure).toContainText('probability 0.25');
  await saveShot(page, 'causes-cpb-1600.png');
  await page.setViewportSize(SIZES[1]);
  await settled(page);
  await saveShot(page, 'causes-cpb-1024.png');
});
