// A config change whose timeout is shorter than the work it waits for: every call, healthy or
// not, times out. Lint's MS012 finds such a route by simulating it (src/models/lint/timeoutRules.ts);
// a change given live, or in a file's `changes`, gets this static reading of it instead, so a
// `timeout: 5` meant as seconds (a bare number is milliseconds) is said before it fails calls.
import type { ChangeSpec } from './changes';
import { formatDuration } from './duration';
import type { Problem } from './parse';
import type { Scenario } from './schema';
import { meanOf } from './work';

/**
 * A service's typical time to answer when nothing fails, in ms: its mean service time plus, for
 * its calls, each callee's typical time times the call's probability (summed when sequential, the
 * longest when parallel). Network, proxies and queues only add to it. A call to a gateway or
 * back into a service being measured (a loop) counts 0. Pure.
 */
export function typicalAnswerMs(s: Scenario, service: string, seen: ReadonlySet<string> = new Set()): number {
  const svc = s.services.find((x) => x.name === service);
  if (!svc || seen.has(service)) return 0;
  const inner = new Set(seen).add(service);
  const calls = svc.calls.map((c) => c.probability * typicalAnswerMs(s, c.service, inner));
  const mean = meanOf(svc.serviceTime);
  return mean + (calls.length === 0 ? 0 : svc.callMode === 'parallel' ? Math.max(...calls) : calls.reduce((a, b) => a + b, 0));
}

/**
 * Notes (not problems: a short timeout may be the lesson) for a policy change `c` whose
 * `timeout` or `retries.perTryTimeout` is shorter than the typical answer of the service it
 * waits for (typicalAnswerMs): many of its calls would time out with nothing failing. `raw` is the change as
 * written, to add the bare-number hint where the field was a number (a bare number is
 * milliseconds); `path` the change's path (`changes.0`, `change`). A timeout of 0 (off) and other
 * change types give none. Pure.
 */
export function shortTimeoutNotes(s: Scenario, c: ChangeSpec, path: string, raw?: unknown): Problem[] {
  if (c.type !== 'policy') return [];
  const callee = s.services.find((x) => x.name === c.service);
  if (!callee) return [];
  const mean = typicalAnswerMs(s, callee.name);
  const written = (raw ?? {}) as { policy?: { timeout?: unknown; retries?: { perTryTimeout?: unknown } } };
  const fields: [string, number | undefined, unknown][] = [
    ['policy.timeout', c.policy.timeout, written.policy?.timeout],
    ['policy.retries.perTryTimeout', c.policy.retries?.perTryTimeout, written.policy?.retries?.perTryTimeout],
  ];
  const out: Problem[] = [];
  for (const [field, ms, as] of fields) {
    if (ms === undefined || ms <= 0 || !(ms < mean)) continue;
    const bare = typeof as === 'number' ? ` (a bare number is milliseconds: ${as} means ${formatDuration(ms)}; "${as}s" is ${as} seconds)` : '';
    out.push({ path: `${path}.${field}`, message: `${formatDuration(ms)} is shorter than the ${formatDuration(mean)} ${c.service} takes to answer on average with nothing failing (network and queues add more): many calls would time out${bare}` });
  }
  return out;
}
