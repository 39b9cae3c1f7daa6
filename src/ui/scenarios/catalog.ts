/// <reference types="vite/client" />
// The scenarios that ship with meshsim. Vite inlines every file in /scenarios at build time,
// so dropping a new JSON file there adds it to the picker with no code change.

/** A scenario the picker can offer: its text is sent as is to the worker's `load`. */
export interface ScenarioEntry {
  /** Stable key: the file name without extension, prefixed by `file:` for a person's own file. */
  id: string;
  /** What the picker shows. */
  label: string;
  text: string;
  /** The file's name, which decides JSON or YAML as in the CLI (`scenarioFormat`). */
  fileName?: string;
  source: 'builtin' | 'file';
}

/** The scenario the app opens on. */
export const DEFAULT_SCENARIO_ID = 'hello-mesh';

// schema.json beside them is the JSON Schema scenario files point at with `$schema`, not a scenario.
const files = import.meta.glob(['/scenarios/*.json', '!/scenarios/schema.json'], { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

/** Built-in scenarios sorted by file name, the default first. Pure. */
export function builtinScenarios(): ScenarioEntry[] {
  const entries = Object.entries(files).map(([path, text]): ScenarioEntry => {
    const fileName = path.replace(/^.*\//, '');
    const id = fileName.replace(/\.json$/, '');
    return { id, label: labelFor(id, text), text, fileName, source: 'builtin' };
  });
  entries.sort((a, b) => (a.id === DEFAULT_SCENARIO_ID ? -1 : b.id === DEFAULT_SCENARIO_ID ? 1 : a.id.localeCompare(b.id)));
  return entries;
}

/** The scenario's title when the text carries one, else its file name. Never throws. */
export function labelFor(fallback: string, text: string): string {
  try {
    const data: unknown = JSON.parse(text);
    if (data && typeof data === 'object' && 'title' in data && typeof data.title === 'string' && data.title.trim()) {
      return data.title.trim();
    }
  } catch {
    // YAML (or a broken file, which still gets a label; the worker reports what is wrong).
    // A top-level `title:` line is enough for a label, without a YAML parser on this thread.
    const m = /^title:[ \t]*(?:"([^"]*)"|'([^']*)'|([^#\r\n]*?))[ \t]*(?:#.*)?$/m.exec(text);
    const title = m ? (m[1] ?? m[2] ?? m[3]).trim() : '';
    if (title) return title;
  }
  return fallback;
}
