// The line above the Ownership table that says what is owned twice: one item a feature and its
// owners, each naming where (session 54, X4; trial T5, 7: "Retries owned twice (gateway and
// sidecar); …; Retries owned twice (gateway and sidecar)" read as one item said twice, its two
// paths, web→orders and web→inventory, only in the cards below).
import { FEATURE_NAMES, secs, type Layer, type OwnedFeature, type Overlap, type Ownership } from '../../models/ownership';

/** A layer's word in the Ownership view. */
export const LAYER_NAMES: Record<Layer, string> = { gateway: 'gateway', sidecar: 'sidecar', app: 'app' };

/** One item of the line: a feature, who owns it twice ("gateway and sidecar"), and the hops where ("web→orders"), each once. */
export interface TwiceItem {
  feature: OwnedFeature;
  /** "Retries", FEATURE_NAMES' word. */
  name: string;
  /** The layers, with hops and the client's deadline where they say more (twiceWho). */
  who: string;
  /** Where each overlap in the item lies: the last hop that applies the feature, "web→orders", in the overlaps' order, each once. */
  where: string[];
}

/**
 * The overlaps of `o` as the line's items: overlaps of one feature with the same owners are one
 * item naming each one's hop (its deepest hop applying the feature, where the cost lands), so no
 * item repeats. Items keep the order of their first overlap. An overlap whose path is missing
 * names no hop. Pure.
 */
export function twiceItems(o: Ownership): TwiceItem[] {
  const items = new Map<string, TwiceItem>();
  for (const x of o.overlaps) {
    const who = twiceWho(o, x);
    const key = `${x.feature}|${who}`;
    const item = items.get(key) ?? { feature: x.feature, name: FEATURE_NAMES[x.feature], who, where: [] };
    items.set(key, item);
    const hop = deepestHop(o, x);
    if (hop && !item.where.includes(hop)) item.where.push(hop);
  }
  return [...items.values()];
}

/**
 * Whether the line names each item's hops: where the overlaps lie on more than one hop in all.
 * One place only is the path menu's beside the line (it opens on that path), and the line keeps
 * its room in a narrow drawer. Pure.
 */
export function hopsNamed(items: readonly TwiceItem[]): boolean {
  return items.reduce((n, x) => n + x.where.length, 0) > 1;
}

/** The last hop of an overlap's first path that applies its feature (the client's own deadline left out), "web→orders"; undefined for none. */
function deepestHop(o: Ownership, x: Overlap): string | undefined {
  const path = o.paths[x.paths[0]];
  const at = path?.features.find((f) => f.feature === x.feature)?.at.filter((a) => !a.owner.caller) ?? [];
  const last = at[at.length - 1];
  const hop = last && path.hops[last.hop];
  return hop ? `${hop.from}→${hop.to}` : undefined;
}

/**
 * Who owns an overlap on its first path: its layers, the hops when more hops than layers apply it
 * ("gateway and sidecar, 3 hops": retry-storm's three retrying hops, which a workshop read as
 * three owners, trial N14), and the client's own deadline where it has one ("; client 3 s":
 * shown in the table's row, but a caller's patience, not a layer). Pure.
 */
export function twiceWho(o: Ownership, x: Overlap): string {
  const at = o.paths[x.paths[0]]?.features.find((f) => f.feature === x.feature)?.at ?? [];
  const hops = at.filter((a) => !a.owner.caller && !a.owner.lifted).length;
  const client = at.find((a) => a.owner.caller)?.owner.timers?.routeMs;
  const layers = x.layers.map((l) => LAYER_NAMES[l]).join(' and ');
  return `${layers}${hops > x.layers.length ? `, ${hops} hops` : ''}${client !== undefined && Number.isFinite(client) ? `; client ${secs(client)}` : ''}`;
}
