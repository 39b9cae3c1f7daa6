/**
 * The folder `npm run sim -- ...` was typed in, when it is not the one the CLI runs in, else null.
 * npm runs a script at the project's root whatever folder it was typed in, and says where that
 * was in INIT_CWD; the shell expands globs there. So `cd results && npm run sim -- sweep --merge
 * *.json` gave job-0.json ... read at the root, each 'no such file', and `--html report.html`
 * wrote to the root. Only for the `sim` script itself (npm_lifecycle_event): the installed bin
 * inside another project's npm script runs at that project's root, as npm scripts do. Pure.
 */
export function typedInFolder(env: Readonly<Record<string, string | undefined>>, cwd: string): string | null {
  const typed = env.INIT_CWD;
  if (env.npm_lifecycle_event !== 'sim' || !typed || typed === cwd) return null;
  return typed;
}
