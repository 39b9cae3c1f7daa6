// How a SimHost's run is copied for a snapshot (hostSnapshots.ts decides when): what the copy
// shares with the live run rather than copies, and the world's hooks detached while it is made.
// Split out of hostSnapshots.ts (427 lines, session 49) with no change in behaviour.
import { reachableFrom } from '../sim-engine';
import type { World } from '../models';
import type { Scenario } from '../scenario';
import type { SnapshotHost } from './snapshotHost';

/**
 * Runs `copy` with world `w`'s hooks detached and puts them back after, even on a throw: the
 * log's hook, a closure over this world and log (made again on restore), and `observer` (the
 * host), so a snapshot holds no host (one a fill's host takes is restored by another: see
 * HostSnapshots.idle). Returns what `copy` returns.
 */
export function detachedCopy<T>(w: World, observer: SnapshotHost, copy: () => T): T {
  const recorder = w.sim.recorder;
  w.sim.recorder = null;
  w.observer = null;
  try {
    return copy();
  } finally {
    w.sim.recorder = recorder;
    w.observer = observer;
  }
}

/**
 * What copies of one host's run share with the live run rather than copy (the `keep` list of
 * deepCopy and startCopy): the host (the world's observer), the parsed scenario and the topology,
 * never changed by a run, and the fill's owner host when there is one. The objects reachable from
 * the scenario and the topology are found once per pair and kept. Mutable.
 */
export class SharedWithCopies {
  /** The objects of the scenario and the topology that copies share, for the pair they came from. */
  private data: { scenario: Scenario; topology: object; objects: object[] } | null = null;

  /** The objects a copy of `host`'s run keeps by reference now; `owner`: a fill's host's owner, or null. */
  keep(host: SnapshotHost, owner: SnapshotHost | null): object[] {
    const scenario = host.scenario!;
    const topology = host.requireWorld().topology;
    const c = this.data;
    // The scenario and the topology whole: no run mutates them (every shipped scenario's run,
    // faults and live changes included, leaves both as they were built), and the world reaches
    // objects inside them (each service's spec) that keeping their roots alone would copy.
    const data = c !== null && c.scenario === scenario && c.topology === topology ? c.objects : reachableFrom(scenario, topology);
    this.data = { scenario, topology, objects: data };
    const keep: object[] = [host, ...data];
    if (owner !== null) keep.push(owner);
    return keep;
  }
}
