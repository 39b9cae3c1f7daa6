// Where a story's text uses a glossary term (glossary.ts): the runs GlossaryText draws, the
// term's first use in a text marked (trial T4, 6: jargon with no explanation on screen).

/** A glossary entry as glossary.ts writes it: `forms` are the words matched, whole; `caseSensitive` for STRICT, PERMISSIVE, 503 UC. */
export interface GlossaryTerm {
  term: string;
  forms: readonly string[];
  text: string;
  /** The page the sentences were checked against ('' for the stories' own words). */
  source: string;
  caseSensitive?: boolean;
}

/** A run of text: `term` set where the run is a use of that glossary term. */
export interface GlossaryRun {
  text: string;
  term?: GlossaryTerm;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** One pattern per term: any of its forms, longest first, not inside a longer word or name (`no-config-x`, `STRICTLY`). */
const patterns = new WeakMap<GlossaryTerm, RegExp>();
function patternOf(t: GlossaryTerm): RegExp {
  let p = patterns.get(t);
  if (!p) {
    const forms = [...t.forms].sort((a, b) => b.length - a.length).map(escape).join('|');
    p = new RegExp(`(?<![\\p{L}\\p{N}_-])(?:${forms})(?![\\p{L}\\p{N}_-])`, t.caseSensitive ? 'gu' : 'giu');
    patterns.set(t, p);
  }
  return p;
}

/**
 * `text` cut into runs, the first use of each term in `terms` a run of its own (later uses stay
 * text, as do terms in `seen`, which is added to: pass one set for a story's texts to mark each
 * term once). Where two terms' uses overlap, the one starting first wins, then the longer.
 * Joined, the runs are `text`. Pure but for `seen`.
 */
export function glossaryRuns(text: string, terms: readonly GlossaryTerm[], seen: Set<string> = new Set()): GlossaryRun[] {
  const hits: { at: number; end: number; term: GlossaryTerm }[] = [];
  for (const t of terms) {
    if (seen.has(t.term)) continue;
    const p = patternOf(t);
    p.lastIndex = 0;
    const m = p.exec(text);
    if (m) hits.push({ at: m.index, end: m.index + m[0].length, term: t });
  }
  hits.sort((a, b) => a.at - b.at || b.end - a.end);
  const runs: GlossaryRun[] = [];
  let at = 0;
  for (const h of hits) {
    if (h.at < at) continue;
    if (h.at > at) runs.push({ text: text.slice(at, h.at) });
    runs.push({ text: text.slice(h.at, h.end), term: h.term });
    seen.add(h.term.term);
    at = h.end;
  }
  if (at < text.length) runs.push({ text: text.slice(at) });
  return runs;
}
