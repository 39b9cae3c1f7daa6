import type { Problem } from './parse';
import { scenarioFormat, type ScenarioFormat } from './format';
import { guardText, readJsonBody } from './readJson';
import { readYaml } from './readYaml';
import { deepestBlockLine, MAX_BLOCK_COLUMN } from './textGuards';

// Scenario text into plain data: JSON or YAML, with every syntax problem as a `(file)` problem
// naming its line and column. Validating the data is parse.ts's job. The CLI and the app read
// a file through the same two steps: `scenarioFormat` decides JSON or YAML from the file's name
// and its text, and `readScenarioText` refuses what is not text before reading any further
// (textGuards.ts), then reads YAML (readYaml.ts) or JSON (its errors placed by jsonScan.ts).

export { formatOfFile, scenarioFormat, type ScenarioFormat } from './format';

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
  const g = guardText(text);
  if (!g.ok) return g;
  const isYaml = (format === 'auto' ? scenarioFormat(undefined, g.text) : format) === 'yaml';
  if (!isYaml) return readJsonBody(g.text);
  // Block nesting takes a column a level at least: bound it as brackets are bounded above.
  const deep = deepestBlockLine(g.text);
  if (deep) return { ok: false, problems: [{ path: '(file)', message: `malformed YAML at line ${deep.line}: its content starts at column ${deep.column}, nested deeper than ${MAX_BLOCK_COLUMN} columns; a scenario needs a few dozen` }] };
  return readYaml(g.text);
}
