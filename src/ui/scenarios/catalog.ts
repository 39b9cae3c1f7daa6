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

/** The entries, read once: each label is a JSON.parse of its file (istio-load-test-full's is 220 KB). */
let catalog: readonly ScenarioEntry[] | null = null;

/**
 * Built-in scenarios sorted by file name, the default first: a new array each call, of entries
 * read once per page (they never change; looking one up used to parse every file's JSON again,
 * ~200 ms of the page's thread each second of play at load 28 while the change form checked).
 */
export function builtinScenarios(): ScenarioEntry[] {
  if (catalog === null) {
    const entries = Object.entries(files).map(([path, text]): ScenarioEntry => {
      const fileName = path.replace(/^.*\//, '');
      const id = fileName.replace(/\.json$/, '');
      return Object.freeze({ id, label: labelFor(id, text), text, fileName, source: 'builtin' as const });
    });
    entries.sort((a, b) => (a.id === DEFAULT_SCENARIO_ID ? -1 : b.id === DEFAULT_SCENARIO_ID ? 1 : a.id.localeCompare(b.id)));
    catalog = entries;
  }
  return [...catalog];
}

/** The scenario's title when the text carries one, else its file name. Never throws. */
export function labelFor(fallback: string, text: string): string {
  return topLevelText(text, 'title') || fallback;
}

/**
 * The scenario's own `name` as its text gives it (a file's, or a link's packed one), before the
 * worker has read it; null when it has none there. Never throws.
 */
export function scenarioNameIn(text: string): string | null {
  return topLevelText(text, 'name') || null;
}

/** A top-level string field of scenario text, trimmed ('' when absent or not a string). Never throws. */
function topLevelText(text: string, key: 'title' | 'name'): string {
  try {
    const data: unknown = JSON.parse(text);
    const v = data && typeof data === 'object' ? (data as Record<string, unknown>)[key] : undefined;
    return typeof v === 'string' ? v.trim() : '';
  } catch {
    // YAML (or a broken file, which still gets a label; the worker reports what is wrong).
    // A top-level `title:` or `name:` line is enough, without a YAML parser on this thread.
    const m = new RegExp(`^${key}:[ \\t]*(?:"([^"]*)"|'([^']*)'|([^#\\r\\n]*?))[ \\t]*(?:#.*)?$`, 'm').exec(text);
    return m ? (m[1] ?? m[2] ?? m[3]).trim() : '';
  }
}
