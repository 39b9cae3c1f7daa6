import { z } from 'zod';
import { duration } from './common';

/**
 * How fast Kubernetes itself takes a replica out of (or back into) its Service, which is how a
 * caller without a sidecar, and every proxy, learns of a killed pod. A `kill-replica` or
 * `kill-service` fault kills the pod's app at once (its connections are reset, new ones are
 * refused), but nobody is told at once:
 *
 *   pod dies ── endpointsDelay ──> EndpointSlice updated ── kubeProxyMinSyncPeriod ──> kube-proxy's rules
 *                                        └─ istiod's push (meshes[].controlPlane.pushBase + k × perProxy) ──> sidecars
 *                                        └─ a gateway's own Envoy (EDS from its controller; its push is not modelled)
 *
 * Until then a plain caller's connections still go to the dead pod through the Service's
 * ClusterIP and fail `connect-refused` (it has no retries); a sidecar's fail the same way until
 * its push, but Istio's default retry policy retries a connect failure on another replica. The
 * same delays apply when the replica comes back (Kubernetes would wait for its readiness probe
 * too; not modelled).
 */
export const kubernetesSchema = z.strictObject({
  /**
   * From a pod's death (or return) to its Service's EndpointSlice saying so. The kubelet notices
   * a dead container when its pod lifecycle event generator relists the runtime, every 1 s
   * (`plegRelistPeriod`, kubernetes pkg/kubelet/kubelet.go), and the EndpointSlice controller then
   * updates the slice at once (kube-controller-manager `--endpointslice-updates-batch-period`,
   * default 0: "each pod update triggers an endpoint update"). Default 1 s; 0 for a pod deleted
   * through the API, which the controller sees directly.
   */
  endpointsDelay: duration.prefault('1s'),
  /**
   * From the EndpointSlice's update to kube-proxy's rules on the callers' nodes: kube-proxy's
   * iptables `minSyncPeriod`, default 1 s (kubernetes.io/docs/reference/networking/virtual-ips/,
   * "Optimizing iptables mode performance": "each individual change may end up waiting up to the
   * full minSyncPeriod"). The model waits the whole period, the bound: kube-proxy syncs sooner
   * after a quiet spell. Every node's kube-proxy syncs at the same moment here.
   */
  kubeProxyMinSyncPeriod: duration.prefault('1s'),
});

export type KubernetesSpec = z.output<typeof kubernetesSchema>;
