import { existsSync, readdirSync } from 'node:fs';
import { basename, extname, isAbsolute } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nearestName } from '../scenario/nearMiss';

/**
 * The folders that may hold the shipped scenarios: beside the built bin (dist-cli/ ->
 * scenarios/) and beside the sources (src/cli/ -> scenarios/). The first that exists wins.
 */
export function shippedScenarioDirs(): string[] {
  return [new URL('../scenarios/', import.meta.url), new URL('../../scenarios/', import.meta.url)].map((u) => fileURLToPath(u));
}

/**
 * `hello-mesh` -> the path of the shipped scenarios/hello-mesh.json, when no file or folder
 * named `word` exists in the working folder and `word` is a bare name (letters, digits, `-`,
 * `_`). Anything else (a path, a flag, a flag's value such as `30s` or `42`) comes back as is:
 * a word is only replaced by a file that exists. Pure but for the file-system checks.
 */
export function resolveScenarioName(word: string, dirs: readonly string[] = shippedScenarioDirs()): string {
  if (!/^[A-Za-z0-9][\w-]*$/.test(word) || existsSync(word) || NOT_SCENARIOS.has(word)) return word;
  for (const dir of dirs) {
    for (const ext of ['.json', '.yaml', '.yml']) {
      const path = dir + word + ext;
      if (existsSync(path)) return path;
    }
  }
  return word;
}

/** Options whose value is a file the command writes: never a shipped scenario's name. */
const OUTPUT_OPTIONS = new Set(['--csv', '--traces', '--html', '--out', '-o', '--print-jobs']);

/**
 * A command line's words with each bare name of a shipped scenario made its path
 * (resolveScenarioName), except the value of an option that writes a file (`--csv hello-mesh`
 * writes ./hello-mesh, never over the shipped scenarios/hello-mesh.json). Pure but for the
 * file-system checks; returns a new array.
 */
export function resolveScenarioNames(words: readonly string[], dirs: readonly string[] = shippedScenarioDirs()): string[] {
  return words.map((w, i) => (i > 0 && OUTPUT_OPTIONS.has(words[i - 1]) ? w : resolveScenarioName(w, dirs)));
}

/**
 * Files in scenarios/ that are not scenarios: schema.json, the JSON Schema scenario files point at with `$schema`. The
 * app's list leaves it out too (src/ui/scenarios/catalog.ts); `run schema` ran it and printed "8 problems" (trial N7).
 */
const NOT_SCENARIOS = new Set(['schema']);

/**
 * The names of the shipped scenarios (scenarios/*.json and .yaml but schema.json, NOT_SCENARIOS), sorted; empty when the
 * folder is missing. Reads the file system.
 */
export function shippedScenarioNames(dirs: readonly string[] = shippedScenarioDirs()): string[] {
  const dir = dirs.find((d) => existsSync(d));
  if (!dir) return [];
  const names = readdirSync(dir).flatMap((f) => (/^[A-Za-z0-9][\w-]*\.(json|ya?ml)$/.test(f) ? [f.replace(/\.(json|ya?ml)$/, '')] : []));
  return [...new Set(names)].filter((n) => !NOT_SCENARIOS.has(n)).sort();
}

/**
 * The bare name a shipped scenario's path was made from (`/work/meshsim/scenarios/retry-storm.json`
 * -> `retry-storm`), or null for any other path. A command printed for other machines
 * (`sweep --print-jobs`) names the scenario so, since the path is this machine's own: a clone
 * elsewhere, or the package installed in another project, has it at another path. Reads the file
 * system (resolveScenarioName).
 */
export function shippedScenarioName(path: string, dirs: readonly string[] = shippedScenarioDirs()): string | null {
  if (!isAbsolute(path)) return null;
  const name = basename(path, extname(path));
  return resolveScenarioName(name, dirs) === path ? name : null;
}

/**
 * Why a scenario file could not be read, as the message after `file: `: 'no such file', and when
 * `file` is a bare name (no folder, no extension; resolveScenarioName found no shipped scenario of
 * it) every shipped scenario's name too, after the nearest when one is near (`run hello-msh`: 'no
 * such file, nor a shipped scenario; did you mean hello-mesh? (shipped: config-rollout, ...)'); 'is a
 * directory, not a scenario file'; or 'cannot read (CODE)'. `e` is what readFileSync threw.
 * Reads the file system (shippedScenarioNames).
 */
export function scenarioReadProblem(file: string, e: unknown, dirs: readonly string[] = shippedScenarioDirs()): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'EISDIR') return 'is a directory, not a scenario file';
  if (code !== 'ENOENT') return `cannot read (${code ?? String(e)})`;
  if (!/^[A-Za-z0-9][\w-]*$/.test(file)) return 'no such file';
  const names = shippedScenarioNames(dirs);
  if (names.length === 0) return 'no such file';
  const near = nearestName(file, names);
  return `no such file, nor a shipped scenario${near === undefined ? '' : `; did you mean ${near}?`} (shipped: ${names.join(', ')})`;
}
