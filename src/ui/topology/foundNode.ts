// The node a search found and rings in a large topology's canvas view, kept beside the topology it
// was found in, so the stage's Inspect button can open on it (T3's trial, 5: Find svc-427 in
// Istio's full load test, then Inspect opened an empty picker). The SVG view needs no record: its
// found node carries the class topo-found in the DOM.

/** Found node ids by the topology object they were found in (a new topology starts with none). */
const foundBy = new WeakMap<object, number>();

/**
 * Records `node` (an index into `topology.nodes`) as the one ringed in `topology`'s canvas view, or
 * forgets it with null (the search's answer dismissed, a miss). Impure: a module-level record.
 */
export function markFound(topology: object, node: number | null): void {
  if (node === null) foundBy.delete(topology);
  else foundBy.set(topology, node);
}

/** The node id ringed in `topology`'s canvas view (markFound), or null when none is. */
export function foundIn(topology: object): number | null {
  return foundBy.get(topology) ?? null;
}
