import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/models';
import { parseScenarioText, type Scenario } from '../../src/scenario';
import { SimHost } from '../../src/workers/SimHost';
import { Counter, DOT_STRIDE, NODE_STRIDE, NodeField, type Frame } from '../../src/workers/protocol';

const helloText = readFileSync(fileURLToPath(new URL('../../scenarios/hello-mesh.json', import.meta.url)), 'utf8');
const hello = (() => {
  const r = parseScenarioText(helloText);
  if (!r.ok) throw new Error('hello-mesh.json is invalid');
  return r.scenario;
})();

/** A wall clock that moves `perRead` ms each time it is read, so budgets are deterministic. */
function fakeClock(perRead: number) {
  let t = 0;
  return () => (t += perRead);
}

/** A host with hello-mesh loaded. A very slow clock: budgets never run out. */
function loaded(seed?: number, clock = fakeClock(1e-6)) {
  const host = new SimHost(clock);
  const r = host.load(helloText, seed);
  if (!r.ok) throw new Error('load failed');
  return { host, info: r.info };
}

/** Checks one frame's invariants; returns the number of dots it carried. */
function checkFrame(f: Frame, edges: number, nodes: number): number {
  const c = f.counters;
  expect(c.length).toBe(Counter.length);
  expect(c[Counter.sent]).toBe(c[Counter.ok] + c[Counter.failed] + c[Counter.inFlight]);
  expect(c[Counter.inFlight]).toBeGreaterThanOrEqual(0);
  expect(c[Counter.p50]).toBeLessThanOrEqual(c[Counter.p90]);
  expect(c[Counter.p90]).toBeLessThanOrEqual(c[Counter.p99]);
  expect(f.dots.length % DOT_STRIDE).toBe(0);
  for (let i = 0; i < f.dots.length; i += DOT_STRIDE) {
    const [edge, progress, response, fate] = [f.dots[i], f.dots[i + 1], f.dots[i + 2], f.dots[i + 3]];
    expect(Number.isInteger(edge) && edge >= 0 && edge < edges, `edge id ${edge}`).toBe(true);
    expect(progress >= 0 && progress <= 1, `progress ${progress}`).toBe(true);
    expect([0, 1]).toContain(response);
    // 0 on its way, 1 failed, 2 a retry.
    expect([0, 1, 2]).toContain(fate);
  }
  expect(f.nodes.length).toBe(nodes * NODE_STRIDE);
  for (let i = 0; i < f.nodes.length; i += NODE_STRIDE) {
    expect(f.nodes[i]).toBeGreaterThanOrEqual(0); // busy
    expect(f.nodes[i + 1]).toBeGreaterThanOrEqual(0); // queued
    expect(f.nodes[i + 2] >= 0 && f.nodes[i + 2] <= 1).toBe(true); // utilization
  }
  return f.dots.length / DOT_STRIDE;
}

function runToEnd(host: SimHost, simMs: number, budgetMs: number, maxFrames = 1e6): { frames: number; last: Frame } {
  let frames = 0;
  let last = host.advance(simMs, budgetMs);
  while (!last.done && ++frames < maxFrames) last = host.advance(simMs, budgetMs);
  return { frames, last };
}

function hashOf(s: Scenario, seed: number): string {
  return runScenario(s, { seed }).summary.traceHash;
}

describe('SimHost', () => {
  it('returns problems as data for bad scenario text, and keeps no world', () => {
    const host = new SimHost(fakeClock(1));
    const broken = host.load('{ "name": ');
    expect(broken.ok).toBe(false);
    expect(!broken.ok && broken.problems[0].path).toBe('(file)');
    const unknown = host.load(JSON.stringify({ ...JSON.parse(helloText), colour: 'red' }));
    expect(!unknown.ok && unknown.problems).toEqual([{ path: 'colour', message: 'unknown field (fields here: $schema, name, title, description, seed, duration, warmup, network, clients, services, gateways, meshes, kubernetes, faults, changes, layout, narrative, lesson)' }]);
    expect(() => host.advance(100, 10)).toThrow(/no scenario loaded/);
  });

  it('keeps the previous scenario when new text is refused', () => {
    const { host } = loaded();
    host.advance(1000, 1000);
    expect(host.load('not json').ok).toBe(false);
    expect(host.advance(1000, 1000).simTime).toBe(2000);
  });

  it('describes the loaded scenario: name, title, seed, duration and topology', () => {
    const { info } = loaded();
    expect(info).toMatchObject({ name: 'hello-mesh', seed: 7, durationMs: 120_000 });
    expect(info.title).toMatch(/^Hello, mesh/);
    // The mesh's control plane is a node too, so the UI can draw its config streams.
    expect(info.topology.nodes.map((n) => n.name)).toEqual(['control-plane:mesh', 'frontend', 'catalog', 'cart', 'shoppers']);
    expect(info.topology.nodes.map((n) => n.kind)).toEqual(['control-plane', 'service', 'service', 'service', 'client']);
    expect(info.topology.nodes.every((n, i) => n.id === i)).toBe(true);
    // shoppers -> frontend, frontend -> catalog, frontend -> cart, cart -> catalog.
    expect(info.topology.edges).toHaveLength(4);
    expect(loaded(99).info.seed).toBe(99);
  });

  it('advance moves simulated time by the amount asked, and frames keep their invariants', () => {
    const { host, info } = loaded();
    const edges = info.topology.edges.length;
    const nodes = info.topology.nodes.length;
    let dots = 0;
    let seq = 0;
    for (let t = 250; t <= 20_000; t += 250) {
      const f = host.advance(250, 1000);
      expect(f.simTime).toBe(t);
      expect(f.done).toBe(false);
      expect(f.seq).toBeGreaterThan(seq);
      seq = f.seq;
      dots += checkFrame(f, edges, nodes);
    }
    // Otherwise the dot checks above checked nothing.
    expect(dots).toBeGreaterThan(0);
  });

  it('stops at the scenario duration and says it is done', () => {
    const { host } = loaded();
    const f = host.advance(1e9, 1e9);
    expect(f.simTime).toBe(120_000);
    expect(f.done).toBe(true);
    expect(host.advance(1000, 1000).simTime).toBe(120_000);
  });

  it('gives the same trace as runScenario when advanced to the end in many small time slices', () => {
    const { host } = loaded();
    const { frames, last } = runToEnd(host, 37, 1000);
    expect(frames).toBeGreaterThan(3000);
    expect(last.simTime).toBe(120_000);
    expect(last.traceHash).toBe(hashOf(hello, 7));
    const { wallMs: _a, ...viaHost } = host.summary();
    const { wallMs: _b, ...direct } = runScenario(hello).summary;
    expect(viaHost).toEqual(direct);
  });

  it('gives the same trace when wall-clock budgets cut the run every 256 events', () => {
    // Each clock read moves 1 ms and the budget is 1 ms: runFor stops at its first check.
    const { host } = loaded(7, fakeClock(1));
    let frames = 0;
    let f = host.advance(1e9, 1);
    while (!f.done) {
      frames++;
      f = host.advance(1e9, 1);
    }
    const events = f.counters[Counter.events];
    expect(frames).toBeGreaterThanOrEqual(Math.floor(events / 256) - 1);
    expect(f.traceHash).toBe(hashOf(hello, 7));
  });

  it('stepEvent processes exactly one event', () => {
    const { host } = loaded();
    const before = host.stepEvent().counters[Counter.events];
    const after = host.stepEvent().counters[Counter.events];
    expect(after).toBe(before + 1);
  });

  it('stepping event by event and advancing in slices end on the same trace', () => {
    const s = { ...hello, duration: 3000 };
    const text = JSON.stringify({ ...JSON.parse(helloText), duration: '3s' });
    const host = new SimHost(fakeClock(1e-6));
    expect(host.load(text).ok).toBe(true);
    const direct = runScenario(s).summary;
    let f = host.stepEvent();
    while (f.counters[Counter.events] < direct.events && f.seq < 1e6) f = host.stepEvent();
    expect(f.traceHash).toBe(direct.traceHash);
    expect(f.done).toBe(false);
    // The step after the last event processes nothing and finishes the run.
    const end = host.stepEvent();
    expect(end.counters[Counter.events]).toBe(direct.events);
    expect(end.simTime).toBe(3000);
    expect(end.done).toBe(true);
    expect(end.traceHash).toBe(direct.traceHash);
  });

  it('reset starts again from time zero, with the same or another seed', () => {
    const { host } = loaded();
    host.advance(5000, 1000);
    host.reset();
    expect(host.advance(0, 1000).simTime).toBe(0);
    expect(runToEnd(host, 1000, 1000).last.traceHash).toBe(hashOf(hello, 7));
    host.reset(8);
    const other = runToEnd(host, 1000, 1000).last;
    expect(other.traceHash).toBe(hashOf(hello, 8));
    expect(other.traceHash).not.toBe(hashOf(hello, 7));
  });
});

describe('SimHost fault injection', () => {
  const text = readFileSync(fileURLToPath(new URL('../../scenarios/hello-mesh.json', import.meta.url)), 'utf8');
  const fresh = () => {
    const host = new SimHost(() => 0);
    const r = host.load(text);
    if (!r.ok) throw new Error('hello-mesh should load');
    return host;
  };

  it('a fault injected while playing starts now, shows in the node state, and ends when cleared', () => {
    const host = fresh();
    host.advance(5000, 1e9);
    const injected = host.injectFault({ type: 'kill-service', service: 'catalog' });
    expect(injected.ok).toBe(true);
    if (!injected.ok) return;
    const frame = host.advance(2000, 1e9);
    const catalog = 2; // node ids: control plane, frontend, catalog, cart, shoppers
    expect(frame.nodes[catalog * NODE_STRIDE + NodeField.down]).toBe(3);
    expect(Object.keys(frame.failures).length).toBeGreaterThan(0);
    host.clearFault(injected.id);
    const after = host.advance(2000, 1e9);
    expect(after.nodes[catalog * NODE_STRIDE + NodeField.down]).toBe(0);
    expect(host.faults()).toEqual([{ id: 0, type: 'kill-service', target: 'catalog', amount: '', startMs: 5000, endMs: 7000, untilMs: null, pending: false, owner: 'yours', effect: { failed: 0, retried: 0, ended: 0 } }]);
  });

  it('a bad fault gets path: message problems naming the field, and changes nothing', () => {
    const host = fresh();
    const r = host.injectFault({ type: 'kill-service', service: 'catalgo' });
    expect(r).toEqual({ ok: false, problems: [{ path: 'fault.service', message: expect.stringContaining('unknown service "catalgo"') }] });
    const r2 = host.injectFault({ type: 'melt-down' });
    expect(r2.ok).toBe(false);
    if (!r2.ok) expect(r2.problems[0].path).toBe('fault.type');
    expect(host.faults()).toEqual([]);
  });

  it('a fault injected to start after the run is over is refused (its start counts from now)', () => {
    const host = fresh();
    host.advance(100_000, 1e9);
    const r = host.injectFault({ type: 'kill-service', service: 'cart', at: '30s' });
    expect(r).toEqual({ ok: false, problems: [{ path: 'fault.at', message: expect.stringContaining('when the run is over') }] });
    expect(host.faults()).toEqual([]);
  });

  it('a fault cleared before it starts never starts', () => {
    const host = fresh();
    const r = host.injectFault({ type: 'kill-service', service: 'cart', at: '10s' });
    if (!r.ok) throw new Error('should inject');
    host.clearFault(r.id);
    const frame = host.advance(20_000, 1e9);
    expect(frame.nodes[3 * NODE_STRIDE + NodeField.down]).toBe(0);
    expect(host.faults()[0].pending).toBe(true);
  });
});

describe('SimHost dots', () => {
  it("marks a retry attempt's messages so the UI can draw them apart", () => {
    const host = new SimHost(() => 0);
    const r = host.load(
      JSON.stringify({
        name: 'retries',
        duration: '2s',
        network: { latency: '20ms' },
        clients: [{ name: 'c', type: 'open', arrival: 'constant', rate: 50, target: 'svc', sidecar: true, policy: { retries: { attempts: 2, retryOn: ['5xx'] } } }],
        services: [{ name: 'svc', sidecar: true, concurrency: 10, serviceTime: '1ms', errorRate: 1 }],
      }),
    );
    expect(r.ok).toBe(true);
    const fates = new Set<number>();
    for (let t = 0; t < 40; t++) {
      const f = host.advance(10, 1e9);
      for (let j = 0; j < f.dots.length; j += DOT_STRIDE) fates.add(f.dots[j + 3]);
    }
    expect([...fates].sort()).toEqual([0, 1, 2]);
  });
});

describe('SimHost passed counts', () => {
  it('counts, once per edge and slot, every message that never showed as a dot (mm1: zero-latency link)', () => {
    const host = new SimHost(() => 0);
    const text = readFileSync(fileURLToPath(new URL('../../scenarios/mm1.json', import.meta.url)), 'utf8');
    expect(host.load(text).ok).toBe(true);
    let requests = 0;
    let responses = 0;
    let last!: Frame;
    for (let t = 0; t < 20; t++) {
      last = host.advance(50, 1e9);
      requests += last.passed[0];
      responses += last.passed[1];
      expect(last.dots.length).toBe(0);
    }
    expect(requests).toBe(last.counters[Counter.sent]);
    expect(responses).toBe(last.counters[Counter.ok]);
  });

  it("a seek's frame lights only the links traffic crossed in its last 100 ms: retry-storm at 30 s shows no failed traffic (payments failed from 10 s to 25 s), at 12 s it does", () => {
    const text = readFileSync(fileURLToPath(new URL('../../scenarios/retry-storm.json', import.meta.url)), 'utf8');
    const slot = (f: Frame, k: number) => f.passed.filter((_, i) => i % 3 === k).reduce((a, b) => a + b, 0);
    const opened = (ms: number) => {
      const host = new SimHost(() => 0);
      expect(host.load(text).ok).toBe(true);
      return host.seekTo(ms, 1e9);
    };
    // Opened at 30 s (a link's t=30s, a step's next): the seek ran through the whole outage.
    const at30 = opened(30_000);
    expect(at30.simTime).toBe(30_000);
    expect(slot(at30, 2)).toBe(0);
    expect(slot(at30, 0) + slot(at30, 1)).toBeGreaterThan(0);
    // Its passed counts are those of the last 100 ms alone: at most the messages sent by then
    // in that window, far fewer than the 30 s the seek ran (about 1,200 sent there).
    expect(slot(at30, 0) + slot(at30, 1)).toBeLessThan(60);
    // In the outage, the moment's failures do light their links.
    expect(slot(opened(12_000), 2)).toBeGreaterThan(0);
    // Play counts every message between two frames, as before.
    const host = new SimHost(() => 0);
    expect(host.load(text).ok).toBe(true);
    host.seekTo(29_900, 1e9);
    expect(slot(host.advance(100, 1e9), 2)).toBe(0);
  });

  it('a message that was drawn in a frame is not counted as passed when it arrives', () => {
    const host = new SimHost(() => 0);
    const r = host.load(
      JSON.stringify({
        name: 'slow-link',
        duration: '1s',
        network: { latency: '100ms' },
        clients: [{ name: 'c', type: 'open', arrival: 'constant', rate: 1, target: 'svc' }],
        services: [{ name: 'svc', serviceTime: '0ms' }],
      }),
    );
    expect(r.ok).toBe(true);
    let passed = 0;
    let dots = 0;
    for (let t = 0; t < 60; t++) {
      const f = host.advance(10, 1e9);
      passed += f.passed.reduce((a, b) => a + b, 0);
      dots += f.dots.length;
    }
    // Every message (connect aside) takes 100 ms and is drawn in ten-millisecond frames.
    expect(dots).toBeGreaterThan(0);
    expect(passed).toBe(0);
  });
});
