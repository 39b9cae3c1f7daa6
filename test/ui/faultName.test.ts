import { describe, expect, it } from 'vitest';
import { FAULT_TYPES } from '../../src/ui/faults/faultForm';
import { faultFamily, faultName, faultShortName, faultWhere } from '../../src/ui/faults/faultName';

describe('a fault kind as a person reads it', () => {
  it("is the inject form's words, not the kind id: http-abort reads 'HTTP errors', as the form offered it", () => {
    expect(faultName('http-abort')).toBe('HTTP errors');
    expect(faultName('kill-replica')).toBe('kill one replica');
    expect(faultShortName('http-abort')).toBe('HTTP');
  });

  it("names every kind the form offers with the form's own words (its label, less a parenthesis or 'now')", () => {
    for (const t of FAULT_TYPES) {
      const name = faultName(t.type);
      expect(name, t.type).not.toBe(t.type.includes('-') ? t.type : '\u0000');
      expect(t.label.startsWith(name), `${t.type}: '${t.label}' against '${name}'`).toBe(true);
      // The short form is words of the name or of the label ('CP down' stands for 'control plane down').
      if (t.type !== 'control-plane-outage') expect(name.includes(faultShortName(t.type)), t.type).toBe(true);
    }
  });

  it("gives every kind the form offers a family for its colour, each of the four used, so overlapping faults of different kinds read apart", () => {
    expect(['kill-replica', 'latency', 'http-abort', 'ca-outage'].map(faultFamily)).toEqual(['down', 'slow', 'errors', 'identity']);
    expect(new Set(FAULT_TYPES.map((t) => faultFamily(t.type)))).toEqual(new Set(['down', 'slow', 'errors', 'identity']));
    expect(faultFamily('solar-flare')).toBe('down');
  });

  it('shows a kind the catalog does not know as it is', () => {
    expect(faultName('solar-flare')).toBe('solar-flare');
    expect(faultShortName('solar-flare')).toBe('solar');
  });
});

describe('where a fault acts, in words', () => {
  it("names a partition's two sides in words, a control plane as one, not its internal name", () => {
    // The list read "network partition on control-plane:mesh | frontend".
    expect(faultWhere('partition', 'control-plane:mesh | frontend')).toBe('between the control plane and frontend');
    expect(faultWhere('partition', 'web,api | control-plane:payments')).toBe("between web, api and mesh payments' control plane");
    expect(faultWhere('http-abort', 'payments')).toBe('on payments');
  });
});
