import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SimHost, WORKER_TRACE_OPTIONS } from '../../src/workers/SimHost';
import { Counter, DOT_STRIDE, MAX_DOTS, dotRequest, dotSampled } from '../../src/workers/protocol';
import { dotSampledSeq } from '../../src/workers/frame';
import { sampledOneIn } from '../../src/sim-engine';
import { inFlight20k } from '../../bench/ui/scenarios';

const text = readFileSync(fileURLToPath(new URL('../../scenarios/retry-storm.json', import.meta.url)), 'utf8');

describe('frame dots name their request', () => {
  it('each dot carries its Request.number, ringed (sampled) exactly for the one in 20 the tracer keeps, and a ringed one in flight gives its spans so far', () => {
    let t = 0;
    const host = new SimHost(() => (t += 1e-6));
    const r = host.load(text, 7);
    expect(r.ok).toBe(true);
    let dots = 0;
    let sampled = 0;
    let ringedInFlight = -1;
    // Frames every 5 simulated ms for 3 s; the last ringed dot seen is asked about at once.
    for (let i = 0; i < 600 && ringedInFlight < 0; i++) {
      const f = host.advance(5, 1e9);
      const sent = f.counters[Counter.sent];
      for (let j = 0; j < f.dots.length; j += DOT_STRIDE) {
        const n = dotRequest(f.dots, j);
        dots++;
        expect(n >= 1 && n <= sent && Number.isInteger(n), `request ${n} of ${sent}`).toBe(true);
        expect(dotSampled(f.dots, j), `request ${n}`).toBe(sampledOneIn(n - 1, WORKER_TRACE_OPTIONS.sampleEvery!));
        if (dotSampled(f.dots, j)) {
          sampled++;
          ringedInFlight = n;
        }
      }
    }
    expect(dots).toBeGreaterThanOrEqual(sampled);
    expect(sampled).toBeGreaterThan(0);
    const trace = host.requestSpans(ringedInFlight);
    expect(trace?.id).toBe(ringedInFlight);
    expect(trace?.sampled).toBe(true);
    expect(trace!.spans.length).toBeGreaterThan(1);
    // Its dot was on the wire in this frame, so it is in flight, and nothing in it ends after
    // now: the message still on the wire is an open span.
    expect(trace!.fate).toBeNull();
    const now = host.advance(0, 1e9).simTime;
    expect(trace!.spans.filter((sp) => sp.end > now)).toEqual([]);
    expect(trace!.spans.some((sp) => Number.isNaN(sp.end))).toBe(true);
  });
});

describe('dots sampled past MAX_DOTS in flight', () => {
  it('draw every link of ten constant-rate clients sending in turn, each with about a tenth of the dots (seq % 5 drew two links)', () => {
    let t = 0;
    const host = new SimHost(() => (t += 1e-6));
    expect(host.load(JSON.stringify(inFlight20k()), 1).ok).toBe(true);
    const f = host.advance(10_000, 1e9);
    expect(f.counters[Counter.inFlight]).toBeGreaterThan(19_000);
    const perEdge = new Map<number, number>();
    for (let j = 0; j < f.dots.length; j += DOT_STRIDE) perEdge.set(f.dots[j], (perEdge.get(f.dots[j]) ?? 0) + 1);
    const drawn = f.dots.length / DOT_STRIDE;
    expect(drawn).toBeGreaterThan(0.75 * MAX_DOTS);
    expect(drawn).toBeLessThanOrEqual(MAX_DOTS);
    expect(perEdge.size).toBe(10);
    for (const [edge, n] of perEdge) expect(Math.abs(n - drawn / 10), `edge ${edge}: ${n} of ${drawn}`).toBeLessThan(0.15 * (drawn / 10));
  });

  it('pick one message in k by send number, whatever its residue: 1 in 5 over 100,000 numbers within 2%, for each residue mod 10', () => {
    const picked = new Array<number>(10).fill(0);
    for (let seq = 0; seq < 100_000; seq++) if (dotSampledSeq(seq, 5)) picked[seq % 10]++;
    for (const n of picked) expect(Math.abs(n - 2_000)).toBeLessThan(0.05 * 2_000);
    expect(Math.abs(picked.reduce((a, b) => a + b) - 20_000)).toBeLessThan(0.02 * 20_000);
    expect(dotSampledSeq(12_345, 1)).toBe(true);
  });
});
