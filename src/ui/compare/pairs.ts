// The ready-made pairs the scenario picker offers for the compare view: each sets two shipped
// scenarios side by side on one seeded workload (issue 12, item 1).
import { DEFAULT_SPEED_ID } from '../sim/speeds';

/** A pair of shipped scenarios by file name (A on the left, B on the right) and why they go together. */
export interface ComparePair {
  a: string;
  b: string;
  /** What the pair shows, for the picker. */
  label: string;
  /** What differs between A and B, beside the label (the picker's tooltip, the compare view's list); absent where the label says it. */
  about?: string;
  /** The client the figures open on (`scope=`), where the runs' clients differ; absent: every client's. */
  scope?: string;
}

/** The pairs the picker offers, in its order. Each name is a file in scenarios/. */
export const READY_PAIRS: readonly ComparePair[] = [
  { a: 'gateway-only', b: 'mesh-only', label: 'Gateway only vs mesh only' },
  {
    a: 'gateway-only',
    b: 'gateway-and-mesh',
    label: 'Gateway only vs gateway and mesh',
    about: "B adds a mesh behind the gateway, timeouts nested, and 3 clients the gateway refuses or retires (old-app, bulk-export, scraper); figures open on shoppers, the client both have",
    scope: 'shoppers',
  },
  { a: 'retry-storm', b: 'retry-storm-fixed', label: 'Retry storm vs retries at one layer' },
  {
    a: 'partial-adoption',
    b: 'partial-adoption-fixed',
    label: 'Partial adoption: a team without sidecars vs with',
    about: "B gives reports and search sidecars (and sets catalog STRICT): the analysts' calls to orders get in, and the searchers' 503s are retried away",
  },
  {
    a: 'control-plane-boundary',
    b: 'control-plane-boundary-fixed',
    label: 'Control plane out of reach vs one behind the boundary',
    about: 'B gives ledger and fraud-check a control plane and CA of their own in zone-c and bridges the two meshes with a gateway: their proxies get config, and checkouts stop failing',
  },
  {
    a: 'third-party-direct',
    b: 'third-party-service',
    label: 'Partner API: called directly vs via an egress gateway',
    about: "B sends checkout's calls to the partner through an egress gateway that holds them to the contract (429 past 20/s) and cuts them at 300 ms",
  },
  { a: 'two-meshes-direct', b: 'two-meshes-via-gateway', label: 'Two meshes: direct vs via a gateway' },
  { a: 'istio-load-test-baseline', b: 'istio-load-test', label: 'Istio load test: no sidecars vs sidecars' },
];

/**
 * The link that opens a pair in the compare view (relative: `?compare=a,b`), with `&scope=` when `scope` names a client, `&speed=` when `speedId` is given
 * and is not the default (DEFAULT_SPEED_ID, which the compare view starts at anyway). The single view passes its
 * speed: a person's speed is theirs, and every other way into a compare keeps it (Open file… with two files, your
 * file vs a shipped one, a change's or a fault's branch), so a ready pair does too (session 42). Pure.
 */
export function pairHref(a: string, b: string, speedId?: string, scope?: string): string {
  const speed = speedId && speedId !== DEFAULT_SPEED_ID ? `&speed=${encodeURIComponent(speedId)}` : '';
  return `?compare=${encodeURIComponent(a)},${encodeURIComponent(b)}${speed}${scope ? `&scope=${encodeURIComponent(scope)}` : ''}`;
}

/**
 * The client a ready pair's stories are about (its `scope`: "shoppers" for gateway-only vs
 * gateway-and-mesh, the one client both runs have), for `a` and `b` in either order; undefined for
 * any other pair. A link to such a pair without `scope=` opens its figures on this client (trial
 * T4, 1: a bare link, as the README writes them, counted the gateway's intended refusals of B's
 * other clients as failures, 22.1% vs 16.9%). Pure.
 */
export function lessonClient(a: string, b: string): string | undefined {
  return READY_PAIRS.find((p) => p.scope && ((p.a === a && p.b === b) || (p.a === b && p.b === a)))?.scope;
}

/**
 * Whether no pair will open in the compare view: its link named none that opens, or a side failed
 * before both opened. The pairs are offered then, and there is nothing to present or share. Pure.
 */
export function noPair(panes: { readonly length: number }, s: { pair: readonly [string, string] | null; status: string }): boolean {
  return !s.pair || (s.status === 'failed' && panes.length < 2);
}
