// A config change in a few words, for what a person reads beside a branch: the compare view's
// pane titles, figures table, chart legends and divergence text ("B · with timeout 5ms on
// payments at 15.0 s"). Pure.
import type { LiveAction } from '../../workers/protocol';

/** Longest summary of one change, characters: a pane title must stay one line at 1024 px. */
export const SUMMARY_MAX_CHARS = 60;

/** The field naming what a change acts on, by the change types of a scenario's `changes` (README "Config changes"). */
const TARGET_FIELDS = ['service', 'gateway', 'mesh'] as const;

/** A change type as the change form names it (`mtls` is "mTLS"); others as the file spells them. */
const TYPE_WORDS: Readonly<Record<string, string>> = { mtls: 'mTLS' };

/** `{"retries": {"attempts": 0}}` as `retries.attempts 0`, leaves in their order. */
function leaves(value: unknown, path: string, out: string[]): void {
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length > 0) {
    for (const [k, v] of Object.entries(value)) leaves(v, path ? `${path}.${k}` : k, out);
  } else out.push(`${path} ${typeof value === 'string' ? value : JSON.stringify(value)}`.trim());
}

/**
 * A change as "timeout 5ms on payments" (a policy's fields without `policy.`), "retries.attempts
 * 0 on api route 0" (a gateway route's), "mTLS mode STRICT on orders", "trusts [] in retail": its
 * fields but the type and the target, then the target;
 * cut to SUMMARY_MAX_CHARS with an ellipsis. Pure.
 */
export function changeSummary(change: Record<string, unknown>): string {
  const type = String(change.type ?? 'change');
  const field = TARGET_FIELDS.find((f) => typeof change[f] === 'string');
  const rest: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(change)) if (k !== 'type' && k !== field) rest[k] = v;
  const parts: string[] = [];
  // A gateway route's change reads as one on "api route 0": its route goes with the target, its
  // policy's fields without "policy." (as a service policy's), then the rest (service, canary).
  const route = type === 'gateway-route' ? (rest.route ?? 0) : undefined;
  if (route !== undefined) delete rest.route;
  const { policy, ...others } = rest;
  if ((type === 'policy' || type === 'gateway-route') && policy && typeof policy === 'object') {
    leaves(policy, '', parts);
    if (Object.keys(others).length > 0) leaves(others, '', parts);
  } else leaves(rest, '', parts);
  const what = `${type === 'policy' || type === 'gateway-route' ? '' : `${TYPE_WORDS[type] ?? type} `}${parts.filter(Boolean).join(', ')}`.trim();
  const on = field && route !== undefined ? `${String(change[field])} route ${String(route)}` : field ? String(change[field]) : '';
  const text = field ? `${what} ${field === 'mesh' ? 'in' : 'on'} ${on}` : what;
  return text.length > SUMMARY_MAX_CHARS ? `${text.slice(0, SUMMARY_MAX_CHARS - 1)}…` : text;
}

/** "15.0 s": a branch point as the change panel says it. */
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/**
 * What tells two runs of one scenario apart, for their titles: when B is A's live actions plus
 * config changes (a branch), A is "as run" and B "with <change> at <time>" (several changes
 * joined by " + "); null when the runs are of different scenarios or differ otherwise (their
 * scenario names tell them apart then). `same` says whether both run one scenario. Pure.
 */
export function branchLabels(same: boolean, a: readonly LiveAction[], b: readonly LiveAction[]): [string, string] | null {
  if (!same) return null;
  const key = (x: LiveAction) => JSON.stringify(x);
  const inA = new Set(a.map(key));
  const extra = b.filter((x) => !inA.has(key(x)));
  const inB = new Set(b.map(key));
  if (extra.length === 0 || a.some((x) => !inB.has(key(x))) || extra.some((x) => x.kind !== 'change')) return null;
  const said = extra.map((x) => (x.kind === 'change' ? `${changeSummary(x.change)} at ${seconds(x.ms)}` : ''));
  return ['as run', `with ${said.join(' + ')}`];
}
