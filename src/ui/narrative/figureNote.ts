// A lesson figure's note as a teacher says it: what the number is of, then the lesson's number.
// "16.9%" and "lesson: 17% · of requests ended in the whole run so far" read as two clipped
// phrases with the lesson's number between the figure and what it counts; now "16.9%" and "of the
// requests ended so far; lesson: 17%", one sentence from the figure on, and no longer than before:
// the note shares presenter mode's 200 px story column at 1024x768, where idle-timeout-race's
// step 2 just fits at 14 px ("…; the lesson says about 20%", 7 characters more, took it past the
// column's end). Pure.

const ENDED_WHOLE = /^of (requests|calls) ended in the whole run( so far)?(.*)$/;
const SPAN = /^\d+(\.\d+)? s – \d+(\.\d+)? s(, so far)?$/;

/**
 * What a measured figure is over (MeasuredFigure.over, from src/workers/figures.ts) in a
 * teacher's words: "of requests ended in the whole run so far" → "of the requests ended so far",
 * "… in the whole run" (run over) → "of all requests in the run", "the whole run so far" → "over
 * the run so far", "11 s – 24 s" → "over 11 s – 24 s". A share over a window ("of requests ended
 * 21 s – 58 s, so far") and anything else (a latency shift's two windows, a change's spread, why
 * there is no number yet) as it is. Pure.
 */
export function overPhrase(over: string): string {
  const m = ENDED_WHOLE.exec(over);
  if (m) return m[2] ? `of the ${m[1]} ended so far${m[3]}` : `of all ${m[1]} in the run${m[3]}`;
  if (over === 'the whole run so far') return 'over the run so far';
  if (over === 'the whole run') return 'over the whole run';
  return SPAN.test(over) ? `over ${over}` : over;
}

/**
 * The note beside a lesson figure's value: what it is over (overPhrase), then the scenario's
 * expected value (`expect`, as its file writes it: "17%", "under 0.5%"), when it has one: "of the
 * requests ended so far; lesson: 17%". Pure.
 */
export function figureNote(over: string, expect?: string): string {
  const phrase = overPhrase(over);
  return expect ? `${phrase}; lesson: ${expect}` : phrase;
}
