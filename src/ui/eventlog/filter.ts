// The event log's filter as a person types it, turned into the worker's EventFilter. Pure.
import type { EventFilter } from '../../workers/protocol';

export interface FilterInput {
  /** Part of an actor's name (case-insensitive); empty: any actor. */
  actor: string;
  /** An event kind's name, or '' for any. */
  kind: string;
  /** A request number as typed; empty: any request. */
  request: string;
}

export type FilterResult = { ok: true; filter: EventFilter } | { ok: false; field: keyof FilterInput; message: string };

/**
 * The worker's filter for `input`, given the actors' and kinds' names (index = id): an actor
 * text matches every actor whose name contains it, a request must be a whole number from 1.
 * A problem names its field. Pure.
 */
export function toEventFilter(input: FilterInput, actors: readonly string[], kinds: readonly string[]): FilterResult {
  const filter: EventFilter = {};
  const a = input.actor.trim().toLowerCase();
  if (a) {
    const ids: number[] = [];
    actors.forEach((name, id) => name.toLowerCase().includes(a) && ids.push(id));
    if (ids.length === 0) return { ok: false, field: 'actor', message: `actor: no actor's name contains "${input.actor.trim()}"` };
    filter.actors = ids;
  }
  if (input.kind) {
    const k = kinds.indexOf(input.kind);
    if (k < 0) return { ok: false, field: 'kind', message: `kind: unknown event kind "${input.kind}"` };
    filter.kind = k;
  }
  const r = input.request.trim().replace(/^#/, '');
  if (r) {
    const n = Number(r);
    if (!/^\d+$/.test(r) || !Number.isSafeInteger(n) || n < 1) return { ok: false, field: 'request', message: `request: must be a request number (1, 2, ...), got "${input.request.trim()}"` };
    filter.request = n;
  }
  return { ok: true, filter };
}
