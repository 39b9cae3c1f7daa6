// What a person does to the single view's run while it goes: inject a fault, make a config
// change, clear a fault, clear every injected one. Each joins (or leaves) the recipe's live
// actions, so a link and a seek back replay it. Plain TypeScript, no React.
import { RunStatus, type Problem } from '../state/store';
import { inTime, type ChangeResult } from './controllerApi';
import type { RunCore } from './runCore';
import type { SeekPath } from './seekPath';

/** Keeps the recipe's live actions as the worker holds them (it renumbers clears on inserts); dropped unless run `gen` is current. */
export async function syncActions(core: RunCore, gen: number): Promise<void> {
  const actions = await core.api.liveActions();
  if (gen === core.generation && !core.disposed) core.store.setState((d) => void (d.recipe && (d.recipe.actions = actions)));
}

/** The live actions of Controller (see there for each). */
export interface LiveActions {
  injectFault(fault: Record<string, unknown>): Promise<Problem[]>;
  checkFault(fault: Record<string, unknown>): Promise<Problem[]>;
  applyChange(change: Record<string, unknown>): Promise<ChangeResult>;
  clearFault(id: number): Promise<void>;
  clearInjected(): Promise<void>;
}

/** Live actions on the run `core` holds; each waits for a seek under way, so it lands at the time on screen. */
export function createLiveActions(core: RunCore, seeks: SeekPath): LiveActions {
  const { store, frames, api } = core;

  /**
   * After a live action due now: paused, a frame at the same time (advance 0), which runs it as a
   * seek to this moment (or its link) does, and lists the faults; playing, the next frame runs it,
   * and the list is read now.
   */
  async function standHere(gen: number): Promise<void> {
    if (core.status() !== RunStatus.playing) core.accept(await inTime(api.advance(0, 10)), gen);
    else core.refreshFaults();
  }

  /**
   * One injection or change, at the time on screen: refused with `stopped` when the run has
   * stopped; otherwise sent by `send`, and once it is taken the recipe's actions are synced and
   * `then` runs. Resolves to the worker's problems, or none (also when a newer run took over).
   */
  async function act(stopped: Problem, send: () => Promise<{ ok: true } | { ok: false; problems: Problem[] }>, then: (gen: number) => Promise<void> | void): Promise<Problem[]> {
    if (!store.getState().info) return [];
    if (core.status() === RunStatus.crashed) return [stopped];
    // Not halfway through a seek: it goes in at the time on screen.
    if (seeks.running) await seeks.running;
    const gen = core.generation;
    const result = await send();
    if (gen !== core.generation) return [];
    if (!result.ok) return result.problems;
    await syncActions(core, gen);
    await then(gen);
    return [];
  }

  return {
    injectFault(fault) {
      return act({ path: 'fault', message: 'the run has stopped; open a scenario to inject faults into it' }, () => api.injectFault(fault), async (gen) => {
        // The fault's start is an event due now. Without standHere, injected while paused at
        // 16.0 s it read 'starts at 16.0 s', its node not yet marked, while the same moment
        // reached again read 'active since 16.0 s'.
        await standHere(gen);
      });
    },
    async checkFault(fault) {
      if (!store.getState().info || core.status() === RunStatus.crashed) return [];
      return api.checkFault(fault);
    },
    async applyChange(change) {
      let notes: Problem[] = [];
      const send = async () => {
        const r = await api.applyChange(change);
        if (r.ok) notes = r.notes;
        return r;
      };
      const problems = await act({ path: 'change', message: 'the run has stopped; open a scenario to change it' }, send, async (gen) => {
        // A frame at the same time, so a paused run shows the change made (its spread starts).
        if (core.status() !== RunStatus.playing) core.accept(await inTime(api.advance(0, 10)), gen);
      });
      return { problems, notes: problems.length ? [] : notes };
    },
    async clearFault(id) {
      if (seeks.running) await seeks.running;
      const gen = core.generation;
      await api.clearFault(id);
      if (gen !== core.generation) return;
      store.setState((d) => void d.clearedFaults.push(id));
      await syncActions(core, gen);
      // The clear is an action due now: paused, it read 'ends at the next step' until the run moved on.
      await standHere(gen);
    },
    async clearInjected() {
      const s = store.getState();
      if (!s.info || s.status === RunStatus.crashed || s.status === RunStatus.loading) return;
      const at = frames.latest?.simTime ?? 0;
      await core.serial(async () => {
        const gen = core.generation;
        await inTime(api.clearInjected());
        await syncActions(core, gen);
      });
      seeks.restartNext();
      await seeks.request(at);
    },
  };
}
