import { FAIL_ON, type FailOn } from '../../models/lint/types';
import { repeatedOptions } from '../onceOptions';
import { unknownOptionMessage } from '../unknownOptions';

/** `meshsim lint`'s options. */
export interface LintArgs {
  /** Files and folders, as given. */
  inputs: string[];
  /** `--workload FILE`: clients, rates and calls for a set of manifests (see the importer). */
  workload?: string;
  json: boolean;
  failOn: FailOn;
  /** `--no-simulate`: the static rules only (MS001, MS012 and measured figures need the simulation). */
  simulate: boolean;
  help: boolean;
}

export const LINT_USAGE = `usage: meshsim lint FILES_OR_DIRS... [--workload FILE] [--json] [--fail-on error|warning|info|never] [--no-simulate]
       npm run sim -- lint ...   (the same, from a clone)

Checks a mesh's config: scenario files (JSON or YAML), and Kubernetes/Istio manifests (imported
as one scenario with the --workload file's clients and calls). Static checks, and checks found
by simulating: each finding has a code (MS001...), a severity, the resource with its file:line,
the field, the figure that shows it and a one-line fix. The README's "Lint a mesh's config"
lists every code.
  FILES_OR_DIRS   scenario files, manifest files, or folders of them (*.json, *.yaml, *.yml)
  --workload FILE clients, rates and who calls whom, for manifests (as meshsim import takes it)
  --json          print one JSON object (schemaVersion 1: inputs, scenarios, findings, counts)
  --fail-on S     exit 1 when a finding is S or worse: error (default), warning, info, never
  --no-simulate   static checks only: no runs (MS001 and MS012 need them)
Examples:
  meshsim lint scenarios/retry-storm.json
  meshsim lint examples/bookinfo/platform --workload examples/bookinfo/workload.yaml --fail-on warning
Exit codes: 0 no finding at --fail-on or worse, 1 some, 2 bad input (each problem as path: message).`;

/** Parses the words after `lint`. Returns problems instead of throwing. */
export function parseLintArgs(argv: readonly string[]): { ok: true; args: LintArgs } | { ok: false; problems: string[] } {
  const args: LintArgs = { inputs: [], json: false, failOn: 'error', simulate: true, help: false };
  const problems: string[] = repeatedOptions(argv, ['--fail-on', '--workload']);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const eq = a.startsWith('--') && a.includes('=');
    const flag = eq ? a.slice(0, a.indexOf('=')) : a;
    const value = () => {
      const v = eq ? a.slice(a.indexOf('=') + 1) : argv[++i];
      if (v === undefined || v === '') problems.push(`${flag}: needs a value`);
      return v === '' ? undefined : v;
    };
    if (flag === '--json') args.json = true;
    else if (flag === '--help' || flag === '-h') args.help = true;
    else if (flag === '--no-simulate') args.simulate = false;
    else if (flag === '--workload') {
      const v = value();
      if (v !== undefined) args.workload = v;
    } else if (flag === '--fail-on') {
      const v = value();
      if (v !== undefined) {
        if ((FAIL_ON as readonly string[]).includes(v)) args.failOn = v as FailOn;
        else problems.push(`--fail-on: expected one of ${FAIL_ON.join(', ')}, got "${v}"`);
      }
    } else if (a.startsWith('-')) problems.push(unknownOptionMessage(a, ['--workload', '--json', '--fail-on', '--no-simulate', '--help'], 'try lint --help'));
    else args.inputs.push(a);
  }
  if (!args.help && args.inputs.length === 0) problems.push('FILES_OR_DIRS: give scenario files, manifests or folders, e.g. lint scenarios/retry-storm.json');
  return problems.length ? { ok: false, problems } : { ok: true, args };
}
