// A picture with hand-placed nodes, folded into group tiles in presenter mode: every node is drawn
// in its tile. A scenario's `layout` is in the SVG drawing's design units; the tiles have units of
// their own, and the fold once put third-party-direct's partner (then at 802, 190) at that point of
// the tiles' picture, off the canvas: the tiles drew 4 of its 5 nodes (session 44).
import { readFileSync } from 'node:fs';
import { expect, type Page } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { settled } from './fixtures/settle';
import { saveShot } from './fixtures/shots';

type Drawn = { nodes: number; marks: { kind: string; text?: string }[] };

/** The canvas view's drawn scene (its node count and labels), the stage's view, and the node count the canvas states. */
const readFold = (page: Page) =>
  page.evaluate(() => {
    const stage = document.querySelector('.topology-stage') as HTMLElement;
    const canvas = document.querySelector('[data-testid="topology-canvas"]') as (HTMLCanvasElement & { meshsimDrawn?: Drawn }) | null;
    const drawn = stage.dataset.view === 'canvas' ? (canvas?.meshsimDrawn ?? null) : null;
    const count = Number(/(\d+) nodes/.exec(canvas?.getAttribute('aria-label') ?? '')?.[1] ?? NaN);
    return { view: stage.dataset.view ?? '', drawn: drawn?.nodes ?? null, count, svgNodes: document.querySelectorAll('svg[data-testid="topology"] .topo-nodes [data-node]').length };
  });

/** third-party-direct as it was before a5d8984: its partner placed by hand at (802, 190), right of the shop's mesh. */
const placedFile = () => {
  const file = JSON.parse(readFileSync('scenarios/third-party-direct.json', 'utf8')) as Record<string, unknown>;
  return { ...file, name: 'partner-placed', layout: { 'shipping-partner': { x: 802, y: 190 } } };
};

test('a scenario with a hand-placed node folded into group tiles in presenter mode draws all five of its nodes in its tiles', async ({ page }) => {
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto('/?scenario=hello-mesh');
  await expect(page.getByTestId('run-status')).toHaveText('ready');
  await page.getByTestId('scenario-file').setInputFiles({ name: 'partner-placed.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(placedFile())) });
  await expect(page.locator('[data-drawn="partner-placed"]')).toBeVisible();
  await expect(page.getByTestId('run-status')).toHaveText('ready');
  // At 1600x1000 the picture is drawn whole, the partner where its file puts it.
  await settled(page);
  expect(await readFold(page)).toMatchObject({ view: 'svg', svgNodes: 5 });
  await saveShot(page, 'foldplaced-1600x1000.png');
  await page.keyboard.press('f');
  await expect(page.getByTestId('app')).toHaveClass(/presenter/);
  await settled(page);
  await saveShot(page, 'foldplaced-1600x1000-presenter.png');

  // At 1024x768 presenter mode folds it (the partner far right makes the picture 0.6 of its design
  // size beside the story column) and every node has its square in a tile.
  await page.setViewportSize({ width: 1024, height: 768 });
  await expect(page.getByTestId('presenter-fold')).toHaveAttribute('data-fold', 'groups');
  await expect.poll(async () => (await readFold(page)).view).toBe('canvas');
  await expect.poll(async () => (await readFold(page)).drawn, { message: 'node squares drawn in the tiles' }).toBe(5);
  expect((await readFold(page)).count).toBe(5);
  await settled(page);
  await saveShot(page, 'foldplaced-1024x768-presenter.png');

  // Out of presenter mode the partner is back where the file puts it: the fold moved nothing.
  await page.keyboard.press('f');
  await expect(page.getByTestId('app')).not.toHaveClass(/presenter/);
  await expect.poll(async () => (await readFold(page)).svgNodes).toBe(5);
  await settled(page);
  await saveShot(page, 'foldplaced-1024x768.png');
});
