// `npm run sim -- help [COMMAND]`: the usage COMMAND --help prints, or the general one.
import { COMPARE_USAGE, RUN_USAGE, USAGE } from './args';
import { IMPORT_USAGE } from './import';
import { LINT_USAGE } from './lint/args';
import { SWEEP_USAGE } from './sweep/args';
import { usageAs, type Invocation } from './invocation';
import { BIN_USAGE } from './binUsage';
import { REPLAY_USAGE } from './replay';

/** Every command's usage, by the word that starts it. */
export const COMMAND_USAGE: Readonly<Record<'run' | 'compare' | 'sweep' | 'import' | 'lint' | 'replay', string>> = {
  run: RUN_USAGE,
  compare: COMPARE_USAGE,
  sweep: SWEEP_USAGE,
  import: IMPORT_USAGE,
  lint: LINT_USAGE,
  replay: REPLAY_USAGE,
};

/**
 * Prints the usage of the command `words[0]` names (the general one with no word) on stdout and
 * returns 0; an unknown command is named on stderr with the general usage, and returns 2. Each
 * names the commands as `how` started them: `npm run sim -- ...`, or `meshsim ...` (the bin's own
 * usage the general one).
 */
export function helpFor(words: readonly string[], io: { stdout: { write(s: string): unknown }; stderr: { write(s: string): unknown } } = process, how: Invocation = 'npm'): number {
  const [command] = words;
  const general = how === 'bin' ? BIN_USAGE : USAGE;
  if (command === undefined) {
    io.stdout.write(general + '\n');
    return 0;
  }
  if (Object.hasOwn(COMMAND_USAGE, command)) {
    io.stdout.write(usageAs(COMMAND_USAGE[command as keyof typeof COMMAND_USAGE], how) + '\n');
    return 0;
  }
  io.stderr.write(`help ${command}: not a command (commands: ${Object.keys(COMMAND_USAGE).join(', ')})\n\n${general}\n`);
  return 2;
}
