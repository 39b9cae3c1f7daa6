import type { World } from '../models';

/**
 * Where each node's replicas run, for a picture that shows zones: node name -> the zone of each
 * replica in order ("zone-a", or "region-2/zone-b" for a zone outside the region most hosts are
 * in). Services and gateways give one per replica, a client one. Null when every host of a
 * service, gateway or client (third parties on the internet aside) is in one zone of one region:
 * a scenario that never places anything apart shows no zones. Reads the world; changes nothing.
 */
export function zonesOf(w: World): Record<string, string[]> | null {
  const hosts = w.network.hosts;
  const named: [string, number[]][] = [];
  for (const c of w.callees) named.push([w.sim.actor(c.id).name, c.hosts]);
  const byName = new Map(hosts.map((h) => [h.name, h.id] as const));
  for (const c of w.clients) {
    const id = byName.get(c.name);
    if (id !== undefined) named.push([c.name, [id]]);
  }
  const regions = new Map<string, number>();
  const places = new Set<string>();
  for (const [, ids] of named)
    for (const id of ids) {
      const h = hosts[id];
      if (h.external) continue;
      regions.set(h.region, (regions.get(h.region) ?? 0) + 1);
      places.add(`${h.region}/${h.zone}`);
    }
  if (places.size <= 1) return null;
  const home = [...regions.entries()].sort((a, b) => b[1] - a[1])[0][0];
  const out: Record<string, string[]> = {};
  for (const [name, ids] of named) out[name] = ids.map((id) => (hosts[id].region === home ? hosts[id].zone : `${hosts[id].region}/${hosts[id].zone}`));
  return out;
}
