// Lint's findings for the editor: the same rules as `npm run sim -- lint` (src/models/lint), shown
// beside the text's problems as warnings and notes. They never block Run: the scenario is valid,
// it may only do something the person did not mean (a policy that never acts, retries that
// multiply). The static rules run with every check; the simulated ones (MS001, MS012) run the
// model, so only in the editor's worker and only once the text has stood still (simulateLint).
import type { Scenario } from '../../scenario';
import { compareFindings, namedFinding, scenarioFindings, simulateFindings, textLocator, type Finding, type Severity } from '../../models/lint';

/** One lint finding as the editor lists it. */
export interface LintNote {
  /** `MS010`. */
  code: string;
  /** `policy-overridden`. */
  rule: string;
  severity: Severity;
  /** The field at fault, a scenario path with items by name as `sweep --set` writes it (`services.web.policy.timeout`; namedFinding). */
  path: string;
  message: string;
  /** Lint's one-line fix. */
  fix: string;
  /** The 1-based line the field (or its nearest written parent) is on, or null when the text places it nowhere. */
  line: number | null;
  /** True when the figure was measured by simulating the scenario. */
  simulated: boolean;
}

/** `f`, found on `scenario`, as the editor lists it: its paths by name (namedFinding), its line found by index before. */
const noteOf = (scenario: Scenario, found: Finding): LintNote => {
  const f = namedFinding(scenario, found);
  return { code: f.code, rule: f.rule, severity: f.severity, path: f.field, message: f.message, fix: f.fix, line: f.resource.line ?? null, simulated: f.simulated };
};

/** The static rules' findings on a valid scenario read from `text`, in lint's order (worst first, then by line). Pure; never throws. */
export function staticLint(scenario: Scenario, text: string): LintNote[] {
  try {
    return scenarioFindings(scenario, textLocator('', text)).sort(compareFindings).map((f) => noteOf(scenario, f));
  } catch {
    return [];
  }
}

/**
 * Every rule's findings, the simulated ones too (lint's `simulateFindings`: a healthy run and
 * one per failing leaf, up to 20 s simulated or 20,000 requests each), in lint's order. Runs the
 * model for seconds on a large scenario: call it off the page's thread. A run the engine stops
 * gives the static findings alone. Deterministic (the scenario's seed); never throws.
 */
export function fullLint(scenario: Scenario, text: string): LintNote[] {
  const locate = textLocator('', text);
  let found: Finding[];
  try {
    found = scenarioFindings(scenario, locate);
  } catch {
    return [];
  }
  try {
    found.push(...simulateFindings(scenario, locate, found).findings);
  } catch {
    // The static findings stand on their own.
  }
  return found.sort(compareFindings).map((f) => noteOf(scenario, f));
}
