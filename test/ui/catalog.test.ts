// The shipped scenarios as the picker lists them (src/ui/scenarios/catalog.ts): every title on the
// first page, hello-mesh's text with it, the others' texts from a chunk of their own.
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinScenarios, builtinTextsLoaded, DEFAULT_SCENARIO_ID, loadBuiltinTexts } from '../../src/ui/scenarios/catalog';

const DIR = resolve(__dirname, '../../scenarios');
const files = readdirSync(DIR).filter((f) => f.endsWith('.json') && f !== 'schema.json');

describe('the shipped scenarios', () => {
  it("lists every file in scenarios/ but schema.json, the default first, each labelled by its file's title, before any text is loaded", () => {
    const entries = builtinScenarios();
    expect(entries[0].id).toBe(DEFAULT_SCENARIO_ID);
    expect(entries.map((e) => e.id).sort()).toEqual(files.map((f) => f.replace(/\.json$/, '')).sort());
    for (const e of entries) expect(e.label, e.id).toBe((JSON.parse(readFileSync(resolve(DIR, e.fileName!), 'utf8')) as { title: string }).title.trim());
    expect(entries[0].text).toBe(readFileSync(resolve(DIR, `${DEFAULT_SCENARIO_ID}.json`), 'utf8'));
  });

  it("gives every entry its file's text once loadBuiltinTexts has resolved", async () => {
    await loadBuiltinTexts();
    expect(builtinTextsLoaded()).toBe(true);
    for (const e of builtinScenarios()) expect(e.text, e.id).toBe(readFileSync(resolve(DIR, e.fileName!), 'utf8'));
  });
});
