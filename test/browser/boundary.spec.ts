// Control-plane reach drawn (DOMAIN.md idea 2): a person opens control-plane-boundary at 10 s and
// sees, inside the corp mesh, a dashed region round ledger and fraud-check named "payments-lob: may
// not reach corp's control plane"; no other box is in it, its words overlap no box, tab or link
// label, and they stay on the stage. Inspect -> ledger says the same in the panel. The same in
// presenter mode. At 1600x1000 and 1024x768; screenshots saved for a person to look at.
import { expect, type Page } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { settled } from './fixtures/settle';
import { saveShot } from './fixtures/shots';

const WORDS = "payments-lob: may not reach corp's control plane";
const SIZES = [
  [1600, 1000],
  [1024, 768],
] as const;

/** The boundary's outline and words, every box and what its words must keep off, viewport px. */
async function drawn(page: Page) {
  return page.locator('svg[data-testid="topology"]').evaluate((svg) => {
    const rect = (el: Element) => {
      const r = el.getBoundingClientRect();
      return { x0: r.left, y0: r.top, x1: r.right, y1: r.bottom };
    };
    const shown = (el: Element) => getComputedStyle(el).visibility !== 'hidden' && (el.textContent ?? '').trim() !== '';
    const g = svg.querySelector('.topo-boundary[data-boundary="payments-lob"]');
    return {
      stage: rect(svg),
      area: g ? rect(g.querySelector('.topo-boundary-area')!) : null,
      words: g ? rect(g.querySelector('.topo-boundary-label')!) : null,
      boxes: Array.from(svg.querySelectorAll('.topo-node[data-node]')).map((n) => ({ name: n.getAttribute('data-node')!, ...rect(n.querySelector('.topo-card-front, .topo-client-body') ?? n) })),
      others: [...Array.from(svg.querySelectorAll('.topo-edge-label')).filter(shown), ...Array.from(svg.querySelectorAll('.topo-mesh-label'))].map((t) => ({ text: t.textContent, ...rect(t) })),
    };
  });
}

type Box = { x0: number; y0: number; x1: number; y1: number };
const overlaps = (a: Box, b: Box) => a.x0 < b.x1 - 1 && b.x0 < a.x1 - 1 && a.y0 < b.y1 - 1 && b.y0 < a.y1 - 1;
const within = (a: Box, b: Box) => a.x0 >= b.x0 - 0.5 && a.x1 <= b.x1 + 0.5 && a.y0 >= b.y0 - 0.5 && a.y1 <= b.y1 + 0.5;

async function checkDrawn(page: Page, where: string) {
  // Its words, in one line or wrapped between words (a line a tspan).
  await expect.poll(() => page.locator('.topo-boundary-label tspan').allTextContents().then((t) => t.join(' '))).toBe(WORDS);
  const d = await drawn(page);
  expect(d.area, where).not.toBeNull();
  for (const b of d.boxes) {
    const inside = within(b, d.area!);
    expect(inside, `${b.name} inside the boundary, ${where}`).toBe(b.name === 'ledger' || b.name === 'fraud-check');
    expect(overlaps(b, d.words!), `the boundary's words over ${b.name}, ${where}`).toBe(false);
  }
  for (const o of d.others) expect(overlaps(o, d.words!), `the boundary's words over "${o.text}", ${where}`).toBe(false);
  expect(within(d.words!, d.stage), `the boundary's words on the stage, ${where}`).toBe(true);
}

test("control-plane-boundary: a dashed region named \"payments-lob: may not reach corp's control plane\" round ledger and fraud-check, and Inspect -> ledger says so, at 1600x1000 and 1024x768", async ({ page }) => {
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto('/?scenario=control-plane-boundary&t=10s');
  await expect(page.getByTestId('sim-time')).toHaveText('10.0 s', { timeout: 60_000 });
  for (const [w, h] of SIZES) {
    await page.setViewportSize({ width: w, height: h });
    await settled(page);
    await saveShot(page, `boundary-${w}x${h}.png`);
    await checkDrawn(page, `at ${w}x${h}`);
  }
  await page.getByTestId('inspector-toggle').click();
  const panel = page.getByTestId('inspector');
  await expect(panel).toBeVisible();
  await page.getByTestId('topology').locator('[data-node="ledger"]').click();
  await expect(panel.getByTestId('inspect-node').locator('h3')).toHaveText(/^ledger/);
  await expect(panel.getByTestId('inspect-boundary')).toHaveText(`${WORDS}, so its proxies get no routes, endpoints or certificate.`);
  await saveShot(page, 'boundary-inspect-ledger-1024x768.png');
  await page.setViewportSize({ width: 1600, height: 1000 });
  await settled(page);
  await saveShot(page, 'boundary-inspect-ledger-1600x1000.png');
  // A box outside the boundary says nothing of it; the control plane names what it denies.
  await panel.getByTestId('inspector-picker').selectOption({ label: 'checkout' });
  await expect(panel.getByTestId('inspect-node').locator('h3')).toHaveText(/^checkout/);
  await expect(panel.getByTestId('inspect-boundary')).toHaveCount(0);
});

test('control-plane-boundary in presenter mode: the dashed region and its words, clear of boxes and labels, at 1024x768 and 1600x1000', async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.goto('/?scenario=control-plane-boundary&t=10s');
  await expect(page.getByTestId('sim-time')).toHaveText('10.0 s', { timeout: 60_000 });
  await page.keyboard.press('f');
  await expect(page.getByTestId('app')).toHaveClass(/presenter/);
  for (const [w, h] of [...SIZES].reverse()) {
    await page.setViewportSize({ width: w, height: h });
    await settled(page);
    await expect(page.getByTestId('app')).toHaveClass(/presenter/);
    await saveShot(page, `boundary-presenter-${w}x${h}.png`);
    await checkDrawn(page, `presenter mode at ${w}x${h}`);
  }
});
