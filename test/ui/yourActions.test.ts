import { describe, expect, it } from 'vitest';
import { actionSpan, figureSpan, isEditedShipped, lessonCaveat, yourActionsNote } from '../../src/ui/narrative/yourActions';
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

const fault = (ms: number, f: Record<string, unknown>): LiveAction => ({ kind: 'inject', ms, ev: 0, fault: { type: 'http-errors', service: 'catalog', ...f } });

describe("the person's actions are said beside a figure only when they can touch its window (trial N10, 7a)", () => {
  const win = figureSpan({ from: 21_000, to: 58_000 }, 60_000);
  it('a fault over 10-18 s says nothing beside a figure over 21-58 s; one overlapping it does', () => {
    expect(yourActionsNote([fault(10_000, { for: '8s' })], 30_000, win)).toBeNull();
    expect(yourActionsNote([fault(10_000, { for: 8000 })], 30_000, win)).toBeNull();
    expect(yourActionsNote([fault(15_000, { for: '8s' })], 30_000, win)).toBe('your fault is in this run');
    expect(yourActionsNote([fault(5_000, { at: '16s', for: '2s' })], 30_000, win)).toBe('your fault is in this run');
  });
  it('a fault without an end, a one-shot fault and a config change made before the window persist into it', () => {
    expect(yourActionsNote([fault(10_000, {})], 30_000, win)).toBe('your fault is in this run');
    expect(yourActionsNote([{ kind: 'inject', ms: 5_000, ev: 0, fault: { type: 'expire-certificates', mesh: 'm' } }], 30_000, win)).toBe('your fault is in this run');
    expect(yourActionsNote([change(3_000)], 30_000, win)).toBe('your config change is in this run');
  });
  it('nothing before the window has been reached, nor for an action after the figure closed', () => {
    expect(yourActionsNote([fault(15_000, {})], 20_000, win)).toBeNull();
    expect(yourActionsNote([fault(59_000, {})], 60_000, win)).toBeNull();
    expect(yourActionsNote([change(58_000)], 60_000, win)).toBeNull();
  });
  it('a whole-run figure counts every action by now; a baseline window is part of a shift figure', () => {
    expect(yourActionsNote([fault(10_000, { for: '8s' })], 30_000, figureSpan({}, 60_000))).toBe('your fault is in this run');
    const shift = figureSpan({ from: 30_000, to: 40_000, baseline: { from: 5_000, to: 20_000 } }, 60_000);
    expect(yourActionsNote([fault(10_000, { for: '2s' })], 45_000, shift)).toBe('your fault is in this run');
    expect(actionSpan({ kind: 'clear', ms: 1, ev: 0, id: 0 })).toBeNull();
  });
});

describe('an edited scenario says its lesson is for the file as shipped (trial N10, 1)', () => {
  const entries = [{ id: 'gateway-only', label: 'Gateway only', text: '{"name":"gateway-only","replicas":3}', source: 'builtin' as const }];
  it('is edited when the text of a shipped scenario changed, not for the shipped one or another file', () => {
    expect(isEditedShipped({ scenario: { kind: 'inline', text: '{"name":"gateway-only","replicas":6}' } }, 'gateway-only', entries)).toBe(true);
    expect(isEditedShipped({ scenario: { kind: 'inline', text: entries[0].text } }, 'gateway-only', entries)).toBe(false);
    expect(isEditedShipped({ scenario: { kind: 'builtin', id: 'gateway-only' } }, 'gateway-only', entries)).toBe(false);
    expect(isEditedShipped({ scenario: { kind: 'inline', text: 'x' } }, 'my-own', entries)).toBe(false);
    expect(isEditedShipped(null, undefined, entries)).toBe(false);
  });
  it('says the edit, and the actions that touch the figure with it', () => {
    expect(lessonCaveat(true, [], 30_000)).toBe('you edited this scenario: the lesson is for the file as shipped');
    expect(lessonCaveat(true, [], 30_000, undefined, true)).toBe('you edited this scenario: the lessons are for the file as shipped');
    expect(lessonCaveat(true, [fault(25_000, {})], 30_000)).toBe('you edited this scenario: the lesson is for the file as shipped, and your fault is in this run');
    expect(lessonCaveat(false, [fault(10_000, { for: '8s' })], 30_000, figureSpan({ from: 21_000, to: 58_000 }, 60_000))).toBeNull();
  });
});
