import { shareText, type RunSummary } from '../models';

/**
 * A gateway's retries as `run`'s and `compare`'s tables show them (trial N11, findings 1-2; session 42):
 * - `retries`: the upstream retries its routes made (tries after a call's first; `gateways.NAME.retries`);
 * - `refused`: the retries its circuit breaker did not make (Envoy's upstream_rq_retry_overflow), summed over the
 *   edges the gateway calls (those named `NAME->…`, as `run --json` names them: `edges.NAME->TO.retryOverflows`);
 * - `cpuMs`: its CPU in all, ms; `retryCpuMs`: the part its retries cost (each retryCpuShare × mean cpuPerRequest,
 *   models/Gateway.ts); `retryShare`: retryCpuMs / cpuMs, 0..1, or null when the gateway used no CPU.
 * `s` may be a model summary or `--json`'s (the gateway and edge fields read here are the same in both); a gateway
 * name the run lacks gives undefined.
 */
export interface GatewayRetries {
  retries: number;
  refused: number;
  cpuMs: number;
  retryCpuMs: number;
  retryShare: number | null;
}

/** The fields read: a model summary's or `--json`'s (whose latencies may be null). */
type Summaryish = {
  gateways: Record<string, Pick<RunSummary['gateways'][string], 'cpuMs' | 'retries' | 'retryCpuMs'>>;
  edges: Record<string, { retryOverflows?: number }>;
};

export function gatewayRetries(s: Summaryish, name: string): GatewayRetries | undefined {
  const g = s.gateways[name];
  if (!g) return undefined;
  let refused = 0;
  for (const [edge, e] of Object.entries(s.edges)) if (edge.startsWith(`${name}->`)) refused += e.retryOverflows ?? 0;
  const retryCpuMs = g.retryCpuMs ?? 0;
  return { retries: g.retries ?? 0, refused, cpuMs: g.cpuMs, retryCpuMs, retryShare: g.cpuMs > 0 ? retryCpuMs / g.cpuMs : null };
}

/** A share 0..1 as the tables print it (models' shareText, which the app's gateway inspector shares). */
export { shareText };

/** The line under `run`'s gateway table when some gateway retried or refused a retry: what the three columns count. */
export const GATEWAY_RETRY_LINE =
  "retries: upstream tries after a call's first, made by the gateway's routes (the edge's retries count those decided, so one still waiting out its backoff when the run stopped, or whose call ended meanwhile, is in the edge's only); refused: retries its circuit breaker did not make (circuitBreaker.maxRetries, Envoy's upstream_rq_retry_overflow; see refused under the edges); retry cpu: the share of the gateway's cpu its retries cost (each retryCpuShare × its mean cpuPerRequest)";
