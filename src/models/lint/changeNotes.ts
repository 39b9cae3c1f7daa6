// What the CLI says of a scenario's timed policy changes that do not reach every request:
// overridden by a caller's own route policy, not applied by a caller without an L7 proxy, or
// already in force (src/models/policyReach.ts). A warning on stderr before the run, and the run's
// "config changes" lines and `--json` say how far each reached.
import { changeTarget } from '../report';
import { configuredAt, type MadeChange } from '../madeChanges';
import { alternativeChange, changeReach } from '../policyReach';
import { policySchema, writtenDuration, writtenPolicy, type Scenario } from '../../scenario';

/**
 * A parsed policy as a person would write it: a retry block's fields left at their defaults are
 * left out (its attempts stay), and durations are written as the scenario files write them
 * ("5s", "250ms"; writtenPolicy), not as the milliseconds they parse to.
 */
function written(policy: Record<string, unknown>): Record<string, unknown> {
  const r = policy.retries as Record<string, unknown> | undefined;
  if (!r) return writtenPolicy(policy);
  const defaults = policySchema.parse({ retries: {} }).retries as Record<string, unknown>;
  const kept = Object.fromEntries(Object.entries(r).filter(([k, v]) => k === 'attempts' || JSON.stringify(v) !== JSON.stringify(defaults[k])));
  return writtenPolicy({ ...policy, retries: kept });
}

/**
 * A suggested change as JSON a person can paste into the file's `changes`: its policy already
 * written (written()), and its time as the files write it ("5s", not 5000). Pure.
 */
export function suggestedChange(alternative: Record<string, unknown>, atMs: number): string {
  return JSON.stringify({ ...alternative, at: writtenDuration(atMs) });
}

/** How far one timed change of a scenario reaches. Plain data. */
export interface ChangeNote {
  /** Its index in the scenario's `changes`. */
  index: number;
  /** `type|target|atMs`, as the run's summary lists the change (report.ts). */
  key: string;
  reach: 'all' | 'some' | 'none';
  /** The warning's text (policyReach), or null when it acts on every path. */
  warning: string | null;
  /** Some caller's own route policy overrides it. */
  overridden: boolean;
  /** The change that would act on the first overriding caller's own route, or null; its durations written as the files write them ("2s"). */
  alternative: Record<string, unknown> | null;
}

/** The key a run's summary gives a change (its `changes` entry: type, target, atMs). */
export const changeKey = (c: { type: string; target: string; atMs: number }) => `${c.type}|${c.target}|${c.atMs}`;

/**
 * Each timed policy change of `s` with how far it reaches, judged in the design it lands in (the
 * file with every change made before it, in time order, ties in file order). Changes of other
 * types are left out. Pure.
 */
export function changeNotes(s: Scenario): ChangeNote[] {
  const order = s.changes.map((c, i) => ({ c, i })).sort((x, y) => x.c.at - y.c.at || x.i - y.i);
  const made: MadeChange[] = [];
  const notes: ChangeNote[] = [];
  for (const { c, i } of order) {
    const r = changeReach(configuredAt(s, made), c);
    made.push({ atMs: c.at, change: c });
    if (!r) continue;
    const policy = c.type === 'policy' || c.type === 'gateway-route' ? (c.policy as Record<string, unknown> | undefined) : undefined;
    notes.push({ index: i, key: changeKey({ type: c.type, target: changeTarget(c), atMs: c.at }), reach: r.reach, warning: r.warning, overridden: r.callers.some((x) => x.status === 'overridden'), alternative: r.alternatives.length && policy ? alternativeChange(r.alternatives[0], written(policy)) : null });
  }
  return notes.sort((a, b) => a.index - b.index);
}

/** The stderr lines for `file`'s changes that do not reach every path: `warning: FILE: changes.N (policy web): ...`. */
export function changeWarnings(file: string, s: Scenario, notes: readonly ChangeNote[]): string[] {
  return notes.flatMap((n) => {
    if (n.warning === null) return [];
    const c = s.changes[n.index];
    const alt = n.alternative ? ` The change that would act: ${suggestedChange(n.alternative, c.at)}` : '';
    return [`warning: ${file}: changes.${n.index} (${c.type} ${changeTarget(c)}): ${n.warning}${alt}`];
  });
}
