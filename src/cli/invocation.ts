// How the person started the CLI: `npm run sim -- ...` in a clone, or the installed `meshsim`
// bin. Usage texts are written for the first; the bin prints them with the command it was typed as.

/** `npm`: `npm run sim -- ...` (src/cli/main.ts); `bin`: `meshsim ...` (src/cli/bin.ts). */
export type Invocation = 'npm' | 'bin';

/**
 * A usage text written for `npm run sim -- ...` as the person typed the command: unchanged for
 * `npm`, each `npm run sim -- ` made `meshsim ` for the bin, and a line that only names the clone's
 * form of a command the text already gives as `meshsim` ("(the same, from a clone)", lint's) left
 * out. `meshsim frobnicate` printed `npm run sim -- [run] FILE ...` under its message. Pure.
 */
export function usageAs(text: string, how: Invocation): string {
  if (how === 'npm') return text;
  return text
    .split('\n')
    .filter((line) => !line.includes('(the same, from a clone)'))
    .join('\n')
    .replace(/npm run sim -- /g, 'meshsim ');
}
