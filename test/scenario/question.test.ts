import { describe, expect, it } from 'vitest';
import { validateScenario } from '../../src/scenario';

const base = {
  name: 'quiz',
  duration: '30s',
  clients: [{ name: 'users', type: 'open', rate: 10, target: 'api' }],
  services: [{ name: 'api', serviceTime: '1ms' }],
};
const ask = (question: unknown) => {
  const r = validateScenario({ ...base, narrative: [{ at: '0s', title: 'a step', text: 'Something happens.' }, { at: '5s', title: 'asked', text: 'Then this.', question }] });
  return r.ok ? [] : r.problems;
};
const good = { prompt: 'What will p99 do?', choices: ['rise', 'fall'], answer: 0, explain: 'Fewer replicas share the load.' };

describe('a narrative step question', () => {
  it('is accepted with a prompt, two to four choices, the right one by index and an explanation, and kept after validation', () => {
    const r = validateScenario({ ...base, narrative: [{ at: '1s', title: 't', text: 'x', question: { ...good, choices: ['a', 'b', 'c', 'd'], answer: 3 } }] });
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.scenario.narrative[0].question).toEqual({ ...good, choices: ['a', 'b', 'c', 'd'], answer: 3 });
  });

  it('is refused with one choice or five, saying why at narrative.N.question.choices', () => {
    expect(ask({ ...good, choices: ['only'] })).toEqual([{ path: 'narrative.1.question.choices', message: 'needs 2 to 4 choices (one is the answer; keys 1 to 4 pick them)' }]);
    expect(ask({ ...good, choices: ['a', 'b', 'c', 'd', 'e'] })).toEqual([{ path: 'narrative.1.question.choices', message: 'must have at most 4 choices (keys 1 to 4 pick them in the app)' }]);
  });

  it('is refused when the answer is not the index of a choice', () => {
    expect(ask({ ...good, answer: 2 })).toEqual([{ path: 'narrative.1.question.answer', message: 'must be the index of one of the 2 choices (0 to 1), got 2' }]);
    expect(ask({ ...good, answer: -1 })).toEqual([{ path: 'narrative.1.question.answer', message: 'must not be negative (the index of the right choice, from 0), got -1' }]);
    expect(ask({ ...good, answer: 0.5 })).toEqual([{ path: 'narrative.1.question.answer', message: 'must be a whole number (the index of the right choice, from 0), got 0.5' }]);
  });

  it('is refused when two choices read the same, naming the first', () => {
    expect(ask({ ...good, choices: ['Rise', 'fall', 'rise '] })).toEqual([{ path: 'narrative.1.question.choices.2', message: 'is the same as choice 0 ("Rise"): a person could not tell them apart' }]);
  });

  it('needs its prompt and explanation, and takes no unknown field', () => {
    const p = ask({ choices: ['a', 'b'], answer: 0, hint: 'x' }).map((x) => x.path);
    expect(p).toEqual(expect.arrayContaining(['narrative.1.question.prompt', 'narrative.1.question.explain']));
    expect(p.some((x) => x.startsWith('narrative.1.question'))).toBe(true);
    expect(ask({ ...good, hint: 'x' })).toHaveLength(1);
  });

  it("has its figure checked as a step's figure is, at narrative.N.question.figure", () => {
    expect(ask({ ...good, figure: { measure: 'attempts-per-request', label: 'tries', service: 'paymnt' } })).toEqual([
      { path: 'narrative.1.question.figure.service', message: 'unknown service "paymnt" (services: api)' },
    ]);
    expect(ask({ ...good, figure: { measure: 'proxy-cpu', label: 'cpu', from: '1s' } })).toEqual([
      { path: 'narrative.1.question.figure.from', message: 'proxy-cpu is measured over the whole run; leave out from and to' },
    ]);
    expect(ask({ ...good, figure: { measure: 'link-failed-share', label: 'x', link: 'users->db' } })).toEqual([
      { path: 'narrative.1.question.figure.link', message: 'no link from "users" to "db" (users calls: api)' },
    ]);
  });
});
