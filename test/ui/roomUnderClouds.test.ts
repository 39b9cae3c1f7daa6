// Trial N11's gw-retry.yaml (session 41, finding 5): two meshes with control planes, a bridge, an
// egress gateway to a third party. The layout's links do not cross, and no control plane (icon and
// its text) lies under another node: with the partner moved up beside egress, payments' control
// plane lay under the partner's cloud; given room under the cloud, it stood outside its mesh's region.
import { describe, expect, test } from 'vitest';
import { controlTextWidth } from '../../src/ui/topology/nodeExtent';
import type { Layout } from '../../src/ui/topology/layoutTypes';
import { layoutOfText, linkCrossings, TWO_MESHES_AND_A_PARTNER } from './twoMeshesPartner';

const layoutOf = (w: number, h: number, presenter = false): Layout => layoutOfText(TWO_MESHES_AND_A_PARTNER, w, h, { presenter });

/** Control planes whose icon and text (controlTextWidth) meet another node's box. */
function coveredControlPlanes(l: Layout): string[] {
  const out: string[] = [];
  for (const cp of l.nodes.filter((p) => p.node.kind === 'control-plane')) {
    const x0 = cp.x - cp.w / 2;
    const x1 = cp.x + cp.w / 2 + 16 + controlTextWidth(cp.node, l.presenter === true);
    for (const p of l.nodes) {
      if (p === cp) continue;
      if (x0 < p.x + p.w / 2 && p.x - p.w / 2 < x1 && cp.y - cp.h / 2 < p.y + p.h / 2 && p.y - p.h / 2 < cp.y + cp.h / 2) out.push(`${cp.node.name} under ${p.node.name}`);
    }
  }
  return out;
}

describe('room under a third party for the next mesh\'s control plane (trial N11, 5)', () => {
  for (const [w, h, presenter] of [[1050, 640, false], [1300, 560, false], [700, 560, false], [1300, 700, true]] as const) {
    test(`gw-retry at ${w}x${h}${presenter ? ', presenter mode' : ''}: no links cross, no control plane under a node`, () => {
      const l = layoutOf(w, h, presenter);
      expect(linkCrossings(l)).toEqual([]);
      expect(coveredControlPlanes(l)).toEqual([]);
      // Each control plane inside its mesh's region (payments' stood above it, the region not raised past the cloud).
      for (const cp of l.nodes.filter((p) => p.node.kind === 'control-plane')) {
        const region = l.meshes.find((m) => m.name === cp.node.mesh)!;
        expect(region.runs.flat().some((b) => b.x0 <= cp.x && cp.x <= b.x1 && b.y0 <= cp.y - cp.h / 2 && cp.y + cp.h / 2 <= b.y1), `${cp.node.name} in its region`).toBe(true);
      }
    });
  }
});
