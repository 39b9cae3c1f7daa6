// How a lint finding is written, shared by every rule file: its text's milliseconds, the finding
// itself (its rule's name and severity from RULES) and the resource it is placed on. A file of its
// own so the rule files and scenarioRules.ts, which gathers them, import it without a cycle.
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
