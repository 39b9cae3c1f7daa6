// The page's side of the reach worker (reach.worker.ts): one worker for the page, started on the
// first question, and the source of a recipe's scenario to send it. Reading a scenario with zod
// and checking a change against it happen there, never on the page's thread.
import { wrap, type Remote } from 'comlink';
import { builtinScenarios } from '../scenarios/catalog';
import type { ScenarioRef } from '../recipe/types';
import type { ReachApi, ScenarioSource } from './reach';

let remote: Remote<ReachApi> | null = null;

/** The page's reach worker, started on first use and kept for the page's life (it holds one parsed scenario per text, up to 9). */
export function reachWorker(): Remote<ReachApi> {
  if (remote === null) remote = wrap<ReachApi>(new Worker(new URL('./reach.worker.ts', import.meta.url), { type: 'module', name: 'meshsim-reach' }));
  return remote;
}

/** A recipe's scenario text and file name, or undefined for an unknown built-in. */
export function sourceOf(ref: ScenarioRef): ScenarioSource | undefined {
  if (ref.kind === 'inline') return { text: ref.text, fileName: ref.fileName };
  const e = builtinScenarios().find((x) => x.id === ref.id);
  return e ? { text: e.text, fileName: e.fileName } : undefined;
}
