// Words of the inspector's replica table (ReplicaTable.tsx) for what a replica serves and its
// proxy's CPU over the last simulated second. Pure.
import { SATURATED_WAIT_MS, type ReplicaInspect } from '../../workers/protocol';
import { formatCount, formatNumber, formatSimTime } from '../format';
import { servedPerSecond } from '../topology/zoneText';

const pct = (x: number) => `${formatNumber(100 * x, x < 0.1 ? 1 : 0)}%`;

/**
 * What a replica served over the last second, in words: per second (its count over the window,
 * which is a second long once the first second is out) and its share of all its service's
 * replicas served ("98 · 49%"), "0" when it served none, a dash before the first tenth of a
 * second (no window yet). Pure.
 */
export function servedNowText(r: Pick<ReplicaInspect, 'recent'>): string {
  if (!r.recent) return '—';
  const perSecond = servedPerSecond(r);
  if (r.recent.served === 0 || perSecond === null) return '0';
  return `${formatNumber(perSecond, perSecond < 10 ? 1 : 0)} · ${pct(r.recent.share)}`;
}

/**
 * A replica's proxy CPU as the table says it: over the last second when the window is there (a
 * replica down uses none, so it reads 0 while its figure since the start does not), else since
 * the start; a dash without a sidecar. Pure.
 */
export function proxyCpuText(r: Pick<ReplicaInspect, 'recent' | 'proxy'>): string {
  if (!r.proxy) return '—';
  return pct(r.recent?.proxyCpu ?? r.proxy.cpuUtilization);
}

/**
 * A replica's sidecar backlog as the table says it beside its CPU: "saturated · ≈9,849 waiting" when a pass arriving
 * now would wait SATURATED_WAIT_MS or more, '' otherwise (and without a sidecar); `title` gives the wait and the CPU
 * queued. Pure.
 */
export function proxyBacklogText(r: Pick<ReplicaInspect, 'proxy'>): { text: string; title: string } {
  const p = r.proxy;
  if (!p || !(p.waitMs >= SATURATED_WAIT_MS)) return { text: '', title: '' };
  return {
    text: `saturated · ≈${formatCount(p.held)} waiting`,
    title: `Its sidecar is saturated: about ${formatCount(p.held)} messages wait in it or are on its ${p.concurrency} workers (${formatSimTime(p.backlogMs)} of CPU queued); a new one would wait ${formatSimTime(p.waitMs)} for a worker.`,
  };
}
