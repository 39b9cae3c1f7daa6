// The limits a run is held under, past which it stops with a message rather than run out of
// memory or spin: requests in flight at once, and events in a row at one simulated time.
import { DEFAULT_SAME_TIME_LIMIT, RunStoppedError, formatSimTime } from '../sim-engine';
import type { Scenario } from '../scenario';
import { heldAt, waitAt } from './proxy/sidecarBacklog';
import type { Sidecar } from './proxy/Sidecar';

/**
 * Requests, or calls (a fan-out makes several per request), in flight at once past which a run
 * stops with a RunStoppedError: an overloaded service whose queue has no bound keeps every
 * request sent to it, at 700 to 900 bytes each (measured: a million in flight take 0.7 GB
 * plain, 0.9 GB meshed with timeouts), until Node's 4 GB heap runs out and the process dies.
 * Two million (about 2 GB) is twice what the largest closed loop can hold in flight (MAX_USERS,
 * one request per user), so only an open loop flooding a queue reaches it.
 */
export const MAX_IN_FLIGHT = 2_000_000;

/**
 * Events in a row at one simulated time before the run stops as stalled (`StalledClockError`):
 * at least DEFAULT_SAME_TIME_LIMIT (1,000,000), and 64 × (senders + hosts + proxies) ×
 * (edges + 1) when that is more. A legitimate burst at one instant is bounded by what can wake
 * at once (every closed-loop user, every open-loop client, every host and proxy: a control-plane
 * push with perProxy 0, a fault) times the events each causes there (at most a few per edge it
 * crosses). The largest bursts measured were 1.8 events per user and edge (1,000 closed-loop
 * users with a constant think time waking at once through a ten-service chain with fan-out and
 * no latency) and one event per proxy (2,000 proxies pushed at once); the shipped scenarios'
 * longest run is 20 events. So 64 per sender and edge leaves a margin of over 30, while a
 * zero-time loop of a small scenario stops after a million events (well under a second).
 */
export function stallLimit(s: Scenario, hosts: number, proxies: number, edges: number): number {
  const senders = s.clients.reduce((n, c) => n + (c.type === 'closed' ? c.users : 1), 0);
  return Math.max(DEFAULT_SAME_TIME_LIMIT, 64 * (senders + hosts + proxies) * (edges + 1));
}

/** A callee as the overload message names it: its replicas' queues and workers. */
export interface QueueOwner {
  readonly name: string;
  readonly replicas: readonly { readonly queued: number; readonly concurrency: number }[];
}

/**
 * A proxy as the overload message names it: a sidecar, read for about how many messages it holds
 * and the wait a new one has (sidecarBacklog.ts); an inline one (an API gateway's own proxy, whose
 * work is the gateway's) is never named.
 */
export type BacklogOwner = Sidecar;

/** A wait in ms as the overload message says it: "864 ms", "1.4 s". */
function waitText(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/**
 * The error that stops a run with more than `maxInFlight` requests or calls in flight at `now`
 * (ms), naming where they wait, largest first: the three longest queues among `callees` and the
 * three sidecars (`proxies`, inline ones left out) holding the most messages, each with its count,
 * and what to change. A saturated sidecar held 150,000 messages where the message named a
 * service queue of 4,517 (session 36's trial N5, F3): both are named, in the order of their size.
 */
export function overloadedError(callees: readonly QueueOwner[], maxInFlight: number, now: number, proxies: readonly BacklogOwner[] = []): RunStoppedError {
  const en = (n: number) => n.toLocaleString('en-US');
  const queues = callees
    .map((c) => ({ c, queued: c.replicas.reduce((n, r) => n + r.queued, 0) }))
    .filter((q) => q.queued > 0)
    .sort((x, y) => y.queued - x.queued)
    .slice(0, 3)
    .map(({ c, queued }) => ({ n: queued, text: `${c.name}'s queue (${en(queued)} waiting for ${en(c.replicas.length)} × ${en(c.replicas[0].concurrency)} workers)` }));
  const held = proxies
    .filter((p) => !p.inline)
    .map((p) => ({ p, n: heldAt(p, now) }))
    .filter((h) => h.n > 0)
    .sort((x, y) => y.n - x.n)
    .slice(0, 3)
    .map(({ p, n }) => ({ n, text: `${p.name} (about ${en(n)} messages, a new one waits ${waitText(waitAt(p, now))})` }));
  const places = [...queues, ...held].sort((x, y) => y.n - x.n).map((x) => x.text);
  const fix = [queues.length ? 'give the services a queueCapacity (requests past it fail queue-full), more replicas or workers' : '', held.length ? 'give the sidecars more workers (sidecar.concurrency)' : '']
    .filter(Boolean)
    .join('; ');
  const where = places.length
    ? `the largest backlogs are ${places.join(', ')}: ${fix}, or send less`
    : 'requests are waiting on timers and connections: send less, or shorten the timeouts';
  return new RunStoppedError(
    `clients: more than ${en(maxInFlight)} requests or calls were in flight at once at ${formatSimTime(now)}, more than a run can hold in memory (about 1 KB each); ${where}`,
    now,
  );
}

/**
 * Services and gateways from which a world files its latency histograms' values through a
 * HistogramLog in batches (World.histogramLog; issue 14.2: at 1,000 services a direct record
 * touched some four cold lines). Below it every histogram stays in cache and a value is recorded
 * at once, which costs less than the log's add, sort and filing (issue 14.4: chain3's 6 records
 * a request). The figures are the same either way, to the bit.
 */
export const LOG_HISTOGRAMS_FROM = 20;
