// Lint's errors on a file as it opens (trial N18, 1: a gateway outside the mesh in front of STRICT
// services failed every request, and the app said nothing until the run had played). The same
// static rules as `npm run sim -- lint --no-simulate` and the editor (src/models/lint), only the
// errors: each is a setting that fails calls whatever the load. Run in the sim worker, which holds
// the parsed scenario, so the page loads no lint code.
import type { Scenario } from '../scenario';
import { compareFindings, namedFinding, scenarioFindings, textLocator } from '../models/lint';

/** One lint error on an opened file, as the left panel lists it. */
export interface OpenLintNote {
  /** `MS006`. */
  code: string;
  /** The field at fault, a scenario path with items by name (`services.web.mtls`; namedFinding). */
  path: string;
  /** The 1-based line the field (or its nearest written parent) is on; null when the text places it nowhere. */
  line: number | null;
  message: string;
  /** Lint's fix, naming the field to write (`gateways.edge.mesh: mesh`). */
  fix: string;
}

/** Files larger than this (characters) get no line numbers: the YAML reader's second pass over them costs seconds. */
export const LOCATE_MAX_CHARS = 500_000;

/**
 * Lint's static errors on `scenario` read from `text`, worst first then by line, at most `max` (a
 * file with dozens says the first few; `total` counts them all). Lines come from the text
 * (textLocator: YAML or JSON). Pure; never throws (a rule that throws gives no notes).
 */
export function openLintErrors(scenario: Scenario, text: string, max = 5): { notes: OpenLintNote[]; total: number } {
  try {
    // A large file is placed by path alone: reading its lines again would hold the worker up.
    const locate = text.length <= LOCATE_MAX_CHARS ? textLocator('', text) : () => undefined;
    const found = scenarioFindings(scenario, locate)
      .filter((f) => f.severity === 'error')
      .sort(compareFindings);
    return { notes: found.slice(0, max).map((f) => namedFinding(scenario, f)).map((f) => ({ code: f.code, path: f.field, line: f.resource.line ?? null, message: f.message, fix: f.fix })), total: found.length };
  } catch {
    return { notes: [], total: 0 };
  }
}
