import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SimHost, WORKER_TRACE_OPTIONS } from '../../src/workers/SimHost';
import { Counter, DOT_STRIDE, dotRequest, dotSampled } from '../../src/workers/protocol';

const text = readFileSync(fileURLToPath(new URL('../../scenarios/retry-storm.json', import.meta.url)), 'utf8');

describe('frame dots name their request', () => {
  it('each dot carries its Request.number, ringed (sampled) exactly for every 20th, and a ringed one in flight gives its spans so far', () => {
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
        expect(dotSampled(f.dots, j), `request ${n}`).toBe((n - 1) % WORKER_TRACE_OPTIONS.sampleEvery! === 0);
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
