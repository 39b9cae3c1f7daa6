import type { Problem } from './parse';
import { describeJsonError, scanJson } from './jsonScan';
import { readYaml } from './readYaml';
import { atOffset, bracketDepth, deepestBlockLine, EMPTY, MAX_BLOCK_COLUMN, MAX_DEPTH, notText } from './textGuards';

// Scenario text into plain data: JSON or YAML, with every syntax problem as a `(file)` problem
// naming its line and column. Validating the data is parse.ts's job. The CLI and the app read
// a file through the same two steps: `scenarioFormat` decides JSON or YAML from the file's name
// and its text, and `readScenarioText` refuses what is not text before reading any further
// (textGuards.ts), then reads YAML (readYaml.ts) or JSON (its errors placed by jsonScan.ts).

/** How scenario text is written. `auto`: decided from the text (see `scenarioFormat`). */
export type ScenarioFormat = 'json' | 'yaml' | 'auto';

/** The format a file name says: `.yaml` and `.yml` are YAML, `.json` is JSON, else `auto`. */
export function formatOfFile(name: string): ScenarioFormat {
  if (/\.ya?ml$/i.test(name)) return 'yaml';
  return /\.json$/i.test(name) ? 'json' : 'auto';
}

/**
 * JSON or YAML, for a file's text: what the file name says (`formatOfFile`), else JSON when
 * the text opens with `{`, `[` or a `//` or `/*` comment (so a commented JSON file hears that
 * JSON has no comments), YAML otherwise. The CLI and the app's "Open file…" both decide here.
 * `fileName` may be absent (text pasted or sent without a name). Pure.
 */
export function scenarioFormat(fileName: string | undefined, text: string): 'json' | 'yaml' {
  const byName = fileName === undefined ? 'auto' : formatOfFile(fileName);
  if (byName !== 'auto') return byName;
  return /^\uFEFF?\s*(?:[[{]|\/[/*])/.test(text) ? 'json' : 'yaml';
}

/**
 * Reads a scenario file's text (as the CLI and the app decode it: UTF-8, invalid bytes as
 * U+FFFD) into plain data, the format decided by `scenarioFormat`. Never throws.
 */
export function readScenarioFile(fileName: string | undefined, text: string): { ok: true; data: unknown } | { ok: false; problems: Problem[] } {
  return readScenarioText(text, scenarioFormat(fileName, text));
}


/**
 * Reads scenario text into plain data, without validating it; a syntax error is a problem.
 * Text that is not text (binary data, or bytes that were not UTF-8) is refused first, by its
 * byte offset, and never echoed back. `auto` decides the format as `scenarioFormat` does.
 */
export function readScenarioText(text: string, format: ScenarioFormat = 'auto'): { ok: true; data: unknown } | { ok: false; problems: Problem[] } {
  // A byte-order mark some editors write is not part of the text (but counts in byte offsets).
  const bom = text.startsWith('\uFEFF') ? 3 : 0;
  if (bom) text = text.slice(1);
  const binary = notText(text, bom);
  if (binary) return { ok: false, problems: [binary] };
  if (text.trim() === '') return { ok: false, problems: [EMPTY] };
  // The YAML parser can exhaust the process on brackets nested thousands deep (not catchable).
  if (bracketDepth(text) > MAX_DEPTH) return { ok: false, problems: [{ path: '(file)', message: `nests brackets more than ${MAX_DEPTH} deep; a scenario needs a handful` }] };
  const isYaml = (format === 'auto' ? scenarioFormat(undefined, text) : format) === 'yaml';
  if (isYaml) {
    // Block nesting takes a column a level at least: bound it as brackets are bounded above.
    const deep = deepestBlockLine(text);
    if (deep) return { ok: false, problems: [{ path: '(file)', message: `malformed YAML at line ${deep.line}: its content starts at column ${deep.column}, nested deeper than ${MAX_BLOCK_COLUMN} columns; a scenario needs a few dozen` }] };
    return readYaml(text);
  }
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
