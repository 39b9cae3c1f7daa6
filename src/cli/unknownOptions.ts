// A word right after an unknown option (`--speed 10`, `--vary x=1,2`) is that option's value
// far more often than a file: shared by run/compare's and sweep's argument readers so that the
// mistake is said once, at the option, not also as "one file too many". And an unknown option a
// slip off a known one names it (`--sedd: unknown option; did you mean --seed?`), as an unknown
// field or scenario name does.
import { nearestName } from '../scenario/nearMiss';

/** An unknown option seen while reading arguments, and the word after it. */
export interface UnknownOption {
  option: string;
  word: string;
  /** Index of the option's message in the reader's problems. */
  problem: number;
}

/**
 * Notes `argv[i]` (an unknown option) with the word after it, when that word could be its value:
 * not `--x=v`, and not another option. Call right after pushing the option's message.
 */
export function noteUnknown(seen: UnknownOption[], argv: readonly string[], i: number, problems: readonly string[]): void {
  const next = argv[i + 1];
  if (!argv[i].includes('=') && next !== undefined && !next.startsWith('-')) seen.push({ option: argv[i], word: next, problem: problems.length - 1 });
}

/**
 * For each unknown option whose next word made `files` longer than `wanted`: takes the word out
 * of `files` and rewrites the option's message (`message`, with " (try …)") to say the word was
 * taken as its value. Changes `files` and `problems` in place.
 */
export function takeUnknownValues(seen: readonly UnknownOption[], files: string[], wanted: number, problems: string[]): void {
  for (const u of seen) {
    const at = files.lastIndexOf(u.word);
    if (files.length <= wanted || at < 0) continue;
    files.splice(at, 1);
    problems[u.problem] = `${problems[u.problem]}; "${u.word}" after it was taken as its value, not as a file`;
  }
}

/**
 * The message for an unknown option `arg` (as typed, `--sedd` or `--sedd=3`) of a command whose
 * options are `known`: "unknown option", the known one it is a slip of when there is one
 * (nearestName: a letter off, two for long ones), then `help` ("try --help"); `what` names it
 * ("unknown option for sweep"). Pure.
 */
export function unknownOptionMessage(arg: string, known: readonly string[], help: string, what = 'unknown option'): string {
  const flag = arg.startsWith('--') && arg.includes('=') ? arg.slice(0, arg.indexOf('=')) : arg;
  const meant = nearestName(flag, known);
  return `${arg}: ${what}${meant === undefined ? '' : `; did you mean ${meant}?`} (${help})`;
}
