// The recipe's twin without proxies: the same scenario, seed and live actions with every sidecar
// taken out, run beside the real one so a lesson figure can say what the proxies add to latency
// (mesh-only's "3 to 4 ms longer at the median than the same shop with no proxies"). A real A/B,
// as `npm run sim -- compare` runs it, not an estimate from proxy residence times.
import { World } from '../models';
import { Histogram } from '../sim-engine';
import { validateScenario, type Scenario } from '../scenario';
import type { LiveAction } from './liveActions';
import { applyAction } from './replay';

/**
 * The twin's latency figures at a moment, as the counters give the run's own (ok requests sent
 * after the warmup; ms), or why there are none. Plain data.
 */
export type PlainReading =
  | { ok: true; atMs: number; count: number; p50: number; p90: number; p99: number; clients?: ClientLatencyPair[] }
  | { ok: false; problem: string };

/**
 * One client's latency (or one group's of clients in one place: clientLatencies) in the run and in
 * its twin without proxies at the same moment (ok requests sent after the warm-up; ms):
 * PlainReading.clients, where the run's clients run in more than one place. A
 * run-wide quantile of clients on different paths mixes them: partial-adoption-fixed's p50 sat
 * between the internal clients' ~20 ms and the internet shoppers' ~100 ms, 43.6 ms against the
 * twin's 25.8 ms (+17.8 ms), where each client's own p50 moved 3.5-6.0 ms (session 45, C5 3).
 * Plain data.
 */
export interface ClientLatencyPair {
  /** The client's name, or its group's ("analysts and 1 more"). */
  client: string;
  /** The run's: ok requests measured and their quantiles. */
  count: number;
  p50: number;
  p90: number;
  /** The twin's, without proxies. */
  plainCount: number;
  plainP50: number;
  plainP90: number;
}

/** A client's latency books at a moment: ok requests measured and their p50 and p90 (ms). */
type ClientLatencyRead = { count: number; p50: number; p90: number };

/**
 * The latency in world `w` of each group of clients that run in one place (the same zone, region,
 * internet or not, and own latency to their target: an internet client's requests carry its round
 * trip, ~100 ms in partial-adoption-fixed, the internal ones' ~20 ms), their own books merged
 * (ClientActor), by the group's name (its client's, or "analysts and 1 more"). Empty when the
 * clients make one group: a run-wide quantile is then the group's own (istio-load-test's ten fortio
 * clients, each on its own but alike service; one client keeps no books of its own). Reads only.
 */
export function clientLatencies(w: World): Map<string, ClientLatencyRead> {
  const groups = new Map<string, { names: string[]; h: Histogram }>();
  for (const c of w.clients) {
    if (!c.ownBooks) continue;
    const s = c.spec;
    const key = JSON.stringify([s.zone, s.region, s.external, s.latency ?? null]);
    let g = groups.get(key);
    if (g === undefined) groups.set(key, (g = { names: [], h: new Histogram() }));
    g.names.push(c.name);
    g.h.merge(c.latency);
  }
  const out = new Map<string, ClientLatencyRead>();
  if (groups.size < 2) return out;
  for (const { names, h } of groups.values()) {
    const name = names.length === 1 ? names[0] : `${names[0]} and ${names.length - 1} more`;
    out.set(name, { count: h.count, p50: h.quantile(0.5), p90: h.quantile(0.9) });
  }
  return out;
}

/**
 * `reading` with each client's pair (PlainReading.clients): the run's latencies `run` (clientLatencies
 * of the real world at the same moment) beside the twin's kept in the reading's `twinClients`.
 * Clients the twin has not are left out. Pure: returns a new reading.
 */
export function pairClients(reading: PlainReading, run: ReadonlyMap<string, ClientLatencyRead>, twin: ReadonlyMap<string, ClientLatencyRead>): PlainReading {
  if (!reading.ok || run.size === 0) return reading;
  const clients: ClientLatencyPair[] = [];
  for (const [client, r] of run) {
    const t = twin.get(client);
    if (t) clients.push({ client, count: r.count, p50: r.p50, p90: r.p90, plainCount: t.count, plainP50: t.p50, plainP90: t.p90 });
  }
  return { ...reading, clients };
}

/**
 * `raw` (a scenario as written) with every sidecar taken out: each service and client loses
 * `sidecar`, `mtls` and `mesh`, and the name gains "-plain"; the rest is as written. The same
 * twin test/scenarios/lessons.test.ts checks the lessons against, and scenarios/istio-load-test-baseline.json is for
 * istio-load-test.json. Pure: returns a new object.
 */
export function withoutSidecars(raw: Record<string, unknown>): Record<string, unknown> {
  const strip = (x: unknown) => {
    if (x === null || typeof x !== 'object') return x;
    const { sidecar: _s, mtls: _m, mesh: _mesh, ...rest } = x as Record<string, unknown>;
    return rest;
  };
  const list = (v: unknown) => (Array.isArray(v) ? v.map(strip) : v);
  return { ...raw, name: `${String(raw.name ?? 'scenario')}-plain`, services: list(raw.services), clients: list(raw.clients) };
}

/**
 * Simulated ms between the readings a twin keeps for a seek back (PlainTwin.readingAt): a seek back
 * to a moment between two reads the one before it, at most this much earlier, and says when.
 */
export const PLAIN_KEEP_MS = 100;

/**
 * Runs the twin of one recipe forward only, beside the real run: each reading is taken at the
 * moment asked for, as often as the figure is drawn (every frame), so the figure compares the two
 * runs at the same simulated time. (It was read once a simulated second: istio-load-test's
 * 4-second run showed its figure against the twin up to a second behind the clock.) On the way it
 * keeps a reading every PLAIN_KEEP_MS, which a seek back reads instead of running again, so the
 * twin costs one run of the plain shop per recipe (mesh-only's: 0.7 s of Node, against 1.8 s for
 * the meshed run). Live actions replay at their times (a proxy-only fault or change the plain shop
 * refuses makes the reading a problem, not a wrong number).
 */
export class PlainTwin {
  private world: World | null = null;
  private problem: string | null = null;
  private readonly raw: Record<string, unknown>;
  private nextAction = 0;
  /** Readings at each multiple of PLAIN_KEEP_MS reached (index: ms / PLAIN_KEEP_MS), with the twin's clients' latencies then. */
  private readonly kept: Extract<PlainReading, { ok: true }>[] = [];
  private readonly keptClients: Map<string, ClientLatencyRead>[] = [];
  private lastClients = new Map<string, ClientLatencyRead>();
  /** The latest reading taken, at the time the twin has run to (its atMs). */
  private last: Extract<PlainReading, { ok: true }> | null = null;

  /**
   * @param source the scenario as written (its sidecars are taken out here)
   * @param seed the real run's seed
   * @param actions the real run's live actions, in run order (read, never changed)
   */
  constructor(
    readonly source: Record<string, unknown>,
    readonly seed: number,
    readonly actions: readonly LiveAction[],
  ) {
    this.raw = withoutSidecars(source);
    const r = validateScenario(this.raw);
    if (!r.ok) {
      this.problem = `the recipe without sidecars does not load (${r.problems[0].path}: ${r.problems[0].message})`;
      return;
    }
    this.world = new World(r.scenario as Scenario, seed);
    this.world.start();
  }

  /**
   * The twin's figures at `nowMs` of the real run (clamped to 0 and the run's end, so at or past
   * the end its whole-run figures): at `nowMs` itself (atMs = nowMs) when the twin has not run past
   * it, running it forward as far as that needs; after a seek back to before where it has run, the
   * kept reading at the last multiple of PLAIN_KEEP_MS at or before `nowMs` (atMs says which; the
   * figure says so when it lags the clock). Mutates the twin.
   */
  readingAt(nowMs: number): PlainReading {
    return this.readingWithClients(nowMs).reading;
  }

  /**
   * readingAt's reading and the twin's clients' latencies at the same moment (clientLatencies; empty
   * for a run of one client), for pairClients. Mutates the twin.
   */
  readingWithClients(nowMs: number): { reading: PlainReading; clients: ReadonlyMap<string, ClientLatencyRead> } {
    const none = new Map<string, ClientLatencyRead>();
    const reading = this.readingOnly(nowMs);
    if (!reading.ok) return { reading, clients: none };
    const i = reading.atMs / PLAIN_KEEP_MS;
    return { reading, clients: reading === this.last ? this.lastClients : (this.keptClients[i] ?? none) };
  }

  private readingOnly(nowMs: number): PlainReading {
    if (this.problem !== null || this.world === null) return { ok: false, problem: this.problem ?? 'no twin' };
    const w = this.world;
    const target = Math.max(0, Math.min(nowMs, w.duration));
    const reached = this.last?.atMs ?? -1;
    if (target < reached) return this.kept[Math.floor(target / PLAIN_KEEP_MS)];
    if (target === reached) return this.last!;
    try {
      for (let at = this.kept.length * PLAIN_KEEP_MS; at <= target; at = this.kept.length * PLAIN_KEEP_MS) {
        this.runTo(at);
        this.kept.push(this.read(at));
        this.keptClients.push(clientLatencies(this.world));
      }
      this.runTo(target);
      this.last = this.read(target);
      this.lastClients = clientLatencies(this.world);
      return this.last;
    } catch (e) {
      this.problem = `the recipe without sidecars stopped: ${e instanceof Error ? e.message : String(e)}`;
      return { ok: false, problem: this.problem };
    }
  }

  /** Runs the twin to `ms`, applying the live actions due on the way at their times. */
  private runTo(ms: number): void {
    const w = this.world!;
    for (let a = this.actions[this.nextAction]; a && a.ms <= ms; a = this.actions[++this.nextAction]) {
      w.runUntil(a.ms);
      applyAction(w, this.raw, a);
    }
    w.runUntil(ms);
  }

  private read(atMs: number): Extract<PlainReading, { ok: true }> {
    const l = this.world!.latency;
    return { ok: true, atMs, count: l.count, p50: l.quantile(0.5), p90: l.quantile(0.9), p99: l.quantile(0.99) };
  }
}
