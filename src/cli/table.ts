import { formatDuration } from '../scenario';
import type { RunSummary } from '../models';

/** A readable summary of one run for a terminal. */
export function formatSummary(s: RunSummary): string {
  const lines: string[] = [];
  const pct = (n: number) => (s.requests.sent ? ((100 * n) / s.requests.sent).toFixed(2) + '%' : '-');
  lines.push(`scenario ${s.scenario}   seed ${s.seed}   simulated ${formatDuration(s.simulatedMs)}   ${s.events.toLocaleString('en-US')} events in ${s.wallMs.toFixed(0)} ms wall   trace ${s.traceHash}`);
  lines.push('');
  lines.push(`requests  sent ${s.requests.sent}   ok ${s.requests.ok} (${pct(s.requests.ok)})   failed ${s.requests.failed} (${pct(s.requests.failed)})   in flight ${s.requests.inFlight}`);
  const causes = Object.entries(s.failures);
  if (causes.length) lines.push(`failures  ${causes.map(([c, n]) => `${c} ${n}`).join('   ')}`);
  const l = s.latencyMs;
  lines.push(`latency   mean ${ms(l.mean)}   p50 ${ms(l.p50)}   p90 ${ms(l.p90)}   p99 ${ms(l.p99)}   max ${ms(l.max)}   (ok requests)`);
  lines.push('');
  const rows = [['service', 'requests', 'ok', 'failed', 'p50', 'p90', 'p99', 'utilization']];
  for (const [name, v] of Object.entries(s.services)) {
    rows.push([name, String(v.requests), String(v.ok), String(v.failed), ms(v.latencyMs.p50), ms(v.latencyMs.p90), ms(v.latencyMs.p99), `${(v.utilization * 100).toFixed(1)}%`]);
  }
  lines.push(...table(rows));
  const edges = Object.entries(s.edges);
  if (edges.length) {
    lines.push('');
    const er = [['edge (caller view)', 'requests', 'ok', 'failed', 'retries', 'p50', 'p99']];
    for (const [name, e] of edges) er.push([name, String(e.requests), String(e.ok), String(e.failed), String(e.retries), ms(e.latencyMs.p50), ms(e.latencyMs.p99)]);
    lines.push(...table(er));
  }
  const proxies = Object.entries(s.proxies);
  if (proxies.length) {
    lines.push('');
    const pr = [['sidecar', 'passes', 'cpu', 'utilization']];
    for (const [name, p] of proxies) pr.push([name, String(p.passes), `${(p.cpuMs / 1000).toFixed(2)} s`, `${(p.utilization * 100).toFixed(1)}%`]);
    lines.push(...table(pr));
  }
  return lines.join('\n');
}

function ms(v: number): string {
  return formatDuration(v);
}

function table(rows: string[][]): string[] {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  '));
}
