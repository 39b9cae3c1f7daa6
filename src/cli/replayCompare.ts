// `npm run sim -- replay LINK` with a compare view's link (`?compare=A,B`, and Branch's `?compare=X,X&faultsB=…`, which
// the app's Share gives from the compare view): both sides replayed as the compare view runs them, and printed side by
// side as `compare` prints two runs, each with its trace hash. Trial N7 (finding 3): such a link was refused with
// "compare: is not a link parameter … left out". The link is read by the app's own reader (src/ui/compare/link.ts) and
// each side is run by the app's worker (SimHost, through replay.ts replayRun), so the figures are the view's.
import { performance } from 'node:perf_hooks';
import { formatDuration } from '../scenario';
import { decodeCompareLink } from '../ui/compare/link';
import type { LinkContext } from '../ui/recipe/url';
import { compareRuns, formatComparison } from './compare';
import { jsonSummary } from './jsonSummary';
import { liveText, NO_MOMENT, pastTheEnd, refusal, replayRefuses, replayRun } from './replay';

/** Exit code for bad input: the link, never a crash. */
const BAD_INPUT = 2;

/** What `replayCompare` needs of replay's command line and surroundings. */
export interface ReplayCompareOptions {
  /** Run each side on to its scenario's end (else to the link's moment, each side stopping at its own end before it). */
  toEnd: boolean;
  /** Print one JSON object: `compare --json`'s, with `atMs` ([A's, B's] moment reached) and `actions` ([A's, B's] count). */
  json: boolean;
  /** The folders the shipped scenarios are read from (replay.ts). */
  dirs: readonly string[];
  /** The shipped scenarios' names and the speeds, as the app's link reader takes them. */
  ctx: LinkContext;
}

/**
 * Replays a compare link (`query`: its `?…` and `#…` part) and writes the two runs side by side to stdout; returns the
 * exit code, 0 ran or 2 bad input (every problem the compare view reports for the link but speed, a side's scenario or
 * live action it refuses). As the view does: A runs with the link's seed or its scenario's own, and B with the link's
 * seed or A's (compareController openRecipes); each side replays its own live actions (`faults=` A's, `faultsB=` B's)
 * to the link's moment `t=`, a side whose scenario ends before it stopping at its end (hostRun seekTo). The link's
 * `scope=` picks the client whose figures are shown, as `compare --client` does.
 */
export function replayCompare(query: string, o: ReplayCompareOptions): number {
  const link = decodeCompareLink(query, o.ctx);
  const bad = link.problems.filter(replayRefuses);
  if (bad.length || !link.scenarios) return void process.stderr.write(refusal(bad)), BAD_INPUT;
  if (!o.toEnd && link.tMs === 0) return void process.stderr.write(NO_MOMENT), BAD_INPUT;
  const until = o.toEnd ? Number.POSITIVE_INFINITY : link.tMs;
  const t0 = performance.now();
  const a = replayRun(link.scenarios[0], link.seed, link.actionsA, until, o.dirs);
  if (!a.ok) return void process.stderr.write(a.lines.map((l) => `A: ${l}`).join('\n') + '\n'), BAD_INPUT;
  const t1 = performance.now();
  const b = replayRun(link.scenarios[1], link.seed ?? a.seed, link.actionsB, until, o.dirs);
  if (!b.ok) return void process.stderr.write(b.lines.map((l) => `B: ${l}`).join('\n') + '\n'), BAD_INPUT;
  // The link's `scope=`, as the view reads it (scopeInUse): a client either run has, else every client's, said.
  const scope = link.scope !== null && [a.summary, b.summary].some((s) => s.clients?.[link.scope!]) ? link.scope : null;
  if (link.scope !== null && scope === null) process.stderr.write(`scope: no client "${link.scope}" in A or B; the figures are every client's, as the app shows them\n`);
  const c = compareRuns(jsonSummary({ ...a.summary, wallMs: t1 - t0 }, a.counts, []), jsonSummary({ ...b.summary, wallMs: performance.now() - t1 }, b.counts, []), scope);
  const end = Math.max(a.durationMs, b.durationMs);
  if (!o.toEnd && link.tMs > end) process.stderr.write(pastTheEnd(link.tMs, end, "both runs' end"));
  if (o.json) {
    process.stdout.write(JSON.stringify({ ...c, atMs: [a.atMs, b.atMs], actions: [link.actionsA.length, link.actionsB.length] }) + '\n');
    return 0;
  }
  const moment = Math.max(a.atMs, b.atMs);
  const at = moment === end ? `to their end (${formatDuration(end)})` : `to the link's moment, ${formatDuration(moment)} of ${formatDuration(end)}`;
  const side = (tag: string, r: typeof a, n: number) => `${tag} ${r.name}${liveText(n)}`;
  const head = `replayed a compare link ${at}: ${side('A', a, link.actionsA.length)}; ${side('B', b, link.actionsB.length)}`;
  process.stdout.write(`${head}\n${formatComparison(c, false)}\n`);
  return 0;
}
