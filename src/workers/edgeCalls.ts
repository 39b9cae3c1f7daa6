// The calls a link carries: since one edge per caller -> callee pair (Q2, 359fea1) a service that
// calls another many times (fan-in-calls: s calls t 200 times a request) has one link whose
// figures sum those calls, so the inspector says how many there are and what each is (its place
// in the caller's `calls`, its share of requests, routes, and the policy it sets), alike ones
// grouped. Pure reads of the world.
import { writtenPolicy } from '../scenario';
import type { World } from '../models';

/** Calls alike on one link: their places in the caller's `calls` list and what they are. */
export interface EdgeCallGroup {
  /** Their places in the caller's `calls`, 1-based, as ranges ("1–200", "1, 3, 5–7"). */
  at: string;
  count: number;
  /** What each is, in words: "every request; the callee's policy", "50% of requests; by its routes; timeout 2s, retries.attempts 3". */
  text: string;
}

/** The calls on a link: how many, and grouped where alike (at most MAX_CALL_GROUPS groups, `moreGroups` the rest). */
export interface EdgeCalls {
  total: number;
  groups: EdgeCallGroup[];
  /** Groups left out past MAX_CALL_GROUPS. */
  moreGroups: number;
}

/** Most groups of alike calls listed (a caller with 500 calls each with its own policy lists 12, then "and N more"). */
export const MAX_CALL_GROUPS = 12;

/**
 * The calls of edge `edgeId`'s caller (a service) to its callee: each call naming the callee, or
 * routing to it (a route's destination); undefined for an unknown edge, a caller that is no
 * service (a client or a gateway has one route to a callee), or one with no such call. Pure.
 */
export function edgeCalls(w: World, edgeId: number): EdgeCalls | undefined {
  const e = w.topology.edges[edgeId];
  const svc = e ? w.services.find((s) => s.id === e.from) : undefined;
  if (!e || !svc) return undefined;
  const to = w.sim.actor(e.to).name;
  const byText = new Map<string, number[]>();
  svc.spec.calls.forEach((call, j) => {
    const routed = call.routes !== undefined;
    if (routed ? !call.routes!.some((r) => r.to.some((d) => d.service === to)) : call.service !== to) return;
    const parts = [call.probability < 1 ? `${Math.round(call.probability * 1000) / 10}% of requests` : 'every request'];
    if (routed) parts.push('by its routes');
    parts.push(call.policy && Object.keys(call.policy).length > 0 ? policyWords(writtenPolicy(call.policy as Record<string, unknown>)) : `${to}'s own policy`);
    const text = parts.join('; ');
    const list = byText.get(text);
    if (list) list.push(j + 1);
    else byText.set(text, [j + 1]);
  });
  if (byText.size === 0) return undefined;
  const all = [...byText].map(([text, at]) => ({ at: ranges(at), count: at.length, text }));
  return { total: all.reduce((n, g) => n + g.count, 0), groups: all.slice(0, MAX_CALL_GROUPS), moreGroups: Math.max(0, all.length - MAX_CALL_GROUPS) };
}

/** A policy as "timeout 2s, retries.attempts 3": each leaf at its dotted path, arrays as JSON. Pure. */
function policyWords(p: Record<string, unknown>, prefix = ''): string {
  return Object.entries(p)
    .map(([k, v]) => (v !== null && typeof v === 'object' && !Array.isArray(v) ? policyWords(v as Record<string, unknown>, `${prefix}${k}.`) : `${prefix}${k} ${typeof v === 'string' ? v : JSON.stringify(v)}`))
    .join(', ');
}

/** Ascending whole numbers as ranges: [1, 2, 3, 5] -> "1–3, 5". Pure. */
export function ranges(xs: readonly number[]): string {
  const out: string[] = [];
  for (let i = 0; i < xs.length; ) {
    let k = i;
    while (k + 1 < xs.length && xs[k + 1] === xs[k] + 1) k++;
    out.push(k === i ? `${xs[i]}` : `${xs[i]}–${xs[k]}`);
    i = k + 1;
  }
  return out.join(', ');
}
