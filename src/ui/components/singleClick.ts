// A control whose click moves the run on (next ›, ‹ back, Pause after Play) acts once for a double
// click: T4's trial, 9, a double click on "next ›" went from step 1 to step 3 (the first click's seek
// set the aim, the second counted on from it), so the attendee never saw step 2.

/**
 * `act` as a click handler that ignores the second and later clicks of a multi-click
 * (`MouseEvent.detail` >= 2: the browser's own double-click interval and distance, the person's
 * system setting, no timer of ours). A key's activation (Enter, Space: detail 0) always acts.
 */
export function onceForDoubleClick(act: () => void): (e: { detail: number }) => void {
  return (e) => {
    if (e.detail < 2) act();
  };
}
