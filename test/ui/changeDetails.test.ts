import { describe, expect, it } from 'vitest';
import { DETAILS_WIDTH, detailsRows, formatDetails, readDetails } from '../../src/ui/changes/details';

// The change form's details box: what is not a JSON object is a problem at change.details.
describe('readDetails', () => {
  it("names text that is not JSON at change.details, with the parser's reason and what to write", () => {
    const r = readDetails('nope');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problem.path).toBe('change.details');
    expect(r.problem.message).toMatch(/^is not JSON \(Unexpected token .*\); write the rest of the change as a JSON object, such as \{"mode": "STRICT"\}$/);
  });

  it('names JSON that is not an object: a list, a number, null', () => {
    expect(readDetails('[]')).toEqual({ ok: false, problem: { path: 'change.details', message: 'must be a JSON object, such as {"mode": "STRICT"}, got a list' } });
    expect(readDetails('3')).toEqual({ ok: false, problem: { path: 'change.details', message: 'must be a JSON object, such as {"mode": "STRICT"}, got number 3' } });
    expect(readDetails('null')).toEqual({ ok: false, problem: { path: 'change.details', message: 'must be a JSON object, such as {"mode": "STRICT"}, got null' } });
  });

  it('reads an object, and empty text as no fields', () => {
    expect(readDetails('{"mode": "L4"}')).toEqual({ ok: true, rest: { mode: 'L4' } });
    expect(readDetails('  ')).toEqual({ ok: true, rest: {} });
  });
});

// What the box shows: one line was wrapped by the 26-character box at any space, "0}}}" alone.
describe('formatDetails', () => {
  it('lays the form\'s first change over lines of at most 26 characters, the innermost object on one line where it fits', () => {
    expect(formatDetails({ policy: { retries: { attempts: 0 } } })).toBe('{\n  "policy": {\n    "retries": {\n      "attempts": 0\n    }\n  }\n}');
    expect(formatDetails({ route: 0, policy: { timeout: '2s' } })).toBe('{\n  "route": 0,\n  "policy": {\n    "timeout": "2s"\n  }\n}');
    expect(formatDetails({ policy: { retries: { attempts: 2, retryOn: ['5xx'] } } }, 40)).toBe('{\n  "policy": {\n    "retries": {\n      "attempts": 2,\n      "retryOn": ["5xx"]\n    }\n  }\n}');
  });

  it('keeps a short change on one line, as typed by hand ({"mode": "STRICT"}, {"trusts": []}, {})', () => {
    expect(formatDetails({ mode: 'STRICT' })).toBe('{"mode": "STRICT"}');
    expect(formatDetails({ trusts: [] })).toBe('{"trusts": []}');
    expect(formatDetails({})).toBe('{}');
  });

  it('reads back to the same object, every line within the width but one key with a plain value too long for it', () => {
    const cases: Record<string, unknown>[] = [
      { policy: { retries: { attempts: 2, retryOn: ['5xx', 'reset'], backoff: { base: '10ms', max: '1s' } }, timeout: '1s' } },
      { route: 1, weights: [{ upstream: 'v1', weight: 90 }, { upstream: 'v2', weight: 10 }] },
      { policy: { outlierDetection: { consecutive5xx: 5, interval: '10s', baseEjectionTime: '30s' } } },
      { note: 'a string value much longer than the box is wide, kept whole' },
    ];
    for (const c of cases) {
      const text = formatDetails(c);
      expect(readDetails(text)).toEqual({ ok: true, rest: c });
      // A longer line is one key and its plain value, which no break could shorten.
      for (const line of text.split('\n')) if (line.length > DETAILS_WIDTH) expect(line.trim()).toMatch(/^"[^"]+": ("[^"]*"|[\d.-]+|true|false|null),?$/);
    }
  });

  it('sizes the box to its lines, 2 to 8', () => {
    expect(detailsRows('{"mode": "L4"}')).toBe(2);
    expect(detailsRows(formatDetails({ policy: { retries: { attempts: 0 } } }))).toBe(7);
    expect(detailsRows('{\n'.repeat(20))).toBe(8);
  });
});
