// Nodes placed by hand: a drag moves a node (SVG and canvas views), the position comes back
// after a reload, a scenario's `layout` field draws it there, and an unknown name in `layout` is
// refused by field. A click on a service with replicas unfolds them into cards of their own.
import { readFileSync } from 'node:fs';
import { expect, type Page } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { settled } from './fixtures/settle';
import { pack } from '../../src/ui/recipe/codec';
import { saveShot } from './fixtures/shots';

/** Centre of a drawn node on the page, CSS pixels. */
async function centreOf(page: Page, name: string): Promise<{ x: number; y: number }> {
  const node = page.locator(`svg[data-testid="topology"] [data-node="${name}"] .topo-card-front, svg[data-testid="topology"] [data-node="${name}"] .topo-client-body`).first();
  // Drawn before it is measured: boundingBox() alone read null in a fresh page (two workers, session 19's
  // CI), and once after toBeVisible too, the node drawn anew between the two (session 24, load 30).
  let box: { x: number; y: number; width: number; height: number } | null = null;
  await expect.poll(async () => (box = await node.boundingBox()) !== null, { message: `${name} drawn` }).toBe(true);
  const b = box!;
  return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
}

/**
 * Where a node sits relative to frontend, in heights of frontend's box: the same whatever size
 * the stage has when it is measured (the drawing is refitted when panels around it change).
 */
async function rel(page: Page, name: string): Promise<{ x: number; y: number }> {
  const a = await centreOf(page, name);
  const front = page.locator('svg[data-testid="topology"] [data-node="frontend"] .topo-card-front');
  let box: { x: number; y: number; width: number; height: number } | null = null;
  await expect.poll(async () => (box = await front.boundingBox()) !== null, { message: 'frontend drawn' }).toBe(true);
  const f = box!;
  return { x: (a.x - (f.x + f.width / 2)) / f.height, y: (a.y - (f.y + f.height / 2)) / f.height };
}

const near = (a: { x: number; y: number }, b: { x: number; y: number }) => {
  expect(Math.abs(a.x - b.x)).toBeLessThan(0.02);
  expect(Math.abs(a.y - b.y)).toBeLessThan(0.02);
};

/** Waits until `name` sits where `want` says (a link's positions apply once its scenario has opened). */
const settlesAt = (page: Page, name: string, want: { x: number; y: number }) =>
  expect.poll(async () => {
    const r = await rel(page, name);
    return Math.hypot(r.x - want.x, r.y - want.y);
  }).toBeLessThan(0.02);

/** The positions this browser keeps for a scenario's dragged nodes. */
const saved = (page: Page, scenario: string) => page.evaluate((k) => JSON.parse((globalThis as unknown as { localStorage: { getItem(k: string): string | null } }).localStorage.getItem(k) ?? '{}') as Record<string, { x: number; y: number }>, `meshsim-layout:${scenario}`);

async function drag(page: Page, from: { x: number; y: number }, dx: number, dy: number): Promise<void> {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  // In steps, as a hand moves: the first few pixels do not yet make a drag.
  for (let i = 1; i <= 8; i++) await page.mouse.move(from.x + (dx * i) / 8, from.y + (dy * i) / 8);
  await page.mouse.up();
  // The drop is drawn on the next frames.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 50)))));
}

test('dragging a node moves it and its links, keeps it there after a reload, and Reset layout puts it back', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('run-status')).toHaveText('ready');
  const cart0 = await centreOf(page, 'cart');
  const rel0 = await rel(page, 'cart');
  const edge0 = await page.locator('[data-edge="frontend->cart"] .topo-edge-line').getAttribute('d');
  const zoom0 = await page.locator('.topology-stage').getAttribute('data-zoom');

  await drag(page, { x: cart0.x - 40, y: cart0.y }, -120, 90);
  const cart1 = await centreOf(page, 'cart');
  const rel1 = await rel(page, 'cart');
  // The node followed the pointer (the picture may be refitted, so within a few pixels of the
  // pointer's travel once the fit is the same), the camera did not pan, the others stayed.
  expect(Math.hypot(cart1.x - cart0.x, cart1.y - cart0.y)).toBeGreaterThan(60);
  expect(await page.locator('.topology-stage').getAttribute('data-zoom')).toBe(zoom0);
  expect(await page.locator('[data-edge="frontend->cart"] .topo-edge-line').getAttribute('d')).not.toBe(edge0);
  const kept = await saved(page, 'hello-mesh');
  expect(Object.keys(kept)).toEqual(['cart']);
  await saveShot(page, 'drag-node-svg.png');

  await page.reload();
  await expect(page.getByTestId('run-status')).toHaveText('ready');
  await settlesAt(page, 'cart', rel1);

  await page.getByTestId('layout-reset').click();
  near(await rel(page, 'cart'), rel0);
  expect(await saved(page, 'hello-mesh')).toEqual({});
  await expect(page.getByTestId('layout-reset')).toHaveCount(0);
});

test('the share link carries dragged nodes: a fresh browser opening the URL draws them where they were dragged', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('run-status')).toHaveText('ready');
  const cart0 = await centreOf(page, 'cart');
  await drag(page, { x: cart0.x - 40, y: cart0.y }, -140, 110);
  const dragged = await rel(page, 'cart');
  await expect.poll(() => new URL(page.url()).searchParams.has('layout')).toBe(true);
  const url = page.url();
  const kept = JSON.parse(JSON.stringify(await saved(page, 'hello-mesh'))) as Record<string, { x: number; y: number }>;

  // As another browser profile: nothing kept in its storage, only the link. The app keeps a
  // person's things in localStorage alone (no cookies, IndexedDB or caches; the service worker is
  // blocked), so this page with it emptied is that profile, without a context and renderer more.
  await page.evaluate(() => localStorage.clear());
  const other = page;
  await other.goto(url);
  await expect(other.getByTestId('run-status')).toHaveText('ready');
  await settlesAt(other, 'cart', dragged);
  expect(await saved(other, 'hello-mesh')).toEqual({});
  await saveShot(other, 'drag-share-link.png');

  // A name the topology does not have is reported at its field and left out; the rest is used.
  const param = pack(JSON.stringify({ cart: [kept.cart.x, kept.cart.y], ghost: [0, 0] }));
  await other.goto(`/?scenario=hello-mesh&layout=${param}`);
  await expect(other.getByTestId('link-problems')).toContainText('layout.ghost: unknown node; left out');
  await settlesAt(other, 'cart', dragged);
});

test("a scenario's layout field places its nodes, and an unknown node name in it is refused by field", async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('run-status')).toHaveText('ready');
  const cart0 = await centreOf(page, 'cart');
  await drag(page, { x: cart0.x - 40, y: cart0.y }, -150, 100);
  const dragged = await rel(page, 'cart');
  const layout = await saved(page, 'hello-mesh');

  // The same scenario under another name, with the dragged position in its file.
  const hello = JSON.parse(readFileSync('scenarios/hello-mesh.json', 'utf8')) as Record<string, unknown>;
  const file = { ...hello, name: 'hello-placed', layout };
  await page.getByTestId('scenario-file').setInputFiles({ name: 'hello-placed.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
  await expect(page.locator('[data-drawn="hello-placed"]')).toBeVisible();
  near(await rel(page, 'cart'), dragged);
  await saveShot(page, 'drag-layout-field.png');

  const bad = { ...hello, name: 'hello-bad-layout', layout: { ...layout, 'no-such-node': { x: 1, y: 2 } } };
  await page.getByTestId('scenario-file').setInputFiles({ name: 'bad-layout.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bad)) });
  await expect(page.getByTestId('load-problems')).toContainText('line 1: layout.no-such-node: unknown node');
  // The placed scenario is still the one on screen.
  await expect(page.locator('[data-drawn="hello-placed"]')).toBeVisible();
});

test('on the canvas view of 2,000 nodes, a node zoomed into drags and stays after a reload', async ({ page }) => {
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto('/?scenario=istio-load-test-full');
  await expect(page.locator('[data-drawn="istio-load-test-full"]')).toBeVisible({ timeout: 60_000 });
  await page.getByTestId('node-search').fill('svc-010');
  await page.getByTestId('node-search').press('Enter');
  await expect(page.getByTestId('node-search-result')).toContainText('svc-010');
  // The found node is centred on the stage.
  const stage = (await page.locator('.topology-stage').boundingBox())!;
  const at = { x: stage.x + stage.width / 2, y: stage.y + stage.height / 2 };
  // Pressed once the camera has come to rest on it.
  await settled(page);
  await drag(page, at, 90, -70);
  const kept = await saved(page, 'istio-load-test-full');
  expect(Object.keys(kept)).toEqual(['svc-010']);
  await saveShot(page, 'drag-node-canvas.png');
  await page.reload();
  await expect(page.locator('[data-drawn="istio-load-test-full"]')).toBeVisible({ timeout: 60_000 });
  expect(await saved(page, 'istio-load-test-full')).toEqual(kept);
});

test('a click on a service unfolds its replicas into cards with their own state, workers and queue; another folds them', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('run-status')).toHaveText('ready');
  const frontend = page.locator('svg[data-testid="topology"] [data-node="frontend"]');
  // Its box reads null while the stage draws it (session 38's CI, just after 'ready'): read until laid out.
  let box: Awaited<ReturnType<typeof frontend.boundingBox>> = null;
  await expect.poll(async () => (box = await frontend.boundingBox()) !== null).toBe(true);
  const before = box!;
  const catalog0 = await rel(page, 'catalog');
  await frontend.locator('.topo-card').click();
  const cards = frontend.locator('[data-replica]');
  await expect(cards).toHaveCount(2);
  // The figures come from the worker, per replica.
  await expect(cards.first()).toHaveAttribute('data-state', 'up');
  await page.getByTestId('speed').selectOption('1');
  await page.getByTestId('play').click();
  await expect.poll(async () => Number(await page.getByTestId('sent-count').textContent().then((t) => (t ?? '').replace(/\D/g, ''))), { timeout: 20_000 }).toBeGreaterThan(20);
  await expect(cards.nth(1)).toHaveAttribute('data-busy', /\d+/);
  await expect(cards.first().locator('text').first()).toHaveText(/#0 (up|slow|down|ejected)/);
  // hello-mesh places frontend's replicas in zone-a and zone-b: a zoned scenario's cards say the
  // zone and the requests served a second (zoneText.ts); the bar and data-busy keep the workers.
  expect(await cards.first().locator('.topo-replica-figure').first().textContent()).toBe('zone-a');
  // The unfolded node grows; read until it is laid out again (its box reads null while the
  // stage redraws it: CI, session 35, one run in two).
  await expect.poll(async () => (await frontend.boundingBox())?.height ?? 0).toBeGreaterThan(before.height + 20);
  await page.getByTestId('pause').click();
  await saveShot(page, 'unfold-replicas.png');

  await frontend.locator('.topo-card').click();
  await expect(cards).toHaveCount(0);
  near(await rel(page, 'catalog'), catalog0);
});
