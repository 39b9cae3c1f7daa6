import { describe, expect, it } from 'vitest';
import { readDetails } from '../../src/ui/changes/details';

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
