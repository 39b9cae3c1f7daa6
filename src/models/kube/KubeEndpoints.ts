// Kubernetes' own endpoint bookkeeping, for the callers and proxies that learn from it: the
// EndpointSlice controller (a pod's death or return reaches its Service's EndpointSlice after
// `kubernetes.endpointsDelay`) and kube-proxy (the slice reaches the nodes' iptables rules after
// its `minSyncPeriod`). istiod watches the same slices, so the control planes start their pushes
// when the slice changes. See scenario/kubernetes.ts for the defaults and where they come from.
import { invariant, type Actor, type Simulation } from '../../sim-engine';
import type { KubernetesSpec } from '../../scenario';
import { Ev } from '../events';

/** What the endpoint bookkeeping reaches of the world (World has it; nothing here imports World). */
export interface KubeEndpointsHost {
  readonly sim: Simulation;
  /** Per callee: which replicas its EndpointSlice lists as ready (control planes and gateways read it). */
  readonly live: Uint8Array[];
  /** Per callee: which replicas kube-proxy's rules send to (callers without a proxy read it). */
  readonly kubeProxyLive: Uint8Array[];
  /** Bumped at each write to `live` or `kubeProxyLive` (World.membershipChanges: the balancers recount their hosts). */
  readonly membershipChanges: Int32Array;
  /** The EndpointSlice changed: every control plane pushes to its proxies. */
  endpointSliceChanged(): void;
}

/**
 * Carries a replica's death or return from the pod to the EndpointSlice, then to kube-proxy,
 * each after its delay, in order (equal delays keep the order of the changes). Mutates the
 * host's `live` and `kubeProxyLive` when the events come due; holds no state of its own.
 */
export class KubeEndpoints implements Actor {
  readonly name = 'kubernetes';

  constructor(
    readonly id: number,
    private readonly world: KubeEndpointsHost,
    private readonly spec: KubernetesSpec,
  ) {}

  /** Replica `replica` of the callee at `callee` died (`up` false) or came back, now. */
  podChanged(callee: number, replica: number, up: boolean): void {
    this.world.sim.schedule(this.spec.endpointsDelay, Ev.EndpointSliceUpdate, this.id, callee, replica * 2 + (up ? 1 : 0));
  }

  receive(kind: number, a: number, b: number): void {
    const up = b % 2;
    const replica = (b - up) / 2;
    switch (kind) {
      case Ev.EndpointSliceUpdate:
        this.world.live[a][replica] = up;
        this.world.membershipChanges[0]++;
        this.world.endpointSliceChanged();
        this.world.sim.schedule(this.spec.kubeProxyMinSyncPeriod, Ev.KubeProxySync, this.id, a, b);
        return;
      case Ev.KubeProxySync:
        this.world.kubeProxyLive[a][replica] = up;
        this.world.membershipChanges[0]++;
        return;
      default:
        invariant(false, `kube endpoints got unknown event kind ${kind}`);
    }
  }
}
