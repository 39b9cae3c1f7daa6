import { describe, expect, test } from 'vitest';
import type { PlacedNode, Topology, TopologyNode } from '../../src/ui/topology/layoutTypes';
import { meshRegions } from '../../src/ui/topology/meshRegions';
import { packComponents } from '../../src/ui/topology/packComponents';

/**
 * `count` separate request paths, each a client and a chain of `chain` services, placed as the
 * layout first places them: one tall column pair. Built by hand, without a World, so the test
 * stays quick at a size where a spread into Math.min (or a recursive union-find) overflows.
 */
function chains(count: number, chain: number): { topology: Topology; placed: PlacedNode[] } {
  const nodes: TopologyNode[] = [];
  const edges: Topology['edges'] = [];
  const placed: PlacedNode[] = [];
  for (let c = 0; c < count; c++) {
    for (let k = 0; k <= chain; k++) {
      const id = nodes.length;
      const node = { id, name: `n${id}`, kind: k === 0 ? 'client' : 'service', mesh: 'mesh' } as unknown as TopologyNode;
      nodes.push(node);
      placed.push({ node, col: k, x: k * 290, y: c * 150, w: 196, h: 96 });
      if (k > 0) edges.push({ from: id - 1, to: id } as unknown as Topology['edges'][number]);
    }
  }
  return { topology: { nodes, edges } as unknown as Topology, placed };
}

describe('topology layout at sizes no scenario should reach', () => {
  test('packs 50,000 separate paths of four services (250,000 nodes) into a grid without overflowing the stack', () => {
    const { topology, placed } = chains(50_000, 4);
    packComponents(topology, placed, 290, 150, 1050, 640);
    // Packed: the clients no longer share one column.
    const clientXs = new Set(placed.filter((p) => p.node.kind === 'client').map((p) => p.x));
    expect(clientXs.size).toBeGreaterThan(1);
    // Each path keeps its shape: the chain's services stay one column apart, on one row.
    const [client, first, second] = placed;
    expect(first.x - client.x).toBe(290);
    expect(second.y).toBe(first.y);
  });

  test('one long chain of 200,000 services joins into one part (no recursion per link)', () => {
    const { topology, placed } = chains(1, 200_000);
    const before = placed.map((p) => p.y);
    // One part: nothing to pack, and nothing moves.
    packComponents(topology, placed, 290, 150, 1050, 640);
    expect(placed.map((p) => p.y)).toEqual(before);
  });

  test('a mesh region spanning 200,000 members gets its bounds (the outermost boxes, padded)', () => {
    const { placed } = chains(1, 200_000);
    const [region] = meshRegions(placed, () => null);
    expect(region.minX).toBe(-98 - 26);
    expect(region.maxX).toBe(200_000 * 290 + 98 + 26);
  });
});
