import { z } from 'zod';

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

/** A scenario file's `seed`: a whole number within ±MAX_SEED. */
export const seedSchema = z.number().int({ error: (issue) => (issue.code === 'invalid_type' ? 'must be a whole number' : SEED_RULE) });

/**
 * Reads a seed typed on a command line (`--seed`) by the rule the file's `seed` follows: a
 * whole number within ±MAX_SEED. The text is checked before it becomes a number, so
 * "99999999999999999999999" is refused rather than rounded.
 */
export function parseSeed(text: string): { ok: true; seed: number } | { ok: false; message: string } {
  // Written as a number is in a file (JSON's syntax: 42, -3, 1e3), so `--seed 1e3` is the file's 1e3.
  if (!/^\s*-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?\s*$/.test(text)) return { ok: false, message: `expected a whole number, got ${JSON.stringify(text)}` };
  const seed = Number(text);
  if (!Number.isInteger(seed)) return { ok: false, message: `must be a whole number, got ${text.trim()}` };
  if (!Number.isSafeInteger(seed)) return { ok: false, message: `${SEED_RULE}, got ${text.trim()}` };
  return { ok: true, seed };
}
