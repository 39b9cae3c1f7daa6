// Why the proxies' CPU per 1000 req/s stands where it does, in words beside the number: where TLS
// handshakes take a large share of it (every try failing its handshake, as in two-meshes-direct
// or once certificates expire in control-plane-outage), the figure rises from Istio's 0.35 to 1-3
// with no more requests through the proxies, and a person reading the counters asked why.
import { vcpuPer1000 } from '../../workers/figures';
import { SATURATED_WAIT_MS } from '../../workers/protocol';
import { formatCount, formatSimTime } from '../format';
import { roughCount } from '../topology/svgNodeState';

/** Share of the proxies' CPU on TLS handshakes from which the counters say so beside the number. */
export const HANDSHAKE_SHARE_SHOWN = 0.25;

/**
 * The words beside the proxy CPU figure, two short lines (the counters keep their height and the
 * failed figure its cause's name: one long line beside the number cut 'tls-unknown-ca' at
 * 1600x1000), and the full reason for its title.
 */
export interface ProxyCpuWhy {
  /** The share in percent, whole (0 for the saturated words). */
  percent: number;
  /** The first line: what the share is ("74% TLS handshakes"). */
  what: string;
  /** The second: why ("redone each failed try", or "for new connections"). */
  why: string;
  /** The reason in full, with the figure split into its two parts (vCPU per 1000 req/s per proxy). */
  title: string;
}

/**
 * The words for the proxy CPU figure (`cpuMs` over `passes`, vcpuPer1000) when the handshake halves'
 * CPU (`handshakeCpuMs`, part of `cpuMs`) is HANDSHAKE_SHARE_SHOWN of it or more; null otherwise.
 * `failing` says most requests that ended failed: then the handshakes are tries that fail theirs
 * and connect again (a failed handshake leaves no connection to reuse), else new connections. The
 * figure itself stays as it is: it is the CPU the proxies really spent per pair of passes (one
 * request through a proxy), handshakes included, as Istio's figure includes them. Pure.
 */
export function proxyCpuWhy(cpuMs: number, passes: number, handshakeCpuMs: number, failing: boolean): ProxyCpuWhy | null {
  if (!(cpuMs > 0) || !(passes > 0) || !(handshakeCpuMs > 0)) return null;
  const share = Math.min(1, handshakeCpuMs / cpuMs);
  if (share < HANDSHAKE_SHARE_SHOWN) return null;
  const percent = Math.round(share * 100);
  const all = vcpuPer1000(cpuMs, passes);
  const own = vcpuPer1000(Math.max(0, cpuMs - handshakeCpuMs), passes);
  const why = failing
    ? 'Most tries fail their TLS handshake; a failed handshake leaves no connection to reuse, so every retry sets up a new one and pays for a handshake again, at both ends. The proxies work harder while few requests get through.'
    : 'Connections are being set up often (each costs a TLS handshake at both ends) rather than reused.';
  return {
    percent,
    what: `${percent}% TLS handshakes`,
    why: failing ? 'redone each failed try' : 'for new connections',
    title: `${all.toFixed(2)} vCPU per 1000 req/s per proxy: ${(all - own).toFixed(2)} of it TLS handshakes (${percent}%), ${own.toFixed(2)} the requests' own passes (Istio's load test: 0.35). ${why}`,
  };
}

/**
 * The words beside the proxy CPU figure when the sidecars are saturated: a new pass would wait `waitMs` (ms, the
 * longest at one sidecar) of SATURATED_WAIT_MS or more, and they hold about `held` messages; null otherwise. Said
 * before any handshake words: a saturated mesh's backlog is what the counters missed (session 36's trial N5, F3:
 * 1.17 million in flight, most in two sidecars, and nothing on screen said so). Pure.
 */
export function proxySaturatedWhy(held: number, waitMs: number): ProxyCpuWhy | null {
  if (!(waitMs >= SATURATED_WAIT_MS) || !(held > 0)) return null;
  return {
    percent: 0,
    what: 'saturated',
    why: `${held < 10_000 ? '' : '≈'}${compactCount(held)} waiting`,
    title: `The sidecars are saturated: about ${formatCount(held)} messages wait in them or are on their workers, and a new one would wait ${formatSimTime(waitMs)} at the busiest. The figure is the CPU of every pass they have taken, run or still waiting; "in all" is the CPU they have run.`,
  };
}

/**
 * A count in at most five characters, for the words beside the proxy CPU figure: exact under 10,000 ("9,849"), then to
 * two figures in thousands ("15k", "150k") or millions ("1.2M"). The line under a service says it in full (roughCount);
 * here the room is the figure's, kept from its first paint (SATURATED_ROOM). Pure.
 */
export function compactCount(n: number): string {
  const x = Math.max(0, Math.round(n));
  if (x < 10_000) return formatCount(x);
  const r = Number(roughCount(x).replace(/,/g, ''));
  return r < 1_000_000 ? `${r / 1000}k` : `${(r / 1_000_000).toLocaleString('en-US', { maximumFractionDigits: 1 })}M`;
}

/**
 * The widest saturated words the proxy CPU figure keeps room for from its first paint (CounterStrip): "9,999 waiting"
 * (compactCount's widest: five characters, digits tabular; "≈" only before a rounded count, "≈15k", "≈1.2M"), so they
 * move no counter when they come or grow.
 */
export const SATURATED_ROOM: Pick<ProxyCpuWhy, 'what' | 'why'> = { what: 'saturated', why: '9,999 waiting' };

/**
 * The words beside the proxy CPU figure during the scenario's warm-up (`simTimeMs` before
 * `warmupMs`, both simulated ms), when the figure shows "—"; null after it or with no warm-up.
 * Latency leaves the warm-up out, and the CPU figure read 0.47 there in Istio's full-scale load
 * test (every connection new, its handshakes a large share) before settling at 0.35 (trial N16,
 * 7). From the warm-up's end it is the whole run's CPU over its passes, as `npm run sim --
 * compare` gives it (0.351 at the end), so app and CLI agree. Pure.
 */
export function proxyCpuWarming(simTimeMs: number, warmupMs: number): ProxyCpuWhy | null {
  if (!(warmupMs > 0) || !(simTimeMs < warmupMs)) return null;
  const w = `${+(warmupMs / 1000).toFixed(1)} s`;
  return {
    percent: 0,
    what: 'warming up',
    why: `(${w})`,
    title: `Shown from the end of the scenario's warm-up, its first ${w}, as latency is: every connection is new then and its TLS handshakes weigh on the figure (0.47 at 0.17 s in Istio's full-scale load test, 0.35 by the end).`,
  };
}
