import { expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { ranges } from '../../src/workers/edgeCalls';
import { SimHost } from '../../src/workers/SimHost';

test('ranges writes ascending places as runs', () => {
  expect(ranges([1, 2, 3, 5, 7, 8])).toBe('1–3, 5, 7–8');
  expect(ranges([4])).toBe('4');
});

test("fan-in-calls' one link s -> t carries s's 200 calls, all alike; a client's link has none listed", () => {
  let t = 0;
  const host = new SimHost(() => (t += 1e-6));
  host.setTracing(null);
  const r = host.load(readFileSync('test/browser/fixtures/fan-in-calls.json', 'utf8'));
  if (!r.ok) throw new Error('fan-in-calls did not load');
  const edges = r.info.topology.edges;
  const names = (i: number) => `${r.info.topology.nodes[edges[i].from].name}->${r.info.topology.nodes[edges[i].to].name}`;
  const st = edges.findIndex((_, i) => names(i) === 's->t');
  expect(host.inspectEdge(st)!.scenarioCalls).toEqual({ total: 200, groups: [{ at: '1–200', count: 200, text: "every request; t's own policy" }], moreGroups: 0 });
  const c0 = edges.findIndex((_, i) => names(i) === 'c0->s');
  expect(host.inspectEdge(c0)!.scenarioCalls).toBeUndefined();
});
