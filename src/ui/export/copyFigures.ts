// "Copy figures" in the Export menus: the figures as a markdown table (figuresText.ts) put on the clipboard. Loaded
// on first use, with the text it makes, so neither adds to the app's first load.
import { compareFiguresText, runFiguresText, type FiguresSide } from './figuresText';

/** What the menus' line says after "Copied" ("Copied the figures as a table."). */
const COPIED = 'the figures as a table';

/**
 * Puts `text` on the clipboard; resolves with what the menu says was copied. Throws an Error naming the refusal (no
 * clipboard in this page, or the browser refused it) for the menu's line, never a stack trace.
 */
async function toClipboard(text: string): Promise<string> {
  if (!navigator.clipboard) throw new Error('copy.figures: this page has no clipboard (it needs https or localhost)');
  try {
    await navigator.clipboard.writeText(text);
  } catch (e) {
    throw new Error(`copy.figures: the browser refused the clipboard (${e instanceof Error ? e.message : String(e)})`);
  }
  return COPIED;
}

/** The single view's run: its figures (runFiguresText) copied; resolves with what was copied. */
export function copyRunFigures(side: FiguresSide, meta: { seed: number; durationMs: number; link: string | null }): Promise<string> {
  return toClipboard(runFiguresText(side, meta));
}

/** The compare view's pair: both runs' figures and their difference (compareFiguresText) copied. */
export function copyCompareFigures(sides: readonly [FiguresSide, FiguresSide], meta: { seed: number; simTimeMs: number; link: string | null }): Promise<string> {
  return toClipboard(compareFiguresText(sides, meta));
}
