import { formatDuration } from '../scenario';
import type { RunSummary } from '../models';
import { CALLEE_LOGGED_FLAGS, plainCallerSees, responseFlagOf, type SocketError } from '../models/envoy/responseFlags';
import type { LatencyCounts } from './latencyCounts';
import { changeKey, type ChangeNote } from '../models/lint/changeNotes';
import { gatewayRolloutWords } from '../models/mesh/rolloutWords';
import { GATEWAY_RETRY_LINE, gatewayRetries, shareText } from './gatewayRetries';

/** The line under the services' table: what its counts are of (the app's words for calls and tries). */
export const TRIES_LINE = 'attempts received: every attempt its callers sent the service, retries included (a call retried twice is 3 attempts); ok and failed count those attempts, p50-p99 the ok ones';

/**
 * The line under run's requests: the failed share of the requests that ended (ok + failed), one
 * decimal, the denominator a story step and its lesson figure use ("17.0% of the 9,237 requests
 * that ended"), as the app's failed counter does since session 54 ("14.1% of 64 ended"); the line above
 * gives shares of those sent, in flight included, as compare's figures table does (trials N15, 11;
 * T1, 4). Pure; none ended gives "-".
 */
export function endedLine(ok: number, failed: number): string {
  const ended = ok + failed;
  const share = ended > 0 ? `${((100 * failed) / ended).toFixed(1)}%` : '-';
  return `ended     ${ended.toLocaleString('en-US')}: failed ${share} of them (of the requests that ended, as a story step's figure and the app's failed counter)`;
}

/**
 * A readable summary of one run for a terminal. `counts`: how many latencies each figure holds
 * (latencyCounts); a latency is printed only where some ok request was measured, "-" elsewhere,
 * with a line saying why when ok requests were all sent in the warm-up. Without `counts`, the ok
 * counts decide.
 */
export function formatSummary(s: RunSummary, counts?: LatencyCounts, notes: readonly ChangeNote[] = []): string {
  const lines: string[] = [];
  const pct = (n: number) => (s.requests.sent ? ((100 * n) / s.requests.sent).toFixed(2) + '%' : '-');
  lines.push(`scenario ${s.scenario}   seed ${s.seed}   simulated ${formatDuration(s.simulatedMs)}   ${s.events.toLocaleString('en-US')} events in ${s.wallMs.toFixed(0)} ms wall   trace ${s.traceHash}`);
  lines.push('');
  lines.push(`requests  sent ${s.requests.sent}   ok ${s.requests.ok} (${pct(s.requests.ok)})   failed ${s.requests.failed} (${pct(s.requests.failed)})   in flight ${s.requests.inFlight} (${pct(s.requests.inFlight)})   (shares of the requests sent, as compare's figures table)`);
  lines.push(endedLine(s.requests.ok, s.requests.failed));
  const causes = Object.entries(s.failures);
  if (causes.length) lines.push(`failures  ${causes.map(([c, n]) => withFlag(c, n, !envoyMet(s, c))).join('   ')}${codes(s.httpErrors, '   HTTP ')}`);
  const l = s.latencyMs;
  // Ok requests whose latencies are all unmeasured (sent in the warm-up): said under the tables.
  let warmOnly = 0;
  const measured = (ok: number, n: number | undefined) => {
    if (ok > 0 && n === 0) warmOnly++;
    return n ?? ok;
  };
  const lm = (v: number) => okMs(measured(s.requests.ok, counts?.requests), v);
  lines.push(`latency   mean ${lm(l.mean)}   p50 ${lm(l.p50)}   p90 ${lm(l.p90)}   p99 ${lm(l.p99)}   max ${lm(l.max)}   (ok requests)`);
  lines.push('');
  // A service counts tries, not calls: every try its callers sent it, retries included, and of those
  // the ok and failed (ServiceSummary.requests is the service's arrivals). Headed 'requests' it read
  // as user requests beside the line above (retry-storm's payments: 3x the calls); the words are the
  // app's (calls against tries, 67ef04d): 'tries received (retries incl.)'.
  const rows = [['service', 'attempts received', 'ok', 'failed', 'p50', 'p90', 'p99', 'utilization']];
  for (const [name, v] of Object.entries(s.services)) {
    const n = measured(v.ok, counts?.services[name]);
    rows.push([name, String(v.requests), String(v.ok), String(v.failed), okMs(n, v.latencyMs.p50), okMs(n, v.latencyMs.p90), okMs(n, v.latencyMs.p99), `${(v.utilization * 100).toFixed(1)}%`]);
  }
  for (const line of table(rows)) lines.push(line);
  lines.push(TRIES_LINE);
  const edges = Object.entries(s.edges);
  if (edges.length) {
    lines.push('');
    // An edge counts the calls that ended (ok + failed; EdgeStats.record), not those sent: a call still
    // waiting at the end is in no column, so 'ended', where a service's 'requests' are those that arrived.
    // Retries a circuit breaker refused: a column only when some edge has them (trial N11, 2), with a line saying why.
    const refused = edges.filter(([, e]) => (e.retryOverflows ?? 0) > 0);
    const er = [['edge (caller view)', 'mTLS', 'ended', 'ok', 'failed', 'retries', ...(refused.length ? ['refused'] : []), 'p50', 'p99']];
    const how = ['failed how (on this hop / from further down)'];
    for (const [name, e] of edges) {
      const n = measured(e.ok, counts?.edges[name]);
      er.push([name, e.mtls ? 'yes' : 'no', String(e.requests), String(e.ok), String(e.failed), String(e.retries), ...(refused.length ? [String(e.retryOverflows ?? 0)] : []), okMs(n, e.latencyMs?.p50), okMs(n, e.latencyMs?.p99)]);
      how.push(failedHow(e, name));
    }
    // The last column is text: left-aligned after the figures.
    table(er).forEach((line, i) => lines.push(`${line}  ${how[i]}`.trimEnd()));
    for (const [name, e] of refused) lines.push(retryOverflowLine(name, e.retryOverflows));
  }
  if (warmOnly > 0) lines.push('', "latency -: no latency measured where every ok request was sent in the warm-up (latencies count only requests sent after it)");
  const proxies = Object.entries(s.proxies);
  if (proxies.length) {
    lines.push('');
    const pr = [['sidecar', 'passes', 'handshakes', 'cpu', 'utilization']];
    for (const [name, p] of proxies) pr.push([name, String(p.passes), String(p.handshakes), `${(p.cpuMs / 1000).toFixed(2)} s`, `${(p.utilization * 100).toFixed(1)}%`]);
    for (const line of table(pr)) lines.push(line);
  }
  // One row per mesh, as a table like the others: a line per mesh that began "mesh <name>" read
  // "mesh mesh" for the mesh every sidecar joins when the scenario names none (IMPLICIT_MESH).
  const meshes = Object.entries(s.meshes);
  if (meshes.length) {
    lines.push('');
    const mr = [['mesh', 'control plane', 'connections', 'pushes', 'proxies fresh', 'stale', 'no config', 'certs issued', 'renewed', 'renewals failed', 'expired']];
    for (const [name, m] of meshes) {
      const c = m.certificates;
      mr.push([name, m.controlPlane.up ? 'up' : 'DOWN', String(m.controlPlane.connections), String(m.controlPlane.pushes), String(m.proxies.fresh), String(m.proxies.stale), String(m.proxies.noConfig), String(c.issued), String(c.renewed), String(c.renewalsFailed), String(c.expired)]);
    }
    for (const line of table(mr)) lines.push(line);
  }
  const gateways = Object.entries(s.gateways);
  if (gateways.length) {
    lines.push('');
    // Retries made, refused and their CPU share per gateway (session 42; M3 had them in --json only).
    // The gateway's arrivals are tries too (a caller's retry through it arrives again).
    const gr = [['gateway', 'attempts received', 'forwarded', 'rejected', 'deprecated', 'retries', 'refused', 'cpu', 'retry cpu', 'utilization']];
    let retried = false;
    for (const [name, g] of gateways) {
      // The flag a gateway's own Envoy logs for its refusals (RL): on its row, not the caller's hop.
      const rejected = Object.entries(g.rejected).map(([cause, n]) => withFlag(cause, n, !CALLEE_LOGGED_FLAGS.has(responseFlagOf(cause)))).join(', ') || '0';
      const r = gatewayRetries(s, name)!;
      if (r.retries > 0 || r.refused > 0) retried = true;
      gr.push([name, String(g.requests), String(g.forwarded), rejected, String(g.deprecated), String(r.retries), String(r.refused), `${(g.cpuMs / 1000).toFixed(2)} s`, shareText(r.retryShare), `${(g.utilization * 100).toFixed(1)}%`]);
    }
    for (const line of table(gr)) lines.push(line);
    if (retried) lines.push(GATEWAY_RETRY_LINE);
    for (const note of rejectedNotes(s)) lines.push(note);
  }
  if (s.faults.length) {
    lines.push('');
    lines.push('faults');
    for (const f of s.faults) lines.push(`  ${f.type} ${f.target}${f.amount ? ` (${f.amount})` : ''}   ${formatDuration(f.startMs)} -> ${f.endMs === null ? 'end of run' : formatDuration(f.endMs)}`);
  }
  if (s.changes.length) {
    lines.push('');
    lines.push('config changes');
    const reach = new Map(notes.map((n) => [n.key, n]));
    for (const c of s.changes) {
      const spread = c.gateway !== undefined ? gatewayRolloutWords(c.gateway, c.proxies) : c.spreadMs === null ? `${c.applied} of ${c.proxies} proxies have it (the rest have not reached their control plane)` : `all ${c.proxies} proxies had it ${formatDuration(c.spreadMs)} later, at ${formatDuration(c.allMs!)}`;
      // A change no request feels is said first: the proxies got a config that changed nothing.
      const n = reach.get(changeKey(c));
      const reached = c.gateway !== undefined ? `it ${spread}` : `its config reached ${spread.replace(/ proxies had it /, ' proxies ').replace(/ proxies have it /, ' proxies ')}`;
      const how = n?.reach === 'none' ? `changed no request (see the warning above); ${reached}` : n?.reach === 'some' ? `${spread}; it acts on some paths only (see the warning above)` : spread;
      lines.push(`  ${c.type} ${c.target}   at ${formatDuration(c.atMs)}: ${how}`);
    }
  }
  return lines.join('\n');
}

/**
 * Why an edge's retries were refused, as a person reads it under the edges (trial N11, 2): `n` retries of `edge`'s
 * failed tries were not made because the caller's circuit breaker was full, each call failing with its try's error.
 */
export function retryOverflowLine(edge: string, n: number): string {
  return `refused   ${edge}: ${n} ${n === 1 ? 'retry' : 'retries'} not made: the caller's circuit breaker already had circuitBreaker.maxRetries retries in flight to that upstream (3 at a gateway unless set: Envoy's default) (Envoy's upstream_rq_retry_overflow); the call failed with its try's error. Raise the route's policy.circuitBreaker.maxRetries, or set policy.retries.budget`;
}

/** A latency, or "-" when no ok request was measured (there is no latency to show, not a zero one). */
function okMs(measuredOk: number, v: number | undefined): string {
  return measuredOk === 0 || v === undefined ? '-' : ms(v);
}

/**
 * Why the gateways' rejected count of a cause differs from the failures' count of it (N9, session
 * 39: "rate-limited 1096" under failures beside "rate-limited 1097" under the gateway). A gateway
 * counts a turn-away when it makes it; failures count a user request when its answer reaches the
 * client. So a few more rejections than failures are answers still on their way back when the run
 * stopped (at most the requests in flight); otherwise a caller retried a rejection, or one user
 * request was turned away more than once. One line per cause that differs; none when they agree.
 */
function rejectedNotes(s: RunSummary): string[] {
  const atGateways = new Map<string, number>();
  for (const g of Object.values(s.gateways)) for (const [cause, n] of Object.entries(g.rejected)) atGateways.set(cause, (atGateways.get(cause) ?? 0) + n);
  const out: string[] = [];
  for (const [cause, n] of atGateways) {
    const failed = s.failures[cause] ?? 0;
    const more = n - failed;
    if (more === 0) continue;
    const why =
      more > 0 && more <= s.requests.inFlight
        ? `the gateway counts a request when it turns it away, failures when the answer reaches the client: ${more} ${more === 1 ? 'answer was' : 'answers were'} still on the way back when the run stopped`
        : 'the gateway counts each request it turns away, failures each user request that ended so: a caller retried some, or a user request was turned away more than once';
    out.push(`  ${cause}: ${n} rejected at gateways, ${failed} in failures (${why})`);
  }
  return out;
}

/** An edge's failures: on this hop by cause (with HTTP codes), then those from further down. */
function failedHow(e: RunSummary['edges'][string], name: string): string {
  // A caller with no proxy: no Envoy flag, its socket's error (report.ts asPlainCaller).
  const seen = (cause: string) => (e.callerProxy === false ? plainCallerSees(cause) : null);
  const callee = name.slice(name.indexOf('->') + 2);
  const parts = Object.entries(e.failures).map(([cause, n]) => {
    const s = seen(cause);
    // A refusal the callee logs (a gateway's RL) carries its flag on the gateway's row: the caller's router logs none.
    return s === null ? withFlag(cause, n, CALLEE_LOGGED_FLAGS.has(responseFlagOf(cause))) : `${cause} ${n} (${SOCKET_WORDS[s](callee)}: no HTTP answer)`;
  });
  if (e.failedDownstream > 0) parts.push(`from further down ${e.failedDownstream}`);
  const drained = e.connections.drained;
  const drain = drained > 0 ? `${parts.length ? '; ' : ''}${drained} plaintext connection${drained === 1 ? '' : 's'} drained by STRICT` : '';
  return parts.join(', ') + codes(e.httpErrors, '; HTTP ') + drain;
}

/** What a caller with no proxy read from its socket, for `callee`: "connection reset by orders' sidecar". */
const SOCKET_WORDS: Record<SocketError, (callee: string) => string> = {
  reset: (callee) => `connection reset by ${callee}'${callee.endsWith('s') ? '' : 's'} sidecar`,
  refused: (callee) => `connection refused by ${callee}`,
  timeout: (callee) => `connect to ${callee} timed out`,
};

/**
 * Whether some Envoy met failures of `cause` on a hop: a caller with a proxy had some, or no hop
 * had any (a gateway's own refusals). Only a plain caller's connection failures have none.
 */
function envoyMet(s: RunSummary, cause: string): boolean {
  const hops = Object.values(s.edges).filter((e) => (e.failures[cause] ?? 0) > 0);
  return hops.length === 0 || hops.some((e) => e.callerProxy !== false || plainCallerSees(cause) === null);
}

/** "cause n", with Envoy's response flag for it: "timeout 12 [UT]" (envoy/responseFlags.ts); none when `noFlag`. */
function withFlag(cause: string, n: number, noFlag = false): string {
  const flag = noFlag ? '' : responseFlagOf(cause);
  return flag ? `${cause} ${n} [${flag}]` : `${cause} ${n}`;
}

/** The HTTP codes of failures after `lead`: "   HTTP 503 x10, 504 x2", or '' when none. */
function codes(httpErrors: Record<string, number>, lead: string): string {
  const list = Object.entries(httpErrors).map(([code, k]) => `${code} x${k}`);
  return list.length ? lead + list.join(', ') : '';
}

function ms(v: number): string {
  return formatDuration(v);
}

/**
 * Rows as aligned columns: the first left-aligned, the rest right-aligned. Any number of rows:
 * no row list is spread into a call (a spread of 125,000 overflows the stack).
 */
export function table(rows: string[][]): string[] {
  const widths = rows[0].map((_, c) => rows.reduce((w, r) => Math.max(w, r[c].length), 0));
  return rows.map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  '));
}
