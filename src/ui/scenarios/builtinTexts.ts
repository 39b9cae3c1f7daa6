/// <reference types="vite/client" />
// The shipped scenarios' texts but the default's: a chunk of its own, loaded by
// catalog.ts's loadBuiltinTexts (the first page holds hello-mesh's text and every title only).
// NOTE: hello-mesh is catalog.ts's DEFAULT_SCENARIO_ID; the glob is a literal Vite reads at build time.
const files = import.meta.glob(['/scenarios/*.json', '!/scenarios/schema.json', '!/scenarios/hello-mesh.json'], { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

/** Each shipped scenario's text as its file holds it, by id (its file name without `.json`), the default's left out. */
export function builtinTexts(): ReadonlyMap<string, string> {
  return new Map(Object.entries(files).map(([path, text]) => [path.replace(/^.*\//, '').replace(/\.json$/, ''), text]));
}
