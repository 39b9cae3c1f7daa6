// What a sweep's report says of its scenario in words (trial N15, 2: the homework's report gave
// "services.payments.policy.retries.attempts" and nothing of the outage it was measured over):
// each swept path's meaning and the scenario's faults with their times, read from the scenario.
import type { Scenario } from '../../scenario';
import { callersOf, callerName } from '../../models/policyReach';
import { formatValue, type Axis } from './grid';

/** The words: per swept path, what it is (absent where no rule reads it), and each fault with its times. */
export interface SweepAbout {
  paths: Record<string, string>;
  faults: string[];
}

const secs = (ms: number) => `${Number((ms / 1000).toFixed(3))} s`;

/**
 * The words for a sweep of `scenario` over `paths`. A service's policy is applied by the proxies of
 * its callers (schema: `policy`; policyReach.ts `callersOf`, the engine's rule): the sidecars of the
 * services calling it and the gateways routing to it, each route's own policy winning field by field,
 * so `services.payments.policy.retries.attempts` in retry-storm reads "retries of calls to payments
 * (made by orders' sidecar)" and `services.web...` "(gateway api's route 0 sets its own: 2)". A
 * gateway's fields read as the gateway's: `gateways.api.routes.0.policy.retries.attempts` "retries of
 * gateway api's route 0, to web (made by the gateway's own Envoy; it wins over web's own policy)", its replicas, rate limits and a
 * consumer's. A path no rule reads gets no words. A fault reads "http-abort payments 10 s – 25 s of
 * the run's 30 s" (`durationMs`: the run's length). Pure.
 */
export function sweepAbout(scenario: Scenario, paths: readonly string[], durationMs: number): SweepAbout {
  const out: Record<string, string> = {};
  for (const path of paths) {
    const words = serviceWords(scenario, path) ?? gatewayWords(scenario, path);
    if (words !== null) out[path] = words;
  }
  const faults = scenario.faults.map((f) => {
    const o = f as unknown as Record<string, unknown>;
    const target = [o.service, o.target, o.edge, o.mesh].find((v) => typeof v === 'string') as string | undefined;
    const at = typeof o.at === 'number' ? o.at : 0;
    const end = typeof o.for === 'number' ? Math.min(at + o.for, durationMs) : durationMs;
    return `${f.type}${target ? ` ${target}` : ''} ${secs(at)} – ${secs(end)} of the run's ${secs(durationMs)}`;
  });
  return { paths: out, faults };
}

/**
 * The report's lines of what was swept and over what: "swept: PATH = V1, V2: words" for every swept
 * path of `grid` in its order, the words where `about` has them (trial T3 of session 52, 4: only the
 * first --set was named, the second only in a legend), then "faults: ..." ("faults: none") when
 * `about` is known (absent in outputs older than session 49). Pure.
 */
export function aboutLines(about: SweepAbout | undefined, grid: readonly Axis[] = []): string[] {
  const paths = grid.map((a) => `swept: ${a.path} = ${a.values.map(formatValue).join(', ')}${about?.paths[a.path] ? `: ${about.paths[a.path]}` : ''}`);
  if (!about) return paths;
  return [...paths, `faults: ${about.faults.length ? about.faults.join('; ') : 'none'}`];
}

/** How to read the intervals, in plain words (trial N15, 2). */
export const INTERVAL_READING = 'Where two points\' 95% intervals overlap, these seeds cannot tell them apart; more seeds narrow the intervals.';

/** An item of a named list by its name or its index, as `--set` takes either (grid.ts resolvePath). */
function pick<T extends { name?: string }>(list: readonly T[], key: string): { item: T; index: number } | null {
  const index = /^\d+$/.test(key) ? Number(key) : list.findIndex((e) => e.name === key);
  return index >= 0 && index < list.length ? { item: list[index], index } : null;
}

/** The policy fields the words name, with what each is. */
const POLICY_FIELD: Record<string, { what: string; key: 'retries' | 'timeout'; verb: string }> = {
  'policy.retries.attempts': { what: 'retries', key: 'retries', verb: 'made' },
  'policy.timeout': { what: 'route timeout', key: 'timeout', verb: 'kept' },
};

/** Words for a `services.NAME.…` path, or null. */
function serviceWords(scenario: Scenario, path: string): string | null {
  const m = /^services\.([^.]+)\.(.+)$/.exec(path);
  const hit = m && pick(scenario.services, m[1]);
  if (!m || !hit) return null;
  const name = hit.item.name;
  const field = m[2];
  if (field === 'replicas') return `${name}'s replicas`;
  if (field === 'concurrency') return `${name}'s workers per replica`;
  const f = POLICY_FIELD[field];
  if (!f) return null;
  // Whose proxies apply it, and which of them override it with their own route's value (policyReach.ts).
  const callers = callersOf(scenario, name).filter((c) => c.proxy && c.l7);
  const applying = callers.filter((c) => c.route?.[f.key] === undefined).map(callerName);
  const overriding = callers.filter((c) => c.route?.[f.key] !== undefined).map((c) => `${c.kind === 'gateway' ? `gateway ${c.caller}'s route ${c.gatewayRoute}` : callerName(c).replace(/ sidecar$/, ' call')} sets its own: ${ownValue(c.route?.[f.key])}`);
  const by = [applying.length ? `${f.verb} by ${applying.join(', ')}` : '', ...overriding].filter((t) => t !== '');
  return `${f.what} of calls to ${name} (${by.length ? by.join('; ') : `no caller has an L7 proxy to ${f.key === 'timeout' ? 'keep it' : 'apply them'}`})`;
}

/** A route's own value for words: retries' attempts ("2"), a timeout as written. */
function ownValue(v: unknown): string {
  if (v !== null && typeof v === 'object' && 'attempts' in v) return String((v as { attempts: unknown }).attempts);
  return typeof v === 'number' ? secs(v) : String(v);
}

/** Words for a `gateways.NAME.…` path, or null. */
function gatewayWords(scenario: Scenario, path: string): string | null {
  const m = /^gateways\.([^.]+)\.(.+)$/.exec(path);
  const hit = m && pick(scenario.gateways, m[1]);
  if (!m || !hit) return null;
  const g = hit.item;
  const field = m[2];
  if (field === 'replicas') return `gateway ${g.name}'s replicas`;
  if (field === 'concurrency') return `gateway ${g.name}'s workers per replica`;
  const bucket = (rest: string) => ({ size: 'bucket size (burst)', tokensPerFill: 'tokens per fill', fillInterval: 'fill interval' })[rest];
  const rl = /^rateLimit\.(\w+)$/.exec(field);
  if (rl && bucket(rl[1])) return `gateway ${g.name}'s rate limit for consumers without their own: ${bucket(rl[1])}`;
  const crl = /^consumers\.([^.]+)\.rateLimit\.(\w+)$/.exec(field);
  const consumer = crl && pick(g.consumers, crl[1]);
  if (crl && consumer && bucket(crl[2])) return `gateway ${g.name}'s rate limit of consumer ${consumer.item.name}: ${bucket(crl[2])}`;
  const rp = /^routes\.(\d+)\.(policy\..+)$/.exec(field);
  const route = rp && g.routes[Number(rp[1])];
  const f = rp && POLICY_FIELD[rp[2]];
  if (!rp || !route || !f) return null;
  return `${f.what} of gateway ${g.name}'s route ${rp[1]}, to ${route.service} (${f.verb} by the gateway's own Envoy; it wins over ${route.service}'s own policy)`;
}
