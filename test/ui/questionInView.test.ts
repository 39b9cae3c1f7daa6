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
  it("lets the head go but keeps the question's top where head and answers cannot both show (1024x768: question at 410)", () => {
    expect(questionScroll(51, 662, 247, 950, 6, 410)).toBe(294);
    // A question taller than the column: its top stays at the column's top.
    expect(questionScroll(51, 662, 247, 1400, 6, 410)).toBe(359);
    // Where both fit, the question's top changes nothing.
    expect(questionScroll(59, 643, 237, 679, 6, 400)).toBe(42);
  });
  it('never scrolls back up, even with the head already above the top', () => {
    expect(questionScroll(51, 662, 20, 950)).toBe(0);
  });
});
