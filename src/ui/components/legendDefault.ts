// Whether the legend starts open: plain TypeScript, so the node tests can import it without JSX.

/**
 * Whether the legend opens unfolded in a window of `width` x `height` CSS px. Open it wraps to
 * two or three rows (60-80 px) that a 1280x720 or 1024x768 screen needs for the picture, so it
 * starts folded there and in presenter mode (issue 11 item 8: the topology fills the screen);
 * the "Legend" button opens it. With the drawer open (`drawerOpen`: Charts, Events or
 * Ownership) the stage is short as well: at 1600x1000 the open legend took 80 px of its 370, so
 * it folds there too, below the 1150 px at which the drawer itself opens by default. While the
 * inspector shows a request (`requestInspected`) the picture is 60% of the stage and the open
 * legend wrapped to 5 rows (110 px at 1600x1000, over a waterfall being read: trial N18, item 9):
 * folded then, at any size. A person's own choice, kept in the browser, wins over all of this. Pure.
 */
export function legendOpenByDefault(width: number, height: number, presenter: boolean, drawerOpen = false, requestInspected = false): boolean {
  return !presenter && !requestInspected && width >= 1400 && height >= (drawerOpen ? 1150 : 880);
}
