import { describe, expect, it } from 'vitest';
import { faultMarkerLabel, faultMarkerTitle, stepMarkerTitle } from '../../src/ui/components/timelineTitles';
import { formatClock } from '../../src/ui/format';

describe("the timeline's marker titles", () => {
  it('write a step\'s time as the clock reads it after a click on it: 4,165 ms is 4.16 s, not 4.17 s rounded up', () => {
    expect(stepMarkerTitle(1, { title: 'Later', at: 4_165 })).toBe('2. Later (4.16 s)');
    expect(stepMarkerTitle(0, { title: 'Start', at: 0 })).toBe('1. Start (0.000 s)');
    expect(stepMarkerTitle(2, { title: 'The CA is out', at: 29_950 })).toBe('3. The CA is out (29.9 s)');
    // Whole tenths (every shipped step) read as before.
    expect(stepMarkerTitle(1, { title: 'Kill', at: 10_000 })).toBe('2. Kill (10.0 s)');
  });

  it("write a fault's start as the clock does and its kind in the inject form's words, in its title and its name for a screen reader", () => {
    const f = { type: 'kill-replica', target: 'payments-0', startMs: 4_165.3 };
    expect(faultMarkerTitle(f)).toBe('kill one replica on payments-0 (4.16 s): click to go there');
    expect(faultMarkerLabel(f)).toBe('kill one replica on payments-0 at 4.16 s');
    expect(faultMarkerLabel({ ...f, startMs: 12_000 })).toBe(`kill one replica on payments-0 at ${formatClock(12_000)}`);
  });
});
