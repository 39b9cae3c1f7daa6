// Scenario text's first checks and its JSON reading, without the YAML parser: read.ts reads both
// formats through them, and the app's main thread reads a small JSON file through them before
// any worker starts, so a syntax error is told at once (trial N17, 10). Pure.
import type { Problem } from './parse';
import { describeJsonError, scanJson } from './jsonScan';
import { atOffset, bracketDepth, EMPTY, MAX_DEPTH, notText } from './textGuards';

/** What reading scenario text gives: its data, or its problems (each a `(file)` problem naming a line and column). */
export type ReadResult = { ok: true; data: unknown } | { ok: false; problems: Problem[] };

/**
 * The checks every scenario text passes before a parser reads it: a byte-order mark taken off
 * (`bom`: the bytes it took, 3, or 0; it still counts in byte offsets), text that is not text
 * refused by its byte offset (never echoed back), empty text refused, and brackets nested more
 * than MAX_DEPTH deep refused (the YAML parser can exhaust the process on them, uncatchably).
 */
export function guardText(text: string): { ok: true; text: string; bom: number } | { ok: false; problems: Problem[] } {
  const bom = text.startsWith('\uFEFF') ? 3 : 0;
  if (bom) text = text.slice(1);
  const binary = notText(text, bom);
  if (binary) return { ok: false, problems: [binary] };
  if (text.trim() === '') return { ok: false, problems: [EMPTY] };
  if (bracketDepth(text) > MAX_DEPTH) return { ok: false, problems: [{ path: '(file)', message: `nests brackets more than ${MAX_DEPTH} deep; a scenario needs a handful` }] };
  return { ok: true, text, bom };
}

/**
 * Reads JSON text that passed `guardText` (its mark taken off) into data: a syntax error is a
 * `(file)` problem at its line and column (describeJsonError), and a key given twice in one
 * object is refused (JSON.parse would keep the last silently). Never throws.
 */
export function readJsonBody(text: string): ReadResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { ok: false, problems: [{ path: '(file)', message: describeJsonError(text, e) }] };
  }
  // JSON.parse keeps the last of a key given twice; say so instead, as for YAML (JSON is YAML).
  // NOTE: our own linear scan, not the YAML parser: that took 19 s and 1.2 GB on a 10 MB file.
  const twice = scanJson(text);
  if (twice.kind === 'duplicate') {
    const key = twice.key.length <= 60 ? `the key "${twice.key}" is given twice` : 'a key is given twice';
    return { ok: false, problems: [{ path: '(file)', message: `malformed JSON${atOffset(text, twice.offset)}: ${key}` }] };
  }
  return { ok: true, data };
}

/** JSON scenario text read as `readScenarioText(text, 'json')` reads it: `guardText`, then `readJsonBody`. Never throws. */
export function readJsonText(text: string): ReadResult {
  const g = guardText(text);
  return g.ok ? readJsonBody(g.text) : g;
}
