// What a duration typed into one of the app's forms means. A person types "10" into a fault's
// "for" as readily as "10s"; the form reads a bare number as seconds, the unit the timeline and
// every time on screen are in, and writes the fault with its unit ("10s"), so what reaches a
// file, a link or the worker never depends on a unit left out. (In a scenario file a bare
// number stays milliseconds, src/scenario/duration.ts; the CLI refuses one as ambiguous.)
import { parseDuration } from '../../scenario/duration';

/** A number with no unit, as typed: "10", "2.5", ".5". */
const BARE = /^\s*(\d+(?:\.\d+)?|\.\d+)\s*$/;

/** A form's duration field read: the value to write (null when left empty), or what is wrong. */
export type DurationField = { ok: true; value: string | null; ms: number | null } | { ok: false; message: string };

/**
 * Reads a form's duration field: empty is null (the field's default, e.g. "until cleared"), a
 * bare number is seconds ("10" writes "10s"), anything else goes by the scenario's rule
 * (parseDuration: "250ms", "2m", at most a year). With `positive`, zero is refused with "must be
 * more than 0" (a fault lasting no time does nothing), not "not a duration"; `emptyMeans` says
 * what an empty field does ("to last until cleared"). Pure.
 */
export function readDurationField(text: string, rule: { positive?: boolean; emptyMeans?: string } = {}): DurationField {
  const t = text.trim();
  if (t === '') return { ok: true, value: null, ms: null };
  const bare = BARE.exec(t);
  const value = bare ? `${bare[1]}s` : t;
  const r = parseDuration(value);
  if (!r.ok) {
    if (/is not a duration/.test(r.message)) return { ok: false, message: `${JSON.stringify(t.length > 40 ? `${t.slice(0, 37)}…` : t)} is not a duration; type seconds (10) or a number with a unit: ms, s, m or h (250ms, 2m)` };
    return { ok: false, message: r.message };
  }
  if (rule.positive && r.ms <= 0) return { ok: false, message: `must be more than 0, got ${JSON.stringify(t)}${rule.emptyMeans ? ` (leave it empty ${rule.emptyMeans})` : ''}` };
  return { ok: true, value, ms: r.ms };
}
