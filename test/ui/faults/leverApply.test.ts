import { describe, expect, it } from 'vitest';
import { expiryLever } from '../../../src/ui/faults/faultForm';
import { leverAppliedWords, leverApplyLabel } from '../../../src/ui/faults/expiryWhy';

describe("an expiry's lever made in one click (trial T2, item 2)", () => {
  it("names the Envoy field, its value and the service on the button", () => {
    expect(leverApplyLabel(expiryLever('ledger'))).toBe('Apply now: maxConnectionDuration 1s on ledger');
    expect(leverApplyLabel({ type: 'policy', gateway: 'edge', policy: { maxConnectionDuration: '2s' } })).toBe('Apply now: maxConnectionDuration 2s on edge');
    expect(leverApplyLabel({ type: 'policy' })).toBe('Apply the change now');
  });
  it('says what the change does once made, or the field and problem when refused', () => {
    expect(leverAppliedWords([])).toMatch(/^Made now .*open connections close within that time/);
    expect(leverAppliedWords([{ path: 'change', message: 'the run has stopped; open a scenario to change it' }])).toBe('change: the run has stopped; open a scenario to change it');
  });
});
