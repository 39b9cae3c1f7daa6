import type { RunSummary } from '../models';
import { queueGrowthText, saturated, saturationFix, saturationText, type Scenario } from '../scenario';

/** Measured utilisation from which a service's workers read as saturated in a run, when the config alone does not say so. */
const MEASURED_SATURATED = 0.95;

/**
 * Lines under `run`'s summary for each service whose workers ran out (trial N11: checkout left at
 * the default concurrency 1 in front of a 60 ms partner, 92.6% of requests failed `timeout`,
 * checkout 99.7% utilised, and nothing said why): the Little's-law figure from the scenario
 * (saturated(), as lint MS017 says it) with the run's measured utilisation and the fix; else,
 * for a service the run measured MEASURED_SATURATED busy or more, that figure and its workers.
 * None when no service is saturated. Pure.
 */
export function saturationHints(s: Scenario, summary: RunSummary): string[] {
  const out: string[] = [];
  const said = new Set<string>();
  for (const x of saturated(s)) {
    const measured = summary.services[x.name]?.utilization;
    const growth = queueGrowthText(x);
    out.push(`hint: ${saturationText(x)}${growth ? `: ${growth}` : ''}${measured === undefined ? '' : `; this run measured it ${(measured * 100).toFixed(1)}% utilised`}. ${saturationFix(x)}`);
    said.add(x.name);
  }
  s.services.forEach((svc, i) => {
    const u = summary.services[svc.name]?.utilization ?? 0;
    if (said.has(svc.name) || u < MEASURED_SATURATED) return;
    const workers = svc.replicas * svc.concurrency;
    out.push(`hint: ${svc.name} was ${(u * 100).toFixed(1)}% utilised: its ${svc.replicas} replica${svc.replicas === 1 ? '' : 's'} × ${svc.concurrency} concurrency = ${workers} worker${workers === 1 ? '' : 's'} were busy (with its own work, its calls, or retries) nearly all the run, so requests queued for them; more services.${i}.concurrency or replicas, or less load, would drain it`);
  });
  return out;
}
