// Faults from the picture: which faults of the catalog apply to a selected node or link, each
// as the form's values pre-filled with that target. Pure; the faults panel lists them.
import type { ScenarioInfo } from '../../workers/protocol';
import { faultTypeSpec, targetOptions, type FaultFormValues } from './faultForm';

type Topology = ScenarioInfo['topology'];

/** A fault offered for the selection: the words on its button and the form's values. */
export interface FaultSuggestion {
  label: string;
  values: FaultFormValues;
}

/** A selected node or link, by topology id (the inspector's target). */
export type Selection = { kind: 'node' | 'edge'; id: number };

/** The name a selection goes by: a node's name, or "from → to". Null for an unknown id. Pure. */
export function selectionName(sel: Selection, topology: Topology): string | null {
  if (sel.kind === 'node') return topology.nodes[sel.id]?.name ?? null;
  const e = topology.edges[sel.id];
  return e ? `${topology.nodes[e.from].name} → ${topology.nodes[e.to].name}` : null;
}

/**
 * The faults of the catalog (FAULT_TYPES) that act on a node or link, each pre-filled with it:
 * a service can be killed (whole or one replica), slowed, delayed, made to answer with errors,
 * have its clock skewed, or be cut off from a caller; a gateway shrunk, cut off (its links
 * delayed one by one) or, holding identities, have its certificates expire; a
 * control plane's mesh lose its control plane or CA, or have its certificates expire; a client
 * cut off. A link can be delayed or cut (a partition between its two ends), its callee faulted
 * as above, and packets lost (the catalog's packet loss acts on the whole network, and says
 * so). Only targets the form itself would offer are returned, so each injects as shown. Pure.
 */
export function faultsFor(sel: Selection, topology: Topology): FaultSuggestion[] {
  const out: FaultSuggestion[] = [];
  const add = (type: string, target: string, label: string, params: Record<string, string> = {}) => {
    const spec = faultTypeSpec(type);
    if (spec.type !== type || !targetOptions(spec.target, topology).some((o) => o.value === target)) return;
    const full: Record<string, string> = {};
    for (const p of spec.params) full[p.key] = params[p.key] ?? p.default;
    out.push({ label, values: { type, target, params: full, duration: '' } });
  };
  const firstPeer = (id: number) => {
    const e = topology.edges.find((x) => x.to === id) ?? topology.edges.find((x) => x.from === id);
    const other = e ? (e.to === id ? e.from : e.to) : topology.nodes.find((n) => n.id !== id && n.kind !== 'control-plane')?.id;
    return other === undefined ? null : topology.nodes[other].name;
  };
  const onNode = (id: number, via: string | null) => {
    const n = topology.nodes[id];
    const name = n.name;
    const of = via === null ? '' : ` (${name})`;
    switch (n.kind) {
      case 'service':
        add('kill-replica', name, `kill replica #0${of}`, { replica: '0' });
        add('kill-service', name, `kill every replica${of}`);
        add('slow-replica', name, `slow replica #0${of}`, { replica: '0' });
        add('http-abort', name, `HTTP errors${of}`);
        if (via === null) add('latency', name, 'latency on every hop into it');
        add('clock-skew', name, `clock skew${of}`);
        break;
      case 'gateway':
        add('gateway-capacity', name, `shrink gateway capacity${of}`);
        // A gateway in a mesh, or a bridge: its identities (an edge gateway holds none, and the form offers it none).
        add('expire-certificates', `gateway:${name}`, `expire its certificates now${of}`);
        break;
      case 'control-plane':
        if (n.mesh) {
          add('control-plane-outage', n.mesh, 'control plane down');
          add('ca-outage', n.mesh, 'CA down');
          add('expire-certificates', n.mesh, 'expire its certificates now');
        }
        break;
      default:
        break;
    }
  };
  if (sel.kind === 'node') {
    const n = topology.nodes[sel.id];
    if (!n) return out;
    onNode(n.id, null);
    const peer = firstPeer(n.id);
    if (peer !== null) add('partition', n.name, `partition from ${peer}`, { other: peer });
    if (n.kind === 'client') add('packet-loss', 'network', 'packet loss (whole network)');
    return out;
  }
  const e = topology.edges[sel.id];
  if (!e) return out;
  const from = topology.nodes[e.from].name;
  const to = topology.nodes[e.to].name;
  add('latency', `link:${from}->${to}`, 'latency on this link');
  add('partition', from, `partition ${from} from ${to}`, { other: to });
  onNode(e.to, from);
  add('packet-loss', 'network', 'packet loss (whole network)');
  return out;
}
