// How a message quotes a value it refuses: short text whole, long text cut (session 37's trial N6, F7: a 4 MB text
// file opened by mistake was quoted whole in the app's column and on the CLI's stderr).

/** Longest text, in characters, quoted whole. */
export const QUOTE_WHOLE_MAX = 60;

/**
 * A string as a message quotes it: JSON-quoted when at most QUOTE_WHOLE_MAX characters, else its first 40 and last 12
 * characters around an ellipsis with its length: `"zCICd3nK…Yw==" (4,052,632 characters)`. Pure; never throws.
 */
export function quoteText(text: string): string {
  if (text.length <= QUOTE_WHOLE_MAX) return JSON.stringify(text);
  return `${JSON.stringify(`${text.slice(0, 40)}…${text.slice(-12)}`)} (${text.length.toLocaleString('en-US')} characters)`;
}
