import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { formatProblems, parseScenarioText, validateScenario, type Scenario } from '../../src/scenario';

/** Validates an inline scenario, failing the test with every problem when it is invalid. */
export function scenario(input: unknown): Scenario {
  const r = validateScenario(input);
  if (!r.ok) throw new Error(`test scenario is invalid:\n${formatProblems(r.problems)}`);
  return r.scenario;
}

/** Reads and validates a scenario from the repository's scenarios/ folder. */
export function scenarioFile(name: string): Scenario {
  const text = readFileSync(fileURLToPath(new URL(`../../scenarios/${name}`, import.meta.url)), 'utf8');
  const r = parseScenarioText(text);
  if (!r.ok) throw new Error(`scenarios/${name} is invalid:\n${formatProblems(r.problems)}`);
  return r.scenario;
}

/** Relative error |actual - expected| / |expected|. */
export function relErr(actual: number, expected: number): number {
  return Math.abs(actual - expected) / Math.abs(expected);
}
