import { z } from 'zod';
import { duration } from './common';
import { listNames } from './nearMiss';

/**
 * What a lesson figure measures (the app computes it in `src/workers/figures.ts`):
 * - `failed-share`, `ok-share`: the share of user requests (of `client`, if given) that failed / ended ok;
 * - `cause-share`: the share that failed with one of `causes`;
 * - `latency-mean`: mean latency of ok requests; `latency-p50`, `-p90`, `-p99`: their quantiles (whole run only);
 * - `attempts-per-request`: tries sent to `service` (first tries and retries) per user request sent;
 * - `max-tries-per-second`: the most tries sent to `service` in any one second;
 * - `proxy-cpu`: vCPU per 1000 requests/s per proxy, as Istio states its load test's cost (whole run only);
 * - `proxy-cpu-per-request`: proxy CPU, ms, over every sidecar, per user request (whole run only);
 * - `change-spread`: time from config change number `change` (of `changes`) until every proxy it must reach has it;
 * - `latency-p50-added`, `latency-p90-added`: what the proxies add to that quantile of ok requests' latency, ms: this
 *   run's p50 (p90) less that of the same recipe with every sidecar removed (its twin, run beside it; whole run only).
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
] as const;

/** Measures that are only defined over the whole run (a window is refused). */
export const WHOLE_RUN_MEASURES: readonly string[] = ['latency-p50', 'latency-p90', 'latency-p99', 'proxy-cpu', 'proxy-cpu-per-request', 'change-spread', 'latency-p50-added', 'latency-p90-added'];

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
export function figureProblems(f: LessonFigure, path: string, clients: ReadonlySet<string>, callees: ReadonlySet<string>): [string, string, boolean?][] {
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
  if (f.service !== undefined && !callees.has(f.service)) out.push([`${path}.service`, `unknown service "${f.service}" (services: ${names(callees, f.service)})`, true]);
  if (f.client !== undefined && !clients.has(f.client)) out.push([`${path}.client`, `unknown client "${f.client}" (clients: ${names(clients, f.client)})`, true]);
  return out;
}
