// What of a picture lies past the stage's edges, and its words (offStage.ts; trial T2, item 6).
import { expect, test } from 'vitest';
import { inView, offStage, offStageWords, sameOffStage } from '../../src/ui/topology/offStage';
import type { Layout, PlacedNode } from '../../src/ui/topology/layoutTypes';

/** A node of `name` (kind `kind`) centred at (x, y), 100 x 50 design units. */
const node = (name: string, x: number, y: number, kind = 'service', id = 0) => ({ node: { id, name, kind }, col: 0, x, y, w: 100, h: 50 }) as unknown as PlacedNode;

/** A 400 x 300 px stage at scale 1, no offset, holding `nodes`. */
const layout = (nodes: PlacedNode[]): Layout => ({ width: 400, height: 300, scale: 1, tx: 0, ty: 0, nodes, edges: [], meshes: [], controlLinks: [] });

test('nodes whole inside the stage: null, and no words', () => {
  const l = layout([node('a', 60, 40), node('b', 340, 260)]);
  expect(offStage(l, { k: 1, x: 0, y: 0 })).toBeNull();
  expect(offStageWords(null)).toBe('');
});

test('each node whose shape has its centre past an edge is named under the side it reaches furthest past, a control plane as such; the camera moves the picture', () => {
  const l = layout([node('shoppers', -80, 150, 'client'), node('storefront', 20, 150), node('checkout', 200, 150), node('ledger', 420, 150), node('retail', 200, -10, 'control-plane')]);
  const off = offStage(l, { k: 1, x: 0, y: 0 });
  // storefront (-30 to 70 px) is 30 px past the left, under half its 100: seen, not named.
  expect(off).toEqual({ left: ['shoppers'], right: ['ledger'], above: ['retail control plane'] });
  expect(offStageWords(off)).toBe('◀ 1 off to the left: shoppers; ▶ 1 off to the right: ledger; ▲ 1 off the top: retail control plane');
  // Panned 150 px right and 40 down: shoppers and the control plane come in; ledger goes further right.
  expect(offStage(l, { k: 1, x: 150, y: 40 })).toEqual({ right: ['ledger'] });
  // Zoomed to 2x about the corner: shoppers' centre 160 px past the left; storefront's and checkout's
  // inside (60 and 100 of their 200 px past: seen); the control plane's centre 20 px above the top, named
  // under the right, where it reaches furthest (100 px against 70); ledger's past the right.
  expect(offStage(l, { k: 2, x: 0, y: 0 })).toEqual({ left: ['shoppers'], right: ['ledger', 'retail control plane'] });
  // Panned 10 px right: checkout's centre lies past the right too.
  expect(offStage(l, { k: 2, x: 10, y: 0 })).toEqual({ left: ['shoppers'], right: ['checkout', 'ledger', 'retail control plane'] });
});

test("a shape cut by a few px is seen, not named (1024x768 beside the inspector: retry-storm's control plane icon 2 px past the left edge)", () => {
  const l = layout([node('shop', 48, 150, 'control-plane'), node('api', -40, 150)]);
  expect(offStage(l, { k: 1, x: 0, y: 0 })).toEqual({ left: ['api'] });
});

test('more than three past a side: three named, the rest counted', () => {
  const l = layout(['a', 'b', 'c', 'd', 'e'].map((n, i) => node(n, -100 - i * 120, 150)));
  expect(offStageWords(offStage(l, { k: 1, x: 0, y: 0 }))).toBe('◀ 5 off to the left: a, b, c +2 more');
});

test('half a pixel past an edge is inside; equal answers are the same', () => {
  const l = layout([node('a', 49.6, 150)]);
  expect(offStage(l, { k: 1, x: 0, y: 0 })).toBeNull();
  expect(sameOffStage({ left: ['a'] }, { left: ['a'] })).toBe(true);
  expect(sameOffStage({ left: ['a'] }, null)).toBe(false);
});

test('inView: whether the nodes of given ids lie whole in the stage through the camera, as offStage judges', () => {
  const l = layout([node('storefront', 20, 150, 'service', 1), node('checkout', 200, 150, 'service', 2), node('ledger', 420, 150, 'service', 3)]);
  expect(inView(l, { k: 1, x: 0, y: 0 }, [2])).toBe(true);
  expect(inView(l, { k: 1, x: 0, y: 0 }, [2, 3])).toBe(false);
  expect(inView(l, { k: 1, x: 0, y: 0 }, [1])).toBe(false);
  // Panned 40 px right: storefront comes whole inside.
  expect(inView(l, { k: 1, x: 40, y: 0 }, [1, 2])).toBe(true);
  expect(inView(l, { k: 1, x: 0, y: 0 }, [])).toBe(true);
});
