// The lanes lit at rest (momentPulses) light a request lane by the requests sent on it in the
// window (EdgeField.sent, every attempt answered yet or not), the figure its label says: a flood
// whose calls are held at the callee sent 19,736 requests in the window and ended 17, and a lane
// lit by the attempts of the calls that ended went dark where its label read 98,680 req/s.
import { describe, expect, it } from 'vitest';
import { momentPulses, litLanes } from '../../src/ui/traffic/pulses';
import { EDGE_STRIDE, EdgeField } from '../../src/workers/protocol';

function recent(rows: Partial<Record<keyof typeof EdgeField, number>>[]): Float64Array {
  const out = new Float64Array(rows.length * EDGE_STRIDE);
  rows.forEach((row, e) => {
    for (const [k, v] of Object.entries(row)) out[e * EDGE_STRIDE + EdgeField[k as keyof typeof EdgeField]] = v;
  });
  return out;
}

describe('the lanes lit at rest', () => {
  it('light a request lane where requests were sent though none of its calls ended, and not where none was sent', () => {
    const r = recent([
      // Sent, none ended (held at the callee): the request lane lit, no response.
      { sent: 19_736 },
      // Sent and ended ok.
      { sent: 10, calls: 10, attempts: 10 },
      // Ended, with its last attempt sent before the window: no request lane, a response.
      { calls: 2, attempts: 2 },
      // Quiet.
      {},
    ]);
    expect(litLanes(momentPulses(4, r, new Float32Array(0), 1000))).toBe('0:0 1:0 1:1 2:1');
  });
});
