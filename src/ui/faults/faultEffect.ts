// A fault's own effect in words, on its line in the Faults list and where the kept requests are filtered to it
// (session 54, A1; trial T4, 3: "my own fault was nearly invisible" among the scenario's 213 tls-plaintext-rejected).
// The counts are the model's (models/faults/faultMarks.ts, FaultStatus.effect).
import { formatCount } from '../format';
import type { FaultStatus } from '../../workers/protocol';
import { faultName, faultWhere } from './faultName';

/** The request list's filter value for fault `id`'s requests (TraceStore.list's `only`). */
export function faultOnlyValue(id: number): string {
  return `fault:${id}`;
}

/** The fault number in a list filter 'fault:N', else -1 (as models/spans/TraceStore.faultOnly). */
export function faultOfOnly(only: string | null): number {
  const m = only === null ? null : /^fault:(\d+)$/.exec(only);
  return m === null ? -1 : Number(m[1]);
}

/**
 * The parts of fault `f`'s effect line, each a count and its words: what it failed where it acts (an http-abort's
 * answers "503s answered at orders", a kill's "requests reset in its pod"), how many of those tries a caller's
 * sidecar retried, how many user requests ended failed with its failure. Null when the fault has no effect counted
 * (other kinds, not started).
 */
export function effectParts(f: FaultStatus): { key: 'failed' | 'retried' | 'ended'; n: number; words: string }[] | null {
  const e = f.effect;
  if (e === undefined) return null;
  const status = /→\s*(\d{3})/.exec(f.amount)?.[1];
  const failed =
    f.type === 'http-abort'
      ? `${status ? `${status}s` : 'errors'} answered`
      : e.failed === 1
        ? 'request reset in its pod'
        : 'requests reset in its pods';
  return [
    { key: 'failed', n: e.failed, words: failed },
    { key: 'retried', n: e.retried, words: 'retried by a caller' },
    { key: 'ended', n: e.ended, words: e.ended === 1 ? 'user request failed' : 'user requests failed' },
  ];
}

/** The effect line as one sentence (the line's title, a screen reader's words). */
export function effectSentence(f: FaultStatus): string {
  const parts = effectParts(f);
  if (parts === null) return '';
  return `${parts.map((p) => `${formatCount(p.n)} ${p.words}`).join(', ')}, since it started. A retried try that then succeeded failed no request.`;
}

/** A fault named for the request list's filter: "yours: HTTP errors on orders" ("the scenario's: …" for a file's). */
export function faultOnlyLabel(f: FaultStatus | undefined, id: number): string {
  if (f === undefined) return `fault ${id}`;
  return `${f.owner === 'scenario' ? "the scenario's" : 'yours'}: ${faultName(f.type)} ${faultWhere(f.type, f.target)}`;
}
