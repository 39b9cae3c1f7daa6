// Bringing the pair to one time: a seek (both panes run to a target, from zero when it is
// behind them; targets coalesce), and the settle after a pause, a step or before an injection
// (the pane behind runs up to the other). Plain TypeScript, no React.
import { ADVANCE_BUDGET_MS, SEEK_SLICE_MS, inTime } from '../sim/controllerApi';
import { RunStatus } from '../state/store';
import type { Frame } from '../../workers/protocol';
import { refreshFigures } from './pairFigures';
import { doneOf, timeOf, type PairCore } from './pairRun';

/**
 * True when `frame` stands at `ms` or later with no event of time `ms` left to run. A worker's
 * call cut short by its wall budget can stop among the events of one time (thousands of replies
 * landing on a round time), and the moment a pane shows must be the one a run to that time
 * reaches: the CLI's `--duration`, a link's. The single view's seek holds the same rule
 * (sim/seekPath.ts, commit 3a0cffa).
 */
export function pastInstant(frame: Pick<Frame, 'simTime' | 'nextEventMs'>, ms: number): boolean {
  return frame.simTime >= ms && frame.nextEventMs > ms;
}

/**
 * Brings both panes to one time: the later of the two (each to its end at most), or the moment
 * `moment` gives for it (a pause's round moment just after, sim/pauseMoment.ts), finishing that instant.
 */
export async function syncPanes(core: PairCore, gen: number, moment?: (ms: number) => number): Promise<void> {
  const later = Math.max(...core.panes.map(timeOf));
  const target = moment ? Math.max(later, moment(later)) : later;
  await Promise.all(
    core.panes.map(async (p) => {
      while (!doneOf(p) && timeOf(p) < target) {
        const f = await inTime(p.api.seekTo(target, SEEK_SLICE_MS, false));
        if (gen !== core.generation) return;
        core.accept(p, f, true);
      }
      // The rest of that instant, however many calls its events take (see pastInstant).
      while (!doneOf(p)) {
        const f = await inTime(p.api.advance(0, 10 * ADVANCE_BUDGET_MS));
        if (gen !== core.generation) return;
        core.accept(p, f, true);
        if (pastInstant(f, timeOf(p))) break;
      }
    }),
  );
}

/** Stops the loop, lets the tick on its way land, brings both to one time (`moment`: see syncPanes) and shows its figures. */
export async function settle(core: PairCore, moment?: (ms: number) => number): Promise<void> {
  core.loop.stop();
  if (core.inflight) await core.inflight;
  const gen = core.generation;
  await syncPanes(core, gen, moment);
  if (gen !== core.generation) return;
  core.clockToStore();
  await refreshFigures(core, gen);
  for (const p of core.panes) p.appStore.setState((d) => void (d.status = doneOf(p) ? RunStatus.done : RunStatus.paused));
}

/** The pair's seek requests. */
export interface PairSeeks {
  /** Runs both to `ms` (see CompareController.seek); resolves when the seek loop ends. */
  request(ms: number): Promise<void>;
  /** The seek loop running now, or null. */
  readonly running: Promise<void> | null;
}

/** Seeks for the pair `core` holds, queued on its command queue. */
export function createPairSeeks(core: PairCore): PairSeeks {
  const { store } = core;
  let seekWanted: number | null = null;
  let seekLoop: Promise<void> | null = null;

  /** Where each pane's seek to `target` starts: where it stands, or 0 for a seek back (run from zero). */
  const startsFrom = (target: number) => core.panes.map((p) => (target < timeOf(p) ? 0 : timeOf(p))).concat([0, 0]).slice(0, 2) as [number, number];

  async function runSeeks(): Promise<void> {
    const s0 = core.status();
    if (core.panes.length < 2 || s0 === 'loading' || s0 === 'failed') {
      // Refused: the target `request` put in the store goes too, or the header said "seeking to" it for good and
      // moving keys (openingKeys, which waits for seekingTo null) were held for good.
      seekWanted = null;
      return void store.setState((d) => void (d.seekingTo = null));
    }
    const resume = s0 === 'playing';
    core.loop.stop();
    core.setStatus('paused');
    const gen = core.generation;
    try {
      while (seekWanted !== null) {
        const target = Math.max(0, Math.min(seekWanted, store.getState().durationMs));
        seekWanted = null;
        store.setState((d) => void ((d.seekingTo = target), (d.seekReached = startsFrom(target))));
        await Promise.all(
          core.panes.map(async (p, i) => {
            let fromStart = target < timeOf(p);
            for (;;) {
              const f = await inTime(p.api.seekTo(target, SEEK_SLICE_MS, fromStart));
              if (gen !== core.generation) return;
              if (fromStart) p.lastSeq = 0;
              fromStart = false;
              // Held, not drawn: a pane that got there first stood at 37.8 s beside the other's
              // 27.0 s mid-seek (N3 item 7), a pair of moments a screenshot then passed off as one.
              // Both are drawn together once both stand at the target; the header says "seeking
              // to" it, and its clock stays at the moment the panes show (clockToStore).
              core.accept(p, f, true, true);
              store.setState((d) => void (d.seekReached[i] = f.simTime));
              if (f.done || pastInstant(f, target) || seekWanted !== null) break;
            }
          }),
        );
        if (gen !== core.generation) return;
        // A newer target asked for on the way leaves the panes apart: they wait for it.
        if (seekWanted === null) core.showLatest();
        core.clockToStore();
      }
      await refreshFigures(core, gen);
    } finally {
      // However the loop ended (a worker's error too), nothing stays held.
      if (gen === core.generation) core.showLatest();
      store.setState((d) => void (d.seekingTo = null));
    }
    const all = core.panes.every(doneOf);
    if (all) core.setStatus('done');
    else if (resume) core.startPlaying();
  }

  function request(ms: number): Promise<void> {
    seekWanted = ms;
    store.setState((d) => {
      d.seekingTo = Math.max(0, Math.min(ms, d.durationMs));
      // Not while a seek runs: its panes stand where its last slices left them, not yet where this one starts.
      if (!seekLoop) d.seekReached = startsFrom(d.seekingTo);
    });
    if (!seekLoop) {
      seekLoop = core.serial(runSeeks).finally(() => {
        seekLoop = null;
        // A target asked for while the loop was past its last check (asking for the figures) is
        // taken up now rather than dropped.
        if (seekWanted !== null) void request(seekWanted);
      });
    }
    return seekLoop;
  }

  return {
    request,
    get running() {
      return seekLoop;
    },
  };
}
