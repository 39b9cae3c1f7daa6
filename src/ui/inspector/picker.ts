// What the inspector's picker lists: every node by a name a person reads ("control plane of
// retail", not the engine's "control-plane:retail"), grouped by kind, then every link. Pure.
import type { ScenarioInfo } from '../../workers/protocol';
import { isImplicitMesh } from '../topology/meshName';

type Topology = ScenarioInfo['topology'];
type TopologyNode = Topology['nodes'][number];

/** One choice of the picker: `value` is "node:<id>" or "edge:<id>" (an InspectTarget). */
export interface PickerOption {
  value: string;
  label: string;
}

export interface PickerGroup {
  label: string;
  options: PickerOption[];
}

/**
 * A node's name as the picture and the inspector say it: a control plane by its mesh ("control
 * plane of retail"; "control plane of the mesh" for the one a scenario without meshes gets),
 * anything else by its own name. Pure.
 */
export function humanNodeName(n: { name: string; kind: string; mesh?: string | null }): string {
  if (n.kind !== 'control-plane') return n.name;
  const mesh = n.mesh ?? n.name.replace(/^control-plane:/, '');
  return isImplicitMesh(mesh) ? 'control plane of the mesh' : `control plane of ${mesh}`;
}

/** Groups in the order a request meets them, then what configures them, then links. */
const GROUPS: readonly { label: string; has: (n: TopologyNode) => boolean }[] = [
  { label: 'Clients', has: (n) => n.kind === 'client' },
  { label: 'Gateways', has: (n) => n.kind === 'gateway' },
  { label: 'Services', has: (n) => n.kind !== 'client' && n.kind !== 'gateway' && n.kind !== 'control-plane' && !n.external },
  { label: 'Third parties', has: (n) => n.kind !== 'client' && n.kind !== 'gateway' && n.kind !== 'control-plane' && n.external },
  { label: 'Control planes and CAs', has: (n) => n.kind === 'control-plane' },
];

/**
 * The picker's groups for `topology`: nodes by kind (clients, gateways, services, third
 * parties, control planes), each sorted by name, then links as "caller → callee". Empty groups
 * are left out. Pure.
 */
export function pickerGroups(topology: Topology): PickerGroup[] {
  const byName = (a: PickerOption, b: PickerOption) => a.label.localeCompare(b.label, 'en');
  const groups: PickerGroup[] = GROUPS.map((g) => ({
    label: g.label,
    options: topology.nodes.filter(g.has).map((n) => ({ value: `node:${n.id}`, label: humanNodeName(n) })).sort(byName),
  }));
  const nodes = new Map(topology.nodes.map((n) => [n.id, n]));
  const name = (id: number) => {
    const n = nodes.get(id);
    return n ? humanNodeName(n) : String(id);
  };
  groups.push({ label: 'Links', options: topology.edges.map((e) => ({ value: `edge:${e.id}`, label: `${name(e.from)} → ${name(e.to)}` })).sort(byName) });
  return groups.filter((g) => g.options.length > 0);
}
