// A presenter's story step fitted to its column: at 1024x768 the column is 200 px wide, and a
// long step (control-plane-outage's step 5 is 336 characters, idle-timeout-race's step 2 has a
// four-line title and a figure) ran below it, so the room saw its head and half its text. Like a
// slide's "shrink text on overflow", the step's type steps down until head to text fits the
// column, never below 14 px (the floor presenter mode keeps for node names); what still does not
// fit scrolls, as before.

/** Type sizes a step can take, as a share of presenter mode's designed size: 17 px text at 1024 wide goes 16, 15, 14.1 px. At the last level (data-fit='3') styles.css also closes up the lines. */
export const STORY_FIT_SCALES = [1, 0.94, 0.88, 0.83] as const;

/**
 * Sets `section.dataset.fit` to the first level of STORY_FIT_SCALES (0, 1, ...) at which the
 * step's block, from the top of `head` to the bottom of `text` (its title and figure between),
 * is at most `column`'s inner height in px, or to the last level when none is, and the section's
 * `--story-fit` to that level's scale (styles.css multiplies presenter mode's sizes by it). A question shown
 * under the step (QuestionView) is not counted: it is a block of its own, read after the step.
 * Reads layout once per level tried (at most four); mutates only `data-fit` and `--story-fit`.
 * Returns the level.
 */
export function fitStoryStep(section: HTMLElement, head: HTMLElement, text: HTMLElement, column: HTMLElement): number {
  const style = getComputedStyle(column);
  const room = column.clientHeight - parseFloat(style.paddingTop || '0') - parseFloat(style.paddingBottom || '0');
  let level = 0;
  for (;;) {
    section.dataset.fit = String(level);
    section.style.setProperty('--story-fit', String(STORY_FIT_SCALES[level]));
    const need = text.getBoundingClientRect().bottom - head.getBoundingClientRect().top;
    if (need <= room || level === STORY_FIT_SCALES.length - 1) return level;
    level++;
  }
}
