// Snapshots filled in while the run stands still (issue 11 item 2: a seek to any moment of any
// shipped scenario shows its picture within 1 s). Play and seeks take a snapshot per half second
// or so of running, as copying one costs the run time (100-300 ms for Istio's full load test); a
// seek back then re-runs up to that half second after restoring a copy. While the person looks
// at a paused run, the worker is idle: a second host replays the recipe from a kept snapshot to
// the middle of the widest gap (up to the run's end, ahead of where it stands too) and leaves a
// snapshot there (SimHost.idle), again and again, so the snapshots end up evenly spread within
// their memory budget and a seek, back or forward, re-runs a fraction of what it did. The run itself never changes: the replay is
// of the same recipe, so a snapshot it leaves is the one the run would have taken there.
import type { RunPoint } from './liveActions';

/**
 * Wall ms of running below which a gap is not split: a seek into it re-runs at most this long
 * after restoring a snapshot (restoring the full load test's takes 100-300 ms here, so such a
 * seek shows its picture within the 1 s the issue asks for); splitting it further would buy
 * little for a full snapshot's memory and the CPU of replaying to it. NOTE: at 200 ms, a paused
 * page's fill with twelve seeks between cost 5.5-9.6 s of CPU (gateway-and-mesh, config-rollout,
 * retry-storm, two-meshes-direct, mm1, istio-load-test), seeks after it 61-391 ms median and
 * 457-1,117 ms at worst; at 400 ms 1.9-4.3 s, seeks 100-252 ms median and 290-736 ms at worst
 * (session 16, node, load ~15: a loaded machine runs slower per wall ms, so it fills more).
 */
export const FILL_WALL_MS = 400;

/**
 * Wall ms of running from zero to the end below which a run gets no fill: every seek in it then
 * shows its picture within the 1 s anyway, and the worker's idle time (a core the page and
 * the person's other tabs share) is left alone. Most shipped scenarios run end to end in
 * 0.1-0.6 s here; Istio's full load test takes several seconds.
 */
export const FILL_RUN_WALL_MS = 1000;

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
 * The middle of the widest gap worth splitting, or null. `kept`: the snapshots' points, oldest
 * first; `now`: where the run stands; `endMs`: where the run ends (the gap after the last snapshot
 * ends there, or at `now` if later: a seek forward beyond `now` runs on from `now` or jumps to a
 * snapshot ahead, so snapshots ahead of the run, left while it stands still, make it short too);
 * `simPerWallMs`: simulated ms the run covers per wall ms of running (> 0), which turns a gap's
 * width into the wall time a seek into it re-runs. A gap of `fillWallMs` of running or less is
 * not split. Pure.
 */
export function planFill(kept: readonly RunPoint[], now: RunPoint, simPerWallMs: number, fillWallMs = FILL_WALL_MS, endMs = now.ms): FillPlan | null {
  if (!(simPerWallMs > 0) || kept.length === 0) return null;
  let best: FillPlan | null = null;
  let widest = fillWallMs * simPerWallMs;
  for (let i = 0; i < kept.length; i++) {
    const end = i + 1 < kept.length ? kept[i + 1].ms : Math.max(now.ms, endMs);
    const width = end - kept[i].ms;
    if (width > widest) {
      widest = width;
      best = { from: i, atMs: kept[i].ms + width / 2 };
    }
  }
  return best;
}
