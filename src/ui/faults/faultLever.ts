// The lever of a fault already injected (session 51, G3, 1): the change that shows an expiry's failures, found from the
// fault as listed (FaultStatus: its target and mesh) by the certificates option the form would offer for it, so the
// Faults list's line under the fault offers what the form's note offered before the Inject.
import type { FaultStatus, ScenarioInfo } from '../../workers/protocol';
import type { LiveAction } from '../../workers/liveActions';
import { certificateOptions } from './faultForm';

type Topology = ScenarioInfo['topology'];

/**
 * The certificates option's value an expire-certificates fault came from: "gateway:name@mesh" for a gateway's identity
 * of one mesh (a service and a mesh named), "gateway:name" for a gateway's all, the mesh's name for a mesh's. Pure.
 */
function optionValue(f: FaultStatus, topology: Topology): string {
  if (f.mesh !== undefined && f.target !== f.mesh) return `gateway:${f.target}@${f.mesh}`;
  return topology.nodes.some((n) => n.kind === 'gateway' && n.name === f.target) ? `gateway:${f.target}` : f.target;
}

/**
 * The config change that shows `f`'s failures in this run (faultForm.ts expiryLever: maxConnectionDuration 1s on a
 * service the expired proxy calls), as the fault form offered it for the same target; null for another fault or a
 * target the form has no lever for (a service's own expiry, a bridge's inbound identity, a mesh with no mTLS call).
 * Pure.
 */
export function faultLever(f: FaultStatus, topology: Topology): Record<string, unknown> | null {
  if (f.type !== 'expire-certificates') return null;
  const value = optionValue(f, topology);
  return certificateOptions(topology).find((o) => o.value === value)?.lever ?? null;
}

/** True when `actions` (the run's recipe) already make `change`: a live config change of the same type, service and policy. Pure. */
export function leverMade(actions: readonly LiveAction[], change: Record<string, unknown>): boolean {
  const same = (c: Record<string, unknown>) => c.type === change.type && c.service === change.service && c.gateway === change.gateway && JSON.stringify(c.policy) === JSON.stringify(change.policy);
  return actions.some((a) => a.kind === 'change' && same(a.change));
}
