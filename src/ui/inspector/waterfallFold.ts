// The waterfall's folds: a call's earlier failed attempts (and the backoffs between them) as one
// row, "26 attempts failed: 503 · 0.4-120 ms", so a request retried at every layer (retry-storm's
// 27 tries of payments: 367 rows unfolded) reads whole in the panel. Pure.
import type { Span } from '../../workers/protocol';
import { formatMs } from './waterfall';

/** A call's folded attempts: which child spans the fold row stands for, and what it says. */
export interface WaterfallFold {
  /** The call whose attempts these are (its span id): the fold's key. */
  call: number;
  /** The attempts folded (their span ids), earliest first, and the backoffs between them. */
  spans: ReadonlySet<number>;
  /** Attempts folded. */
  count: number;
  /** The row's name: "26 attempts failed". */
  label: string;
  /** What they answered and how long each took: "503 · 0.4-120 ms". */
  detail: string;
  /** First folded span's start and last one's end, simulated ms. */
  start: number;
  end: number;
}

/**
 * The fold of `call`'s children (sorted by start): every attempt (role 'try') before its last
 * one, when each of them failed, with the backoffs that start before that last attempt; null
 * for a call with one attempt, or an earlier attempt that did not fail (it is shown as it is).
 * `endOf` gives a span's end (now, for one still open). What they answered is each attempt's
 * `http.status_code`, or its `meshsim.cause` for one without a status, most frequent first.
 */
export function foldOf(call: Span, children: readonly Span[], endOf: (s: Span) => number): WaterfallFold | null {
  const tries = children.filter((c) => c.role === 'try');
  if (tries.length < 2) return null;
  const last = tries[tries.length - 1];
  const earlier = tries.slice(0, -1);
  if (!earlier.every((t) => t.error)) return null;
  const folded = children.filter((c) => (c.role === 'try' && c !== last) || (c.role === 'backoff' && c.start < last.start));
  const answers = new Map<string, number>();
  for (const t of earlier) {
    const status = t.attrs['http.status_code'];
    const cause = t.attrs['meshsim.cause'];
    const said = status !== undefined ? String(status) : typeof cause === 'string' ? cause : 'failed';
    answers.set(said, (answers.get(said) ?? 0) + 1);
  }
  const said = [...answers].sort((a, b) => b[1] - a[1]).map(([k]) => k);
  const took = earlier.map((t) => endOf(t) - t.start);
  const least = Math.min(...took);
  const most = Math.max(...took);
  const [a, b] = [formatMs(least), formatMs(most)];
  const unit = (t: string) => t.slice(t.lastIndexOf(' '));
  const range = a === b ? a : unit(a) === unit(b) ? `${a.slice(0, -unit(a).length)}-${b}` : `${a}-${b}`;
  return {
    call: call.id,
    spans: new Set(folded.map((s) => s.id)),
    count: earlier.length,
    label: `${earlier.length} ${earlier.length === 1 ? 'attempt' : 'attempts'} failed`,
    detail: `${said.join(', ')} · ${range}`,
    start: Math.min(...folded.map((s) => s.start)),
    end: Math.max(...folded.map(endOf)),
  };
}
