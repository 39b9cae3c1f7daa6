import { z } from 'zod';
import type { Problem } from './parse';
import type { Scenario } from './schema';
import { formatCount } from './numberText';
import { anySidecar } from './references';

/**
 * How big a scenario may be. Each limit keeps a run that the CLI or a browser tab can build
 * and run in seconds and in well under 2 GB, yet admits Istio's full load test (1,000
 * services × 2 replicas with a sidecar each, and a meshed load generator per service: 3,000
 * hosts, 3,000 sidecars, 2,000 nodes).
 *
 * Measured (Node 20, the shared 2-core machine, `npm run sim`, 1 s simulated, placement
 * latencies, max RSS): that full load test, 3,000 sidecars × 1,000 services, runs in 6 s at
 * 197 MB; 1,250 meshed services × 3 replicas with 1,250 meshed clients (5,000 sidecars, the
 * limit) in 4 s at 211 MB; 10,000 hosts and 5,000 nodes without sidecars 3.4 s and 310 MB;
 * a chain of five meshed services of 1,000 replicas each (4,000,000 route entries, 5,001
 * sidecars) 3.8 s and 690 MB. (Before sidecars kept endpoints only for their routes, the full
 * load test took 844 MB.)
 */

/** Replicas of one service or gateway. */
export const MAX_REPLICAS = 1_000;
/** Workers (concurrency) of one service or gateway replica. */
export const MAX_WORKERS = 10_000;
/** Worker threads of one sidecar. */
export const MAX_PROXY_WORKERS = 64;
/** Users of all closed-loop clients together (and so of any one). */
export const MAX_USERS = 1_000_000;
/** Hosts: every replica of every service and gateway, every client, every control plane. */
export const MAX_HOSTS = 10_000;
/** Sidecars (one per meshed replica or client). */
export const MAX_PROXIES = 5_000;
/** Topology nodes: services, gateways and clients. */
export const MAX_NODES = 5_000;
/** Route entries: for each call, client and gateway upstream, caller hosts × callee replicas. */
export const MAX_ROUTE_ENTRIES = 4_000_000;

const en = formatCount;
/** "1 client", "2 clients". */
const count = (n: number, what: string) => `${en(n)} ${what}${n === 1 ? '' : 's'}`;

/** A whole number from 1 to `max`, with the reason for the bound in its message. */
function boundedCount(max: number, why: string) {
  const tooBig = `must be at most ${en(max)}: ${why}`;
  // zod's int() also refuses numbers past 2^53 as too big: say the same as max() then.
  return z
    .number()
    .int({ error: (issue) => (issue.code === 'invalid_type' ? 'must be a whole number' : tooBig) })
    .min(1, { message: 'must be at least 1' })
    .max(max, { message: tooBig });
}

/** A service's or gateway's `replicas`. */
export const replicaCount = boundedCount(MAX_REPLICAS, 'every caller keeps connections, balancer and ejection state for each replica it calls, so replicas multiply into every caller');
/** A service's or gateway's `concurrency` (workers per replica). */
export const workerCount = boundedCount(MAX_WORKERS, 'a replica with more workers than that is better written as more replicas');
/** A sidecar's `concurrency` (Envoy worker threads). */
export const proxyWorkerCount = boundedCount(MAX_PROXY_WORKERS, 'Envoy runs one worker thread per core, and each pass through the proxy looks at every worker for the first one free');
/** A closed-loop client's `users`. */
export const userCount = boundedCount(MAX_USERS, 'every user always has a request or a think time pending, and each holds memory in the event queue');

const rec = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const lengthOf = (v: unknown) => (Array.isArray(v) ? v.length : 0);

/**
 * A cheap look at raw data before the schema reads it: too many services, gateways and clients
 * is refused at once, so a file of 150,000 services costs a count rather than a full parse
 * and every check after it. Empty when the counts are within MAX_NODES.
 */
export function checkNodeCount(data: unknown): Problem[] {
  if (!rec(data)) return [];
  return nodeCountProblems({ services: lengthOf(data.services), gateways: lengthOf(data.gateways), clients: lengthOf(data.clients) });
}

/** The node lists a scenario's top level holds, whose entries each become a node. */
const NODE_LISTS = ['services', 'gateways', 'clients'] as const;
export type NodeCounts = Record<(typeof NODE_LISTS)[number], number>;

function nodeCountProblems(parts: NodeCounts): Problem[] {
  const total = parts.services + parts.gateways + parts.clients;
  if (total <= MAX_NODES) return [];
  return [{ path: largest(parts), message: nodesMessage(parts, total) }];
}

/**
 * `checkNodeCount` for YAML text not yet read: the block-sequence entries (`- ...` lines) directly
 * under the top-level `services:`, `gateways:` and `clients:` keys, found by a scan of the lines,
 * so a file of far too many nodes is refused before the YAML parser reads it all (it read a
 * 6.8 MB file of 125,000 services in 15-25 s here; the scan takes milliseconds). Lists written
 * in flow style (`services: [...]`) are not counted here: the count after reading finds them.
 * Empty when the counts are within MAX_NODES.
 */
export function checkYamlNodeCount(text: string): Problem[] {
  return nodeCountProblems(countYamlNodes(text));
}

/** The entries of the top-level block lists `services`, `gateways` and `clients` of YAML text, by a scan of its lines (see checkYamlNodeCount). */
export function countYamlNodes(text: string): NodeCounts {
  const parts: NodeCounts = { services: 0, gateways: 0, clients: 0 };
  // The list whose entries the lines below belong to, and the indent of its entries' dashes.
  let list: keyof NodeCounts | null = null;
  let indent = -1;
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const c = text.charCodeAt(start);
    // A top-level key (no indent, not a comment, a dash or a document marker) ends the list before it.
    if (c !== 32 && c !== 9 && c !== 35 && c !== 45 && c !== 10 && c !== 13) {
      const key = /^([a-z]+):[ \t]*(#.*)?\r?$/.exec(text.slice(start, Math.min(end, start + 64)));
      list = key !== null && (NODE_LISTS as readonly string[]).includes(key[1]) ? (key[1] as keyof NodeCounts) : null;
      indent = -1;
    } else if (list !== null) {
      let i = start;
      while (i < end && text.charCodeAt(i) === 32) i++;
      if (text.charCodeAt(i) === 45 && (i + 1 === end || text.charCodeAt(i + 1) === 32 || text.charCodeAt(i + 1) === 13)) {
        // The first entry sets the indent of the list's dashes; a dash deeper in belongs to an entry.
        if (indent < 0) indent = i - start;
        if (i - start === indent) parts[list]++;
      }
    }
    start = end + 1;
  }
  return parts;
}

function nodesMessage(parts: { services: number; gateways: number; clients: number }, total: number): string {
  return `${count(parts.services, 'service')}, ${count(parts.gateways, 'gateway')} and ${count(parts.clients, 'client')} make ${en(total)} nodes, more than ${en(MAX_NODES)}: every node is built, checked and drawn, and a bigger graph no longer fits a run of seconds or a readable picture (the scenario was not checked further)`;
}

/** The key of the biggest count: where a total over its limit mostly comes from. */
function largest(parts: Record<string, number>): string {
  let best = '';
  for (const [k, n] of Object.entries(parts)) if (best === '' || n > parts[best]) best = k;
  return best;
}

/**
 * Totals over the whole scenario: users, hosts, sidecars, and the two products that grow as
 * a square (callers × callee replicas; a sidecar keeps endpoints only for what it routes to, so
 * that product bounds its views too). Each problem gives the count,
 * the limit and why. Per-field bounds (replicas, workers, users of one client) are the
 * schema's.
 */
export function checkSizes(s: Scenario): Problem[] {
  const problems: Problem[] = [];
  const users = s.clients.reduce((n, c) => n + (c.type === 'closed' ? c.users : 0), 0);
  if (users > MAX_USERS) {
    problems.push({ path: 'clients', message: `closed-loop clients have ${en(users)} users in all, more than ${en(MAX_USERS)}: every user always has a request or a think time pending, and each holds memory in the event queue` });
  }
  const meshed = (sidecar: unknown) => sidecar !== false;
  const hosts = { services: 0, gateways: 0, clients: s.clients.length };
  const proxies = { services: 0, clients: 0 };
  for (const svc of s.services) {
    hosts.services += svc.replicas;
    if (meshed(svc.sidecar)) proxies.services += svc.replicas;
  }
  for (const g of s.gateways) hosts.gateways += g.replicas;
  for (const c of s.clients) if (meshed(c.sidecar)) proxies.clients++;
  // Without `meshes`, an implicit one when anything has a sidecar.
  const controlPlanes = s.meshes.length || (anySidecar(s) ? 1 : 0);
  const hostTotal = hosts.services + hosts.gateways + hosts.clients + controlPlanes;
  if (hostTotal > MAX_HOSTS) {
    problems.push({
      path: largest(hosts),
      message: `${en(hostTotal)} hosts (${count(hosts.services, 'service replica')}, ${count(hosts.gateways, 'gateway replica')}, ${count(hosts.clients, 'client')}, ${count(controlPlanes, 'control plane')}), more than ${en(MAX_HOSTS)}: each host has its own connections, random streams and place in the network, and the run would no longer build in seconds`,
    });
  }
  const proxyTotal = proxies.services + proxies.clients;
  if (proxyTotal > MAX_PROXIES) {
    problems.push({
      path: largest(proxies),
      message: `${en(proxyTotal)} sidecars (${en(proxies.services)} on service replicas, ${en(proxies.clients)} on clients), more than ${en(MAX_PROXIES)}: each sidecar has its workers, certificate, control-plane stream and view of the mesh`,
    });
  }
  const replicasOf = new Map<string, number>([...s.services.map((x) => [x.name, x.replicas] as const), ...s.gateways.map((g) => [g.name, g.replicas] as const)]);
  let entries = 0;
  for (const c of s.clients) entries += replicasOf.get(c.target) ?? 0;
  for (const svc of s.services) {
    for (const call of svc.calls) {
      // A call with routes keeps clusters for every service they name.
      const names = call.routes === undefined ? [call.service] : new Set([call.service, ...call.routes.flatMap((r) => r.to.map((d) => d.service))]);
      for (const n of names) entries += svc.replicas * (replicasOf.get(n) ?? 0);
    }
  }
  for (const g of s.gateways) {
    const upstreams = new Set(g.routes.flatMap((r) => [r.service, ...(r.canary ?? []).map((c) => c.service)]));
    for (const u of upstreams) entries += g.replicas * (replicasOf.get(u) ?? 0);
  }
  if (entries > MAX_ROUTE_ENTRIES) {
    problems.push({
      path: 'services',
      message: `calls between replicas need ${en(entries)} route entries (for each call, the caller's replicas × the callee's), more than ${en(MAX_ROUTE_ENTRIES)}: each caller replica keeps connection pools, balancer and ejection state for every replica it calls (about 135 bytes each, so about ${gb(entries * 135)}); use fewer replicas on services that call each other`,
    });
  }
  return problems;
}

function gb(bytes: number): string {
  return `${(bytes / 1e9).toFixed(1)} GB`;
}
