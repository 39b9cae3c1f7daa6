// Zoomed out on a large topology, the scene draws one edge per pair of groups; the traffic's
// pulses follow it: one line per group edge, as strong as its strongest member edge, instead of
// a line per edge. NOTE: a thousand long antialiased pulse lines a frame were most of a software-
// rasterised canvas's raster time at 1,000 services (issue 11: no task over 50 ms); 50 are not.
import { PASSED_STRIDE } from '../../workers/protocol';
import type { GroupLayout } from '../topology/groupLayout';
import { pulseStrength, type Pulses } from './pulses';

/** Each group edge's two ends as the scene draws them (design units), and the edges it stands for. */
export interface GroupPulseLines {
  /** x0, y0, x1, y1 per group edge. */
  readonly ends: Float32Array;
  readonly members: readonly (readonly number[])[];
  /** Group edges whose tiles are hidden, or that loop within a group, are not drawn: 1. */
  readonly skip: Uint8Array;
}

/**
 * The ends of every group edge of `layout`, where renderCanvasTopology draws it: from the right
 * side of the caller's tile to the left of the callee's when it lies further right, else from
 * the bottom middle to the top middle. Pure.
 */
export function groupPulseLines(layout: GroupLayout): GroupPulseLines {
  const n = layout.groupEdges.length;
  const ends = new Float32Array(4 * n);
  const skip = new Uint8Array(n);
  layout.groupEdges.forEach((ge, i) => {
    const a = layout.groups[ge.from];
    const b = layout.groups[ge.to];
    if (ge.from === ge.to) skip[i] = 1;
    const forward = b.x > a.x + a.w;
    ends[4 * i] = forward ? a.x + a.w : a.x + a.w / 2;
    ends[4 * i + 1] = forward ? a.y + a.h / 2 : a.y + a.h;
    ends[4 * i + 2] = forward ? b.x : b.x + b.w / 2;
    ends[4 * i + 3] = forward ? b.y + b.h / 2 : b.y;
  });
  return { ends, members: layout.groupEdges.map((g) => g.edges), skip };
}

/**
 * The strength (0..1) to draw group edge `i`'s slot `slot` with: its strongest member's, skipping
 * hidden edges. Pure.
 */
export function groupPulseStrength(lines: GroupPulseLines, i: number, slot: number, pulses: Pulses, now: number, hidden?: Uint8Array): number {
  let most = 0;
  for (const e of lines.members[i]) {
    if (hidden?.[e]) continue;
    const s = pulseStrength(pulses, e * PASSED_STRIDE + slot, now);
    if (s > most) most = s;
    if (most >= 1) break;
  }
  return most;
}
