import { z } from 'zod';
import { duration } from './common';
import { listNames, unknownNameMessage } from './nearMiss';

/**
 * What a lesson figure measures (the app computes it in `src/workers/figures.ts`):
 * - `failed-share`, `ok-share`: the share of user requests (of `client`, if given) that failed / ended ok,
 *   of those that ended (in the window; the counters' shares are of all requests sent);
 * - `cause-share`: the share that failed with one of `causes`, of those that ended;
 * - `latency-mean`: mean latency of ok requests, ms; `latency-p50`, `-p90`, `-p99`: their quantiles, ms,
 *   over the whole run or over the ok requests that ended in the window;
 * - `latency-p50-shift`, `-p90-shift`, `-p99-shift`: that quantile (ms) over the window less the same
 *   quantile over `baseline`'s window (ms; "+2.05 ms": requests in the window were that much slower);
 * - `link-failed-share`: of the calls on `link` (`caller->callee`) that ended (in the window), the share
 *   that failed, as the caller's router counts them (the link inspector's and the summary's `failed`);
 * - `attempts-per-request`: tries sent to `service` (first tries and retries) per user request, over the requests
 *   that ended (in the window) and every try each made there, so at most what one request can make;
 * - `max-tries-per-second`: the most tries sent to `service` in any one second;
 * - `proxy-cpu`: vCPU per 1000 requests/s per proxy, as Istio states its load test's cost (whole run only);
 * - `proxy-cpu-per-request`: proxy CPU, ms, over every sidecar, per user request (whole run only);
 * - `change-spread`: time from config change number `change` (of `changes`) until every proxy it must reach has it;
 * - `latency-p50-added`, `latency-p90-added`: what the proxies add to that quantile of ok requests' latency, ms: this
 *   run's p50 (p90) less that of the same recipe with every sidecar removed (its twin, run beside it; whole run only).
 *   Where the clients run in more than one place (internet or not, zone, region, own latency), each place's clients'
 *   quantile less their own in the twin, weighted by their ok requests: a run-wide median of internet and internal
 *   clients sits between them and moves with the mix (workers/clientShift.ts).
 */
export const FIGURE_MEASURES = [
  'failed-share',
  'ok-share',
  'cause-share',
  'latency-mean',
  'latency-p50',
  'latency-p90',
  'latency-p99',
  'attempts-per-request',
  'max-tries-per-second',
  'proxy-cpu',
  'proxy-cpu-per-request',
  'change-spread',
  'latency-p50-added',
  'latency-p90-added',
  'latency-p50-shift',
  'latency-p90-shift',
  'latency-p99-shift',
  'link-failed-share',
] as const;

/** Measures that are only defined over the whole run (a window is refused). */
export const WHOLE_RUN_MEASURES: readonly string[] = ['proxy-cpu', 'proxy-cpu-per-request', 'change-spread', 'latency-p50-added', 'latency-p90-added'];

/** Latency quantiles a window (or a baseline window) may be put on: the series keeps each second's histogram for them. */
export const LATENCY_WINDOW_MEASURES: readonly string[] = ['latency-p50', 'latency-p90', 'latency-p99', 'latency-p50-shift', 'latency-p90-shift', 'latency-p99-shift'];

/** Measures of one quantile's shift from a baseline window (they need `baseline`). */
export const SHIFT_MEASURES: readonly string[] = ['latency-p50-shift', 'latency-p90-shift', 'latency-p99-shift'];

/** A link written `caller->callee` (spaces round the names allowed) as the app names it: `caller->callee`. Pure. */
export const linkName = (link: string): string =>
  link
    .split('->')
    .map((p) => p.trim())
    .join('->');

/** Measures read against the recipe's twin without sidecars (the worker runs it only when a figure asks for one). */
export const PLAIN_TWIN_MEASURES: readonly string[] = ['latency-p50-added', 'latency-p90-added'];

/**
 * A narrative step's figure: the number its lesson states, measured live in the app, over the
 * window [from, to) of simulated time when given (requests by the time they ended).
 */
export const lessonFigureSchema = z.strictObject({
  measure: z.enum(FIGURE_MEASURES),
  /** What the number is, for people: "user requests failing while the replica hangs". */
  label: z.string().min(1, { message: 'must not be empty' }),
  /** The figure the lesson states, as written there ("33%", "2 ms"), shown beside the measured one. */
  expect: z.string().min(1, { message: 'must not be empty' }).optional(),
  from: duration.optional(),
  to: duration.optional(),
  /** For cause-share: the causes counted. */
  causes: z.array(z.string().min(1)).min(1, { message: 'needs at least one cause' }).optional(),
  /** Only this client's requests (share measures). */
  client: z.string().min(1).optional(),
  /** The service whose tries are counted (attempts-per-request, max-tries-per-second). */
  service: z.string().min(1).optional(),
  /**
   * The latency-pNN-shift measures: the window the quantile is compared against, [from, to) of
   * simulated time ("5s" to "20s": the ok requests that ended then), e.g. before a fault.
   */
  baseline: z.strictObject({ from: duration, to: duration }).optional(),
  /** link-failed-share: the link whose calls are counted, `caller->callee` as a step's highlight writes it. */
  link: z.string().min(1, { message: 'must not be empty' }).optional(),
  /** change-spread: the config change's number in the scenario's `changes`. */
  change: z.number().int({ message: 'must be a whole number' }).min(0, { message: 'must not be negative' }).optional(),
});

export type LessonFigure = z.output<typeof lessonFigureSchema>;

/**
 * What a figure says that the schema cannot check: a window the wrong way round or on a
 * whole-run measure, a missing `causes` or `service`, and names that do not exist. Problems are
 * `[path, message, aboutName]` under `path` (`narrative.2.figure`); `aboutName` is true for a
 * name that names nothing (references.ts marks those: nameProblems.ts). Pure.
 */
export function figureProblems(f: LessonFigure, path: string, clients: ReadonlySet<string>, callees: ReadonlySet<string>, links: ReadonlySet<string> = new Set()): [string, string, boolean?][] {
  const out: [string, string, boolean?][] = [];
  const names = (set: ReadonlySet<string>, typed?: string) => listNames(set, typed);
  if (f.from !== undefined && f.to !== undefined && f.to <= f.from) out.push([`${path}.to`, 'must be after from']);
  if (WHOLE_RUN_MEASURES.includes(f.measure) && (f.from !== undefined || f.to !== undefined)) {
    out.push([`${path}.${f.from !== undefined ? 'from' : 'to'}`, `${f.measure} is measured over the whole run; leave out from and to`]);
  }
  if (f.measure === 'cause-share' && !f.causes) out.push([`${path}.causes`, 'cause-share needs the causes it counts']);
  const needsService = f.measure === 'attempts-per-request' || f.measure === 'max-tries-per-second';
  if (f.measure === 'change-spread' && f.change === undefined) out.push([`${path}.change`, 'change-spread needs the number of the change it times (its index in `changes`)']);
  if (needsService && !f.service) out.push([`${path}.service`, `${f.measure} needs the service whose tries it counts`]);
  const shift = SHIFT_MEASURES.includes(f.measure);
  if (shift && !f.baseline) out.push([`${path}.baseline`, `${f.measure} needs the baseline window it compares against ({ "from": "5s", "to": "20s" })`]);
  if (!shift && f.baseline) out.push([`${path}.baseline`, `only the latency-pNN-shift measures take a baseline, not ${f.measure}`]);
  if (f.baseline && f.baseline.to <= f.baseline.from) out.push([`${path}.baseline.to`, 'must be after from']);
  if (f.measure === 'link-failed-share' && !f.link) out.push([`${path}.link`, 'link-failed-share needs the link whose calls it counts ("caller->callee")']);
  if (f.link !== undefined && f.measure !== 'link-failed-share') out.push([`${path}.link`, `only link-failed-share takes a link, not ${f.measure}`]);
  else if (f.link !== undefined && !links.has(linkName(f.link))) {
    const [from, to] = linkName(f.link).split('->');
    const out2 = [...links].filter((l) => l.startsWith(`${from}->`)).map((l) => l.slice(from.length + 2));
    out.push([`${path}.link`, to === undefined ? `write a link as "caller->callee", got "${f.link}"` : `no link from "${from}" to "${to}" (${from} calls: ${names(new Set(out2), to)})`, true]);
  }
  if (f.service !== undefined && !callees.has(f.service)) out.push([`${path}.service`, unknownNameMessage('service', f.service, callees), true]);
  if (f.client !== undefined && !clients.has(f.client)) out.push([`${path}.client`, unknownNameMessage('client', f.client, clients), true]);
  return out;
}
