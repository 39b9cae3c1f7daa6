// Saturation by Little's law: a service's worker is held for its own work AND while its calls
// are answered (schema.ts: "Downstream calls made after the service time, while the worker stays
// held"), so a service with little CPU but slow callees runs out of workers long before its CPU
// is busy. N11's first draft left checkout at concurrency 1 (the default) in front of a 60 ms
// partner: 92.6% of requests failed `timeout`, checkout 99.7% utilised, and nothing said why.
import { offeredLoad, type NodeLoad } from './load';
import type { Scenario } from './schema';
import { meanOf } from './work';

/** A service whose workers the offered rate keeps busy, counting the time they wait on calls. */
export interface Saturation {
  name: string;
  /** Its index in `services`. */
  index: number;
  /** Requests per second the open-loop clients offer it (load.ts offeredLoad). */
  offeredPerS: number;
  /** Mean ms one request holds a worker: its own mean service time plus its calls' mean time. */
  holdMs: number;
  /** Its own mean service time, ms. */
  ownMs: number;
  /** Workers busy on average, by Little's law: offered req/s × holdMs / 1000. */
  busy: number;
  replicas: number;
  concurrency: number;
  /** busy / (replicas × concurrency): at 1 or more the queue grows for as long as the load lasts. */
  utilization: number;
  /** The concurrency per replica that would keep the workers at 70% (the MS014 fix's share). */
  concurrencyFor70: number;
  /** Requests a second its workers can finish at most: replicas × concurrency × 1000 / holdMs (Infinity when holdMs is 0). */
  capacityPerS: number;
  /** Requests a second by which its queue grows when offered more than that: offeredPerS − capacityPerS, else 0. */
  queueGrowthPerS: number;
}

/** The share of workers busy from which the hint is given: an M/M/c queue's wait climbs steeply past it. */
export const SATURATED = 0.9;

/**
 * Every service offered enough requests that its workers, held for their own work and their
 * calls, are SATURATED (or `share`) busy or more, by Little's law (L = λW): busy workers = offered
 * req/s × mean hold time. The hold time counts a call as its callee's own hold time (recursively),
 * a gateway as its mean CPU per request plus its route's target (canary by weight), sequential
 * calls summed and parallel calls as the longest, each by its probability; nothing failing, no
 * queueing, retries and network time left out, so it is a floor: the run is busier. Services
 * already past it by their own work alone are load.ts's (lint MS014), left out here. Pure.
 */
export function saturated(s: Scenario, share = SATURATED): Saturation[] {
  const services = new Map(s.services.map((x) => [x.name, x]));
  const gateways = new Map(s.gateways.map((g) => [g.name, g]));
  const memo = new Map<string, number>();
  // Hold time of a node, ms; a loop (refused by the schema) or an unknown name counts 0.
  const hold = (node: string, depth = 0): number => {
    if (memo.has(node)) return memo.get(node)!;
    if (depth > 200) return 0;
    memo.set(node, 0);
    let ms = 0;
    const g = gateways.get(node);
    const svc = services.get(node);
    if (g) {
      const r = g.routes[0];
      const to = r?.canary?.length ? r.canary : r ? [{ service: r.service, weight: 1 }] : [];
      const total = to.reduce((n, t) => n + t.weight, 0);
      ms = meanOf(g.cpuPerRequest) + (total > 0 ? to.reduce((n, t) => n + (t.weight / total) * hold(t.service, depth + 1), 0) : 0);
    } else if (svc) {
      const calls = svc.calls.map((c) => {
        const targets = c.routes?.length ? c.routes[0].to : [{ service: c.service, weight: 1 }];
        const total = targets.reduce((n, t) => n + t.weight, 0);
        return c.probability * (total > 0 ? targets.reduce((n, t) => n + (t.weight / total) * hold(t.service, depth + 1), 0) : 0);
      });
      ms = meanOf(svc.serviceTime) + (svc.callMode === 'parallel' ? Math.max(0, ...calls) : calls.reduce((a, b) => a + b, 0));
    }
    memo.set(node, ms);
    return ms;
  };
  const byOwnWork = new Map(offeredLoad(s).map((l: NodeLoad) => [`${l.kind}:${l.name}`, l]));
  const out: Saturation[] = [];
  s.services.forEach((svc, index) => {
    const load = byOwnWork.get(`service:${svc.name}`);
    if (!load || load.utilization >= 0.9) return;
    const holdMs = hold(svc.name);
    const busy = (load.offeredPerS * holdMs) / 1000;
    const workers = svc.replicas * svc.concurrency;
    if (busy / workers < share) return;
    const capacityPerS = holdMs > 0 ? (workers * 1000) / holdMs : Infinity;
    out.push({ name: svc.name, index, offeredPerS: load.offeredPerS, holdMs, ownMs: meanOf(svc.serviceTime), busy, replicas: svc.replicas, concurrency: svc.concurrency, utilization: busy / workers, concurrencyFor70: Math.ceil(busy / 0.7 / svc.replicas), capacityPerS, queueGrowthPerS: Math.max(0, load.offeredPerS - capacityPerS) });
  });
  return out;
}

/** A figure for a message: 3 significant digits, "3.12", "78.1", "1,250". */
function fig(v: number): string {
  return v >= 1000 ? Math.round(v).toLocaleString('en-US') : String(Number(v.toPrecision(3)));
}

/**
 * The hint in words, as `run` and lint say it: 'checkout is saturated: 2 replicas × 1 concurrency
 * = 2 workers < 40 req/s × 78.1 ms a request (4.1 ms its own work, 74 ms waiting on its calls) =
 * 3.12 busy (Little's law)'. Pure.
 */
export function saturationText(x: Saturation): string {
  const workers = x.replicas * x.concurrency;
  const verb = x.utilization >= 1 ? `is saturated: ${x.replicas} replica${x.replicas === 1 ? '' : 's'} × ${x.concurrency} concurrency = ${workers} worker${workers === 1 ? '' : 's'} <` : `is near saturation: ${x.replicas} replica${x.replicas === 1 ? '' : 's'} × ${x.concurrency} concurrency = ${workers} worker${workers === 1 ? '' : 's'}, ${Math.round(x.utilization * 100)}% of them busy:`;
  return `${x.name} ${verb} ${fig(x.offeredPerS)} req/s × ${fig(x.holdMs)} ms a request (${fig(x.ownMs)} ms its own work, ${fig(x.holdMs - x.ownMs)} ms waiting on its calls) = ${fig(x.busy)} busy (Little's law)`;
}

/**
 * What a saturated service's queue does, in words, when more is offered than its workers finish (utilization ≥ 1; a
 * queue fed faster than it drains has no steady state): 'its 2 workers finish at most 31.2 req/s (2 ÷ 64 ms), so its
 * queue grows without bound, by 8.75 requests a second, for as long as the load lasts (they wait until they time out)'.
 * null under 1 (the queue is long but bounded). Pure.
 */
export function queueGrowthText(x: Saturation): string | null {
  if (x.utilization < 1) return null;
  const workers = x.replicas * x.concurrency;
  return `its ${workers} worker${workers === 1 ? '' : 's'} finish at most ${fig(x.capacityPerS)} req/s (${workers} ÷ ${fig(x.holdMs)} ms), so its queue grows without bound, by ${fig(x.queueGrowthPerS)} requests a second, for as long as the load lasts (they wait until they time out)`;
}

/** The fix in words: the concurrency (per replica) that keeps the workers at 70%. Pure. */
export function saturationFix(x: Saturation): string {
  return `Set services.${x.index}.concurrency: ${x.concurrencyFor70} (70% of the workers busy at this load), or more replicas, or shorter calls (a timeout)`;
}
