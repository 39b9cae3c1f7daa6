// Lint on a fresh import: the import writes a scenario that may fail every request (a client
// sending plaintext to a STRICT service: trial T5, 3), and only `lint` said so. The importer's
// CLI and the app's import run lint's static rules on what they imported and say the errors
// with their warnings, as `terraform plan` warns before anything runs; the simulated rules stay
// `lint`'s (they run the model for seconds), named in one closing line.
import type { ImportResult, Resource, SourceRef } from '../../scenario/import/types';
import { namedFinding } from './findings';
import type { Locator, Place } from './locate';
import { compareFindings } from './order';
import { scenarioFindings } from './scenarioRules';
import type { Finding, Severity } from './types';

/**
 * A locator over an import's provenance: a scenario path goes to the manifest or workload field
 * it was made of, the deepest written ancestor's when the path itself was not written (a
 * default), or the actor's name's (its Deployment) when none is written. Of several sources, the one whose field ends as the path does is taken
 * (`...policy.timeout` <- `spec.http[0].timeout`), else the first. The place names the
 * manifest resource that holds it: the last resource of that file starting at or before it.
 */
export function provenanceLocator(r: Pick<ImportResult, 'provenance' | 'resources'>): Locator {
  const resourceAt = (ref: SourceRef): Resource | undefined => {
    let best: Resource | undefined;
    for (const x of r.resources) if (x.file === ref.file && x.line <= ref.line && (!best || x.line >= best.line)) best = x;
    return best;
  };
  return (path) => {
    const parts = path.split('.');
    const last = parts[parts.length - 1];
    // Past every written ancestor, the actor's name: the Deployment (or Gateway) it came from.
    const tries = [...parts.map((_, i) => parts.slice(0, parts.length - i).join('.')), `${parts[0]}.${parts[1]}.name`];
    for (const key of tries) {
      const refs = r.provenance[key];
      if (!refs?.length) continue;
      const ref = refs.find((x) => x.path.endsWith(last)) ?? refs[0];
      const res = resourceAt(ref);
      // The name stands for the whole actor: the finding keeps its scenario field then.
      const place: Place = key === path ? { file: ref.file, line: ref.line, path: ref.path } : key.endsWith('.name') && !path.endsWith('.name') && key.split('.').length === 3 && !path.startsWith(key) ? { file: ref.file, line: ref.line } : { file: ref.file, line: ref.line, path: ref.path };
      if (res) place.resource = { kind: res.kind, name: res.name, namespace: res.namespace };
      place.exact = key === path;
      return place;
    }
    return undefined;
  };
}

/** Lint's static findings on an import, and their counts by severity. */
export interface ImportLint {
  /** Worst first, as `lint` orders them; each at its manifest or workload field (`field`), items by name. */
  findings: Finding[];
  counts: Record<Severity, number>;
}

/**
 * Lint's rules read from the settings (scenarioFindings: MS002 to MS006, MS008 to MS011, MS013 to
 * MS015; not the simulated MS001 and MS012) on an import's validated scenario, each placed at the
 * manifest or workload field it came from, as `lint` on the same files places it. No findings when
 * the import made no runnable scenario (`validated` null). Pure; never throws for a scenario the
 * importer validated.
 */
export function importLint(r: Pick<ImportResult, 'validated' | 'provenance' | 'resources' | 'flattened'>): ImportLint {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  if (!r.validated) return { findings: [], counts };
  const locate = provenanceLocator(r);
  const found = scenarioFindings(r.validated, locate, new Set(r.flattened), 'manifests');
  const shown = found.sort(compareFindings).map((f) => {
    const named = namedFinding(r.validated, f);
    const at = locate(f.field);
    return at?.path === undefined ? named : { ...named, field: at.path, scenarioField: named.field };
  });
  for (const f of shown) counts[f.severity]++;
  return { findings: shown, counts };
}

/**
 * An import's lint errors as import warnings (`file:line: field: lint error MS006 mtls-mismatch:
 * message; fix: ...`, the import's own form), and one closing line with the counts and where to
 * see them all (`more`: the `lint` command for the CLI, the editor's Lint list for the app). No
 * lines when lint found nothing. Pure.
 */
export function importLintLines(l: ImportLint, more: string): { errors: { file: string; line: number; path: string; message: string }[]; summary: string | null } {
  const errors = l.findings
    .filter((f) => f.severity === 'error')
    .map((f) => ({ file: f.resource.file ?? '', line: f.resource.line ?? 1, path: f.field, message: `lint error ${f.code} ${f.rule}: ${f.message}; fix: ${f.fix}` }));
  const { error, warning, info } = l.counts;
  if (error + warning + info === 0) return { errors, summary: null };
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  const summary = `lint (its rules read from the settings, before simulating): ${plural(error, 'error')}${error ? ' (above)' : ''}, ${plural(warning, 'warning')}, ${info} info; ${more}`;
  return { errors, summary };
}
