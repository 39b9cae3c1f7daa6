// A question asked ahead of its step comes into the story column's view when it is asked (the
// page opens on the step before it, or the run plays into that step), as far as the column holds
// it under the step's head. At 1366x768 retry-storm's question was cut at the column's foot and
// its four answers lay under it: someone who pressed Play never saw them (N19's trial, 3). Where
// the head and the answers cannot both show, the head stays and a cue at the column's foot names
// the question (NarrativePanel's QuestionCue): when the question's top won instead (N19's trial,
// 4), retry-storm and control-plane-outage opened at 1024x768 with their step's head and next ›
// above the view and the step's text half gone (session 53, G6). Presenter mode stands its own
// column (NarrativePanel).

/**
 * How far to scroll the story column, px, so a question's answers end `margin` px above the
 * column's foot while the step's head stays in view. All places are px in one frame (viewport):
 * the column's visible top `top` and foot `foot`, the step head's top `head` and the answers'
 * bottom `answers`. 0 when the answers already show and the head is in view; less than the
 * answers need when the head would leave the top (the head and the step's first words win);
 * negative (scrolls back) when the head already lies above the top, so the step a person is on
 * and its next › show. Pure.
 */
export function questionScroll(top: number, foot: number, head: number, answers: number, margin = 6): number {
  const need = Math.max(0, Math.ceil(answers + margin - foot));
  return Math.min(need, Math.floor(head - top));
}

/**
 * Scrolls the story column (`question`'s nearest `.panel`) by questionScroll so the answers of
 * `question` (its `.question-choices`) show as far as the step's head (`.narrative-head`) stays
 * in view. Reads layout; mutates only the column's scrollTop. Returns the px scrolled (0 when no
 * column; negative when it scrolled back to the head).
 */
export function bringQuestionIn(question: HTMLElement): number {
  const column = question.closest<HTMLElement>('.panel');
  const head = question.closest('.narrative')?.querySelector<HTMLElement>('.narrative-head');
  const answers = question.querySelector<HTMLElement>('.question-choices');
  if (!column || !head || !answers) return 0;
  const c = column.getBoundingClientRect();
  const top = c.top + column.clientTop;
  const foot = Math.min(top + column.clientHeight, window.innerHeight);
  const by = questionScroll(top, foot, head.getBoundingClientRect().top, answers.getBoundingClientRect().bottom);
  if (by !== 0) column.scrollTop += by;
  return by;
}
