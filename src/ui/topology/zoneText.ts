// Words for a replica's zone and what it serves there, for scenarios that place hosts in more
// than one zone (zone-failover: Istio keeps calls in the caller's zone while it can). Pure.
import type { NodeInspect, ScenarioInfo } from '../../workers/protocol';
import { formatNumber } from '../format';

type Replica = NodeInspect['replicas'][number];

/** Whether `info` (a ScenarioInfo, or anything) names zones: the scenario places hosts in more than one. */
export function hasZones(info: unknown): boolean {
  return typeof info === 'object' && info !== null && (info as Partial<ScenarioInfo>).zones !== undefined;
}

/**
 * Requests a replica served per simulated second over the link labels' window (the last second,
 * read at tenths; shorter before the first second is out), or null before the first tenth.
 */
export function servedPerSecond(r: Pick<Replica, 'recent'>): number | null {
  const w = r.recent;
  if (!w || !(w.toMs > w.fromMs)) return null;
  return w.served / ((w.toMs - w.fromMs) / 1000);
}

/** A rate as the link labels write it: to the tenth under 10, whole above. */
const rate = (x: number) => formatNumber(x, x < 10 && x !== 0 ? 1 : 0);

/**
 * A replica card's last line in a zoned scenario, longest first for setFitted: what it serves now
 * ("98 req/s", "98/s"), with its queue when it has one ("98/s · 3 queued"); a dash before the
 * first tenth of a second. Its zone stands on the line above (the card is too narrow for both).
 */
export function servedLine(r: Pick<Replica, 'recent' | 'queued'>): string[] {
  const per = servedPerSecond(r);
  const now = per === null ? '—' : rate(per);
  if (r.queued > 0) return [`${now}/s · ${r.queued} queued`, `${now}/s +${r.queued}q`, `+${r.queued}q`];
  return [`${now} req/s`, `${now}/s`];
}

/** The card tooltip's words for the zone line: "in zone-a, served 98 req/s (49% of its service's)". */
export function zoneServedWords(r: Pick<Replica, 'recent' | 'zone'>): string {
  const per = servedPerSecond(r);
  if (per === null || !r.recent) return `in ${r.zone}`;
  return `in ${r.zone}, served ${rate(per)} req/s over the last second (${formatNumber(100 * r.recent.share, 0)}% of its service's)`;
}
