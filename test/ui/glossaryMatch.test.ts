import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { glossaryRuns, type GlossaryTerm } from '../../src/ui/glossary/glossaryMatch';
import { GLOSSARY } from '../../src/ui/glossary/glossary';

const terms: readonly GlossaryTerm[] = GLOSSARY;
const marked = (text: string, seen?: Set<string>) => glossaryRuns(text, terms, seen).filter((r) => r.term).map((r) => `${r.term!.term}:${r.text}`);

describe('glossaryRuns', () => {
  it('marks each term at its first use; joined, the runs are the text', () => {
    const text = 'Catalog is PERMISSIVE, orders STRICT: a caller without a sidecar gets into catalog, and sidecars retry.';
    expect(glossaryRuns(text, terms).map((r) => r.text).join('')).toBe(text);
    expect(marked(text)).toEqual(['PERMISSIVE:PERMISSIVE', 'STRICT:STRICT', 'sidecar:sidecar']);
  });

  it('matches whole words only, and STRICT, PERMISSIVE and 503 UC by case', () => {
    expect(marked('a strict rule, permissive parents, STRICTLY, 503 uc')).toEqual([]);
    expect(marked('no-config-like words and reroutes')).toEqual([]);
    expect(marked('it shows 503 UC in the picker')).toEqual(['503 UC:503 UC']);
  });

  it('takes the longest form where forms overlap, and each term once across texts sharing `seen`', () => {
    expect(marked('An egress gateway holds the contract.')).toEqual(['egress gateway:egress gateway']);
    expect(marked('Every sidecar proxy here.')).toEqual(['sidecar:sidecar proxy']);
    const seen = new Set<string>();
    expect(marked('The sidecars retry.', seen)).toEqual(['sidecar:sidecars']);
    expect(marked('Each sidecar ejects it.', seen)).toEqual(['eject:ejects']);
  });

  it("the trial's words are each explained in a shipped story (trial T4, 6)", () => {
    const dir = new URL('../../scenarios/', import.meta.url);
    const texts = readdirSync(dir)
      .filter((f) => f.endsWith('.json') && f !== 'schema.json')
      .flatMap((f) => {
        const s = JSON.parse(readFileSync(new URL(f, dir), 'utf8')) as { lesson?: string; narrative?: { text: string }[] };
        return [s.lesson ?? '', ...(s.narrative ?? []).map((n) => n.text)];
      });
    // 'trust domain' is in two-meshes' step titles only, which are not marked (NarrativePanel draws a title as is).
    const found = new Set(texts.flatMap((t) => glossaryRuns(t, terms).flatMap((r) => (r.term ? [r.term.term] : []))));
    for (const t of ['STRICT', 'PERMISSIVE', 'sidecar', 'listeners', 'routes', 'endpoints', 'egress gateway', 'eject', 'Deprecation header', '410 Gone', 'the other two shops']) expect(found, t).toContain(t);
  });

  it('every term has one or two sentences and a checked source but for the stories own words', () => {
    for (const t of terms) {
      expect(t.text.split(/(?<=\.)\s/).length, t.term).toBeLessThanOrEqual(2);
      if (!['payments-lob', 'the other two shops'].includes(t.term)) expect(t.source, t.term).toMatch(/^https:\/\//);
    }
  });
});
