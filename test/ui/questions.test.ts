import { describe, expect, it } from 'vitest';
import { openedScenario, pick, pickOf, pickStore, pickableStep, questionsAt, verdict } from '../../src/ui/narrative/questions';
import type { NarrativeStep } from '../../src/ui/narrative/steps';

const q = { prompt: 'How many?', choices: ['3', '9', '27'], answer: 2, explain: 'They multiply.' };
const step = (at: number, question?: typeof q): NarrativeStep => ({ at, title: 't', text: 'x', highlight: [], ...(question ? { question } : {}) });
const steps = [step(0), step(10_000, q), step(12_000), step(20_000, q)];

describe('narrative questions', () => {
  it("ask the next step's question while the step before it is current, and reveal it once its time is reached, until another is revealed", () => {
    expect(questionsAt(steps, -1)).toEqual([]);
    expect(questionsAt(steps, 0)).toEqual([{ step: 1, state: 'ahead' }]);
    expect(questionsAt(steps, 1)).toEqual([{ step: 1, state: 'revealed' }]);
    expect(questionsAt(steps, 2)).toEqual([{ step: 1, state: 'revealed' }, { step: 3, state: 'ahead' }]);
    expect(questionsAt(steps, 3)).toEqual([{ step: 3, state: 'revealed' }]);
    expect(questionsAt([step(5_000, q)], -1)).toEqual([{ step: 0, state: 'ahead' }]);
  });

  it('take keys 1-4 only for the question still ahead', () => {
    expect(pickableStep(steps, 0)).toBe(1);
    expect(pickableStep(steps, 1)).toBe(-1);
    expect(pickableStep(steps, 2)).toBe(3);
  });

  it('judge a pick against the answer once revealed', () => {
    expect(verdict(2, 2)).toBe('right');
    expect(verdict(0, 2)).toBe('wrong');
    expect(verdict(undefined, 2)).toBe('none');
  });

  it('keep picks per scenario and step, and start afresh in another scenario', () => {
    pick('retry-storm', 1, 0);
    pick('retry-storm', 1, 2);
    pick('retry-storm', 3, 1);
    expect(pickOf(pickStore.getState(), 'retry-storm', 1)).toBe(2);
    expect(pickOf(pickStore.getState(), 'retry-storm', 3)).toBe(1);
    pick('mesh-only', 2, 0);
    expect(pickOf(pickStore.getState(), 'retry-storm', 1)).toBeUndefined();
    expect(pickOf(pickStore.getState(), 'mesh-only', 2)).toBe(0);
  });

  it("forget a scenario's picks once another is opened, so going back to it shows its questions unpicked; opening it again keeps them", () => {
    try {
      openedScenario('retry-storm');
      pick('retry-storm', 1, 2);
      // Opened again (edited, say): the same scenario keeps its picks, as a seek does.
      openedScenario('retry-storm');
      expect(pickOf(pickStore.getState(), 'retry-storm', 1)).toBe(2);
      // Another opened without a pick made there, then the first again: it shows no stale pick
      // (the picks were kept until a pick was made in another scenario).
      openedScenario('mesh-only');
      expect(pickOf(pickStore.getState(), 'retry-storm', 1)).toBeUndefined();
      openedScenario('retry-storm');
      expect(pickOf(pickStore.getState(), 'retry-storm', 1)).toBeUndefined();
      expect(pickStore.getState().picks).toEqual({});
    } finally {
      // Test files share their worker's modules (isolate: false): leave the store as it starts.
      pickStore.setState({ scenario: '', picks: {} });
    }
  });
});
