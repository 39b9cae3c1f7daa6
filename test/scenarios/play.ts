import { expect } from 'vitest';
import { World, summarize } from '../../src/models';
import type { Scenario } from '../../src/scenario';

/*
 * Playing a shipped scenario to its end with every user request's fate recorded, for the tests
 * that check a scenario's lesson (lessons.test.ts) and a twin's against its sibling (twins.test.ts).
 */

/** One user request's fate: its client, its cause (`ok` or a failure), and when it was sent and ended (ms). */
export interface Fate {
  client: string;
  cause: string;
  sentAt: number;
  endedAt: number;
}

/**
 * Runs a scenario to its end, then lets requests still in flight finish; records every fate.
 * `checkpoints` (ms -> reader) are called in time order with the world paused there. Expects
 * nothing in flight at the end (a request that never ends fails the test).
 */
export function play(s: Scenario, seed: number, checkpoints: Record<number, (w: World) => void> = {}) {
  const w = new World(s, seed);
  const fates: Fate[] = [];
  w.observer = {
    transmit() {},
    requestEnded: (client, cause, latency) => fates.push({ client: w.sim.actor(client).name, cause, sentAt: w.sim.now - latency, endedAt: w.sim.now }),
  };
  for (const t of Object.keys(checkpoints).map(Number).sort((a, b) => a - b)) {
    w.runUntil(t);
    checkpoints[t](w);
  }
  w.runUntil();
  w.sim.runUntil(w.duration + 15_000);
  expect(w.inFlight).toBe(0);
  return { w, fates, summary: summarize(w, 0) };
}

/** The requests sent in [from, to) (ms), optionally from one client. */
export const sentIn = (fates: Fate[], from: number, to: number, client?: string) =>
  fates.filter((f) => f.sentAt >= from && f.sentAt < to && (client === undefined || f.client === client));

/** The share of `fates` for which `pred` holds; expects at least one fate. */
export const share = (fates: Fate[], pred: (f: Fate) => boolean) => {
  expect(fates.length).toBeGreaterThan(0);
  return fates.filter(pred).length / fates.length;
};
export const failed = (f: Fate) => f.cause !== 'ok';
export const causeIs =
  (...causes: string[]) =>
  (f: Fate) =>
    causes.includes(f.cause);

/** The file's own seed, then two more. */
export const seedsOf = (s: Scenario) => [s.seed, ...[1, 2, 3].filter((x) => x !== s.seed).slice(0, 2)];

/** Routes (one per caller replica) from `from` to `to`. */
export const routesOf = (w: World, from: string, to: string) =>
  w.routes.filter((r) => w.topology.nodes[w.topology.edges[r.edge].from].name === from && w.sim.actor(r.service).name === to);
