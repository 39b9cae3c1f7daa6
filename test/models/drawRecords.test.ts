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

  it("a record's place names its block and offset: drawAtPlace draws the record's stream, past the first 64 KB block too; another owner's record or none has place -1", () => {
    const d: Distribution = { type: 'exponential', mean: 3 };
    const records = new DrawRecords();
    const samplers = Array.from({ length: 1100 }, (_, k) => recordSampler(records, d, 4, `link/${k}`));
    const last = samplers[1099];
    // 1,024 records of 8 doubles a block: the 1,100th is the 76th of the second block.
    expect(records.place(drawAtOf(last))).toBe(8192 + 75 * 8);
    const plain = sampler(d, streamFor(4, 'link/1099'));
    const expected = Array.from({ length: 6 }, () => plain());
    const place = records.place(drawAtOf(last));
    expect(expected.map((_, i) => (i % 2 === 0 ? last() : records.drawAtPlace(place)))).toEqual(expected);
    expect(records.place(drawAtOf(recordSampler(new DrawRecords(), d, 4, 'other')))).toBe(-1);
    expect(records.place(null)).toBe(-1);
  });

  it.each<[string, Distribution]>([
    ['lognormal', { type: 'lognormal', median: 0.5, sigma: 0.25 }],
    ['lognormal, wide (its tail draws too)', { type: 'lognormal', median: 0.5, sigma: 2 }],
    ['exponential', { type: 'exponential', mean: 14.3 }],
  ])('drawAtPlaceInto writes the %s draws drawAtPlace returns, bit for bit, from the one stream (issue 14.4)', (_name, d) => {
    const plain = sampler(d, streamFor(5, 'link/a'));
    const expected = Array.from({ length: 4000 }, () => plain());
    const records = new DrawRecords();
    records.alloc();
    const place = records.place(drawAtOf(recordSampler(records, d, 5, 'link/a')));
    const out = new Float64Array(2);
    const got = expected.map((_, i) => {
      if (i % 2 === 0) return records.drawAtPlace(place);
      records.drawAtPlaceInto(place, out, 1);
      return out[1];
    });
    expect(got.map((v, i) => Object.is(v, expected[i]))).not.toContain(false);
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
      expect(r.latency).toHaveLength(2);
      for (let i = 0; i < 2; i++) {
        // The record holds the sampler's stream: the same draws either way.
        expect(drawAtOf(r.latency[i])!.f).toBeInstanceOf(Float64Array);
        expect(r.pool.latencyPlace(i)).toBe(w.network.latencyPlace(r.latency[i]));
        expect(r.pool.latencyPlace(i)).toBeGreaterThanOrEqual(0);
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
