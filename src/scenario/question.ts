import { z } from 'zod';
import { prose } from './common';
import { lessonFigureSchema } from './figure';

/** Fewest and most choices a step's question offers: keys 1 to 4 pick one in the app. */
export const MIN_QUESTION_CHOICES = 2;
export const MAX_QUESTION_CHOICES = 4;

const choice = prose(200, 'a choice is a short answer').min(1, { message: 'must not be empty' });

/**
 * A narrative step's question, asked before the step runs and answered when it does (issue 12,
 * item 4: "what will p99 do when we kill a replica?"). The app shows `prompt` and `choices` while
 * the step is still ahead, lets a person pick one (a click, or keys 1 to 4), and reveals `answer`
 * (an index into `choices`, from 0) and `explain` once the run reaches the step's `at`, beside
 * the question's `figure` (or else the step's) measured live. The engine ignores it. A shipped scenario's answer is
 * checked against the CLI's figures (test/scenarios/questions.test.ts).
 */
export const questionSchema = z
  .strictObject({
    prompt: prose(500, 'a question is a sentence or two').min(1, { message: 'must not be empty' }),
    choices: z
      .array(choice)
      .min(MIN_QUESTION_CHOICES, { message: `needs ${MIN_QUESTION_CHOICES} to ${MAX_QUESTION_CHOICES} choices (one is the answer; keys 1 to ${MAX_QUESTION_CHOICES} pick them)` })
      .max(MAX_QUESTION_CHOICES, { message: `must have at most ${MAX_QUESTION_CHOICES} choices (keys 1 to ${MAX_QUESTION_CHOICES} pick them in the app)` }),
    /** The right choice's index in `choices`, counting from 0. */
    answer: z.number().int({ message: 'must be a whole number (the index of the right choice, from 0)' }).min(0, { message: 'must not be negative (the index of the right choice, from 0)' }),
    /** Why that answer is right, shown with it once the step runs. */
    explain: prose(2000, 'an explanation is one to three sentences').min(1, { message: 'must not be empty' }),
    /**
     * The figure that shows the answer, measured live and shown with it once the step runs (the
     * step's own `figure` when absent). Checked as a step's figure is.
     */
    figure: lessonFigureSchema.optional(),
  })
  .check((ctx) => {
    const { choices, answer } = ctx.value;
    if (answer >= choices.length) {
      ctx.issues.push({ code: 'custom', input: answer, path: ['answer'], message: `must be the index of one of the ${choices.length} choices (0 to ${choices.length - 1}), got ${answer}` });
    }
    const seen = new Map<string, number>();
    choices.forEach((c, i) => {
      const key = c.trim().toLowerCase();
      const first = seen.get(key);
      if (first !== undefined) ctx.issues.push({ code: 'custom', input: c, path: ['choices', i], message: `is the same as choice ${first} ("${choices[first]}"): a person could not tell them apart` });
      else seen.set(key, i);
    });
  });

export type Question = z.output<typeof questionSchema>;
