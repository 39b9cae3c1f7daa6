// What a sweep's report says of its scenario in words (trial N15, 2: the homework's report gave
// "services.payments.policy.retries.attempts" and nothing of the outage it was measured over):
// each swept path's meaning and the scenario's faults with their times, read from the scenario.
import type { Scenario } from '../../scenario';

/** The words: per swept path, what it is (absent where no rule reads it), and each fault with its times. */
export interface SweepAbout {
  paths: Record<string, string>;
  faults: string[];
}

const secs = (ms: number) => `${Number((ms / 1000).toFixed(3))} s`;

/**
 * The words for a sweep of `scenario` over `paths`. A service's policy is applied by the sidecars
 * of the services calling it (schema: `policy`), so `services.payments.policy.retries.attempts` in
 * retry-storm reads "retries of calls to payments (made by orders' sidecar)"; a caller without a
 * sidecar is left out, and none gives "(no calling service has a sidecar to apply them)". A fault reads
 * "http-abort payments 10 s – 25 s of the run's 30 s" (`durationMs`: the run's length). Pure.
 */
export function sweepAbout(scenario: Scenario, paths: readonly string[], durationMs: number): SweepAbout {
  const out: Record<string, string> = {};
  for (const path of paths) {
    const m = /^services\.([^.]+)\.(.+)$/.exec(path);
    if (!m) continue;
    const [, name, field] = m;
    const callers = scenario.services.filter((s) => s.sidecar && s.calls.some((c) => c.service === name)).map((s) => `${s.name}'`.replace(/'$/, s.name.endsWith('s') ? "'" : "'s"));
    const by = callers.length ? `made by ${callers.join(', ')} sidecar${callers.length > 1 ? 's' : ''}` : 'no calling service has a sidecar to apply them';
    if (field === 'policy.retries.attempts') out[path] = `retries of calls to ${name} (${by})`;
    else if (field === 'policy.timeout') out[path] = `route timeout of calls to ${name} (${by.replace('apply them', 'keep it')})`;
    else if (field === 'replicas') out[path] = `${name}'s replicas`;
  }
  const faults = scenario.faults.map((f) => {
    const o = f as unknown as Record<string, unknown>;
    const target = [o.service, o.target, o.edge, o.mesh].find((v) => typeof v === 'string') as string | undefined;
    const at = typeof o.at === 'number' ? o.at : 0;
    const end = typeof o.for === 'number' ? Math.min(at + o.for, durationMs) : durationMs;
    return `${f.type}${target ? ` ${target}` : ''} ${secs(at)} – ${secs(end)} of the run's ${secs(durationMs)}`;
  });
  return { paths: out, faults };
}

/** The report's lines of `about`: "swept: PATH: words" per path with words, then "faults: ..." (none: "faults: none"). */
export function aboutLines(about: SweepAbout | undefined): string[] {
  if (!about) return [];
  const paths = Object.entries(about.paths).map(([p, w]) => `swept: ${p}: ${w}`);
  return [...paths, `faults: ${about.faults.length ? about.faults.join('; ') : 'none'}`];
}

/** How to read the intervals, in plain words (trial N15, 2). */
export const INTERVAL_READING = 'Where two points\' 95% intervals overlap, these seeds cannot tell them apart; more seeds narrow the intervals.';
