// What a seed may be and what every reader of one says of a bad one. No zod here: the app's link
// reader (src/ui/recipe/url.ts) is in the first page's JS, and zod would come with it (+27 KB
// gzipped, bench:ui's initial JS); the file schema's `seedSchema` is in schema.ts.

/**
 * The largest seed, in magnitude: 2^53 − 1 (JavaScript's largest safe integer). Every random
 * stream is keyed by the seed's decimal text (`streamFor` in src/sim-engine/random.ts hashes
 * "meshsim/<seed>/<actor>"), so two seeds give different runs exactly when their texts
 * differ. Within ±(2^53 − 1) every whole number is held exactly and has its own text; past it,
 * neighbours collapse into one float (99999999999999999999999 is read as 1e+23, and so is
 * 100000000000000000000000), so a seed there would not be the seed the user typed.
 */
export const MAX_SEED = Number.MAX_SAFE_INTEGER;

/** Why a seed is refused: the rule, for the file's `seed` and the CLI's `--seed` alike. */
export const SEED_RULE = `must be a whole number from -${MAX_SEED} to ${MAX_SEED} (2^53 − 1: larger numbers cannot be held exactly, so two seeds would run the same)`;

/**
 * What every reader of a seed says of a bad one, `shown` as the person wrote it ("abc" quoted,
 * 1.5 bare): "must be a whole number from -9007199254740991 to 9007199254740991 (2^53 − 1: …),
 * got "abc"". The CLI's `--seed` (run, compare, replay), sweep's `--seed-base`, a file's `seed`
 * and a link's `seed=` all say this (N9, session 39: "abc" and 1.5 read two ways).
 */
export function seedProblem(shown: string): string {
  return `${SEED_RULE}, got ${shown}`;
}

/**
 * Reads a seed typed on a command line (`--seed`) by the rule the file's `seed` follows: a
 * whole number within ±MAX_SEED. The text is checked before it becomes a number, so
 * "99999999999999999999999" is refused rather than rounded.
 */
export function parseSeed(text: string): { ok: true; seed: number } | { ok: false; message: string } {
  // Written as a number is in a file (JSON's syntax: 42, -3, 1e3), so `--seed 1e3` is the file's 1e3.
  if (!/^\s*-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?\s*$/.test(text)) return { ok: false, message: seedProblem(JSON.stringify(text)) };
  const seed = Number(text);
  if (!Number.isSafeInteger(seed)) return { ok: false, message: seedProblem(text.trim()) };
  return { ok: true, seed };
}
