// A usage error's text (trial T1, 9): the problems, the usage, then the problems again, so in a
// terminal the problem stays on screen under the 30-line usage instead of scrolling off above it,
// while the first line (what a script or a log grep reads) is still the problem.

/**
 * What a command prints on stderr for bad arguments: each of `problems` on its own line, a blank
 * line, `usage`, a blank line, then the problems again (the last thing on screen), ending in a
 * newline. Pure; the caller exits 2 as before.
 */
export function usageError(usage: string, problems: readonly string[]): string {
  const said = problems.join('\n');
  return `${said}\n\n${usage}\n\n${said}\n`;
}
