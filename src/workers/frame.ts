// Packing a frame's typed arrays from the world and the messages in flight: the dots, the
// per-node and per-edge figures and the run's counters (see protocol.ts for each layout).
import { ConfigState, backlogMs, heldAt, waitAt, type World } from '../models';
import { sampledOneIn } from '../sim-engine';
import { serviceUtilization, writeEdgeCounts, type EdgeWindowCounts } from './edgeWindow';
import { FAILED, RESPONSE, RETRY, SAMPLED, type InFlight } from './InFlight';
import { Counter, DOT_STRIDE, DotFate, EDGE_STRIDE, MAX_DOTS, NODE_STRIDE, NodeField, SATURATED_WAIT_MS, packDotRequest } from './protocol';

/**
 * The dot-sampling stride for `inFlight` messages: 1 up to MAX_DOTS, else the least k with
 * ceil(inFlight / k) <= MAX_DOTS, so one message in k is drawn (dotSampledSeq). Pure.
 */
export function dotStride(inFlight: number): number {
  return inFlight <= MAX_DOTS ? 1 : Math.ceil(inFlight / MAX_DOTS);
}

/**
 * Whether the message with send number `seq` gets a dot at stride `every`: one in `every`,
 * chosen by a fixed scramble of the number (sampledOneIn), not by `seq % every`, which aliased
 * with any periodic sender: ten constant-rate clients sending in turn at stride 5 drew every dot
 * on two of their ten links (session 25). Pure; the same message keeps its answer from frame to frame.
 */
export function dotSampledSeq(seq: number, every: number): boolean {
  return sampledOneIn(seq, every);
}

/**
 * The dots of the first `kept` messages of `m` at `now` (simulated ms), DOT_STRIDE floats each,
 * at most MAX_DOTS, and the stride they were sampled with (dotStride). Uniform sampling: one
 * message in k by its send number (dotSampledSeq), so each dot stands for k messages of any age
 * and sender, and a message keeps its dot (or its absence) from frame to frame. Reads `m` only.
 */
export function packDots(m: InFlight, now: number, kept: number): { dots: Float32Array; every: number } {
  const every = dotStride(kept);
  let drawn = 0;
  if (every === 1) drawn = kept;
  else for (let i = 0; i < kept; i++) if (dotSampledSeq(m.seq[i], every)) drawn++;
  drawn = Math.min(drawn, MAX_DOTS);
  const dots = new Float32Array(drawn * DOT_STRIDE);
  for (let i = 0, j = 0; i < kept && j < dots.length; i++) {
    if (every > 1 && !dotSampledSeq(m.seq[i], every)) continue;
    dots[j] = m.edge[i];
    dots[j + 1] = Math.max(0, Math.min(1, (now - m.t0[i]) / (m.t1[i] - m.t0[i])));
    const flags = m.flags[i];
    dots[j + 2] = flags & RESPONSE;
    dots[j + 3] = flags & FAILED ? DotFate.failed : flags & RETRY ? DotFate.retry : DotFate.onItsWay;
    packDotRequest(dots, j, m.req[i], (flags & SAMPLED) !== 0);
    j += DOT_STRIDE;
  }
  return { dots, every };
}

/**
 * Replicas already counted as ejected in the nodes being packed, as service * 2^20 + replica.
 * Scratch for packNodes alone, empty between its calls.
 */
const ejectedMarks = new Set<number>();

/** Whether this replica was already counted in the nodes being packed; marks it counted. */
function ejectedSeen(service: number, replica: number): boolean {
  const key = service * 1048576 + replica;
  if (ejectedMarks.has(key)) return true;
  ejectedMarks.add(key);
  return false;
}

/**
 * The per-node figures at `now` (simulated ms), NODE_STRIDE floats per topology node: each
 * service's replicas busy, queued, down and with stale or no config, its utilization (0..1,
 * over `recent`, the link labels' window, when given and not empty; else since the start) and
 * ejections, its sidecars' backlog (held, longest wait, how many saturated) and how many hold STRICT; each control plane's cumulative connections and pushes and whether it and its CA
 * are up. Reads the world only.
 */
export function packNodes(w: World, now: number, recent: EdgeWindowCounts | null = null): Float32Array {
  const nodes = new Float32Array(w.topology.nodes.length * NODE_STRIDE);
  let base = 0;
  for (const s of w.callees) {
    let busy = 0;
    let queued = 0;
    let down = 0;
    let stale = 0;
    let noConfig = 0;
    let held = 0;
    let wait = 0;
    let saturated = 0;
    let meshed = 0;
    let strict = 0;
    s.replicas.forEach((r, i) => {
      busy += r.busy;
      queued += r.queued;
      const host = s.hosts[i];
      if (!w.network.hosts[host].up) down++;
      const sc = w.sidecarOfHost[host];
      // As the inspector counts them (inspect.ts inspectService): a host with a sidecar, and whether it holds STRICT.
      if (sc) {
        meshed++;
        if (w.strictHost[host]) strict++;
      }
      if (sc && !sc.inline) {
        if (sc.config === ConfigState.stale) stale++;
        else if (sc.config === ConfigState.none) noConfig++;
        held += heldAt(sc, now);
        const w1 = waitAt(sc, now);
        if (w1 > wait) wait = w1;
        if (w1 >= SATURATED_WAIT_MS) saturated++;
      }
    });
    const o = s.id * NODE_STRIDE;
    nodes[o + NodeField.busy] = busy;
    nodes[o + NodeField.queued] = queued;
    // Over the link labels' window (the last second) when there is one, else since the start.
    const recentUtil = recent === null ? NaN : serviceUtilization(recent, s, base);
    nodes[o + NodeField.utilization] = Number.isNaN(recentUtil) ? s.utilization(now) : recentUtil;
    base += s.replicas.length;
    nodes[o + NodeField.down] = down;
    nodes[o + NodeField.stale] = stale;
    nodes[o + NodeField.noConfig] = noConfig;
    nodes[o + NodeField.proxyHeld] = held;
    nodes[o + NodeField.proxyWait] = wait;
    nodes[o + NodeField.proxySaturated] = saturated;
    nodes[o + NodeField.meshed] = meshed;
    nodes[o + NodeField.strict] = strict;
  }
  // Ejections (outlier detection): a replica counts once however many callers eject it.
  for (const r of w.routes) {
    if (r.ejectedCount === 0) continue;
    const o = r.service * NODE_STRIDE;
    for (let i = 0; i < r.hosts.length; i++) {
      const until = r.ejectedUntil[i];
      if (!(until > now)) continue;
      if (!ejectedSeen(r.service, i)) nodes[o + NodeField.ejected]++;
      const first = nodes[o + NodeField.ejectedUntil];
      if (first === 0 || until < first) nodes[o + NodeField.ejectedUntil] = until;
    }
  }
  ejectedMarks.clear();
  for (const cp of w.controlPlanes) {
    const o = cp.id * NODE_STRIDE;
    // Cumulative counts, so the UI can pulse the config lines when they grow.
    nodes[o + NodeField.busy] = cp.connections;
    nodes[o + NodeField.queued] = cp.pushes;
    nodes[o + NodeField.down] = cp.up ? 0 : 1;
    nodes[o + NodeField.stale] = cp.caUp ? 0 : 1;
  }
  return nodes;
}

/** The per-edge counts since the run began, EDGE_STRIDE floats per edge (writeEdgeCounts). Reads the world only. */
export function packEdges(w: World): Float64Array {
  const edges = new Float64Array(w.edgeStats.length * EDGE_STRIDE);
  w.edgeStats.forEach((e, i) => writeEdgeCounts(e, edges, i));
  return edges;
}

/**
 * The run's counters at `now` (simulated ms; see Counter): requests sent, ok, failed and in
 * flight, latency quantiles and mean, events, the sidecars' CPU ms, passes and backlog, and the retries
 * circuit breakers refused. Reads the world only.
 */
export function packCounters(w: World, now: number): Float64Array {
  const counters = new Float64Array(Counter.length);
  counters[Counter.sent] = w.sent;
  counters[Counter.ok] = w.ok;
  counters[Counter.failed] = w.failed;
  counters[Counter.inFlight] = w.inFlight;
  counters[Counter.p50] = w.latency.quantile(0.5);
  counters[Counter.p90] = w.latency.quantile(0.9);
  counters[Counter.p99] = w.latency.quantile(0.99);
  counters[Counter.events] = w.sim.events;
  counters[Counter.mean] = w.latency.mean;
  // Sidecars only: a gateway's own (inline) proxy costs nothing here.
  let cpu = 0;
  let passes = 0;
  let proxies = 0;
  let halves = 0;
  let backlog = 0;
  let held = 0;
  let wait = 0;
  for (const sc of w.sidecars) {
    if (sc.inline) continue;
    proxies++;
    cpu += sc.cpuMs(now);
    backlog += backlogMs(sc, now);
    held += heldAt(sc, now);
    wait = Math.max(wait, waitAt(sc, now));
    passes += sc.passes;
    halves += sc.handshakes;
  }
  counters[Counter.proxyCpuMs] = cpu;
  counters[Counter.proxyPasses] = passes;
  counters[Counter.proxies] = proxies;
  // Each half costs the same (World.tlsHandshakeCpuMs); one still running at `now` counts whole.
  counters[Counter.proxyHandshakeCpuMs] = halves * w.tlsHandshakeCpuMs;
  counters[Counter.proxyBacklogMs] = backlog;
  counters[Counter.proxyHeld] = held;
  counters[Counter.proxyWaitMs] = wait;
  let refused = 0;
  for (const r of w.routes) refused += r.retryOverflows;
  counters[Counter.retryOverflows] = refused;
  const [links, most] = refusedLinks(w, refused);
  counters[Counter.retryOverflowLinks] = links;
  counters[Counter.retryOverflowEdge] = most;
  let expired = 0;
  let firstMs = -1;
  let firstEdge = -1;
  for (const r of w.routes) {
    const pool = r.pool;
    expired += pool.expiredCertFailures;
    if (pool.firstExpiredCertMs >= 0 && (firstMs < 0 || pool.firstExpiredCertMs < firstMs || (pool.firstExpiredCertMs === firstMs && r.edge < firstEdge))) {
      firstMs = pool.firstExpiredCertMs;
      firstEdge = r.edge;
    }
  }
  counters[Counter.expiredHandshakes] = expired;
  counters[Counter.expiredHandshakeFirstMs] = firstMs;
  counters[Counter.expiredHandshakeEdge] = firstEdge;
  return counters;
}

/**
 * Which links the circuit breakers refused retries on (`refused`: their sum over every route, Counter.retryOverflows):
 * how many links, and the edge id with the most (the lowest id of a tie); [0, -1] when none. Allocates only when some
 * retry was refused. Reads the world only.
 */
export function refusedLinks(w: World, refused: number): [links: number, edge: number] {
  if (refused <= 0) return [0, -1];
  const per = new Float64Array(w.edgeStats.length);
  for (const r of w.routes) per[r.edge] += r.retryOverflows;
  let links = 0;
  let most = -1;
  for (let e = 0; e < per.length; e++) {
    if (per[e] <= 0) continue;
    links++;
    if (most < 0 || per[e] > per[most]) most = e;
  }
  return [links, most];
}
