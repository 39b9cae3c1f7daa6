// The change form's details box (ChangePanel.tsx): the rest of a `changes` entry as JSON, read
// to an object or to one problem at `change.details`, said under the form as it is typed.
import type { Problem } from '../state/store';

/**
 * Reads the details text: empty is `{}`; text that is not JSON, or JSON that is not an object
 * (`[]`, `3`, `null`), is a problem at `change.details`, naming what it is and what is wanted, with
 * `example` as a JSON object to follow (the change kind's own: changeForm.ts detailsExample; an mTLS
 * example under a retries change misled, N19's item 10). Pure.
 */
export function readDetails(text: string, example = '{"mode": "STRICT"}'): { ok: true; rest: Record<string, unknown> } | { ok: false; problem: Problem } {
  let rest: unknown;
  try {
    rest = JSON.parse(text.trim() || '{}');
  } catch (e) {
    return { ok: false, problem: { path: 'change.details', message: `is not JSON (${e instanceof Error ? e.message : String(e)}); write the rest of the change as a JSON object, such as ${example}` } };
  }
  if (rest === null || typeof rest !== 'object' || Array.isArray(rest)) {
    const what = rest === null ? 'null' : Array.isArray(rest) ? 'a list' : `${typeof rest} ${JSON.stringify(rest)}`;
    return { ok: false, problem: { path: 'change.details', message: `must be a JSON object, such as ${example}, got ${what}` } };
  }
  return { ok: true, rest: rest as Record<string, unknown> };
}

/**
 * The details as the box shows them: JSON over lines, two spaces a level, each object or list
 * kept on one line where that line fits in `width` characters (`"retries": {"attempts": 0}`),
 * else opened over lines. On one line the box's 26 characters at 1024x768 wrapped it at any
 * space: `{"policy": {"retries": {"attempts":` then `0}}}` alone (N-report 9). readDetails reads
 * it back to the same object. Pure.
 */
export function formatDetails(rest: Record<string, unknown>, width = DETAILS_WIDTH): string {
  const line = (v: unknown): string =>
    Array.isArray(v) ? `[${v.map(line).join(', ')}]` : v !== null && typeof v === 'object' ? `{${Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}: ${line(x)}`).join(', ')}}` : JSON.stringify(v);
  const block = (v: unknown, indent: string, lead: number): string => {
    const one = line(v);
    // lead: what stands before the value on its line (indent and key); 1 more for a comma after it.
    if (v === null || typeof v !== 'object' || lead + one.length + 1 <= width) return one;
    const inner = `${indent}  `;
    const parts = Array.isArray(v)
      ? v.map((x) => inner + block(x, inner, inner.length))
      : Object.entries(v).map(([k, x]) => `${inner}${JSON.stringify(k)}: ${block(x, inner, inner.length + JSON.stringify(k).length + 2)}`);
    if (parts.length === 0) return one;
    const [open, close] = Array.isArray(v) ? ['[', ']'] : ['{', '}'];
    return `${open}\n${parts.join(',\n')}\n${indent}${close}`;
  };
  return block(rest, '', 0);
}

/** Characters a line of the details box holds at its narrowest (the left column at 1024x768). */
export const DETAILS_WIDTH = 26;

/** The box's height in lines for `text`: all its lines, from 2 up to 8 (then it scrolls). */
export function detailsRows(text: string): number {
  return Math.min(8, Math.max(2, text.split('\n').length));
}

/**
 * A gateway-route change's policy without the top-level fields it sets to what route `now` (as
 * written) already has: a change patches a route's policy field by field (changedPolicy), so they
 * change nothing, and a branch's label then lists only what differs ("retries.attempts 0 on edge
 * route 0", not "timeout 2s, retries.attempts 0" where 2 s was the route's own timeout: N9's
 * finding 7). The change as given when it replaces the policy (`replace: true`), or when every
 * field is the route's own. Pure.
 */
export function changedFieldsOnly(change: Record<string, unknown>, now: Record<string, unknown>): Record<string, unknown> {
  const policy = change.policy;
  if (change.replace === true || !policy || typeof policy !== 'object' || Array.isArray(policy)) return change;
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  const kept = Object.fromEntries(Object.entries(policy).filter(([k, v]) => !(k in now && same(v, now[k]))));
  return Object.keys(kept).length === 0 ? change : { ...change, policy: kept };
}
