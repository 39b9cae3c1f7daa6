const UNITS: Record<string, number> = { us: 0.001, µs: 0.001, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/**
 * The longest duration any field takes: one year of simulated time (8760 h), in ms. The clock
 * is a float64 count of ms; at one year it still tells apart times 4 ns apart (2^-18 ms), well
 * under the finest unit a file can write (1 µs), while by 10^15 ms it could not tell apart
 * two events 0.1 ms apart. A year at a single request per second is already 31.5 million
 * requests, near the 50 million a run may make (MAX_REQUESTS).
 */
export const MAX_DURATION_MS = 8760 * 3_600_000;

/**
 * The shortest duration other than 0, in ms: 1 µs, the finest unit a file writes and the finest
 * time the app and the CLI show (formatDuration). A shorter one (0.0001ms) would show as "0 µs",
 * a time that seems to be none, so it is refused as the typo it most likely is.
 */
export const MIN_DURATION_MS = 0.001;

/** The limit as a person reads it, for messages. */
const MAX_TEXT = '8760h (one year of simulated time)';
const PATTERN = /^\s*(\d+(?:\.\d+)?|\.\d+)\s*(us|µs|ms|s|m|h)\s*$/;

/**
 * How a duration is written where a bare number is milliseconds: a scenario file (JSON or YAML, the editor's included)
 * and the app's forms (Faults, the editor's Add form: src/ui/faults/durationField.ts). The end of every "is not a
 * duration" message there, one source, so the file's message and the forms' say the same (trial N7, session 38: the
 * editor's left out the bare number the forms gave).
 */
export const DURATION_HOW = 'use a number with a unit: us, ms, s, m or h (250ms, 10s, 2m), or a bare number, which is milliseconds (250)';

/**
 * How a duration is written where a bare number is refused: Istio's fields (src/scenario/import/fields.ts, text with a
 * unit in the CRDs) and the CLI's `--duration` (src/cli/durationArg.ts, where `30` is ambiguous).
 */
export const DURATION_UNIT_HOW = 'use a number with a unit: us, ms, s, m or h (250ms, 10s, 2m)';

/**
 * Parses "250ms", "5s", "2m", "1.5h", "80us" (or a plain number of milliseconds) into
 * milliseconds. Returns an error message instead of throwing, for the schema to report; text that
 * is no duration at all is told `how` to write one (DURATION_HOW, or DURATION_UNIT_HOW where a bare
 * number is refused).
 */
export function parseDuration(input: unknown, how: string = DURATION_HOW): { ok: true; ms: number } | { ok: false; message: string } {
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) return { ok: false, message: `must be a finite duration, at most ${MAX_TEXT}, got ${input}` };
    if (input < 0) return { ok: false, message: `must not be negative, got ${input}` };
    if (input > MAX_DURATION_MS) return { ok: false, message: `must be at most ${MAX_TEXT}, got ${input} ms` };
    if (input > 0 && input < MIN_DURATION_MS) return { ok: false, message: tooShort(String(input)) };
    return { ok: true, ms: input };
  }
  if (input === undefined) return { ok: false, message: 'is required (a duration such as "250ms", "5s" or "2m")' };
  if (typeof input !== 'string') {
    return { ok: false, message: `expected a duration such as "250ms", "5s" or "2m", got ${describe(input)}` };
  }
  if (/^\s*-/.test(input)) return { ok: false, message: `must not be negative, got ${quote(input)}` };
  const m = PATTERN.exec(input);
  const exp = m ? null : EXPONENT.exec(input);
  if (exp) return { ok: false, message: exponentMessage(input, Number(exp[1]) * UNITS[exp[2] ?? 'ms']) };
  if (!m) {
    return { ok: false, message: `${quote(input)} is not a duration; ${how}` };
  }
  // A number of 309 digits or more reads as Infinity: refused here with the rest.
  const ms = Number(m[1]) * UNITS[m[2]];
  if (!Number.isFinite(ms)) return { ok: false, message: `must be a finite duration, at most ${MAX_TEXT}, got ${quote(input)}` };
  if (ms > MAX_DURATION_MS) return { ok: false, message: `must be at most ${MAX_TEXT}, got ${quote(input)}` };
  if (ms > 0 && ms < MIN_DURATION_MS) return { ok: false, message: tooShort(quote(input)) };
  return { ok: true, ms };
}

/** Why a duration between 0 and MIN_DURATION_MS is refused; `got` as the input was written. */
function tooShort(got: string): string {
  return `must be 0 or at least 1 µs (1us, 0.001ms: the finest time meshsim shows; a shorter one would read "0 µs"), got ${got}`;
}

/** A number written with an exponent ("1e12", "1e400s", "2.5e3ms"), its unit optional: not a duration, but said why. */
const EXPONENT = /^\s*(\d+(?:\.\d*)?(?:e|E)[+-]?\d+|\.\d+(?:e|E)[+-]?\d+)\s*(us|µs|ms|s|m|h)?\s*$/;

/**
 * Why a duration written with an exponent is refused: past the limit when it is (`ms`, its value
 * read in its unit, milliseconds without one, as a bare number is), else that it must be written
 * out ("1000ms" for "1e3ms"). The real reason, where "is not a duration" hid it.
 */
function exponentMessage(input: string, ms: number): string {
  if (!Number.isFinite(ms) || ms > MAX_DURATION_MS) return `must be at most ${MAX_TEXT}, got ${quote(input)}`;
  const unit = /(us|µs|ms|s|m|h)\s*$/.exec(input)?.[1] ?? 'ms';
  return `${quote(input)} is written with an exponent; write the number out with its unit, e.g. "${+(ms / UNITS[unit]).toPrecision(12)}${unit}"`;
}

/** The input in quotes, its middle cut out when it is long (a 400-digit number, say). */
function quote(input: string): string {
  return JSON.stringify(input.length > 40 ? `${input.slice(0, 18)}…${input.slice(-18)}` : input);
}

/**
 * Milliseconds as a scenario file writes a duration: "5s", "250ms", "1.5ms" (whole seconds in
 * seconds, else milliseconds), which parseDuration reads back to the same number. For text a
 * person may paste into a file (the importer's output, the CLI's and lint's suggested changes);
 * formatDuration is for reading.
 */
export function writtenDuration(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}

/**
 * Formats milliseconds for people: "850 µs", "12.3 ms", "4.20 s", "2m 05s", "3h 20m",
 * "4166d 16h". Past a minute it shows two units, the smaller rounded (so never "59m 60s").
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms);
  if (ms < 1) return `${(ms * 1000).toFixed(0)} µs`;
  if (ms < 1000) return `${ms < 10 ? ms.toFixed(2) : ms < 100 ? ms.toFixed(1) : ms.toFixed(0)} ms`;
  if (ms < 59_995) return `${(ms / 1000).toFixed(2)} s`;
  const two = (n: number) => String(n).padStart(2, '0');
  const s = Math.round(ms / 1000);
  if (s < 3600) return `${Math.floor(s / 60)}m ${two(s % 60)}s`;
  const m = Math.round(ms / 60_000);
  if (m < 24 * 60) return `${Math.floor(m / 60)}h ${two(m % 60)}m`;
  const h = Math.round(ms / 3_600_000);
  return `${Math.floor(h / 24)}d ${two(h % 24)}h`;
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : `${typeof v} ${JSON.stringify(v)}`;
}
