// A share as the CLI's tables and the app print it: a module of its own, importing nothing, so the
// app's main bundle takes this one function and none of the model.

/** A share 0..1 as `run`'s tables and the app's gateway inspector print it: "13.0%", "-" for null. Pure. */
export function shareText(v: number | null): string {
  return v === null ? '-' : `${(100 * v).toFixed(1)}%`;
}
