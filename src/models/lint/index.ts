// The scenario lint rules that need no Node (no fs, no path): the static rules, read from the
// parsed scenario, and the simulated ones (MS001, MS012), which run the model. The CLI's
// `lint` (src/cli/lint) reads files and manifests and calls these; the app's editor calls them
// in its check worker (src/ui/editor/check.ts). One rule code for both.
export { RULES, SEVERITIES, FAIL_ON, type Finding, type LintReport, type Severity, type FailOn, type ResourceRef, type Figure, type RuleCode, type RuleInfo } from './types';
export { scenarioFindings } from './scenarioRules';
export { finding, actorRef, ms, namedFinding } from './findings';
export { simulateFindings, lintDurationMs, MAX_LEAVES, type SimulationResult } from './simulate';
export { textLocator, type Locator, type Place } from './locate';
export { compareFindings } from './order';
export { changeNotes, changeWarnings, changeKey, suggestedChange, type ChangeNote } from './changeNotes';
