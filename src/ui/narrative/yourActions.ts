// What a person changed in the run themselves, said beside a lesson's number: a teacher who
// injected a fault reads "lesson: at least 99%" against 67.6% and must see why (helper N2, session 26).
// Said only where it can apply (trial N10, 7a: "your fault is in this run" beside a figure over
// 21-58 s while the fault ran 10-18 s), and said of an edited scenario too (N10, 1: replicas 3 -> 6
// read "18.4% … lesson: 33%" with no note).
import { parseDuration } from '../../scenario/duration';
import type { LessonFigure } from '../../scenario';
import type { LiveAction } from '../../workers/protocol';
import type { Recipe } from '../recipe/types';
import type { ScenarioEntry } from '../scenarios/catalog';

/** A span of simulated time, ms: [fromMs, toMs). */
export interface Span {
  fromMs: number;
  toMs: number;
}

/** A duration field of a live fault or change as given ("8s", 8000), ms; 0 when absent or unreadable. */
const ms = (v: unknown): number => {
  const d = v === undefined ? null : parseDuration(v);
  return d?.ok ? d.ms : 0;
};

/**
 * When a live action acts on the run, simulated ms: an injection from the point plus its `at`
 * for its `for` (no `for`: it lasts, as a one-shot fault's harm does: a killed replica, expired
 * certificates), a config change from the point plus its `at` on (it persists). A clear gives null:
 * clearing a person's fault only ends it, and which fault it ends is a number this rule does not
 * read, so that fault still counts to its planned end (said too often, never too seldom). Pure.
 */
export function actionSpan(a: LiveAction): Span | null {
  if (a.kind === 'clear') return null;
  const body = a.kind === 'inject' ? a.fault : a.change;
  const fromMs = a.ms + ms(body.at);
  const lasts = a.kind === 'inject' ? ms(body.for) : 0;
  return { fromMs, toMs: lasts > 0 ? fromMs + lasts : Infinity };
}

/**
 * The span a figure is measured over, simulated ms, as measureFigure reads it (workers/figures.ts):
 * [from, to) when it has a window, else the whole run [0, durationMs); a shift's baseline window is
 * part of it. Pure.
 */
export function figureSpan(f: Pick<LessonFigure, 'from' | 'to' | 'baseline'>, durationMs: number): Span {
  const fromMs = Math.min(f.from ?? 0, f.baseline?.from ?? Infinity);
  const toMs = Math.max(f.to ?? durationMs, f.baseline?.to ?? -Infinity);
  return { fromMs, toMs };
}

/**
 * The person's actions taken by `nowMs` that can touch a figure measured over `window` so far:
 * those acting at some moment of [window.fromMs, window.toMs) that has been run (up to `nowMs`), i.e.
 * a fault that overlaps it, or a change (or a fault without an end) made before it; none before the
 * window is reached. `window` absent: the whole run, so every action by now. Pure.
 */
export function actionsTouching(actions: readonly LiveAction[], nowMs: number, window?: Span): LiveAction[] {
  const fromMs = window?.fromMs ?? 0;
  const toMs = window?.toMs ?? Infinity;
  if (nowMs < fromMs) return [];
  return actions.filter((a) => {
    if (a.ms > nowMs) return false;
    const s = actionSpan(a);
    return s !== null && s.fromMs <= nowMs && s.fromMs < toMs && s.toMs > fromMs;
  });
}

/**
 * A note that the run holds the person's own live actions by `nowMs` (simulated ms): "your fault
 * is in this run", "your 2 faults and config change are in this run", or null when none was
 * taken at or before it (injections and changes; a clear only ends one). With `window` (a figure's,
 * figureSpan) only the actions that can touch it count (actionsTouching): a fault over 10-18 s says
 * nothing beside a figure over 21-58 s. The lesson's number is the scenario's as written, so a
 * figure measured with them may differ from it. Pure.
 */
export function yourActionsNote(actions: readonly LiveAction[], nowMs: number, window?: Span): string | null {
  let faults = 0;
  let changes = 0;
  for (const a of actionsTouching(actions, nowMs, window)) {
    if (a.kind === 'inject') faults++;
    else if (a.kind === 'change') changes++;
  }
  const parts: string[] = [];
  if (faults > 0) parts.push(faults === 1 ? 'fault' : `${faults} faults`);
  if (changes > 0) parts.push(changes === 1 ? 'config change' : `${changes} config changes`);
  if (parts.length === 0) return null;
  const plural = faults + changes > 1;
  return `your ${parts.join(' and ')} ${plural ? 'are' : 'is'} in this run`;
}

/**
 * True when the run's scenario is a shipped one's text changed: a text (edited in the app, or a
 * link's or file's) whose scenario `name` is a shipped scenario's id and whose text is not that
 * file's. Its lessons still state the shipped file's numbers (gateway-only with inventory at 6
 * replicas: 18.4% against "lesson: 33%", N10's finding 1). False for a shipped run, a file of
 * another name, or before a scenario loads. Pure.
 */
export function isEditedShipped(recipe: Pick<Recipe, 'scenario'> | null | undefined, name: string | undefined, entries: readonly ScenarioEntry[]): boolean {
  if (!recipe || recipe.scenario.kind !== 'inline' || !name) return false;
  const shipped = entries.find((e) => e.source === 'builtin' && e.id === name);
  return shipped !== undefined && shipped.text !== recipe.scenario.text;
}

/** What the edit note says beside one figure (`many` false) or under the list of them. */
export const editedNote = (many: boolean): string => `you edited this scenario: the ${many ? 'lessons are' : 'lesson is'} for the file as shipped`;

/**
 * The caveat beside a lesson's number, or null: an edited scenario's (editedNote; with the
 * person's actions that touch the figure named too), else yourActionsNote's. Pure.
 */
export function lessonCaveat(edited: boolean, actions: readonly LiveAction[], nowMs: number, window?: Span, many = false): string | null {
  const yours = yourActionsNote(actions, nowMs, window);
  if (edited) return yours === null ? editedNote(many) : `${editedNote(many)}, and ${yours}`;
  return yours;
}
