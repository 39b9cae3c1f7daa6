import { main } from './main';
import { endQuietlyOnClosedPipe } from './closedPipe';
import { sweepMain } from './sweep';
import { lintMain } from './lint';
import { resolveScenarioNames } from './scenarioName';
import { helpFor } from './help';
export { resolveScenarioName, resolveScenarioNames } from './scenarioName';

/** Exit code for bad input, as every subcommand uses it. */
const BAD_INPUT = 2;

/** The subcommands of the `meshsim` bin, in the order its help lists them. */
export const SUBCOMMANDS = ['run', 'compare', 'sweep', 'import', 'lint'] as const;

export const BIN_USAGE = `usage: meshsim run FILE|NAME [--seed N] [--duration T] [--json] [--traces FILE] [--csv FILE]
       meshsim compare A B [--seed N] [--duration T] [--json]
       meshsim sweep FILE --seeds N [--set path=v1,v2,...]...   (meshsim sweep --help)
       meshsim import FILES_OR_DIRS... [--workload FILE] [-o scenario.yaml]
       meshsim lint FILES_OR_DIRS... [--workload FILE] [--json] [--fail-on error|warning|info|never]
       meshsim --version

The same commands as \`npm run sim -- ...\` in a clone of the repository. A NAME is a scenario
shipped with meshsim (hello-mesh, retry-storm, ...: the files of its scenarios/ folder), used
when no file of that name exists here. Each command's --help (or meshsim help COMMAND) prints
its own flags, their units and defaults, and an example.`;

/**
 * Runs one `meshsim` command line (the words after `meshsim`) and resolves to its exit code:
 * `run` and `compare` (and a bare FILE) go to the CLI's `main`, `sweep` to `sweepMain`,
 * `lint` to `lintMain`, and `import` to whatever `npm run sim -- import` runs. Shipped
 * scenarios may be named without their path.
 */
export async function dispatch(argv: readonly string[], version = 'unknown'): Promise<number> {
  endQuietlyOnClosedPipe();
  const [command, ...rest] = argv;
  // `meshsim help compare` prints compare's usage, as `meshsim compare --help` does.
  if (command === 'help' && rest.length > 0) return helpFor(rest);
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    (command === undefined ? process.stderr : process.stdout).write(BIN_USAGE + '\n');
    return command === undefined ? BAD_INPUT : 0;
  }
  if (command === '--version' || command === '-v') {
    process.stdout.write(version + '\n');
    return 0;
  }
  const named = resolveScenarioNames(rest);
  switch (command) {
    case 'sweep':
      return sweepMain(named);
    case 'lint':
      return lintMain(named);
    case 'run':
    case 'compare':
      return main([command, ...named]);
    case 'import':
      // `npm run sim -- import` is dispatched inside main (src/cli/import.ts).
      return main([command, ...rest]);
    default:
      if (command.startsWith('-')) {
        process.stderr.write(`${command}: unknown option; the first word is a command (${SUBCOMMANDS.join(', ')})\n\n${BIN_USAGE}\n`);
        return BAD_INPUT;
      }
      // `meshsim FILE` runs it, as `npm run sim -- FILE` does.
      return main(resolveScenarioNames(argv));
  }
}
