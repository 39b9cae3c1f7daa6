// A sidecar's backlog read at a moment, for the picture, the inspector and the too-many-in-flight
// message (session 36, N5's F3): work it has taken but not yet run, the wait a new pass would
// have, and about how many messages that is. Reads only; nothing here is on a pass's path.
import { Rec } from './proxyRecords';
import type { Sidecar } from './Sidecar';

/**
 * Its backlog at `now`: CPU ms of passes and handshake halves it has taken but not yet run (each
 * worker's work past `now`, summed). 0 for a proxy that keeps up. Exact: the proxy is a FIFO queue
 * solved ahead (Lindley), so the work ahead is all there is to its queue.
 */
export function backlogMs(p: Sidecar, now: number): number {
  return p.f[p.o + Rec.cpuTaken] - p.cpuMs(now);
}

/**
 * How long a pass arriving at `now` would wait for a worker, ms (the worker that frees first): 0
 * while one is free. Exact, as backlogMs.
 */
export function waitAt(p: Sidecar, now: number): number {
  const first = p.o + Rec.freeAt;
  let free = p.f[first];
  for (let j = first + 1; j < first + p.workers; j++) if (p.f[j] < free) free = p.f[j];
  return free > now ? free - now : 0;
}

/**
 * About how many passes (messages) it holds at `now`, waiting or on a worker: its backlog over its
 * mean CPU per pass or handshake half so far, rounded up. An estimate (the passes' own times are
 * not kept: Lindley's recursion needs only each worker's free time); 0 with no backlog.
 */
export function heldAt(p: Sidecar, now: number): number {
  const ahead = backlogMs(p, now);
  const taken = p.passes + p.handshakes;
  if (!(ahead > 0) || taken === 0) return 0;
  return Math.ceil(ahead / (p.f[p.o + Rec.cpuTaken] / taken));
}
