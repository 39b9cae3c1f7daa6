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

  it('marks a term once in a block, and again in the next block (each text a person reads is a block of its own)', () => {
    // KeepUnits calls glossaryRuns with a fresh `seen` per text: a step's title, its text, a figure's label.
    const title = 'Two trust domains';
    const text = 'Retail trusts its trust domain only; a trust domain is one CA, and CAs differ.';
    expect(marked(title)).toEqual(['trust domain:trust domains']);
    expect(marked(text)).toEqual(['trust domain:trust domain', 'CA:CA']);
    expect(marked('Step 3: the sidecar retries, and the sidecar ejects it.')).toEqual(['sidecar:sidecar', 'eject:ejects']);
  });

  const stories = () => {
    const dir = new URL('../../scenarios/', import.meta.url);
    return readdirSync(dir)
      .filter((f) => f.endsWith('.json') && f !== 'schema.json')
      .map((f) => {
        const s = JSON.parse(readFileSync(new URL(f, dir), 'utf8')) as {
          title: string; description?: string; lesson?: string;
          narrative?: { title: string; text: string; figure?: { label: string; expect?: string } }[];
        };
        return { id: f.replace(/\.json$/, ''), texts: [s.title, s.description ?? '', s.lesson ?? '', ...(s.narrative ?? []).flatMap((n) => [n.title, n.text, n.figure?.label ?? '', n.figure?.expect ?? ''])] };
      });
  };
  const termsIn = (texts: string[]) => new Set(texts.flatMap((t) => glossaryRuns(t, terms).flatMap((r) => (r.term ? [r.term.term] : []))));

  it("the trial's words are each explained where a story uses them: titles (the picker's '503 UC', 'trust domains') and texts (trial T4, 6)", () => {
    const found = termsIn(stories().flatMap((s) => s.texts));
    for (const t of ['STRICT', 'PERMISSIVE', 'sidecar', 'payments-lob', 'listeners', 'routes', 'endpoints', 'no-config', 'egress gateway', 'eject', 'Deprecation header', '410 Gone', 'trust domain', '503 UC']) expect(found, t).toContain(t);
    const byId = new Map(stories().map((s) => [s.id, s.texts]));
    expect(termsIn([byId.get('idle-timeout-race')![0]])).toContain('503 UC'); // the title the picker and the heading show
    expect(termsIn([byId.get('control-plane-boundary')!.join(' ')])).toContain('payments-lob'); // the picture's boundary, named in the text
  });

  it('every term is used by a shipped story (no term left behind by a text change)', () => {
    const found = termsIn(stories().flatMap((s) => s.texts));
    for (const t of terms) expect(found, t.term).toContain(t.term);
  });

  it("gateway-and-mesh's hung replica: no 'other two shops' (the stories are named, as links), and the fault's tag named as the picture shows it", () => {
    const texts = stories().find((s) => s.id === 'gateway-and-mesh')!.texts.join(' ');
    expect(texts).not.toMatch(/other two shops/);
    expect(texts).toMatch(/gateway-only\.json and mesh-only\.json/);
    for (const id of ['gateway-only', 'mesh-only', 'gateway-and-mesh']) expect(stories().find((s) => s.id === id)!.texts.join(' '), id).toContain('⚡ slow one replica');
  });

  it('every term has one or two sentences and a checked source but for the stories own words', () => {
    for (const t of terms) {
      expect(t.text.split(/(?<=\.)\s/).length, t.term).toBeLessThanOrEqual(2);
      if (t.term !== 'payments-lob') expect(t.source, t.term).toMatch(/^https:\/\//);
    }
  });
});
