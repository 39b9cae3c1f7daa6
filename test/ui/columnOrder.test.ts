import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { layoutOfText, linkCrossings, TWO_MESHES_AND_A_PARTNER } from './twoMeshesPartner';

describe('column order', () => {
  test('a third party sits beside the gateway that calls it, so no link crosses the bridge\'s link into the other mesh (trial N11)', () => {
    for (const [w, h] of [[1050, 640], [700, 560]]) {
      const l = layoutOfText(TWO_MESHES_AND_A_PARTNER, w, h);
      const y = (name: string) => l.nodes.find((p) => p.node.name === name)!.y;
      expect(linkCrossings(l), `${w}x${h}`).toEqual([]);
      // The bridge's callee and the egress's callee in the callers' order.
      expect(Math.sign(y('partner') - y('ledger'))).toBe(Math.sign(y('egress') - y('payments-bridge')));
    }
  });

  test('no shipped scenario\'s picture has more crossing links than its third parties at the column\'s foot would give', () => {
    // Shipped pictures with third parties: each has none crossing after the move.
    for (const file of readdirSync(new URL('../../scenarios/', import.meta.url)).filter((f) => f.endsWith('.json'))) {
      const text = readFileSync(new URL(`../../scenarios/${file}`, import.meta.url), 'utf8');
      if (!/"external":\s*true/.test(text) || /istio-load-test-full/.test(file)) continue;
      const l = layoutOfText(text, 1050, 640);
      expect(linkCrossings(l).filter((c) => l.nodes.some((p) => p.node.external && p.node.kind !== 'client' && c.includes(p.node.name))), file).toEqual([]);
    }
  });
});
