// Words for a config change's rollout that the CLI and the app both print (one phrase, one place).

/**
 * How a change made directly at a gateway reached it, in words for people (the CLI's
 * "config changes" line, the app's change list): "acts at edge's 2 replicas at once: a gateway
 * is configured directly, not by the mesh's control plane". `replicas` is a count (>= 1).
 */
export function gatewayRolloutWords(gateway: string, replicas: number): string {
  return `acts at ${gateway}'s ${replicas} replica${replicas === 1 ? '' : 's'} at once: a gateway is configured directly, not by the mesh's control plane`;
}
