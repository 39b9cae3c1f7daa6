// The compare view's figures window as data and words, apart from its measuring (pairWindow.ts): the link's
// reader (link.ts, in the first load's code: App asks it whether a page is a compare page) needs only these, and
// importing pairWindow.ts there put the lesson figures' code (workers/figures.ts) into the first load.

/** The window a person picked, simulated ms: [fromMs, toMs); `toMs` null is the shorter run's end (the CLI's `--to` default). */
export interface PairWindow {
  fromMs: number;
  toMs: number | null;
}

/** "11 s", "1.5 s": a window's end as the CLI's compare window and a story step write it. */
export const windowSecs = (ms: number) => `${+(ms / 1000).toFixed(3)} s`;
