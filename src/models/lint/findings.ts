// How a lint finding is written, shared by every rule file: its text's milliseconds, the finding
// itself (its rule's name and severity from RULES) and the resource it is placed on. A file of its
// own so the rule files and scenarioRules.ts, which gathers them, import it without a cycle.
import { namedPath, namedPathsIn } from '../../scenario/namedPath';
import type { Locator } from './locate';
import type { Actor } from './routes';
import { RULES, type Figure, type Finding, type ResourceRef, type RuleCode } from './types';

/** Milliseconds for a finding's text: "3 s", "2.5 s", "250 ms". */
export function ms(v: number): string {
  if (v === Infinity) return 'no limit';
  return v >= 1000 ? `${+(v / 1000).toFixed(2)} s` : `${+v.toFixed(1)} ms`;
}

/** A finding of rule `code` (its name and default severity from RULES) on `actor` at `field`, placed by `locate`. */
export function finding(code: RuleCode, resource: ResourceRef, field: string, message: string, figure: Figure, fix: string, extra: Partial<Finding> = {}): Finding {
  const r = RULES[code];
  return { code, rule: r.rule, severity: r.severity, resource, field, message, figure, fix, simulated: false, ...extra };
}

/** An actor as a finding's resource, placed at `field` (or its nearest written parent). */
export function actorRef(a: Actor, field: string, locate: Locator): ResourceRef {
  const at = locate(field);
  const r = at?.resource;
  return { kind: r?.kind ?? a.kind, name: r?.name ?? a.name, ...(r ? { namespace: r.namespace } : {}), ...(at ? { file: at.file, line: at.line } : {}) };
}

/**
 * A finding as people read it (the CLI's lines, the app's lint notes): its field, its scenario
 * field and the places its message and fix quote written by name, the form `sweep --set` takes
 * (`services.0.mtls` -> `services.web.mtls`; namedPath: unnamed or ambiguous items keep their
 * index). `data` is the scenario the finding is on. A manifest or workload path
 * (`spec.http[0].timeout`, a finding with a scenarioField) is kept. Pure; a copy. `--json` keeps the index paths the rules wrote.
 */
export function namedFinding(data: unknown, f: Finding): Finding {
  return {
    ...f,
    // With a scenarioField, `field` is the manifest's or workload's own path: kept as written.
    ...(f.scenarioField === undefined ? { field: namedPath(data, f.field) } : { scenarioField: namedPath(data, f.scenarioField) }),
    message: namedPathsIn(data, f.message),
    fix: namedPathsIn(data, f.fix),
  };
}
