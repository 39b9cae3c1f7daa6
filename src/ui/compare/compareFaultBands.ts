// Each side's faults on the compare view's shared timeline (session 39, N9's finding 6): the
// single view draws a scenario's own faults as bands (Timeline.tsx, faultBand.ts), the compare
// timeline drew only the faults injected from its own form, so gateway-only against mesh-only
// did not show its slow replica at 20 s, nor a Branch its file's 10-25 s errors. Pure.
import type { FaultStatus } from '../../workers/protocol';
import { faultBand, type FaultBand } from '../components/faultBand';

/** One fault band on the shared timeline: in both runs alike, or in one side's only. */
export interface SideFaultBand {
  key: string;
  fault: FaultStatus;
  band: FaultBand;
  /** 'AB': the same fault (type, target, amount, start, planned end) in both runs; else the side that has it. */
  sides: 'AB' | 'A' | 'B';
}

/** A fault's identity across the two runs: the same type, target and amount over the same planned span. */
const identity = (f: FaultStatus) => `${f.type}|${f.target}|${f.amount}|${f.startMs}|${f.untilMs ?? ''}`;

/**
 * The bands of both runs' faults (each pane's list: the scenario's own and those injected) at
 * the shared clock `nowMs` of a timeline `durationMs` long: a fault both runs have once, marked
 * 'AB'; one only A or only B has, marked with its side. A's order, then B's own. A fault
 * repeated within one run is matched once per copy. Pure.
 */
export function sideFaultBands(a: readonly FaultStatus[], b: readonly FaultStatus[], nowMs: number, durationMs: number): SideFaultBand[] {
  const inB = new Map<string, FaultStatus[]>();
  for (const f of b) inB.set(identity(f), [...(inB.get(identity(f)) ?? []), f]);
  const out: SideFaultBand[] = [];
  for (const f of a) {
    const twins = inB.get(identity(f));
    const twin = twins?.shift();
    out.push({ key: `A${f.id}`, fault: f, band: faultBand(f, nowMs, durationMs), sides: twin ? 'AB' : 'A' });
  }
  for (const list of inB.values()) for (const f of list) out.push({ key: `B${f.id}`, fault: f, band: faultBand(f, nowMs, durationMs), sides: 'B' });
  return out;
}
