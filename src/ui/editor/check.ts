// What the editor asks of its worker: the text's problems, as the CLI and the file opener
// find them, each at its line; the names the form offers; and the form's additions.
import { parseScenarioText, readScenarioText, scenarioFormat } from '../../scenario';
import { locateProblems, type ProblemAt } from './lines';
import { addToScenario, type Addition } from './additions';
import { fullLint, staticLint, type LintNote } from './lintNotes';
import { carryRecipe } from './carry';
import { namesInData, NO_NAMES, type ScenarioNames } from './names';

/** The result of checking the editor's text. */
export interface CheckResult {
  /** Empty when the scenario is valid. */
  problems: ProblemAt[];
  /** Names of the services, clients and gateways the text has, and its services with a sidecar (also when it has problems but reads), for the form. */
  names: ScenarioNames;
  /** The scenario's `name` when the text has one. */
  name: string | null;
  /** Lint's static findings (warnings and notes, never blocking Run) when the scenario is valid; else empty. */
  lint: LintNote[];
}

/**
 * Checks scenario text as `npm run sim -- FILE` and the app's file opener do
 * (`parseScenarioText` with the format `scenarioFormat(fileName, text)` decides: syntax, schema,
 * references, sizes), each problem with its line; on a valid scenario, lint's static rules too
 * (`npm run sim -- lint --no-simulate`'s findings). Pure; never throws.
 */
export function checkScenarioText(text: string, fileName: string | undefined): CheckResult {
  const format = scenarioFormat(fileName, text);
  const parsed = parseScenarioText(text, format);
  const problems = parsed.ok ? [] : locateProblems(text, parsed.problems);
  let names = NO_NAMES;
  let name: string | null = null;
  const read = parsed.ok ? { ok: true as const, data: parsed.scenario as unknown } : readScenarioText(text, format);
  if (read.ok && read.data && typeof read.data === 'object') {
    const d = read.data as Record<string, unknown>;
    names = namesInData(d);
    if (typeof d.name === 'string') name = d.name;
  }
  return { problems, names, name, lint: parsed.ok ? staticLint(parsed.scenario, text) : [] };
}

export const editorApi = {
  check: (text: string, fileName?: string): CheckResult => checkScenarioText(text, fileName),
  /** Every lint rule's findings, the simulated ones too (seconds of model runs: asked only once the text stands still); null when the text is not a valid scenario. */
  lint: (text: string, fileName?: string): LintNote[] | null => {
    const parsed = parseScenarioText(text, scenarioFormat(fileName, text));
    return parsed.ok ? fullLint(parsed.scenario, text) : null;
  },
  /** What Run keeps of the run on screen (carry.ts carryRecipe); null when either text is not a valid scenario. */
  carry: (...args: Parameters<typeof carryRecipe>) => carryRecipe(...args),
  add: (text: string, fileName: string | undefined, addition: Addition) => {
    try {
      return addToScenario(text, fileName, addition);
    } catch (e) {
      return { ok: false as const, problems: [{ path: '(form)', message: e instanceof Error ? e.message : String(e) }] };
    }
  },
};

export type EditorApi = typeof editorApi;
