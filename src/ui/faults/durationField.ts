// What a duration typed into one of the app's forms means: the scenario file's rule, so one
// rule holds everywhere. A bare number is milliseconds, as in a file ("2" is 2 ms, src/scenario/
// duration.ts) and in a link's t=; "2s" is seconds. The form writes the value with its unit
// ("2" goes out as "2ms"), so what reaches a file, a link or the worker never depends on a unit
// left out, and each duration field shows "ms" beside a bare number (DurationInput) so nobody
// reads 2 as two seconds. (The CLI's --duration refuses a bare number as ambiguous.)
import { DURATION_HOW, DURATION_UNIT_HOW, parseDuration } from '../../scenario/duration';

/** A number with no unit, as typed: "10", "2.5", ".5". */
const BARE = /^\s*(\d+(?:\.\d+)?|\.\d+)\s*$/;

/** Whether a field's text is a bare number, which reads as milliseconds (the field then shows "ms"). Pure. */
export function isBareNumber(text: string): boolean {
  return BARE.test(text);
}

/** How a duration is written, the end of every duration problem the forms name: a scenario file's words (one source). */
export { DURATION_HOW };

/** A form's duration field read: the value to write (null when left empty), or what is wrong. */
export type DurationField = { ok: true; value: string | null; ms: number | null } | { ok: false; message: string };

/**
 * Why a bare number other than 0 is refused where a unit is required: "\"10\" needs a unit: 10s
 * or 10ms (a bare number here could be either)", the CLI's rule for --duration (unitlessMessage). Pure.
 */
export function unitRequiredMessage(bare: string): string {
  return `${JSON.stringify(bare)} needs a unit: ${bare}s or ${bare}ms (a bare number here could be either)`;
}

/**
 * Reads a form's duration field: empty is null (the field's default, e.g. "until cleared"), a
 * bare number is milliseconds as in a scenario file ("2" writes "2ms"), anything else goes by
 * the scenario's rule (parseDuration: "250ms", "2s", "2m", at most a year). With `positive`,
 * zero is refused with "must be more than 0" (a fault lasting no time does nothing), not "not a
 * duration"; `emptyMeans` says what an empty field does ("to last until cleared"). With
 * `unitRequired`, a bare number other than 0 is refused (unitRequiredMessage), as the CLI's
 * --duration refuses it: the fault form's "for (e.g. 10s)", where "10" was meant as 10 s and read
 * as 10 ms (trial T3, 7). Pure.
 */
export function readDurationField(text: string, rule: { positive?: boolean; emptyMeans?: string; unitRequired?: boolean } = {}): DurationField {
  const t = text.trim();
  if (t === '') return { ok: true, value: null, ms: null };
  const bare = BARE.exec(t);
  if (bare && rule.unitRequired && Number(bare[1]) !== 0) return { ok: false, message: unitRequiredMessage(bare[1]) };
  const value = bare ? `${bare[1]}ms` : t;
  const r = parseDuration(value);
  if (!r.ok) {
    if (/is not a duration/.test(r.message)) return { ok: false, message: `${JSON.stringify(t.length > 40 ? `${t.slice(0, 37)}…` : t)} is not a duration; ${rule.unitRequired ? DURATION_UNIT_HOW : DURATION_HOW}` };
    return { ok: false, message: r.message };
  }
  if (rule.positive && r.ms <= 0) return { ok: false, message: `must be more than 0, got ${JSON.stringify(t)}${rule.emptyMeans ? ` (leave it empty ${rule.emptyMeans})` : ''}` };
  return { ok: true, value, ms: r.ms };
}
