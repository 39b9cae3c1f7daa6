import { describe, expect, it } from 'vitest';
import { drawAt, sampler, streamFor, type Distribution } from '../../src/sim-engine';
import { DrawRecords, drawAtOf, recordSampler } from '../../src/models/drawRecords';
import { World } from '../../src/models/World';
import { scenario } from './helpers';

/** Two meshed clients of one service, a third client of another whose caller sets retries. */
function threeRoutes() {
  return scenario({
    name: 'shared-policies',
    seed: 3,
    duration: '1s',
    network: { placement: {} },
    clients: [
      { name: 'a', type: 'open', rate: 50, target: 'svc', sidecar: true },
      { name: 'b', type: 'open', rate: 50, target: 'svc', sidecar: true },
      { name: 'c', type: 'open', rate: 50, target: 'svc', sidecar: true, policy: { retries: { attempts: 5 } } },
    ],
    services: [{ name: 'svc', replicas: 2, concurrency: 8, sidecar: true, serviceTime: { type: 'exponential', mean: '1ms' } }],
  });
}

describe('draw records (issue 14: the hot path draws from one cache line)', () => {
  it.each<[string, Distribution]>([
    ['exponential', { type: 'exponential', mean: 14.3 }],
    ['lognormal', { type: 'lognormal', median: 0.5, sigma: 0.25 }],
    ['uniform', { type: 'uniform', min: 1, max: 3 }],
    ['normal', { type: 'normal', mean: 2, stddev: 0.5 }],
  ])('a %s sampler over a draw record gives streamFor\'s draws, and drawAt on the record goes on with the same stream', (_name, d) => {
    const plain = sampler(d, streamFor(9, 'client/gap'));
    const expected = Array.from({ length: 12 }, () => plain());
    const records = new DrawRecords();
    records.alloc(); // not at the start of its block
    const s = recordSampler(records, d, 9, 'client/gap');
    const at = drawAtOf(s)!;
    expect(at.p).toBe(8);
    // Alternate: the sampler and the record are one stream.
    const got = expected.map((_, i) => (i % 2 === 0 ? s() : drawAt(at.f, at.p)));
    expect(got).toEqual(expected);
  });

  it('a sampler not made over a record has none', () => {
    expect(drawAtOf(sampler({ type: 'constant', value: 1 }, streamFor(1, 'x')))).toBeNull();
    expect(drawAtOf(null)).toBeNull();
  });

  it("a world's clients, services and links draw from records: its clients' gaps, its services' times, each route's latency to each replica", () => {
    const s = threeRoutes();
    const w = new World(s, s.seed);
    // Private fields, read here only to check the wiring.
    for (const c of w.clients) expect((c as unknown as { gapBlock: unknown }).gapBlock).toBeInstanceOf(Float64Array);
    for (const svc of w.services) expect((svc as unknown as { timeBlock: unknown }).timeBlock).toBeInstanceOf(Float64Array);
    for (const r of w.routes) {
      expect(r.latencyBlock).toHaveLength(2);
      for (let i = 0; i < 2; i++) {
        expect(r.latencyBlock[i]).toBeInstanceOf(Float64Array);
        // The record holds the sampler's stream: the same draws either way.
        expect(drawAtOf(r.latency[i])).toEqual({ f: r.latencyBlock[i], p: r.latencyAt[i] });
      }
    }
  });

  it('routes with the same compiled policy share one object; a route whose caller sets its own policy has another', () => {
    const s = threeRoutes();
    const w = new World(s, s.seed);
    const byClient = new Map(w.clients.map((c) => [c.name, c.route!.policy]));
    expect(byClient.get('a')).toBe(byClient.get('b'));
    expect(byClient.get('c')).not.toBe(byClient.get('a'));
    expect(byClient.get('c')!.retries).toBe(5);
    expect(byClient.get('a')!.retries).toBe(2);
  });
});
