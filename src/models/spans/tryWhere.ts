import { AF } from '../Call';
import { Where } from './TraceRecord';

/**
 * Where a failed try's failure came from, read off its attempt's `flags` (AF), for TraceRecord.failTry: the router
 * met it itself (AF.local: a drain's reset when also AF.abandoned, Router.upstreamReset; else a connect failure, a
 * reset, its own timer), a callee further down failed (AF.inherited), or the host answered with it. Kept out of
 * TraceRecord so that file need not import Call's values (Call imports TraceRecord's type: no import cycle,
 * test/models/architecture.test.ts).
 */
export function tryWhere(flags: number): number {
  if ((flags & AF.local) !== 0) return (flags & AF.abandoned) !== 0 ? Where.drainReset : Where.seenByRouter;
  return (flags & AF.inherited) !== 0 ? Where.furtherDown : Where.answeredByHost;
}
