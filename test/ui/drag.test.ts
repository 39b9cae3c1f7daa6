import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { World } from '../../src/models';
import { parseScenarioText } from '../../src/scenario';
import { draggedTo, placeGroupNodes, screenToDesign, tilesOwnPositions, withPosition } from '../../src/ui/topology/drag';
import { computeGroupLayout, LARGE_TOPOLOGY_NODES } from '../../src/ui/topology/groupLayout';
import { computeLayout } from '../../src/ui/topology/layout';
import { PRESENTER_MIN_SCALE } from '../../src/ui/topology/layoutTypes';
import { REPLICA_ROW, replicaRows } from '../../src/ui/topology/replicaGrid';
import { replicaCardBox, replicaState } from '../../src/ui/topology/replicaCards';

function topologyOf(file: string) {
  const r = parseScenarioText(readFileSync(new URL(`../../scenarios/${file}.json`, import.meta.url), 'utf8'));
  if (!r.ok) throw new Error(r.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
  return new World(r.scenario, r.scenario.seed).topology;
}

describe('dragging nodes', () => {
  test('a screen point maps back to the design point drawn there, through the camera and the fit', () => {
    const base = { scale: 0.5, tx: 100, ty: 40 };
    const camera = { k: 2, x: -30, y: 10 };
    const d = screenToDesign(370, 250, camera, base);
    // screen = camera.k × (tx + scale × x) + camera.x
    expect(camera.k * (base.tx + base.scale * d.x) + camera.x).toBeCloseTo(370, 9);
    expect(camera.k * (base.ty + base.scale * d.y) + camera.y).toBeCloseTo(250, 9);
    expect(d).toEqual({ x: 200, y: 160 });
  });

  test('a dragged node moves by the pointer’s travel in design units, rounded to a tenth', () => {
    expect(draggedTo({ x: 10, y: 20 }, { x: 100, y: 100 }, { x: 133.333, y: 80.06 })).toEqual({ x: 43.3, y: 0.1 });
    expect(withPosition({ a: { x: 1, y: 2 } }, 'b', 3, 4)).toEqual({ a: { x: 1, y: 2 }, b: { x: 3, y: 4 } });
  });

  test('positions put named nodes at their centres and their links follow; other nodes stay', () => {
    const t = topologyOf('hello-mesh');
    const plain = computeLayout(t, 1200, 800);
    const placed = computeLayout(t, 1200, 800, { positions: { cart: { x: -500, y: 900 }, 'no-such-node': { x: 0, y: 0 } } });
    const at = (l: typeof plain, name: string) => l.nodes.find((p) => p.node.name === name)!;
    expect([at(placed, 'cart').x, at(placed, 'cart').y]).toEqual([-500, 900]);
    expect([at(placed, 'frontend').x, at(placed, 'frontend').y]).toEqual([at(plain, 'frontend').x, at(plain, 'frontend').y]);
    const edge = (l: typeof plain) => l.edges.find((e) => t.nodes[e.edge.to].name === 'cart' && t.nodes[e.edge.from].name === 'frontend')!.path;
    expect(edge(placed)).not.toBe(edge(plain));
    // The link ends on the moved box's edge, whichever side it enters by.
    const [ex, ey] = edge(placed).split(' ').pop()!.split(',').map(Number);
    const cart = at(placed, 'cart');
    expect(Math.abs(ex - cart.x)).toBeLessThanOrEqual(cart.w / 2 + 0.001);
    expect(Math.abs(ey - cart.y)).toBeLessThanOrEqual(cart.h / 2 + 0.001);
    expect(Math.abs(ex - cart.x) === cart.w / 2 || Math.abs(ey - cart.y) === cart.h / 2).toBe(true);
    // The fit takes the moved node in: the drawing is smaller on screen.
    expect(placed.scale).toBeLessThan(plain.scale);
  });

  test('a node placed by hand moves no other node, its mesh\'s control plane included, and a kept fit is used as given', () => {
    for (const file of ['hello-mesh', 'two-meshes-via-gateway', 'control-plane-outage']) {
      const t = topologyOf(file);
      const plain = computeLayout(t, 1200, 800);
      const service = plain.nodes.find((p) => p.node.kind === 'service' && p.node.mesh !== null)!;
      const fit = { scale: plain.scale, tx: plain.tx, ty: plain.ty };
      const placed = computeLayout(t, 1200, 800, { positions: { [service.node.name]: { x: service.x + 400, y: service.y - 700 } }, fit });
      expect([placed.scale, placed.tx, placed.ty]).toEqual([plain.scale, plain.tx, plain.ty]);
      for (const p of plain.nodes) {
        if (p.node.name === service.node.name) continue;
        const q = placed.nodes.find((x) => x.node.id === p.node.id)!;
        expect([q.node.name, q.x, q.y]).toEqual([p.node.name, p.x, p.y]);
      }
    }
  });

  // Every shipped scenario drawn as SVG (LARGE_TOPOLOGY_NODES, 60, or fewer) and every service and gateway in it, as
  // a drag moves it (useNodeDrag: the fit and arrangement the drag began with kept, the position
  // given): it lands where it was put and no other node, control planes included, moves or changes
  // size. dragstay.spec walked every such scenario in the browser (24 s of CI's time, session 45);
  // it keeps a sample that proves the wiring (pointer, camera, link), this the rule for each.
  test('in every shipped scenario drawn as SVG, any service or gateway placed by hand moves no other node and keeps the fit', () => {
    const files = readdirSync(new URL('../../scenarios/', import.meta.url)).filter((f) => f.endsWith('.json') && f !== 'schema.json');
    let checked = 0;
    for (const file of files) {
      const t = topologyOf(file.slice(0, -5));
      if (t.nodes.length > LARGE_TOPOLOGY_NODES) continue;
      const plain = computeLayout(t, 1600, 900);
      const fit = { scale: plain.scale, tx: plain.tx, ty: plain.ty };
      for (const moved of plain.nodes.filter((p) => p.node.kind === 'service' || p.node.kind === 'gateway')) {
        const to = { x: moved.x + 90 / plain.scale, y: moved.y - 70 / plain.scale };
        const placed = computeLayout(t, 1600, 900, { positions: { [moved.node.name]: to }, fit, arrangement: plain.arrangement });
        expect([placed.scale, placed.tx, placed.ty], `${file}: ${moved.node.name} keeps the fit`).toEqual([plain.scale, plain.tx, plain.ty]);
        const at = placed.nodes.find((q) => q.node.id === moved.node.id)!;
        expect([at.x, at.y], `${file}: ${moved.node.name} where it was put`).toEqual([to.x, to.y]);
        const others = (l: typeof plain) => l.nodes.filter((q) => q.node.id !== moved.node.id).map((q) => `${q.node.name} ${q.x} ${q.y} ${q.w} ${q.h}`);
        expect(others(placed), `${file}: nothing but ${moved.node.name} moves`).toEqual(others(plain));
        checked++;
      }
    }
    // 93 nodes moved in 23 scenarios (session 46).
    expect(checked).toBeGreaterThan(80);
  });

  test('on the group layout, a placed node moves with the lanes of its edges only', () => {
    const t = topologyOf('istio-load-test');
    const l = computeGroupLayout(t, 1600, 900);
    const id = t.nodes.findIndex((n) => n.kind === 'service');
    const other = t.edges.find((e) => e.from !== id && e.to !== id)!;
    const before = l.lanes[other.id];
    const mine = t.edges.find((e) => e.to === id)!;
    placeGroupNodes(l, t.nodes.map((n) => n.name), t.edges, { [t.nodes[id].name]: { x: 1234, y: -56 } });
    expect([l.x[id], l.y[id]]).toEqual([1234, -56]);
    expect(l.lanes[other.id]).toBe(before);
    const lane = l.lanes[mine.id]!.request;
    expect(lane[lane.length - 2]).toBeCloseTo(1234, 0);
  });

  test('group tiles take hand-placed positions only as a large topology\'s own drawing, not as a small picture\'s fold', () => {
    // istio-load-test (20 nodes) folds in presenter mode; its full load test (2,001) is drawn only as tiles.
    expect(tilesOwnPositions(topologyOf('istio-load-test').nodes.length)).toBe(false);
    expect(tilesOwnPositions(topologyOf('third-party-direct').nodes.length)).toBe(false);
    expect(tilesOwnPositions(topologyOf('istio-load-test-full').nodes.length)).toBe(true);
  });
});

describe('replicas unfolded from their service', () => {
  test('an unfolded service takes room for its rows of cards and the nodes below it in its column move down by that much', () => {
    const t = topologyOf('hello-mesh');
    const plain = computeLayout(t, 1200, 800);
    const open = computeLayout(t, 1200, 800, { unfolded: new Set(['cart']) });
    const at = (l: typeof plain, name: string) => l.nodes.find((p) => p.node.name === name)!;
    const cart = at(open, 'cart');
    expect(cart.replicaRoom).toBe(replicaRows(cart.node.replicas) * REPLICA_ROW + 8);
    expect(at(plain, 'cart').replicaRoom).toBeUndefined();
    // catalog sits below cart in the same column.
    expect(at(open, 'catalog').y - at(plain, 'catalog').y).toBe(cart.replicaRoom);
    expect(at(open, 'frontend').y).toBe(at(plain, 'frontend').y);
  });

  test('replica cards sit three to a row under the box, and a card names a replica down, ejected, slow or up', () => {
    expect(replicaRows(2)).toBe(1);
    expect(replicaRows(7)).toBe(3);
    expect(replicaRows(40)).toBe(4);
    const b = replicaCardBox(4, 196, 96);
    expect(b.y).toBe(96 + 34 + REPLICA_ROW);
    expect(b.x).toBeCloseTo(b.w + 6, 9);
    expect(3 * b.w + 2 * 6).toBeCloseTo(196, 9);
    const r = { index: 0, host: 'h', state: 'up' as const, slowdown: 1, busy: 1, concurrency: 2, queued: 0, utilization: 0.5, served: 3, zone: 'zone-a', region: 'region-1', proxy: null, ejectedBy: [] };
    expect(replicaState(r)).toBe('up');
    expect(replicaState({ ...r, state: 'slow', slowdown: 4 })).toBe('slow');
    expect(replicaState({ ...r, ejectedBy: [{ callerHost: 'x', untilMs: 5000 }] })).toBe('ejected');
    expect(replicaState({ ...r, state: 'down', ejectedBy: [{ callerHost: 'x', untilMs: 5000 }] })).toBe('down');
  });
});

describe('presenter mode', () => {
  test('the least scale keeps 18-unit text at 14 px or more, even where the fit would be smaller', () => {
    expect(18 * PRESENTER_MIN_SCALE).toBeGreaterThanOrEqual(14);
    const t = topologyOf('two-meshes-via-gateway');
    expect(computeLayout(t, 778, 470).scale).toBeLessThan(PRESENTER_MIN_SCALE);
    expect(computeLayout(t, 778, 470, { minScale: PRESENTER_MIN_SCALE }).scale).toBe(PRESENTER_MIN_SCALE);
  });
});
