import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SimHost } from '../../src/workers/SimHost';
import { Counter, type Frame } from '../../src/workers/protocol';

/* Live config changes (issue 12.2, "apply a change now") join the recipe like live faults. */

// config-rollout without its timed change: the live one is the only change.
const raw = JSON.parse(readFileSync(fileURLToPath(new URL('../../scenarios/config-rollout.json', import.meta.url)), 'utf8'));
const plainText = JSON.stringify({ ...raw, changes: [], narrative: [] });
const RETRIES = { type: 'policy', service: 'payments', policy: { retries: { attempts: 2, retryOn: ['5xx'] } } };

function loaded() {
  let t = 0;
  const host = new SimHost(() => (t += 1e-6));
  const r = host.load(plainText);
  if (!r.ok) throw new Error('load failed');
  return host;
}

const moment = (f: Frame) => ({ t: f.simTime, hash: f.traceHash, ok: f.counters[Counter.ok], failed: f.counters[Counter.failed], rollouts: f.rollouts });

describe('a live config change', () => {
  it('spreads like a timed one, is kept across a seek back and forward, and replays from a link', () => {
    const host = loaded();
    host.seekTo(10_000, 60_000);
    const hashBefore = host.seekTo(10_000, 60_000).traceHash;
    const r = host.applyChange(RETRIES);
    expect(r.ok).toBe(true);
    // Made now, it adds no event at this instant: the run with it has the same hash here (a branch point).
    expect(host.advance(0, 10).traceHash).toBe(hashBefore);
    const at20 = host.seekTo(20_000, 60_000);
    expect(at20.rollouts).toEqual([{ change: 0, atMs: 10_000, proxies: 20, applied: 20, allAtMs: 15_100 }]);
    const before = moment(at20);
    // Seek back before the change, then forward again: the same run.
    const back = host.seekTo(5_000, 60_000);
    expect(back.rollouts).toBeUndefined();
    expect(host.changes()).toEqual([]);
    expect(moment(host.seekTo(20_000, 60_000))).toEqual(before);
    expect(host.changes()).toEqual([{ id: 0, type: 'policy', target: 'payments', atMs: 10_000, proxies: 20, applied: 20, allAtMs: 15_100, pending: false }]);
    // A fresh host given the recipe's actions (a share link) reaches the same moment.
    const fresh = loaded();
    expect(fresh.setActions(host.liveActions())).toEqual([]);
    expect(moment(fresh.seekTo(20_000, 60_000))).toEqual(before);
    // Without it, the run differs after 10 s only.
    const plain = loaded();
    expect(plain.seekTo(9_999, 60_000).traceHash).toBe(loaded().seekTo(9_999, 60_000).traceHash);
    expect(plain.seekTo(20_000, 60_000).traceHash).not.toBe(before.hash);
  });

  it('is checked like a scenario change, at change.field, and from a link at faults.N.change.field', () => {
    const host = loaded();
    host.seekTo(1_000, 60_000);
    expect(host.applyChange({ type: 'policy', service: 'paymnts', policy: { timeout: '1s' } })).toEqual({ ok: false, problems: [{ path: 'change.service', message: 'unknown service "paymnts"; did you mean payments? (services: frontend, payments)' }] });
    expect(host.applyChange({ type: 'mtls', service: 'payments', mode: 'STRICT', at: '59s' })).toEqual({ ok: false, problems: [{ path: 'change.at', message: 'is at 1m 00s, when the run is over (duration 1m 00s)' }] });
    expect(host.setActions([{ kind: 'change', ms: 2_000, ev: -1, change: { type: 'trusts', mesh: 'nope', trusts: [] } }])).toEqual([{ path: 'faults.0.change.mesh', message: 'unknown mesh "nope" (meshes: shop)' }]);
  });
});
