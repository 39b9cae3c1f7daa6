/// <reference lib="webworker" />
// The worker that hosts the engine. It exposes one typed API through comlink; the UI imports
// only `SimWorkerApi` (a type) and talks to it with `wrap<SimWorkerApi>()`.
import { expose, transfer } from 'comlink';
import { SimHost } from './SimHost';
import type { EventFilter, Frame, LoadStage } from './protocol';
import type { TracerOptions } from '../models';
import type { LiveAction } from './liveActions';

// The worker's script compiled and run (its imports too); with load's marks, read by bench/ui/startPhases.ts.
performance.mark('meshsim:worker-eval');
/** The one host of this worker; `fresh` replaces it, so a recycled worker holds nothing of its last run. */
let host = new SimHost(() => performance.now());
/** Whether `host` holds a scenario: one load taken since the worker started or was made fresh. */
let loaded = false;

/** Frames carry typed arrays; transfer their buffers instead of copying them. */
function send(frame: Frame): Frame {
  return transfer(frame, [frame.counters.buffer, frame.dots.buffer, frame.nodes.buffer, frame.edges.buffer, frame.recent.buffer, frame.passed.buffer]);
}

/**
 * Wall ms the worker waits after the last command before it works while idle (SimHost.idle:
 * snapshots filled in for seeks), so a drag's seeks, play's frames and a burst of clicks come
 * first; and the longest slice of idle work, so a command that arrives meanwhile waits at most
 * about that long. Slices are as far apart as they are long: idle work takes half a core at most,
 * leaving the page (and its tests) the rest.
 *
 * 1.5 s of standing still, not 250 ms (session 27): a presenter paging through a story, or a
 * person stepping a second at a time, stands a second or less at each moment, and every stand
 * began a fill replaying the run ahead toward its end (to the middle of the gap, then of each
 * half), seconds of CPU in the busier scenarios that the next seek, a few simulated seconds on,
 * seldom used. A person who stops to look gets the fill 1.25 s later; one who moves on no
 * longer pays for it. Browser tests do the same: narrative.spec's walk of 74 story steps took
 * 84-95 s of CPU, now 74 s (72 s with no fill at all); all-scenarios.spec 197 s, now 183 s
 * (173 s with none).
 */
const IDLE_AFTER_MS = 1500;
const IDLE_SLICE_MS = 10;
let idleTimer: ReturnType<typeof setTimeout> | null = null;

/** Idle work from IDLE_AFTER_MS after the last command, a slice per task with a slice's rest between, while there is some. */
function idleLater(delayMs: number): void {
  if (idleTimer !== null) clearTimeout(idleTimer);
  idleTimer = setTimeout(() => {
    idleTimer = null;
    if (host.idle(IDLE_SLICE_MS)) idleLater(IDLE_SLICE_MS);
  }, delayMs);
}

/**
 * For browser tests (Playwright's worker.evaluate), a global of this worker: the simulated ms of
 * each snapshot kept, oldest first, and whether idle work is still to come; null with no scenario
 * loaded (a spare worker, simBridge.ts), so a test reads the page's running one. Reads only.
 */
(self as unknown as { meshsimSnapshots: () => { ms: number[]; idle: boolean } | null }).meshsimSnapshots = () => (loaded ? { ms: host.snapshots().map((s) => s.ms), idle: idleTimer !== null } : null);

/** `calls` with each one putting idle work off until IDLE_AFTER_MS after it. */
function puttingIdleOff<T extends Record<string, (...args: never[]) => unknown>>(calls: T): T {
  const out: Record<string, unknown> = {};
  for (const [name, call] of Object.entries(calls)) {
    out[name] = (...args: never[]) => {
      try {
        return call(...args);
      } finally {
        idleLater(IDLE_AFTER_MS);
      }
    };
  }
  return out as T;
}

const api = puttingIdleOff({
  /**
   * Drops the scenario loaded, its snapshots, settings (tracing, the event log) and any idle work:
   * the worker is then as a new one is, its compiled code kept, for the bridge to hand out again
   * (simBridge.ts, a recycled or warmed spare). The next `load` builds its world as in a new worker.
   */
  fresh: () => {
    host = new SimHost(() => performance.now());
    loaded = false;
  },
  // `onStage` comes wrapped in comlink's proxy(); the worker does not wait for its answers.
  load: (text: string, seed?: number, fileName?: string, onStage?: (stage: LoadStage) => void) => {
    performance.mark('meshsim:load-start');
    const r = host.load(text, seed, fileName, onStage);
    performance.mark('meshsim:load-end');
    loaded ||= r.ok;
    return r;
  },
  /** Lint's errors on the scenario just loaded from `text` (SimHost.lintErrors). */
  lintErrors: (text: string) => host.lintErrors(text),
  reset: (seed?: number) => host.reset(seed),
  advance: (simMs: number, budgetMs: number) => send(host.advance(simMs, budgetMs)),
  stepEvent: () => send(host.stepEvent()),
  summary: () => host.summary(),
  injectFault: (fault: unknown) => host.injectFault(fault),
  checkFault: (fault: unknown) => host.checkFault(fault),
  clearFault: (id: number) => host.clearFault(id),
  faults: () => host.faults(),
  // Config changes made live (issue 12.2), kept in the recipe like faults.
  applyChange: (change: unknown) => host.applyChange(change),
  changes: () => host.changes(),
  // The recipe: live actions replayed at their points; a seek runs in one call, one frame.
  liveActions: () => host.liveActions(),
  setActions: (actions: LiveAction[]) => host.setActions(actions),
  clearInjected: () => host.clearInjected(),
  seekTo: (targetMs: number, budgetMs: number, fromStart?: boolean) => send(host.seekTo(targetMs, budgetMs, fromStart)),
  // The inspector: plain data, read on demand.
  inspectNode: (nodeId: number) => host.inspectNode(nodeId),
  inspectEdge: (edgeId: number) => host.inspectEdge(edgeId),
  requestSpans: (requestId: number) => host.requestSpans(requestId),
  sampledRequests: (options?: { failedOnly?: boolean; limit?: number; sample?: boolean; only?: string | null }) => host.sampledRequests(options),
  setTracing: (options: TracerOptions | null) => host.setTracing(options),
  // Charts and the event log: only what is new, or only the rows asked for.
  seriesSince: (epoch: number, from: number) => host.seriesSince(epoch, from),
  eventLogQuery: (offset: number, count: number, filter?: EventFilter) => host.eventLogQuery(offset, count, filter),
  eventLogNames: () => host.eventLogNames(),
  setEventLog: (on: boolean) => host.setEventLog(on),
});

export type SimWorkerApi = typeof api;

expose(api);
