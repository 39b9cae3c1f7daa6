// The change form's pick from the picture: what kind of change a selected node takes. Pure.
import type { ScenarioInfo } from '../../workers/protocol';

/** The change types of the form (a scenario's `changes` entry types, README "Config changes"). */
export type ChangeType = 'policy' | 'gateway-route' | 'mtls' | 'sidecar-mode' | 'trusts';

/** Types acting on a service that need its sidecar (mTLS and sidecar modes). */
const SIDECAR_TYPES: readonly ChangeType[] = ['mtls', 'sidecar-mode'];

/**
 * The change that fits a node picked in the picture (the inspector's target, as the faults panel
 * takes it): a service's policy (or, when the type already chosen takes a service with a
 * sidecar, that type), a gateway's route, a control plane's mesh trusts; null for other nodes
 * (clients, third parties, a CA). Pure.
 */
export function changeForNode(node: ScenarioInfo['topology']['nodes'][number], current: ChangeType): { type: ChangeType; target: string } | null {
  if (node.kind === 'gateway') return { type: 'gateway-route', target: node.name };
  if (node.kind === 'control-plane' && node.mesh) return { type: 'trusts', target: node.mesh };
  if (node.kind !== 'service') return null;
  const keeps = current === 'policy' || (SIDECAR_TYPES.includes(current) && node.sidecar);
  return { type: keeps ? current : 'policy', target: node.name };
}

