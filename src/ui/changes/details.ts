// The change form's details box (ChangePanel.tsx): the rest of a `changes` entry as JSON, read
// to an object or to one problem at `change.details`, said under the form as it is typed.
import type { Problem } from '../state/store';

/**
 * Reads the details text: empty is `{}`; text that is not JSON, or JSON that is not an object
 * (`[]`, `3`, `null`), is a problem at `change.details`, naming what it is and what is wanted.
 * Pure.
 */
export function readDetails(text: string): { ok: true; rest: Record<string, unknown> } | { ok: false; problem: Problem } {
  let rest: unknown;
  try {
    rest = JSON.parse(text.trim() || '{}');
  } catch (e) {
    return { ok: false, problem: { path: 'change.details', message: `is not JSON (${e instanceof Error ? e.message : String(e)}); write the rest of the change as a JSON object, such as {"mode": "STRICT"}` } };
  }
  if (rest === null || typeof rest !== 'object' || Array.isArray(rest)) {
    const what = rest === null ? 'null' : Array.isArray(rest) ? 'a list' : `${typeof rest} ${JSON.stringify(rest)}`;
    return { ok: false, problem: { path: 'change.details', message: `must be a JSON object, such as {"mode": "STRICT"}, got ${what}` } };
  }
  return { ok: true, rest: rest as Record<string, unknown> };
}
