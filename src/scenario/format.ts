// Which format scenario text is written in, JSON or YAML, from a file's name and its text. Its own
// small file (no parser in it), so the app's main thread can decide it before any worker starts.

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
