// MS017: a service whose workers the offered load keeps busy once the time they wait on their
// calls is counted (Little's law; src/scenario/saturation.ts). MS014 reads a service's own work
// only: trial N11's checkout (4 ms of work, calls to a 60 ms partner, the default concurrency 1)
// was 99.7% utilised with 92.6% of its requests failing `timeout`, and lint said nothing.
import { queueGrowthText, saturated, saturationFix, saturationText, type Scenario } from '../../scenario';
import type { Locator } from './locate';
import { actorsOf } from './routes';
import { actorRef, finding } from './findings';
import type { Finding } from './types';

/**
 * MS017: each service whose workers, held for their own work and while their calls are
 * answered, are 90% busy or more at the open-loop clients' rate (saturated()), at its
 * `concurrency` (the fix: its default is 1). An info under 100% busy; a warning at 100% or more,
 * where the queue grows without bound (session 42: S6 found a 157% busy checkout said as an info),
 * saying by how many requests a second. Services MS014 already names are left out. Pure.
 */
export function saturationFindings(s: Scenario, locate: Locator, kind: 'scenario' | 'manifests' = 'scenario'): Finding[] {
  const actors = actorsOf(s);
  return saturated(s).map((x) => {
    const field = `services.${x.index}.concurrency`;
    const r = (v: number) => Math.round(v * 1000) / 1000;
    return finding(
      'MS017',
      actorRef(actors.get(x.name)!, field, locate),
      field,
      `${saturationText(x)}: ${queueGrowthText(x) ?? 'requests queue for a worker and their latency climbs'}`,
      {
        text: `${r(x.busy)} of ${x.replicas * x.concurrency} workers busy (${Math.round(x.utilization * 100)}%)${x.queueGrowthPerS > 0 ? `; its queue grows ${Number(x.queueGrowthPerS.toPrecision(3))} req/s` : ''}`,
        values: { offeredPerS: r(x.offeredPerS), holdMs: r(x.holdMs), ownMs: r(x.ownMs), busy: r(x.busy), replicas: x.replicas, concurrency: x.concurrency, utilization: r(x.utilization), concurrencyFor70: x.concurrencyFor70, capacityPerS: r(x.capacityPerS), queueGrowthPerS: r(x.queueGrowthPerS) },
      },
      kind === 'manifests' ? `Raise the concurrency of ${x.name}'s app (its worker threads) to ${x.concurrencyFor70} per pod, or run more pods` : saturationFix(x),
      // Offered more than its workers finish, the queue has no steady state: requests fail under load as configured.
      { severity: x.utilization >= 1 ? 'warning' : 'info' },
    );
  });
}
