import { describe, expect, it } from 'vitest';
import { isBareNumber, readDurationField } from '../../src/ui/faults/durationField';
import { buildFault, faultFormProblems } from '../../src/ui/faults/faultForm';

describe("a form's duration field", () => {
  it('reads a bare number as milliseconds, as a scenario file does, and writes it with its unit', () => {
    expect(readDurationField('2')).toEqual({ ok: true, value: '2ms', ms: 2 });
    expect(readDurationField('10')).toEqual({ ok: true, value: '10ms', ms: 10 });
    expect(readDurationField(' 2.5 ')).toEqual({ ok: true, value: '2.5ms', ms: 2.5 });
    expect(readDurationField('.5')).toEqual({ ok: true, value: '.5ms', ms: 0.5 });
    expect(readDurationField('250ms')).toEqual({ ok: true, value: '250ms', ms: 250 });
    // A unit typed stays: 2s is two seconds.
    expect(readDurationField('2s')).toEqual({ ok: true, value: '2s', ms: 2000 });
    expect(readDurationField('')).toEqual({ ok: true, value: null, ms: null });
  });

  it('shows "ms" for a bare number only', () => {
    expect(['2', ' 2.5 ', '.5', '2s', '250ms', '', 'ten'].map(isBareNumber)).toEqual([true, true, true, false, false, false, false]);
  });

  it('says zero must be more than 0 where a positive duration is asked for, and what is not a duration', () => {
    expect(readDurationField('0', { positive: true, emptyMeans: 'to last until cleared' })).toEqual({ ok: false, message: 'must be more than 0, got "0" (leave it empty to last until cleared)' });
    expect(readDurationField('0ms', { positive: true })).toEqual({ ok: false, message: 'must be more than 0, got "0ms"' });
    expect(readDurationField('0')).toEqual({ ok: true, value: '0ms', ms: 0 });
    expect(readDurationField('ten')).toEqual({ ok: false, message: '"ten" is not a duration; use a number with a unit: us, ms, s, m or h (250ms, 10s, 2m), or a bare number, which is milliseconds (250)' });
    expect(readDurationField('-3')).toEqual({ ok: false, message: 'must not be negative, got "-3"' });
    expect(readDurationField('9000h')).toMatchObject({ ok: false, message: 'must be at most 8760h (one year of simulated time), got "9000h"' });
  });
});

describe('the fault form', () => {
  it('sends "for": 10s as 10s and a latency of 0.2 as 0.2ms, and refuses "for": 10 as ambiguous, as the CLI does (trial T3, 7)', () => {
    expect(buildFault({ type: 'kill-service', target: 'web', params: {}, duration: '10s' })).toEqual({ type: 'kill-service', service: 'web', for: '10s' });
    expect(buildFault({ type: 'kill-service', target: 'web', params: {}, duration: '250ms' })).toEqual({ type: 'kill-service', service: 'web', for: '250ms' });
    expect(buildFault({ type: 'latency', target: 'web', params: { delay: '0.2' }, duration: '' })).toMatchObject({ type: 'latency', delay: '0.2ms' });
    expect(faultFormProblems({ type: 'kill-service', target: 'web', params: {}, duration: '10' })).toEqual([{ path: 'fault.for', message: '"10" needs a unit: 10s or 10ms (a bare number here could be either)' }]);
    expect(faultFormProblems({ type: 'kill-service', target: 'web', params: {}, duration: ' 2.5 ' })).toEqual([{ path: 'fault.for', message: '"2.5" needs a unit: 2.5s or 2.5ms (a bare number here could be either)' }]);
    expect(faultFormProblems({ type: 'kill-service', target: 'web', params: {}, duration: '10s' })).toEqual([]);
    // The "not a duration" words don't offer a bare number where one is refused.
    expect(faultFormProblems({ type: 'kill-service', target: 'web', params: {}, duration: 'soon' })).toEqual([{ path: 'fault.for', message: '"soon" is not a duration; use a number with a unit: us, ms, s, m or h (250ms, 10s, 2m)' }]);
    // Elsewhere a bare number stays milliseconds, as in a file.
    expect(readDurationField('10')).toEqual({ ok: true, value: '10ms', ms: 10 });
  });

  it('refuses "for": 0 with "must be more than 0" before anything is sent, and names each bad duration field', () => {
    expect(faultFormProblems({ type: 'kill-service', target: 'web', params: {}, duration: '0' })).toEqual([{ path: 'fault.for', message: 'must be more than 0, got "0" (leave it empty to last until cleared)' }]);
    expect(faultFormProblems({ type: 'clock-skew', target: 'web', params: { skew: 'soon' }, duration: 'x' }).map((p) => p.path)).toEqual(['fault.skew', 'fault.for']);
    // A one-shot fault has no "for".
    expect(faultFormProblems({ type: 'expire-certificates', target: 'mesh', params: {}, duration: '0' })).toEqual([]);
  });
});
