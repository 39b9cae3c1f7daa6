import { z } from 'zod';
import { name, positiveDuration, duration } from './common';

/**
 * A mesh: one control plane (like istiod) and one certificate authority, which together make
 * one trust domain. Services join with `mesh`; without any `meshes`, meshed services share an
 * implicit mesh named "mesh" whose CA is "mesh-ca".
 */
export const meshSchema = z.strictObject({
  name,
  ca: z
    .strictObject({
      /** The CA's root name; certificates it signs chain to it. Defaults to "<mesh>-ca". */
      name: name.optional(),
      /** Workload certificate lifetime (Istio: 24 h). */
      ttl: positiveDuration.prefault('24h'),
      /** Certificates are renewed once this share of their lifetime has passed (Istio: 0.5). */
      renewAt: z.number().gt(0, { message: 'must be between 0 and 1' }).lt(1, { message: 'must be between 0 and 1' }).default(0.5),
      /** After a failed renewal, try again this much later. */
      retryEvery: positiveDuration.prefault('10s'),
    })
    .prefault({}),
  controlPlane: z
    .strictObject({
      zone: name.default('zone-a'),
      region: name.default('region-1'),
      /** Push delay after an endpoint change: base + perProxy x proxies connected. */
      pushBase: duration.prefault('100ms'),
      perProxy: duration.prefault('1ms'),
      /** A disconnected proxy tries to reconnect this often. */
      reconnectEvery: positiveDuration.prefault('5s'),
      /** Boundaries (see a service's `boundary`) whose proxies may not reach this control plane. */
      denyBoundaries: z.array(name).default([]),
    })
    .prefault({}),
  /** Other meshes whose CA roots this mesh's workloads trust. */
  trusts: z.array(name).default([]),
});

export type MeshSpec = z.output<typeof meshSchema>;
