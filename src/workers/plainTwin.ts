// The recipe's twin without proxies: the same scenario, seed and live actions with every sidecar
// taken out, run beside the real one so a lesson figure can say what the proxies add to latency
// (mesh-only's "3 to 4 ms longer at the median than the same shop with no proxies"). A real A/B,
// as `npm run sim -- compare` runs it, not an estimate from proxy residence times.
import { World } from '../models';
import { validateScenario, type Scenario } from '../scenario';
import type { LiveAction } from './liveActions';
import { applyAction } from './replay';

/**
 * The twin's latency figures at a moment, as the counters give the run's own (ok requests sent
 * after the warmup; ms), or why there are none. Plain data.
 */
export type PlainReading =
  | { ok: true; atMs: number; count: number; p50: number; p90: number; p99: number }
  | { ok: false; problem: string };

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
 * Runs the twin of one recipe forward only, a whole simulated second at a time, keeping its
 * latency quantiles at each second's end: a seek back reads them from that history instead of
 * running again, so the twin costs one run of the plain shop per recipe (mesh-only's: 0.7 s of
 * Node, against 1.8 s for the meshed run). Live actions replay at their times (a proxy-only
 * fault or change the plain shop refuses makes the reading a problem, not a wrong number).
 */
export class PlainTwin {
  private world: World | null = null;
  private problem: string | null = null;
  private readonly raw: Record<string, unknown>;
  private nextAction = 0;
  /** Readings at each whole second reached (index: seconds), and at the run's end. */
  private readonly history: Extract<PlainReading, { ok: true }>[] = [];
  private end: Extract<PlainReading, { ok: true }> | null = null;

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
   * The twin's figures at `nowMs` of the real run: at the run's end, its whole-run figures;
   * before it, those at the last whole second at or before `nowMs`. Runs the twin forward as far
   * as that needs (never back). Mutates the twin.
   */
  readingAt(nowMs: number): PlainReading {
    if (this.problem !== null || this.world === null) return { ok: false, problem: this.problem ?? 'no twin' };
    const w = this.world;
    const atEnd = nowMs >= w.duration;
    const second = Math.floor(Math.min(nowMs, w.duration) / 1000);
    try {
      while (this.history.length <= second && this.history.length * 1000 <= w.duration) {
        this.runTo(this.history.length * 1000);
        this.history.push(this.read(this.history.length * 1000));
      }
      if (atEnd) {
        if (this.end === null) {
          this.runTo(w.duration);
          this.end = this.read(w.duration);
        }
        return this.end;
      }
    } catch (e) {
      this.problem = `the recipe without sidecars stopped: ${e instanceof Error ? e.message : String(e)}`;
      return { ok: false, problem: this.problem };
    }
    return this.history[second];
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
