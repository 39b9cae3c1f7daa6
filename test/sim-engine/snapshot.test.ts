import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SnapshotError, deepCopy, reachableFrom, revivable, sampler, startCopy, stateless, streamFor } from '../../src/sim-engine';
import { PackedFunction } from '../../src/sim-engine/packed';
import { Tracer, World, summarize } from '../../src/models';
import { validateScenario, type Scenario } from '../../src/scenario';

const draw = (rng: () => number, n: number) => Array.from({ length: n }, () => rng());

class Node {
  next: Node | null = null;
  constructor(readonly name: string) {}
  greet(): string {
    return `I am ${this.name}`;
  }
}

describe('deepCopy', () => {
  it('keeps prototypes, so copied class instances keep their methods', () => {
    const n = new Node('frontend');
    const c = deepCopy(n).value;
    expect(c).not.toBe(n);
    expect(c).toBeInstanceOf(Node);
    expect(c.greet()).toBe('I am frontend');
  });

  it('keeps cycles and shared objects: each object is copied once', () => {
    const a = new Node('a');
    const b = new Node('b');
    a.next = b;
    b.next = a;
    const root = { a, b, again: [a, b] };
    const c = deepCopy(root).value;
    expect(c.a.next).toBe(c.b);
    expect(c.b.next).toBe(c.a);
    expect(c.again[0]).toBe(c.a);
    expect(c.a).not.toBe(a);
  });

  it('copies a buffer viewed twice once, and the two copied views share the new buffer', () => {
    const buffer = new ArrayBuffer(32);
    const bytes = new Uint8Array(buffer);
    const doubles = new Float64Array(buffer, 8, 2);
    doubles[0] = 1.5;
    const c = deepCopy({ bytes, doubles }).value;
    expect(c.bytes.buffer).toBe(c.doubles.buffer);
    expect(c.bytes.buffer).not.toBe(buffer);
    expect(c.doubles.byteOffset).toBe(8);
    expect(c.doubles[0]).toBe(1.5);
    c.doubles[1] = 7;
    // The copy's views see each other's writes; the original sees none of them.
    expect(new Float64Array(c.bytes.buffer, 16, 1)[0]).toBe(7);
    expect(doubles[1]).toBe(0);
  });

  it('copies Map keys and values in order, Sets, Dates, and keeps holes in sparse arrays', () => {
    const key = { id: 3 };
    const m = new Map<object, number[]>([[key, [1, 2]], [{ id: 1 }, [3]]]);
    const sparse: number[] = [];
    sparse[2] = 9;
    const root = { m, key, s: new Set([key]), d: new Date(1234), sparse };
    const c = deepCopy(root).value;
    expect([...c.m.keys()].map((k) => (k as { id: number }).id)).toEqual([3, 1]);
    expect(c.m.get(c.key)).toEqual([1, 2]);
    expect(c.m.has(key)).toBe(false);
    expect(c.s.has(c.key)).toBe(true);
    expect(c.d.getTime()).toBe(1234);
    expect(c.d).not.toBe(root.d);
    expect(1 in c.sparse).toBe(false);
    expect(c.sparse.length).toBe(3);
    let visits = 0;
    c.sparse.forEach(() => visits++);
    expect(visits).toBe(1);
  });

  it('throws on a function it was not told about, naming its path from the root', () => {
    const think = () => 42;
    const root = { actors: [{ name: 'a' }, { name: 'b', think }] };
    expect(() => deepCopy(root, { rootName: 'world' })).toThrow(SnapshotError);
    expect(() => deepCopy(root, { rootName: 'world' })).toThrow(/^world\.actors\[1\]\.think: a function \(think\) cannot be copied into a snapshot/);
  });

  it('throws on a WeakMap, naming its path', () => {
    expect(() => deepCopy({ cache: new WeakMap() })).toThrow('root.cache: a WeakMap cannot be copied into a snapshot');
  });

  it('shares stateless functions and objects it is told to keep', () => {
    const make = stateless(() => new Node('x'));
    const scenario = { name: 'shared' };
    const root = { make, scenario, own: { scenario } };
    const c = deepCopy(root, { keep: [scenario] }).value;
    expect(c.make).toBe(make);
    expect(c.scenario).toBe(scenario);
    expect(c.own.scenario).toBe(scenario);
  });

  it('revives a tagged function from its state, with the functions it draws on copied once', () => {
    let count = 0;
    const counter = (): (() => number) => {
      const f = () => ++count;
      return revivable(f, () => ({ data: count, deps: [], revive: () => counter() }));
    };
    const c = counter();
    const twice = (dep: () => number): (() => number) => revivable(() => dep() * 2, () => ({ data: null, deps: [dep], revive: (_, d) => twice(d[0] as () => number) }));
    const root = { c, a: twice(c), b: twice(c) };
    const copy = deepCopy(root).value;
    expect(copy.c).not.toBe(c);
    expect(copy.a).not.toBe(root.a);
    expect(copy.a()).toBe(2);
  });

  it('estimates the bytes of a copy: typed arrays by their length, shared objects not at all', () => {
    const big = new Float64Array(100_000);
    const kept = { table: new Float64Array(1_000_000) };
    const { bytes } = deepCopy({ big, view: new Uint8Array(big.buffer), kept }, { keep: [kept] });
    expect(bytes).toBeGreaterThanOrEqual(800_000);
    expect(bytes).toBeLessThan(801_000);
  });
});

describe('reachableFrom', () => {
  it('lists the roots and every object inside them once, through arrays, Maps and Sets, with typed arrays as leaves; a copy keeping them shares them all', () => {
    const leaf = { n: 1 };
    const buf = new Float64Array(4);
    const inner = { leaf, buf, list: [leaf, { m: 2 }] };
    const root: Record<string, unknown> = { inner, map: new Map([[{ k: 1 }, leaf]]), set: new Set([inner]) };
    root.self = root;
    const found = reachableFrom(root);
    expect(found).toHaveLength(9);
    for (const o of [root, inner, leaf, buf, inner.list, inner.list[1], root.map, root.set]) expect(found).toContain(o);
    const world = { spec: leaf, config: root, state: { count: 3 } };
    const copy = deepCopy(world, { keep: found }).value;
    expect(copy.spec).toBe(leaf);
    expect(copy.config).toBe(root);
    expect(copy.state).not.toBe(world.state);
  });
});

describe('deepCopy with pack', () => {
  it('stores a mostly-zero buffer as its non-zero words, and a second copy gives it back bit for bit, views still sharing it', () => {
    const counts = new Float64Array(2048);
    counts[7] = 3;
    counts[900] = -0.5;
    counts[2047] = Number.MIN_VALUE;
    const bytes = new Uint8Array(counts.buffer, 8, 64);
    const dense = new Float64Array(1024).map((_, i) => i + 1);
    const packed = deepCopy({ counts, bytes, dense }, { pack: true });
    // The histogram: 3 words of 16 KB (8 bytes each and a header); the dense table as it is.
    expect(packed.bytes).toBeLessThan(8 * 1024 + 1_000);
    const back = deepCopy(packed.value).value;
    expect(back.counts).toBeInstanceOf(Float64Array);
    expect([...back.counts]).toEqual([...counts]);
    expect(Object.is(back.counts[900], -0.5)).toBe(true);
    expect(back.bytes.buffer).toBe(back.counts.buffer);
    expect(back.bytes.byteOffset).toBe(8);
    expect([...back.dense]).toEqual([...dense]);
  });
});

describe('random streams in packed copies', () => {
  it('a packed copy holds a stream and its sampler as recipes, not functions; a later copy makes them, drawing what the originals draw next', () => {
    const rng = streamFor(11, 'checkout');
    const exp = sampler({ type: 'exponential', mean: 4 }, rng);
    draw(rng, 17);
    const packed = deepCopy({ rng, exp }, { pack: true }).value;
    expect(typeof packed.rng).toBe('object');
    expect(packed.rng).toBeInstanceOf(PackedFunction);
    // The sampler's recipe holds the stream's: the one stream is made once from it.
    expect((packed.exp as unknown as PackedFunction).deps[0]).toBe(packed.rng);
    const made = deepCopy(packed).value;
    const seq = (s: { rng: () => number; exp: () => number }) => Array.from({ length: 100 }, (_, i) => (i % 2 ? s.exp() : s.rng()));
    const fromCopy = seq(made);
    expect(seq({ rng, exp })).toEqual(fromCopy);
    // Made again from the same packed copy: the same draws (the recipe is not used up).
    expect(seq(deepCopy(packed).value)).toEqual(fromCopy);
  });
});

describe('random streams in snapshots', () => {
  it('a copied stream draws what the original draws next, and the two go on independently', () => {
    const rng = streamFor(7, 'frontend');
    draw(rng, 123);
    const c = deepCopy(rng).value;
    const fromCopy = draw(c, 500);
    expect(draw(rng, 500)).toEqual(fromCopy);
    // Drawing from the original moved it on, not the copy's copy.
    const again = deepCopy(c).value;
    expect(draw(again, 3)).toEqual(draw(c, 3));
  });

  it('two samplers on one stream share one copied stream, so their interleaved draws repeat', () => {
    const rng = streamFor(3, 'cart');
    const exp = sampler({ type: 'exponential', mean: 10 }, rng);
    const uni = sampler({ type: 'uniform', min: 1, max: 2 }, rng);
    exp();
    const c = deepCopy({ exp, uni }).value;
    const seq = (s: { exp: () => number; uni: () => number }) => Array.from({ length: 200 }, (_, i) => (i % 3 ? s.exp() : s.uni()));
    expect(seq(c)).toEqual(seq({ exp, uni }));
  });
});

const scenarioDir = new URL('../../scenarios/', import.meta.url);
const shipped = readdirSync(fileURLToPath(scenarioDir)).filter((f) => f.endsWith('.json') && f !== 'schema.json');

function scenarioOf(file: string): Scenario {
  const r = validateScenario(JSON.parse(readFileSync(fileURLToPath(new URL(file, scenarioDir)), 'utf8')));
  if (!r.ok) throw new Error(`${file}: ${r.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
  return r.scenario;
}

/**
 * Where a scenario's copy is taken and how far the two runs go on, simulated ms: a quarter to half
 * of the run, or half to the end where a fault starts or ends, or a change lands, in the second
 * half (control-plane-outage, idle-timeout-race, retry-storm and its fix, zone-failover), so that
 * such a pending moment still happens in a copy. Each scenario ran 1.5 times its length here with
 * half to the end for all (about a third of vitest's longest file); a quarter to half is 0.75.
 */
function copyWindow(s: Scenario): [number, number] {
  const half = s.duration / 2;
  const moments = [...s.faults.flatMap((f) => ('for' in f && f.for !== undefined ? [f.at, f.at + f.for] : [f.at])), ...s.changes.map((c) => c.at)];
  return moments.some((m) => m >= half) ? [half, s.duration] : [s.duration / 4, half];
}

describe('a copied world runs on exactly as the original', () => {
  // The full load test (1,000 services) is copied in slices below, where the same checks run on it:
  // a whole copy is the sliced one without stops (deepCopy is startCopy stepped to its end), and
  // building and running its world twice was 4-5 s of this file's 20 s (session 35's CI).
  for (const file of shipped.filter((f) => f !== 'istio-load-test-full.json')) {
    it(`${file}: run to T1, copy, run to T2; the copy run from T1 to T2 gives the same trace hash and summary`, () => {
      const s = scenarioOf(file);
      const [t1, t2] = copyWindow(s);
      const world = new World(s, s.seed);
      world.tracer = new Tracer(world, { sampleEvery: 20, maxSampled: 200, maxFailed: 200, maxRecording: 500 });
      world.start();
      world.runUntil(t1);
      const snap = deepCopy(world, { keep: [s, world.topology], rootName: 'world', pack: true }).value;
      const restored = deepCopy(snap, { keep: [s, world.topology], rootName: 'world' }).value;
      world.runUntil(t2);
      restored.runUntil(t2);
      expect(restored.sim.events).toBe(world.sim.events);
      expect(restored.sim.events).toBeGreaterThan(0);
      expect(restored.sim.traceHash()).toBe(world.sim.traceHash());
      expect(summarize(restored, 0)).toEqual(summarize(world, 0));
      expect(restored.tracer!.list(false, 20)).toEqual(world.tracer!.list(false, 20));
      // The snapshot itself never ran: it is still at T1.
      expect((snap as World).sim.now).toBe(t1);
    });
  }

  it('istio-load-test-full.json copied in slices (as play copies it) at 300 ms runs on to 450 ms with the original\'s trace hash, summary and sampled requests, and running a restored copy on never changes the snapshot it came from', () => {
    const s = scenarioOf('istio-load-test-full.json');
    const keep = [s];
    const world = new World(s, s.seed);
    keep.push(world.topology as never);
    world.tracer = new Tracer(world, { sampleEvery: 20, maxSampled: 200, maxFailed: 200, maxRecording: 500 });
    world.start();
    world.runUntil(300);
    // Stopped after every 512 objects, as a frame's budget stops it: many slices.
    const job = startCopy(world, { keep, rootName: 'world', pack: true });
    let asks = 0;
    let slices = 1;
    while (!job.step(() => ++asks % 2 === 0)) slices++;
    expect(slices).toBeGreaterThan(50);
    const snap = job.result().value;
    const first = deepCopy(snap, { keep, rootName: 'world' }).value;
    world.runUntil(450);
    first.runUntil(450);
    expect(first.sim.events).toBe(world.sim.events);
    expect(first.sim.traceHash()).toBe(world.sim.traceHash());
    expect(summarize(first, 0)).toEqual(summarize(world, 0));
    expect(first.tracer!.list(false, 20)).toEqual(world.tracer!.list(false, 20));
    expect(first.tracer!.list(false, 20).length).toBeGreaterThan(0);
    // The first restore ran on and mutated its world: a second restore of the snapshot starts at 300 ms and runs to the same hash.
    const second = deepCopy(snap, { keep, rootName: 'world' }).value;
    expect(second.sim.now).toBe(300);
    second.runUntil(450);
    expect(second.sim.traceHash()).toBe(world.sim.traceHash());
  });

  it('a fault active when the copy was taken (a partition, an abort) ends in the copy as in the original', () => {
    const s = scenarioOf('hello-mesh.json');
    const faults = [
      { type: 'partition', at: 5_000, for: 10_000, between: [['frontend'], ['catalog']] },
      { type: 'http-abort', at: 6_000, for: 8_000, service: 'cart', percent: 40, status: 503 },
      { type: 'latency', at: 7_000, for: 6_000, service: 'catalog', delay: { type: 'exponential', mean: 30 } },
    ];
    const r = validateScenario({ ...JSON.parse(readFileSync(fileURLToPath(new URL('hello-mesh.json', scenarioDir)), 'utf8')), faults });
    if (!r.ok) throw new Error(r.problems.map((p) => `${p.path}: ${p.message}`).join('; '));
    const world = new World(r.scenario, s.seed);
    world.start();
    world.runUntil(9_000);
    expect(world.faults.active.sort()).toEqual([0, 1, 2]);
    const copy = deepCopy(world, { keep: [r.scenario, world.topology] }).value;
    world.runUntil(20_000);
    copy.runUntil(20_000);
    expect(copy.faults.active).toEqual([]);
    expect(copy.sim.traceHash()).toBe(world.sim.traceHash());
    expect(summarize(copy, 0).failures).toEqual(summarize(world, 0).failures);
    expect(Object.keys(summarize(world, 0).failures).length).toBeGreaterThan(0);
  });
});
