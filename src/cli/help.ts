// `npm run sim -- help [COMMAND]`: the usage COMMAND --help prints, or the general one.
import { COMPARE_USAGE, RUN_USAGE, USAGE } from './args';
import { IMPORT_USAGE } from './import';
import { LINT_USAGE } from './lint/args';
import { SWEEP_USAGE } from './sweep/args';

/** Every command's usage, by the word that starts it. */
export const COMMAND_USAGE: Readonly<Record<'run' | 'compare' | 'sweep' | 'import' | 'lint', string>> = {
  run: RUN_USAGE,
  compare: COMPARE_USAGE,
  sweep: SWEEP_USAGE,
  import: IMPORT_USAGE,
  lint: LINT_USAGE,
};

/**
 * Prints the usage of the command `words[0]` names (the general one with no word) on stdout and
 * returns 0; an unknown command is named on stderr with the general usage, and returns 2.
 */
export function helpFor(words: readonly string[], io: { stdout: { write(s: string): unknown }; stderr: { write(s: string): unknown } } = process): number {
  const [command] = words;
  if (command === undefined) {
    io.stdout.write(USAGE + '\n');
    return 0;
  }
  if (Object.hasOwn(COMMAND_USAGE, command)) {
    io.stdout.write(COMMAND_USAGE[command as keyof typeof COMMAND_USAGE] + '\n');
    return 0;
  }
  io.stderr.write(`help ${command}: not a command (commands: ${Object.keys(COMMAND_USAGE).join(', ')})\n\n${USAGE}\n`);
  return 2;
}
