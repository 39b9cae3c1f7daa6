// The figures both runs' stories measure over the same window of simulated time (a story step's
// lesson figure, workers/figures.ts), read side by side in compare: retry-storm against its fix
// measures attempts at payments per user request over 11 s – 24 s in both, 27.0 against 2.9, while
// the figures table counts from the run's start (0.17x at 40 s: trial N14, finding 2).
import { measureFigure, type MeasuredFigure, type RunTotals } from '../../workers/figures';
import { WHOLE_RUN_MEASURES, type LessonFigure } from '../../scenario/figure';
import type { SeriesBucket } from '../../workers/protocol';

/** A window's end as a story step writes it: "11 s" (workers/figures.ts). */
const secs = (ms: number) => `${+(ms / 1000).toFixed(1)} s`;

/** One step's figure as a story holds it (ScenarioInfo.narrative[i].figure or its question's). */
type Step = { figure?: LessonFigure; question?: { figure?: LessonFigure } };

/** A figure both stories measure over one window, with each run's measurement and B/A. Plain data. */
export interface StoryWindowRow {
  key: string;
  /** The figure's measure ("failed-share", "attempts-per-request": scenario/figure.ts). */
  measure: string;
  /** The figure counts all user requests: it names no service, client or link. */
  ofAll: boolean;
  /** A's label for it ("attempts at payments per user request during the outage"). */
  label: string;
  /** "11 s – 24 s": the window, requests by the time they ended. */
  window: string;
  fromMs: number;
  toMs: number;
  a: MeasuredFigure;
  b: MeasuredFigure;
  /** b / a, null where either is not a number or a is 0. */
  ratio: number | null;
  /** The figure is a share (a fraction): the tables compare it as B - A in points (trial N17, 5). */
  share: boolean;
}

/** Measures whose value is a share of requests or calls (a fraction, 0.336 for 33.6%). */
export const SHARE_MEASURES: readonly string[] = ['failed-share', 'ok-share', 'cause-share', 'link-failed-share'];

/** What makes two stories' figures one: the measure, what it is of, and the window (label and expect aside). */
const keyOf = (f: LessonFigure) => JSON.stringify([f.measure, f.service ?? '', f.client ?? '', f.link ?? '', f.causes ?? [], f.from ?? null, f.to ?? null, f.baseline ?? null]);

/** The windowed figures of a story, first of each key, in step order (a step's own, then its question's). */
function windowed(steps: readonly Step[]): LessonFigure[] {
  const out = new Map<string, LessonFigure>();
  for (const s of steps)
    for (const f of [s.figure, s.question?.figure]) {
      if (!f || (f.from === undefined && f.to === undefined) || WHOLE_RUN_MEASURES.includes(f.measure)) continue;
      if (!out.has(keyOf(f))) out.set(keyOf(f), f);
    }
  return [...out.values()];
}

/**
 * The rows for the figures A's and B's stories both measure over one window (same measure, same
 * service, client or link, same window), each measured from its run's per-second series as its
 * story step does (measureFigure), at each run's time `nowMs` (ms). Figures over the whole run are
 * left out: the figures table has them. Empty when the stories share none. Pure.
 */
export function storyWindowRows(
  steps: readonly [readonly Step[], readonly Step[]],
  series: readonly [{ buckets: readonly SeriesBucket[]; bucketMs: number }, { buckets: readonly SeriesBucket[]; bucketMs: number }],
  nowMs: readonly [number, number],
  durationMs: readonly [number, number],
): StoryWindowRow[] {
  const inB = new Set(windowed(steps[1]).map(keyOf));
  return windowed(steps[0])
    .filter((f) => inB.has(keyOf(f)))
    .map((f) => {
      const [a, b] = ([0, 1] as const).map((i) => {
        // Windowed figures read only the buckets and the time (figures.ts); the totals' other fields are unused.
        const totals: RunTotals = { simTime: nowMs[i], ok: 0, failed: 0, mean: 0, p50: 0, p90: 0, p99: 0, proxyCpuMs: 0, proxyPasses: 0 };
        return measureFigure(f, series[i].buckets, series[i].bucketMs, totals, durationMs[i]);
      });
      const fromMs = f.from ?? 0;
      const toMs = f.to ?? Math.max(...durationMs);
      const ratio = Number.isFinite(a.value) && Number.isFinite(b.value) && a.value !== 0 ? b.value / a.value : null;
      return { key: keyOf(f), measure: f.measure, ofAll: !f.service && !f.client && !f.link, label: f.label, window: `${secs(fromMs)} – ${secs(toMs)}`, fromMs, toMs, a, b, ratio, share: SHARE_MEASURES.includes(f.measure) };
    });
}

/** A step as a pane shows it: its time and its own lesson figure (ScenarioInfo.narrative[i]). */
type PaneStep = { at: number; figure?: LessonFigure };

/** The step whose figure stands for the step at `t` (ms): the latest begun step with a figure, -1 for none (figureStepAt). */
function figureStepNow(steps: readonly PaneStep[], t: number): number {
  let at = -1;
  for (let i = 0; i < steps.length; i++) if (steps[i].at <= t && steps[i].figure) at = i;
  return at;
}

/**
 * A figure both stories measure over one window (storyWindowRows' rule): its key, or null. `sole`: the scenario's one
 * client, when it has one: a figure of every user request there is that client's (gateway-only's "user requests
 * failing while the replica hangs" is gateway-and-mesh's "shoppers' requests failing while the replica hangs").
 */
function sharedKey(f: LessonFigure | undefined, sole: string | null = null): string | null {
  return f && (f.from !== undefined || f.to !== undefined) && !WHOLE_RUN_MEASURES.includes(f.measure) ? keyOf(sole !== null && !f.client ? { ...f, client: sole } : f) : null;
}

/**
 * The steps whose lesson figures both panes show (in presenter mode and out of it since session 54:
 * T4's trial, 5), so the screen asks one question and gives both runs' answers (trial N17, 4: gateway-only's pane read step 4's
 * "33.6% user requests failing while the replica hangs" while mesh-only's, at its step 5, read
 * "1.76 ms proxy CPU per user request"; its 0% was only in a table presenter mode hides).
 * A figure is shared when both stories have a step with that figure over the same window (the
 * stories' windows' rule, keyOf), a story whose scenario has one client (`soleClients`, A's and B's, null for
 * several) reading its figures of every user request as that client's: gateway-only against gateway-and-mesh shows
 * the failed share over 21 s – 58 s in both panes, A's of all its requests (all shoppers'), B's of shoppers' (session
 * 53's T4 trial, 5: A's 33.4% beside B's figure of another measure). The one shown: A's figure now when B's story has it; else B's
 * figure now when A's has it; else the shared figure whose step began last in A (by `nowMs[0]`).
 * Returns each story's index of its (first) step with that figure, or null when the stories share
 * no windowed step figure or none has begun (each pane then keeps its own step's figure). Pure.
 */
export function sharedFigureSteps(
  steps: readonly [readonly PaneStep[], readonly PaneStep[]],
  nowMs: readonly [number, number],
  soleClients: readonly [string | null, string | null] = [null, null],
): [number, number] | null {
  const first = (list: readonly PaneStep[], sole: string | null) => {
    const m = new Map<string, number>();
    list.forEach((s, i) => {
      const k = sharedKey(s.figure, sole);
      if (k !== null && !m.has(k)) m.set(k, i);
    });
    return m;
  };
  const [inA, inB] = [first(steps[0], soleClients[0]), first(steps[1], soleClients[1])];
  const [keyA, keyB] = [(f?: LessonFigure) => sharedKey(f, soleClients[0]), (f?: LessonFigure) => sharedKey(f, soleClients[1])];
  const pick = (k: string | null): [number, number] | null => (k !== null && inA.has(k) && inB.has(k) ? [inA.get(k)!, inB.get(k)!] : null);
  const [fa, fb] = [figureStepNow(steps[0], nowMs[0]), figureStepNow(steps[1], nowMs[1])];
  const now = pick(fa >= 0 ? keyA(steps[0][fa].figure) : null) ?? pick(fb >= 0 ? keyB(steps[1][fb].figure) : null);
  if (now) return now;
  // Neither pane's figure now is shared: the shared figure whose step began last in A.
  for (let i = steps[0].length - 1; i >= 0; i--) if (steps[0][i].at <= nowMs[0] && pick(keyA(steps[0][i].figure))) return pick(keyA(steps[0][i].figure));
  return null;
}

/** A scenario's one client's name ("shoppers"), or null when it has none or several (sharedFigureSteps' `soleClients`). Pure. */
export function soleClient(info: { topology: { nodes: readonly { kind: string; name: string }[] } }): string | null {
  const clients = info.topology.nodes.filter((n) => n.kind === 'client');
  return clients.length === 1 ? clients[0].name : null;
}
