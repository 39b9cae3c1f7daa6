import { describe, expect, it } from 'vitest';
import { retriedTitle } from '../../../src/ui/inspector/retriedWords';

describe("the request list's retried mark in words (trial T2, item 8)", () => {
  it('says a sum over all hops, never a try number at one hop', () => {
    const t = retriedTitle(8);
    expect(t).toMatch(/^8 retries over all hops/);
    expect(t).not.toMatch(/try 9|9th|a try \d/);
  });
  it('says one retry as one, and thousands with a separator', () => {
    expect(retriedTitle(1)).toMatch(/^1 retry, at one hop/);
    expect(retriedTitle(1200)).toMatch(/^1,200 retries over all hops/);
  });
  it('gives nothing for no retries or a bad count', () => {
    expect(retriedTitle(0)).toBe('');
    expect(retriedTitle(-2)).toBe('');
    expect(retriedTitle(Number.NaN)).toBe('');
  });
});
