// Snapshots filled in while the run stands still (issue 11 item 2: a seek to any moment of any
// shipped scenario shows its picture within 1 s). Play and seeks take a snapshot per half second
// or so of running, as copying one costs the run time (100-300 ms for Istio's full load test); a
// seek back then re-runs up to that half second after restoring a copy. While the person looks
// at a paused run, the worker is idle: a second host replays the recipe from a kept snapshot to
// the middle of the widest gap (up to the run's end, ahead of where it stands too) and leaves a
// snapshot there (HostSnapshots.idle), again and again, until no gap holds more than FILL_EVENTS
// events, so a seek, back or forward, re-runs a fraction of what it did. The run itself never
// changes: the replay is of the same recipe, so a snapshot it leaves is the one the run would
// have taken there.
//
// A gap is measured in the run's own events (RunPoint.ev), never in wall time: the same run gets
// the same fill on an idle machine and on one at load 20. Paced by wall time (session 16: gaps
// over 400 wall ms of running), a loaded machine ran slower per wall ms, took every gap for wider
// and filled on and on: 80% of a paused page's CPU in the browser tests.
import type { RunPoint } from './liveActions';

/**
 * Events a seek may re-run after restoring a snapshot: a gap holding more is split. At most about
 * 400 ms of replay on the reference machine (this project's 2-core box, Chromium or Node 20, the
 * event log and tracing on, a worker just started: shipped scenarios run 120-470 events a CPU ms
 * there, config-rollout the slowest, Istio's full load test about 250), so with a restore
 * (100-300 ms for the full load test) a seek shows its picture within issue 11's 1 s.
 */
export const FILL_EVENTS = 50_000;

/**
 * Events from zero to the end at or below which a run gets no fill: a seek in it re-runs at most
 * that many (under 1 s on the reference machine) whatever it restores, and the worker's idle time
 * (a core the page and the person's other tabs share) is left alone. A run's events before its
 * end are estimated at its rate so far, a few % off (hello-mesh: 99,788, estimated 101,252 at
 * 30 s). Of the shipped scenarios, the eleven light ones (3,800-116,000 events: hello-mesh,
 * mesh-only, the gateway-only, two-meshes-via-gateway ...) get none; the nine busier ones (mm1,
 * config-rollout, zone-failover, two-meshes-direct, retry-storm, gateway-and-mesh: 144,000-
 * 200,000; the Istio load tests: 162,000-2,262,000) a few fills each, the full load test dozens.
 */
export const FILL_RUN_EVENTS = 120_000;

/**
 * Share of the snapshot budget fills may use, 0..1: the rest stays for the snapshots play and
 * seeks take, so a fill never makes the shelf thin them (which would space later ones wider).
 */
export const FILL_BUDGET_SHARE = 0.75;

/** A gap to split: replay from the kept snapshot `from` (its index, oldest first) to `atMs`, and take one there. */
export interface FillPlan {
  readonly from: number;
  /** Simulated ms of the new snapshot: the middle of the gap. */
  readonly atMs: number;
}

/**
 * The run's events per simulated ms so far (> 0), from the furthest point known of it (where it
 * stands or a snapshot, ahead of it too): it turns simulated time not run yet into events. 0 when
 * no point past zero is known. Pure.
 */
export function eventsPerSimMs(points: readonly RunPoint[]): number {
  let far: RunPoint | null = null;
  for (const p of points) if (p.ms > 0 && (far === null || p.ms > far.ms)) far = p;
  return far === null ? 0 : far.ev / far.ms;
}

/**
 * Events from zero to `endMs` (at least as far as `now`): counted to the furthest point known,
 * estimated at `perSimMs` beyond it; Infinity when the rate is not known (0). Pure.
 */
export function runEvents(kept: readonly RunPoint[], now: RunPoint, perSimMs: number, endMs: number): number {
  let far = now;
  for (const p of kept) if (p.ms > far.ms) far = p;
  const beyond = Math.max(0, endMs - far.ms);
  if (beyond === 0) return far.ev;
  return perSimMs > 0 ? far.ev + beyond * perSimMs : Number.POSITIVE_INFINITY;
}

/**
 * The middle (in simulated time) of the gap holding the most events, if it holds more than
 * `fillEvents`; else null. `kept`: the snapshots' points, oldest first; `now`: where the run
 * stands; `endMs`: where the run ends (the gap after the last snapshot ends there, or at `now`
 * if later: a seek forward beyond `now` runs on from `now` or jumps to a snapshot ahead, so
 * snapshots ahead of the run, left while it stands still, make it short too). A gap between two
 * points counts their events exactly; the part of the last one beyond both its snapshot and `now`
 * is estimated at `perSimMs` events a simulated ms (eventsPerSimMs); when that is not known (0),
 * the first eighth of that gap is the plan: a short replay that tells it (a light run then stops
 * after an eighth of its events; a heavy one splits on). Pure: the same points give the same plan
 * on any machine at any load.
 */
export function planFill(kept: readonly RunPoint[], now: RunPoint, perSimMs: number, fillEvents = FILL_EVENTS, endMs = now.ms): FillPlan | null {
  if (kept.length === 0) return null;
  let best: FillPlan | null = null;
  let most = fillEvents;
  for (let i = 0; i < kept.length; i++) {
    const last = i + 1 === kept.length;
    const endOfGap = last ? Math.max(now.ms, endMs) : kept[i + 1].ms;
    const width = endOfGap - kept[i].ms;
    if (!(width > 0)) continue;
    const events = last ? runEvents([kept[i]], now, perSimMs, endOfGap) - kept[i].ev : kept[i + 1].ev - kept[i].ev;
    if (events > most) {
      most = events;
      best = { from: i, atMs: kept[i].ms + (events === Number.POSITIVE_INFINITY ? width / 8 : width / 2) };
    }
  }
  return best;
}
