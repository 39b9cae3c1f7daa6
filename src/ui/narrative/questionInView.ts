// A question asked ahead of its step comes into the story column's view when it is asked (the
// page opens on the step before it, or the run plays into that step), outside presenter mode
// (there NarrativePanel stands the column and a cue names it). At 1366x768 retry-storm's question
// was cut at the column's foot and its four answers lay under it: someone who pressed Play never
// saw them (N19's trial, 3).

/**
 * How far to scroll the story column, px (0 or more), so a question's answers end `margin` px
 * above the column's foot, but never so far that the step's head leaves the top. All places are
 * px in one frame (viewport): the column's visible top `top` and foot `foot`, the step head's top
 * `head` and the answers' bottom `answers`. 0 when the answers already show. Where the head and
 * the answers cannot both show and the question's own top `question` is given, the head gives
 * way, but never the question's top: at 1024x768 retry-storm's head and answers are 703 px apart
 * in a 611 px column, and its answers stayed below (N19's trial, 4). Without `question`, less than
 * needed (the head and the step's first words win). Pure.
 */
export function questionScroll(top: number, foot: number, head: number, answers: number, margin = 6, question = Number.NaN): number {
  const need = Math.ceil(answers + margin - foot);
  if (need <= 0) return 0;
  const room = Math.floor(head - top);
  if (need <= room || !Number.isFinite(question)) return Math.max(0, Math.min(need, room));
  return Math.max(0, Math.min(need, Math.floor(question - top)));
}

/**
 * Scrolls the story column (`question`'s nearest `.panel`) by questionScroll so the answers of
 * `question` (its `.question-choices`) show, the step's head (`.narrative-head`) kept in view
 * where both fit, else the question's top.
 * Reads layout; mutates only the column's scrollTop. Returns the px scrolled (0 when no column).
 */
export function bringQuestionIn(question: HTMLElement): number {
  const column = question.closest<HTMLElement>('.panel');
  const head = question.closest('.narrative')?.querySelector<HTMLElement>('.narrative-head');
  const answers = question.querySelector<HTMLElement>('.question-choices');
  if (!column || !head || !answers) return 0;
  const c = column.getBoundingClientRect();
  const top = c.top + column.clientTop;
  const foot = Math.min(top + column.clientHeight, window.innerHeight);
  const by = questionScroll(top, foot, head.getBoundingClientRect().top, answers.getBoundingClientRect().bottom, 6, question.getBoundingClientRect().top);
  if (by > 0) column.scrollTop += by;
  return by;
}
