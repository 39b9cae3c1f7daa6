// The change form's rules without React (ChangePanel.tsx draws the form): what each change type acts on and how
// its details start, which targets the form offers, the change the form describes, the form a suggested
// alternative fills in, and the words said after Apply and in the list of changes made. Split out of
// ChangePanel.tsx (401 lines, session 42) with no change in behaviour.
import type { Topology } from '../../models';
import type { RolloutFigure } from '../../workers/figures';
import { gatewayRolloutWords } from '../../models/mesh/rolloutWords';
import type { Problem } from '../state/store';
import { changedFieldsOnly, formatDetails, readDetails } from './details';
import type { ChangeType } from './selection';

/**
 * The policies the form may start with, in order: no retries (KINDS.policy.details), else two
 * retries, for a scenario where no one retries (gateway-only, config-rollout). The form starts on
 * the first that acts on some service (reach.ts actingDefault).
 */
export const DEFAULT_POLICIES = [{ retries: { attempts: 0 } }, { retries: { attempts: 2 } }];

/** One change type as the form offers it: its name in the picker, its tooltip, the field naming its target, and its details as the form starts them (JSON text). */
export interface ChangeKind {
  label: string;
  title: string;
  field: 'service' | 'gateway' | 'mesh';
  details: string;
}

/** What each type acts on (the field naming it) and the rest of a change, as the form starts it (README "Config changes"). */
export const KINDS: Record<ChangeType, ChangeKind> = {
  policy: { label: 'service policy', title: "a service's policy: retries, timeouts, outlier detection...", field: 'service', details: formatDetails({ policy: DEFAULT_POLICIES[0] }) },
  'gateway-route': { label: 'gateway route', title: 'a gateway route: its upstream, canary weights or policy', field: 'gateway', details: formatDetails({ route: 0, policy: { timeout: '2s' } }) },
  mtls: { label: 'mTLS mode', title: "a service's mTLS mode", field: 'service', details: formatDetails({ mode: 'STRICT' }) },
  'sidecar-mode': { label: 'sidecar mode (L4/L7)', title: "a service's sidecar mode, L4 or L7", field: 'service', details: formatDetails({ mode: 'L4' }) },
  trusts: { label: 'mesh trusts', title: "a mesh's trusted meshes", field: 'mesh', details: formatDetails({ trusts: [] }) },
};

/** The details a change of `type` starts with (KINDS), on one line: the example a details box that is not a JSON object is shown (details.ts readDetails). Pure. */
export function detailsExample(type: ChangeType): string {
  return formatDetails(JSON.parse(KINDS[type].details) as Record<string, unknown>, Number.POSITIVE_INFINITY);
}

/**
 * The targets the form offers for `type` in `topology` (null: none loaded, []): meshes with a control plane for
 * mesh trusts, gateways for a gateway route, every service for a policy, services with sidecars for mTLS and
 * sidecar modes; in the topology's order. Pure.
 */
export function formTargets(topology: Topology | null, type: ChangeType): string[] {
  if (!topology) return [];
  const field = KINDS[type].field;
  if (field === 'mesh') return topology.nodes.filter((n) => n.kind === 'control-plane' && n.mesh).map((n) => n.mesh as string);
  return topology.nodes.filter((n) => n.kind === (field === 'gateway' ? 'gateway' : 'service') && (field === 'gateway' || type === 'policy' || n.sidecar)).map((n) => n.name);
}

/**
 * The target the form stands on: the person's `target` when offered, else the `preferred` one (the first service
 * whose default change acts, reach.ts actingDefault) when offered, else the first offered, else ''. Pure.
 */
export function chosenTarget(targets: readonly string[], target: string, preferred: string | null): string {
  if (targets.includes(target)) return target;
  if (preferred !== null && targets.includes(preferred)) return preferred;
  return targets[0] ?? '';
}

/** A gateway's route 0 policy as the scenario file writes it, read for the gateway-route form (N9's finding 7). */
export interface RouteNow {
  gateway: string;
  policy: Record<string, unknown>;
}

/**
 * The change the form describes (`{ type, [field]: chosen, ...details }`), or its problems: details that are not a
 * JSON object (details.ts readDetails), or no target to change this way. A gateway-route change to route 0 of the
 * gateway whose policy `routeNow` holds is sent with only the fields it changes (changedFieldsOnly). Pure.
 */
export function buildChange(type: ChangeType, details: string, chosen: string, routeNow: RouteNow | null): { ok: true; change: Record<string, unknown> } | { ok: false; problems: Problem[] } {
  const field = KINDS[type].field;
  const d = readDetails(details, detailsExample(type));
  if (!d.ok) return { ok: false, problems: [d.problem] };
  if (!chosen) return { ok: false, problems: [{ path: `change.${field}`, message: `this scenario has no ${field} to change this way` }] };
  const change = { type, [field]: chosen, ...d.rest };
  // A gateway route's fields left as the route has them change nothing: said and sent without them.
  const sameRoute = type === 'gateway-route' && routeNow?.gateway === chosen && (d.rest.route ?? 0) === 0;
  return { ok: true, change: sameRoute ? changedFieldsOnly(change, routeNow.policy) : change };
}

/**
 * The form a suggested alternative (reach.ts: the same fields on the caller's own route) fills in: its type, its
 * target (the field its type names) and the rest as the details' text. Pure; an unknown type throws.
 */
export function alternativeForm(alt: Record<string, unknown>): { type: ChangeType; target: string; details: string } {
  const type = alt.type as ChangeType;
  const field = KINDS[type].field;
  const rest = Object.fromEntries(Object.entries(alt).filter(([k]) => k !== 'type' && k !== field));
  return { type, target: String(alt[field]), details: formatDetails(rest) };
}

/** What the form says after a change of `type` was applied at `atMs` (simulated ms). Pure. */
export function appliedNote(type: ChangeType, atMs: number): string {
  return `Changed at ${(atMs / 1000).toFixed(1)} s; ${type === 'gateway-route' ? "the gateway takes it at once (a gateway is configured directly, not by the mesh's control plane)" : 'each proxy takes it when its control plane pushes it'}.`;
}

/** One line of the list of changes made: when, and how far it has spread (a gateway's at once). Pure. */
export function rolloutLine(r: RolloutFigure): string {
  const spread = r.gateway !== undefined ? gatewayRolloutWords(r.gateway, r.proxies) : r.allAtMs === null ? `${r.applied} of ${r.proxies} proxies have it` : `all ${r.proxies} proxies had it ${((r.allAtMs - r.atMs) / 1000).toFixed(1)} s later`;
  return `change ${r.change + 1} at ${(r.atMs / 1000).toFixed(1)} s: ${spread}`;
}

/** Resolves once the store holds a run's recipe (the scenario has opened), at once when it does; after 60 s at most. */
export function recipeReady(store: { getState(): { recipe: unknown }; subscribe(f: (s: { recipe: unknown }) => void): () => void }): Promise<void> {
  if (store.getState().recipe) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      off();
      clearTimeout(timer);
      resolve();
    };
    const off = store.subscribe((s) => void (s.recipe && done()));
    const timer = setTimeout(done, 60_000);
  });
}

/**
 * The details box after a text the form fills in by itself arrives (the reach worker's acting
 * default, a gateway's route as the file has it): `next` when the box still holds only text the
 * form put there (`auto`, such as the kind's default or the last text filled in) and the person is
 * not in it; else the box as it stands (`box`). `editing`: the box has focus. Pure.
 *
 * Where the rule comes from: an answer that landed while a person was in the box, between selecting
 * its text and typing over it, put the default back under the selection, and what was typed went
 * after it: '{…retries…}{"policy": {"timeout": "5ms"}}', not JSON, so `b` made no branch
 * (branch.spec at 1024x768 in CI at 5c08d31, both tries; 2 in 10 here at load 20-30).
 */
export function filledDetails(box: string, next: string, auto: readonly string[], editing: boolean): string {
  return !editing && auto.includes(box) ? next : box;
}
