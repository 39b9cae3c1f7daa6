import { describe, expect, it } from 'vitest';
import { yourActionsNote } from '../../src/ui/narrative/yourActions';
import type { LiveAction } from '../../src/workers/protocol';

const inject = (ms: number): LiveAction => ({ kind: 'inject', ms, ev: 0, fault: { type: 'kill-service', service: 'inventory' } });
const change = (ms: number): LiveAction => ({ kind: 'change', ms, ev: 0, change: {} });
const clear = (ms: number): LiveAction => ({ kind: 'clear', ms, ev: 0, id: 1 });

describe("a lesson figure says when the person's own actions are in the run", () => {
  it('names the faults and config changes taken at or before the moment, and nothing before the first or for a clear alone', () => {
    expect(yourActionsNote([], 15_000)).toBeNull();
    expect(yourActionsNote([inject(10_000)], 9_999)).toBeNull();
    expect(yourActionsNote([inject(10_000)], 10_000)).toBe('your fault is in this run');
    expect(yourActionsNote([inject(10_000), clear(20_000)], 25_000)).toBe('your fault is in this run');
    expect(yourActionsNote([inject(1_000), inject(2_000)], 5_000)).toBe('your 2 faults are in this run');
    expect(yourActionsNote([change(3_000)], 5_000)).toBe('your config change is in this run');
    expect(yourActionsNote([inject(1_000), change(3_000), change(4_000)], 5_000)).toBe('your fault and 2 config changes are in this run');
  });
});
