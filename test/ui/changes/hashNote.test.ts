// Trial N15, finding 6: a branch whose change reaches no request showed two trace hashes beside
// "B runs as A does". The hashes differ by the change's own record (its config pushes); the
// banner now says so when the panes' counters show it, and drops "runs as A does" when they don't.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SimHost } from '../../../src/workers/SimHost';
import { Counter, type Frame } from '../../../src/workers/protocol';
import { hashNoteText, hashStanding, type HashSide } from '../../../src/ui/changes/hashNote';

const text = readFileSync('scenarios/retry-storm.json', 'utf8');

/** retry-storm to `endMs`, with `change` applied at 12 s when given: the pane's counters as HashSide. */
function side(change: unknown, endMs: number): HashSide {
  let t = 0;
  const host = new SimHost(() => (t += 1e-6));
  if (!host.load(text).ok) throw new Error('load failed');
  if (change !== null) {
    host.seekTo(12_000, endMs);
    const r = host.applyChange(change);
    if (!r.ok) throw new Error(JSON.stringify(r));
  }
  const f: Frame = host.seekTo(endMs, endMs);
  return { simTime: f.simTime, sent: f.counters[Counter.sent], ok: f.counters[Counter.ok], failed: f.counters[Counter.failed], events: f.counters[Counter.events], traceHash: f.traceHash, rollouts: f.rollouts };
}

describe('a no-effect branch: why its trace hash is not A\'s', () => {
  it("retry-storm, retries 0 on web at 12 s (the gateway's route wins): at 40 s the hashes differ (9562ddebce6ca1ed, c866d09bb7cadc14) by 6 config pushes only; every counter equal", () => {
    const a = side(null, 40_000);
    const b = side({ type: 'policy', service: 'web', policy: { retries: { attempts: 0 } } }, 40_000);
    expect(a.traceHash).toBe('9562ddebce6ca1ed');
    expect(b.traceHash).toBe('c866d09bb7cadc14');
    expect([b.sent, b.ok, b.failed]).toEqual([a.sent, a.ok, a.failed]);
    expect(b.events - a.events).toBe(6);
    expect(hashStanding(a, b)).toBe('record-only');
    expect(hashNoteText('record-only', b, a)).toBe("The trace hashes differ by the change's own record only (its config push to 6 proxies: 6 events more in B); every request the same.");
  }, 300_000);

  it("a change that acts (retries 0 on payments at 12 s: orders' sidecar stops retrying) reads 'differ', so the banner does not say B runs as A does", () => {
    const a = side(null, 20_000);
    const b = side({ type: 'policy', service: 'payments', policy: { retries: { attempts: 0 } } }, 20_000);
    expect(b.failed === a.failed && b.ok === a.ok).toBe(false);
    expect(hashStanding(a, b)).toBe('differ');
    expect(hashNoteText('differ', b, a)).toMatch(/^Yet B's run differs from A's here/);
  }, 300_000);

  it('says nothing while the panes are at different moments or have no hash, and "same" for equal hashes', () => {
    const x: HashSide = { simTime: 5000, sent: 10, ok: 10, failed: 0, events: 100, traceHash: 'aa' };
    expect(hashStanding(x, { ...x, simTime: 6000, traceHash: 'bb' })).toBeNull();
    expect(hashStanding(x, { ...x, traceHash: '' })).toBeNull();
    expect(hashStanding(x, { ...x })).toBe('same');
    expect(hashNoteText('same', x, x)).toBe('');
    // One event more than B's pushes: not the change's record alone.
    const rollouts = [{ change: 0, atMs: 1000, proxies: 6, applied: 6, allAtMs: 1100 }];
    expect(hashStanding(x, { ...x, traceHash: 'bb', events: 107, rollouts })).toBe('differ');
    expect(hashStanding(x, { ...x, traceHash: 'bb', events: 106, rollouts })).toBe('record-only');
  });
});
