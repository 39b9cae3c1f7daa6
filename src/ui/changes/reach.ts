// Where a change in the form (or a branch's change) reaches, for the app: the scenario on screen
// read from its text, with the run's config changes made by then, and policyReach's answer
// (src/models/policyReach.ts). It runs in a worker of its own (reach.worker.ts, `reachApi`;
// reachClient.ts on the page's side): reading a 1,000-service scenario with zod took the page's
// thread 1.1-1.6 s at load 28 as it opened, and checking the form's change against it each
// second took more while it played. Pure.
import { changesMadeBy, configuredAt } from '../../models/madeChanges';
import { alternativeChange, callerName, changeReach, type ChangeReach } from '../../models/policyReach';
import { changeSchema, formatOfFile, parseScenarioText, readScenarioText, validateScenario, type Problem, type Scenario } from '../../scenario';
import type { LiveAction } from '../../workers/protocol';
import { liveChanges } from './liveChanges';

/** What the app says of a change that does not reach every request, or of a gateway route's that does. Plain data. */
export interface FormReach {
  reach: ChangeReach['reach'];
  /** policyReach's warning: "web's retries are overridden on its only path: gateway api sets ...". */
  warning: string;
  /** The same fields on the first overriding caller's own route, as the form takes a change (raw), or null. */
  alternative: Record<string, unknown> | null;
  /** "retries on gateway api's route 0": the alternative for a button. */
  alternativeLabel: string | null;
  /**
   * Who owns the overridden fields, for someone who has never met Envoy's route policy, or null
   * when no caller overrides: "Who owns it: the proxy that sends a request applies its retries,
   * so the caller's own route setting wins over the callee's (here gateway api's)."
   */
  owner: string | null;
  /**
   * Set when the form holds a change the run has already made live (the one just applied, or the
   * same again), judged as it was when made: when it was made, ms of simulated time. The form
   * says it is in force rather than that it would change nothing (applying it again would not).
   */
  madeAtMs?: number;
}

/** A scenario's text and the file name that decides JSON or YAML (reachClient.ts sourceOf gives a recipe's). */
export interface ScenarioSource {
  text: string;
  fileName?: string;
}

const cache = new Map<string, Scenario | null>();

/** The scenario of `src`, read from its text (memoized by text), or null when it does not read. */
export function scenarioOf(src: ScenarioSource | undefined): Scenario | null {
  if (!src) return null;
  const key = `${src.fileName ?? ''}\u0000${src.text}`;
  if (!cache.has(key)) {
    const r = parseScenarioText(src.text, src.fileName ? formatOfFile(src.fileName) : 'auto');
    if (cache.size > 8) cache.clear();
    cache.set(key, r.ok ? r.scenario : null);
  }
  return cache.get(key) ?? null;
}

/**
 * Where `change` (as the form gives it: raw) reaches when made at `nowMs` in the run of `s` with
 * live `actions`: judged in the design as configured by then (the file's timed changes and the
 * live ones made by then). Null when it acts on every path (but for a gateway route's change:
 * `reach: 'all'` and a line naming the route), is not a policy change, or does not read (the
 * form says that when it is applied). Pure.
 */
export function reachOf(s: Scenario, actions: readonly LiveAction[], nowMs: number, change: Record<string, unknown>): FormReach | null {
  const parsed = changeSchema.safeParse(change);
  if (!parsed.success) return null;
  const design = configuredAt(s, changesMadeBy(s, liveChanges(actions), nowMs));
  const r = changeReach(design, parsed.data);
  if (!r) return null;
  // A gateway route's change that acts on every path still gets its line (trial N11, 9: the form
  // said nothing where a service policy's would warn), naming the route and what it changes.
  if (r.warning === null) {
    const c = parsed.data;
    if (c.type !== 'gateway-route' || r.fields.length === 0) return null;
    const warning = `Acts on every request gateway ${c.gateway}'s route ${c.route} sends to ${r.service} (${r.fields.join(', ')}), at once: a gateway is configured directly, not by a control plane.`;
    return { reach: 'all', warning, alternative: null, alternativeLabel: null, owner: null };
  }
  const policy = change.policy;
  const alt = r.alternatives[0];
  const alternative = alt && policy && typeof policy === 'object' ? alternativeChange(alt, policy as Record<string, unknown>) : null;
  const alternativeLabel = alt ? `${alt.fields.join(' and ')} on ${alt.target.type === 'gateway-route' ? `gateway ${alt.target.gateway}'s route ${alt.target.route}` : `${alt.target.from}'s call to ${alt.target.service}`}` : null;
  const owner = ownerOf(r);
  return { reach: r.reach, warning: r.warning, alternative, alternativeLabel, owner };
}

/**
 * What the form says of `change` (raw, as the form gives it) at `nowMs`: when the run has made
 * the same change live by then (its recipe's `change` action, the same fields whatever its
 * `at`), where it reached as it was made, in the design as configured just before it, with
 * `madeAtMs` (`reach: 'all'` and no warning when it acted on every path); otherwise `reachOf`.
 * Without this, the change just applied read "No effect: sets what already is" (it does, now
 * that it is made), under the note that it was made. Pure.
 */
export function formReachOf(s: Scenario, actions: readonly LiveAction[], nowMs: number, change: Record<string, unknown>): FormReach | null {
  const parsed = changeSchema.safeParse(change);
  if (!parsed.success) return null;
  const live = liveChanges(actions);
  const key = sameChangeKey(parsed.data);
  let i = live.length - 1;
  while (i >= 0 && !(live[i].atMs <= nowMs && sameChangeKey(live[i].change) === key)) i--;
  if (i < 0) return reachOf(s, actions, nowMs, change);
  const made = live[i];
  const before = live.filter((c, j) => j !== i && c.atMs <= made.atMs && (c.atMs < made.atMs || j < i));
  const design = configuredAt(s, changesMadeBy(s, before, made.atMs));
  const r = changeReach(design, made.change);
  if (!r) return null;
  const owner = ownerOf(r);
  return { reach: r.reach, warning: r.warning ?? '', alternative: null, alternativeLabel: null, owner, madeAtMs: made.atMs };
}

/** FormReach.owner: who owns the fields some caller overrides, or null when none does. */
function ownerOf(r: ChangeReach): string | null {
  const over = r.callers.filter((c) => c.status === 'overridden');
  const fields = [...new Set(over.flatMap((c) => c.overridden.map((o) => o.field)))];
  return over.length ? `Who owns it: the proxy that sends a request applies its ${fields.join(' and ')}, so the caller's own route setting wins over the callee's (here ${over.map((c) => `${callerName(c.route)}'s`).join(', ')}).` : null;
}

/** A change's fields without its `at`, as one string: two changes with the same key do the same. */
const sameChangeKey = (c: object): string => JSON.stringify(c, (k, v) => (k === 'at' ? undefined : v));

/**
 * The change the form should start with: the first of `policies` (retries 0, then 2) that acts
 * on some path of one of `targets`, on the first such service; null when none acts anywhere (a
 * scenario without L7 proxies: mm1, istio-load-test-baseline). Retry-storm's first service, web,
 * is called only by gateway api, whose route sets its own retries, so its form starts on orders;
 * config-rollout's payments already has retries 0, so its form gives payments 2. Pure.
 */
export function actingDefault(s: Scenario, targets: readonly string[], policies: readonly object[]): { target: string; policy: object } | null {
  for (const policy of policies) {
    for (const target of targets) {
      const c = changeSchema.safeParse({ type: 'policy', service: target, policy });
      if (!c.success) continue;
      const r = changeReach(s, c.data);
      if (r && r.reach !== 'none') return { target, policy };
    }
  }
  return null;
}

/**
 * What the run would refuse in `change` (as the form gives it: raw), as "Apply a change now" and a
 * branch's link check it (src/workers/recipe.ts checkChange): the scenario file with it as its
 * only change, its problems as `change.field: message`; none when it reads. A branch goes ahead
 * without the change it refuses, so the form says so first (l4-vs-l7's "timeout on postgres": L7
 * policies do not apply to a TCP service). The time is not checked (a live change's `at` counts
 * from now; the form's own note names a late one). Pure.
 */
export function changeProblems(src: ScenarioSource | undefined, change: Record<string, unknown>): Problem[] {
  const raw = src ? readScenarioText(src.text, src.fileName ? formatOfFile(src.fileName) : 'auto') : null;
  if (!raw || !raw.ok || raw.data === null || typeof raw.data !== 'object') return [];
  const r = validateScenario({ ...(raw.data as object), changes: [change] });
  if (r.ok) return [];
  const mine = r.problems.filter((p) => p.path === 'changes.0' || p.path.startsWith('changes.0.'));
  return mine.map((p) => ({ path: `change${p.path.slice('changes.0'.length)}`, message: p.message }));
}

/**
 * Gateway `gateway`'s route `route` policy as the scenario file writes it (durations as written:
 * "2s", not 2000), for the change form to start from the route as it stands; `{}` for a route
 * without a policy; null when the text does not read or has no such gateway or route. Pure.
 */
export function writtenRoutePolicy(src: ScenarioSource | undefined, gateway: string, route: number): Record<string, unknown> | null {
  const raw = src ? readScenarioText(src.text, src.fileName ? formatOfFile(src.fileName) : 'auto') : null;
  if (!raw || !raw.ok || raw.data === null || typeof raw.data !== 'object') return null;
  const gateways = (raw.data as { gateways?: unknown }).gateways;
  const g = Array.isArray(gateways) ? gateways.find((x) => x && typeof x === 'object' && (x as { name?: unknown }).name === gateway) : undefined;
  const r = g && Array.isArray((g as { routes?: unknown }).routes) ? (g as { routes: unknown[] }).routes[route] : undefined;
  if (!r || typeof r !== 'object') return null;
  const policy = (r as { policy?: unknown }).policy;
  return policy && typeof policy === 'object' && !Array.isArray(policy) ? (policy as Record<string, unknown>) : {};
}

/**
 * What the page asks of the reach worker (reach.worker.ts exposes it; reachClient.ts calls it):
 * the functions above over a scenario's source, read once per text in the worker. Each answers
 * as its function does; an unknown or unreadable scenario gives null, [] or [].
 */
export const reachApi = {
  actingDefault: (src: ScenarioSource | undefined, targets: readonly string[], policies: readonly object[]) => {
    const s = scenarioOf(src);
    return s ? actingDefault(s, targets, policies) : null;
  },
  changeProblems: (src: ScenarioSource | undefined, change: Record<string, unknown>) => changeProblems(src, change),
  routePolicy: (src: ScenarioSource | undefined, gateway: string, route: number) => writtenRoutePolicy(src, gateway, route),
  formReachOf: (src: ScenarioSource | undefined, actions: readonly LiveAction[], nowMs: number, change: Record<string, unknown>) => {
    const s = scenarioOf(src);
    return s ? formReachOf(s, actions, nowMs, change) : null;
  },
  /**
   * A branch's changes that A lacks (BranchReach): for each of B's `change` actions not in
   * `aActions`, by its index in `bActions`, where it reaches when that is not everywhere.
   */
  branchReaches: (src: ScenarioSource | undefined, aActions: readonly LiveAction[], bActions: readonly LiveAction[]) => {
    const s = scenarioOf(src);
    if (!s) return [];
    const inA = new Set(aActions.map((x) => JSON.stringify(x)));
    const out: { index: number; reach: FormReach }[] = [];
    bActions.forEach((x, i) => {
      if (x.kind !== 'change' || inA.has(JSON.stringify(x))) return;
      const r = reachOf(s, bActions.slice(0, i), x.ms, x.change);
      // A gateway route's line for every path (reach 'all', ca4219e) is the form's, not a warning.
      if (r && r.reach !== 'all') out.push({ index: i, reach: r });
    });
    return out;
  },
};

export type ReachApi = typeof reachApi;
