// MS015: a scenario that places its hosts apart (clients or third parties on the internet, or
// replicas in several zones or regions) but gives the network no latency. Without
// `network.latency` or `network.placement` every hop takes no time (docs/scenario-files.md), so an
// extra gateway hop, a TLS handshake's round trip or a cross-zone call cost nothing: trial N9
// measured "network apps -> edge-1 0 ms" for an `external: true` client. The default stays (every
// test scenario's hashes rest on it); lint says so instead.
import type { Scenario } from '../../scenario';
import type { Locator } from './locate';
import { finding } from './findings';
import type { Finding } from './types';

/** The places a scenario puts its hosts in: `region/zone` keys of its services', gateways' and in-cluster clients' zones. */
function placesOf(s: Scenario): Set<string> {
  const places = new Set<string>();
  const add = (region: string, zone: string) => places.add(zone.includes('/') ? zone : `${region}/${zone}`);
  for (const svc of s.services) if (!svc.external) for (const z of svc.zones) add(svc.region, z);
  for (const g of s.gateways) for (const z of g.zones) add(g.region, z);
  for (const c of s.clients) if (!c.external) add(c.region, c.zone);
  return places;
}

/**
 * MS015 (info): no network latency (neither `network.latency` nor `network.placement`) in a
 * scenario with an external client or a third party whose hops set no latency of their own, or
 * with hosts in several zones or regions. One finding for the scenario, at `network` (or the top
 * of the file when it has none). Only for scenario files: an import from manifests writes its own
 * network. Pure.
 */
export function networkFindings(s: Scenario, locate: Locator, kind: 'scenario' | 'manifests' = 'scenario'): Finding[] {
  if (kind !== 'scenario' || s.network.latency !== undefined || s.network.placement !== undefined) return [];
  const clients = s.clients.filter((c) => c.external && c.latency === undefined).map((c) => c.name);
  const thirdParties = new Set(s.services.filter((x) => x.external).map((x) => x.name));
  const unset = new Set<string>();
  for (const svc of s.services) for (const c of svc.calls) if (thirdParties.has(c.service) && c.latency === undefined) unset.add(c.service);
  for (const g of s.gateways) for (const r of g.routes) if (thirdParties.has(r.service)) unset.add(r.service);
  const places = placesOf(s);
  if (!clients.length && !unset.size && places.size < 2) return [];
  const what = [
    clients.length ? `${clients.length === 1 ? 'client' : 'clients'} ${clients.join(', ')} on the internet` : '',
    unset.size ? `third ${unset.size === 1 ? 'party' : 'parties'} ${[...unset].join(', ')}` : '',
    places.size > 1 ? `hosts in ${places.size} zones (${[...places].sort().join(', ')})` : '',
  ].filter(Boolean);
  const at = locate('network');
  return [
    finding(
      'MS015',
      { kind: 'Scenario', name: s.name, ...(at ? { file: at.file, line: at.line } : {}) },
      'network',
      `no network latency: every hop takes 0 ms (neither network.latency nor network.placement is set), though the scenario has ${what.join(' and ')}; a gateway hop, a TLS handshake's round trip and a call across zones or the internet then cost nothing`,
      { text: `0 ms a hop; ${clients.length} internet client${clients.length === 1 ? '' : 's'}, ${unset.size} third part${unset.size === 1 ? 'y' : 'ies'}, ${places.size} zone${places.size === 1 ? '' : 's'}`, values: { internetClients: clients.length, thirdParties: unset.size, zones: places.size } },
      'Add network: { placement: {} } for the defaults (internet 40 ms, cross-region 50 ms, cross-zone 1.5 ms, same zone 0.5 ms, one way), or network.latency for a flat network',
    ),
  ];
}
