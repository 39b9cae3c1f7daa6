// Why a no-effect branch's trace hash is not A's (trial N15, finding 6). The hash covers every
// event the run processed (Simulation.traceHash: time, kind, target, a), the change's own among
// them: a sidecar policy change is pushed by the control plane, one event for each proxy it
// reaches (retry-storm, retries 0 on web at 12 s: 6 pushes at 12.101-12.106 s, every other of
// the 167,379 events the same and in the same order; test/ui/hashNote.test.ts). So equal
// figures can come with two hashes; this says which of the two it is, from the panes' counters.
import type { RolloutFigure } from '../../workers/figures';

/** What a pane's counters give the check (the app store's Stats). */
export interface HashSide {
  simTime: number;
  sent: number;
  ok: number;
  failed: number;
  /** Events processed so far. */
  events: number;
  traceHash: string;
  rollouts?: readonly RolloutFigure[];
}

/**
 * How B's hash stands to A's at the same moment: 'same' (equal hashes), 'record-only' (every
 * request counter equal and B has exactly one event more for each proxy its extra config pushes
 * reached: the hashes differ by the change's own record), 'differ' (anything else: B's run is not
 * A's), or null when the two are not at the same moment or have no hash yet. `pushes` is how many
 * proxies B's own changes reached (pushesOf). Pure.
 */
export function hashStanding(a: HashSide, b: HashSide): 'same' | 'record-only' | 'differ' | null {
  if (a.traceHash === '' || b.traceHash === '' || a.simTime !== b.simTime) return null;
  if (a.traceHash === b.traceHash) return 'same';
  const extra = pushesOf(b.rollouts) - pushesOf(a.rollouts);
  const sameRequests = a.sent === b.sent && a.ok === b.ok && a.failed === b.failed;
  return sameRequests && extra > 0 && b.events - a.events === extra ? 'record-only' : 'differ';
}

/** Config pushes delivered: each sidecar a change reached (a gateway-route change pushes none). */
export function pushesOf(rollouts: readonly RolloutFigure[] | undefined): number {
  return (rollouts ?? []).reduce((n, r) => n + (r.gateway === undefined ? r.applied : 0), 0);
}

/** The words for a standing beside the banner's "B runs as A does", or '' when there is nothing to say. */
export function hashNoteText(standing: ReturnType<typeof hashStanding>, b: HashSide, a: HashSide): string {
  if (standing === 'record-only') {
    const n = b.events - a.events;
    return `The trace hashes differ by the change's own record only (its config push to ${n} ${n === 1 ? 'proxy' : 'proxies'}: ${n} ${n === 1 ? 'event' : 'events'} more in B); every request the same.`;
  }
  if (standing === 'differ') return "Yet B's run differs from A's here: its requests or events are not A's (see the counters).";
  return '';
}
