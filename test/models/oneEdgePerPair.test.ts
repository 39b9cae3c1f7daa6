import { describe, expect, it } from 'vitest';
import { runScenario, World } from '../../src/models';
import { scenario } from './helpers';

/*
 * A service that calls another several times (a fan-out of the same call, or a call's routes that
 * name a service another call names) has one link to it: one edge per caller -> callee pair, whose
 * figures sum its calls (wireWorld.ts). Before, each call made its own edge: 500 calls were 500
 * links drawn over each other, and the run's summary kept only the last one's figures.
 */

/** One client, 10 requests a second for 2 s, to `s`, which calls `t` three times and `u` once (each in parallel). */
const fanOut = scenario({
  name: 'fan-out',
  duration: '2s',
  seed: 3,
  clients: [{ name: 'users', type: 'open', arrival: 'constant', rate: 10, target: 's' }],
  services: [
    {
      name: 's',
      serviceTime: '1ms',
      callMode: 'parallel',
      calls: [{ service: 't' }, { service: 'u' }, { service: 't' }, { service: 't', routes: [{ to: [{ service: 't' }] }] }],
    },
    { name: 't', serviceTime: '1ms', concurrency: 100 },
    { name: 'u', serviceTime: '1ms', concurrency: 100 },
  ],
});

describe('one edge per caller -> callee pair', () => {
  it('wires three calls of s to t (one through routes) as one edge s -> t, made where the first call stands', () => {
    const w = new World(fanOut, fanOut.seed);
    const names = w.topology.edges.map((e) => `${w.topology.nodes[e.from].name}->${w.topology.nodes[e.to].name}`);
    expect(names).toEqual(['users->s', 's->t', 's->u']);
    const st = w.topology.edges[1].id;
    const s = w.services.find((x) => x.name === 's')!;
    expect(s.downstream.map((d) => d.edge)).toEqual([st, 2, st, st]);
    // Each call keeps its own clusters (its own policy and pools), all on that edge.
    expect(w.routes.filter((r) => r.edge === st)).toHaveLength(3);
  });

  it("sums the calls' figures on the one link: s -> t ends three calls for each request s serves", () => {
    const { summary } = runScenario(fanOut);
    const served = summary.edges['users->s'].requests;
    expect(served).toBeGreaterThanOrEqual(19);
    expect(summary.edges['s->t'].requests).toBe(3 * served);
    expect(summary.edges['s->u'].requests).toBe(served);
    expect(Object.keys(summary.edges)).toEqual(['users->s', 's->t', 's->u']);
  });
});
