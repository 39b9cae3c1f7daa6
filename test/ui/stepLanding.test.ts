import { describe, expect, it } from 'vitest';
import { landingNote, stepLanding } from '../../src/ui/narrative/stepLanding';
import type { NarrativeStep } from '../../src/ui/narrative/steps';

const step = (at: number, figure?: { from?: number; to?: number }, question?: { from?: number; to?: number }): NarrativeStep =>
  ({
    at,
    title: `at ${at}`,
    text: '',
    highlight: [],
    figure: figure && { measure: 'failed-share', label: 'f', ...figure },
    question: question && { prompt: 'q', choices: ['a', 'b'], answer: 0, explain: 'e', figure: { measure: 'failed-share', label: 'q', ...question } },
  }) as NarrativeStep;

// mesh-only's story as it stood until session 53 ("Retried, then ejected" at 21 s, in its window's first second; now at 22 s), measuring failures over 21 s - 58 s.
const meshOnly = [step(0), step(5_000), step(20_000, undefined, { from: 21_000, to: 58_000 }), step(21_000, { from: 21_000, to: 58_000 }), step(40_000), step(50_000)];

describe('stepLanding: where a presenter-mode story move lands', () => {
  it("plays on two seconds into a figure's window that starts at or after the step (mesh-only step 4: 23 s)", () => {
    expect(stepLanding(meshOnly, 3, 1000, 70_000)).toBe(23_000);
  });
  it("reads the window of the question the step answers too, but lands on the moment when the next step leaves no closed second of it (mesh-only step 3 at 20 s, step 4 at 21 s)", () => {
    expect(stepLanding(meshOnly, 2, 1000, 70_000)).toBe(20_000);
    expect(stepLanding([step(0), step(10_000, undefined, { from: 10_500 }), step(20_000)], 1, 1000, 60_000)).toBe(12_500);
  });
  it("lands on the step's moment when its figure has no window, or two closed seconds of it already", () => {
    expect(stepLanding(meshOnly, 4, 1000, 70_000)).toBe(40_000);
    expect(stepLanding([step(0), step(30_000, { from: 10_000, to: 50_000 })], 1, 1000, 60_000)).toBe(30_000);
  });
  it("stays before the next step's moment, so the move still lands on its step", () => {
    expect(stepLanding([step(0), step(10_000, { from: 11_000 }), step(12_500)], 1, 1000, 60_000)).toBe(12_499);
  });
  it("stays inside the window's end and the run", () => {
    expect(stepLanding([step(10_000, { from: 11_000, to: 12_000 })], 0, 1000, 60_000)).toBe(12_000);
    expect(stepLanding([step(10_000, { from: 11_000 })], 0, 1000, 12_500)).toBe(12_500);
  });
  it("lands on the moment when no time is left past it (the figure says when it starts), and 0 for a step that is not there", () => {
    expect(stepLanding([step(10_000, { from: 11_000 }), step(10_000)], 0, 1000, 60_000)).toBe(10_000);
    expect(stepLanding(meshOnly, 9, 1000, 70_000)).toBe(0);
  });
  it('counts whole buckets of the series: 2 s buckets play on 4 s into the window', () => {
    expect(stepLanding(meshOnly, 3, 2000, 70_000)).toBe(25_000);
  });
});

describe('landingNote: the word under a step a presenter move played on past (trial N10, finding 6)', () => {
  it('says where the clock went and why while it stands at the landing, and nothing at the step\'s own moment or later', () => {
    expect(landingNote(meshOnly, 3, 23_000, 1000, 70_000)).toBe('played on to 23 s so the figure has its first seconds');
    expect(landingNote(meshOnly, 3, 23_500, 1000, 70_000)).toBe('played on to 23 s so the figure has its first seconds');
    expect(landingNote(meshOnly, 3, 21_000, 1000, 70_000)).toBeNull();
    expect(landingNote(meshOnly, 3, 25_000, 1000, 70_000)).toBeNull();
    expect(landingNote(meshOnly, 4, 40_000, 1000, 70_000)).toBeNull();
    expect(landingNote(meshOnly, 9, 40_000, 1000, 70_000)).toBeNull();
  });
});
