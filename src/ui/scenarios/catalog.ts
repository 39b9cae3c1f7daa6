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

// The first page holds one scenario's text, the default's (hello-mesh, opened at once), and every
// shipped scenario's title (the picker lists them; the JSON files' own `title`, the rest of each
// file left out of the bundle). The other texts (about 27 KB gzipped, istio-load-test-full's 10 KB
// of it) are a chunk of their own, builtinTexts.ts, fetched when the page is next idle after the
// first picture (main.tsx) or when a person reaches for the picker, and awaited by whatever opens
// a scenario or a view that reads them (loadBuiltinTexts). schema.json is not a scenario.
// NOTE: the globs are literals (Vite reads them at build time): hello-mesh here is DEFAULT_SCENARIO_ID.
const defaultText = import.meta.glob('/scenarios/hello-mesh.json', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;
const titles = import.meta.glob(['/scenarios/*.json', '!/scenarios/schema.json'], { import: 'title', eager: true }) as Record<string, unknown>;

/** The other shipped texts by id, once builtinTexts.ts has loaded; null before. */
let loadedTexts: ReadonlyMap<string, string> | null = null;
let textsLoading: Promise<void> | null = null;

/**
 * Loads the shipped scenarios' texts other than the default's (a chunk of their own), once a page;
 * resolves when every entry's `text` can be read. Called ahead (idle, the picker hovered) and
 * awaited before a scenario is opened and by the lazy views that read other scenarios' texts.
 * A failed fetch (offline before the service worker had cached the build) rejects, and the next
 * call tries again.
 */
export function loadBuiltinTexts(): Promise<void> {
  textsLoading ??= import('./builtinTexts').then(
    (m) => void (loadedTexts = m.builtinTexts()),
    (e: unknown) => {
      textsLoading = null;
      throw e;
    },
  );
  return textsLoading;
}

/** Whether every shipped text can be read now (loadBuiltinTexts has resolved). */
export function builtinTextsLoaded(): boolean {
  return loadedTexts !== null;
}

/** The entries, read once. */
let catalog: readonly ScenarioEntry[] | null = null;

/** A shipped entry whose text is the default's own, or read from builtinTexts.ts once loaded. */
function builtinEntry(id: string, label: string, fileName: string): ScenarioEntry {
  const own = defaultText[`/scenarios/${fileName}`];
  const entry = { id, label, fileName, source: 'builtin' as const } as ScenarioEntry;
  if (own !== undefined) entry.text = own;
  else
    Object.defineProperty(entry, 'text', {
      enumerable: true,
      get(): string {
        const text = loadedTexts?.get(id);
        if (text === undefined) throw new Error(`the text of ${id} is read before loadBuiltinTexts() has loaded it`);
        return text;
      },
    });
  return Object.freeze(entry);
}

/**
 * Built-in scenarios sorted by file name, the default first: a new array each call, of entries
 * made once per page (they never change; looking one up used to parse every file's JSON again,
 * ~200 ms of the page's thread each second of play at load 28 while the change form checked).
 * Every label is there at once; a text other than the default's throws until loadBuiltinTexts()
 * has resolved.
 */
export function builtinScenarios(): ScenarioEntry[] {
  if (catalog === null) {
    const entries = Object.entries(titles).map(([path, title]): ScenarioEntry => {
      const fileName = path.replace(/^.*\//, '');
      const id = fileName.replace(/\.json$/, '');
      return builtinEntry(id, (typeof title === 'string' && title.trim()) || id, fileName);
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

let ids: ReadonlySet<string> | null = null;

/** The shipped scenarios' ids (their file names without `.json`), from the titles' glob; never throws. */
export function builtinIds(): ReadonlySet<string> {
  ids ??= new Set(Object.keys(titles).map((p) => p.replace(/^.*\//, '').replace(/\.json$/, '')));
  return ids;
}
