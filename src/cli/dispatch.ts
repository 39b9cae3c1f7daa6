import { main } from './main';
import { endQuietlyOnClosedPipe } from './closedPipe';
import { sweepMain } from './sweep';
import { lintMain } from './lint';
import { replayMain } from './replay';
import { resolveScenarioNames } from './scenarioName';
import { helpFor } from './help';
import { BIN_USAGE, SUBCOMMANDS } from './binUsage';
export { BIN_USAGE, SUBCOMMANDS } from './binUsage';
export { resolveScenarioName, resolveScenarioNames } from './scenarioName';

/** Exit code for bad input, as every subcommand uses it. */
const BAD_INPUT = 2;

/**
 * Runs one `meshsim` command line (the words after `meshsim`) and resolves to its exit code:
 * `run` and `compare` (and a bare FILE) go to the CLI's `main`, `sweep` to `sweepMain`,
 * `lint` to `lintMain`, and `import` to whatever `npm run sim -- import` runs. Shipped
 * scenarios may be named without their path. Every usage printed names the commands as `meshsim ...`
 * (usageAs), the way the person typed them.
 */
export async function dispatch(argv: readonly string[], version = 'unknown'): Promise<number> {
  endQuietlyOnClosedPipe();
  const [command, ...rest] = argv;
  // `meshsim help compare` prints compare's usage, as `meshsim compare --help` does.
  if (command === 'help' && rest.length > 0) return helpFor(rest, process, 'bin');
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
      return sweepMain(named, undefined, 'bin');
    case 'lint':
      return lintMain(named);
    case 'replay':
      return replayMain(rest, 'bin');
    case 'run':
    case 'compare':
      return main([command, ...named], 'bin');
    case 'import':
      // `npm run sim -- import` is dispatched inside main (src/cli/import.ts).
      return main([command, ...rest], 'bin');
    default:
      if (command.startsWith('-')) {
        process.stderr.write(`${command}: unknown option; the first word is a command (${SUBCOMMANDS.join(', ')})\n\n${BIN_USAGE}\n`);
        return BAD_INPUT;
      }
      // `meshsim FILE` runs it, as `npm run sim -- FILE` does.
      return main(resolveScenarioNames(argv), 'bin');
  }
}
