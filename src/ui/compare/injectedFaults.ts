// The faults a person injects into the compare view's pair, in words and as the list beside the
// panes: which nodes a fault names, what it is called, and which run has it. Pure functions.
import type { LiveAction } from '../../workers/protocol';
import type { CompareFault } from './compareStore';
import { faultName } from '../faults/faultName';

/** Names a fault acts on (services, gateways, meshes, the ends of a link or a partition). Pure. */
export function faultNames(fault: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const k of ['service', 'gateway', 'from', 'to']) if (typeof fault[k] === 'string') out.push(fault[k] as string);
  if (Array.isArray(fault.between)) for (const side of fault.between) if (Array.isArray(side)) for (const n of side) if (typeof n === 'string' && n) out.push(n);
  return out;
}

/** "kill one replica on payments", "add latency on frontend → catalog": the kind in the inject form's words. Pure. */
export function faultLabel(fault: Record<string, unknown>): string {
  const type = typeof fault.type === 'string' ? faultName(fault.type) : 'fault';
  if (typeof fault.from === 'string') return `${type} on ${fault.from} → ${String(fault.to)}`;
  const target = fault.service ?? fault.gateway ?? fault.mesh;
  if (typeof target === 'string') return `${type} on ${target}`;
  if (Array.isArray(fault.between)) return `${type} between ${(fault.between as unknown[][]).map((s) => s.join(', ')).join(' and ')}`;
  return `${type} on the network`;
}

/**
 * The faults injected by hand in A's and B's live actions, each listed once: A's in order, with
 * whether B has the same fault at the same time, then B's that A lacks. Pure.
 */
export function listInjected(a: readonly LiveAction[], b: readonly LiveAction[]): CompareFault[] {
  type Inject = Extract<LiveAction, { kind: 'inject' }>;
  const injected = (l: readonly LiveAction[]) => l.filter((x): x is Inject => x.kind === 'inject');
  const same = (x: Inject, y: Inject) => x.ms === y.ms && JSON.stringify(x.fault) === JSON.stringify(y.fault);
  const la = injected(a);
  const lb = injected(b);
  const out: CompareFault[] = la.map((x) => ({ n: 0, label: faultLabel(x.fault), atMs: x.ms, hit: [true, lb.some((y) => same(x, y))], notes: [] }));
  for (const y of lb) if (!la.some((x) => same(x, y))) out.push({ n: 0, label: faultLabel(y.fault), atMs: y.ms, hit: [false, true], notes: [] });
  out.sort((x, y) => x.atMs - y.atMs);
  out.forEach((f, i) => (f.n = i + 1));
  return out;
}
