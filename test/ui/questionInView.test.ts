import { describe, expect, it } from 'vitest';
import { questionScroll } from '../../src/ui/narrative/questionInView';

describe('questionScroll (a question asked ahead comes into the story column)', () => {
  it('scrolls nothing when the answers already end above the foot', () => {
    expect(questionScroll(59, 642, 237, 600)).toBe(0);
  });
  it('scrolls the answers to 6 px above the foot when the head stays in view (1366x768: answers at 679, foot 643)', () => {
    expect(questionScroll(59, 643, 237, 679)).toBe(42);
  });
  it('stops with the step head at the column top when the answers need more (1024x768: head at 247, answers at 950)', () => {
    expect(questionScroll(51, 662, 247, 950)).toBe(196);
  });
  it("keeps the step's head where the head and the answers cannot both show (1024x768: retry-storm's head and answers 703 px apart in a 611 px column; the cue names the question)", () => {
    expect(questionScroll(51, 662, 247, 950)).toBe(196);
    expect(questionScroll(51, 662, 51, 1400)).toBe(0);
  });
  it('scrolls back to the head when it lies above the top, whether or not the answers show (1366x768: control-plane-outage opened with its head 4 px cut)', () => {
    expect(questionScroll(51, 662, 20, 950)).toBe(-31);
    expect(questionScroll(59, 643, 55, 636)).toBe(-4);
  });
});
