import { Histogram } from '../sim-engine';
import { formatCount } from './numberText';
import type { LessonFigure } from '../scenario';
import type { SeriesBucket } from './series';
import type { PlainReading } from './plainTwin';
import { addedByClient } from './clientShift';

/** Whole-run figures a lesson figure without a window reads (the frame's counters). */
export interface RunTotals {
  /** Simulated time now, ms. */
  simTime: number;
  ok: number;
  failed: number;
  /** Latency of ok requests after the warmup, ms. */
  mean: number;
  p50: number;
  p90: number;
  p99: number;
  /** Proxy CPU so far over every sidecar, ms, and the passes they made. */
  proxyCpuMs: number;
  proxyPasses: number;
  /** Config changes made so far and how far each spread (Frame.rollouts); absent: none. */
  rollouts?: readonly RolloutFigure[];
  /** The recipe's twin without sidecars at this moment (Frame.plain); absent: no figure asks for it. */
  plain?: PlainReading;
}

/** How far one config change has spread (mesh/ConfigChanges.ts ChangeRollout, by change number). Plain data. */
export interface RolloutFigure {
  change: number;
  atMs: number;
  proxies: number;
  applied: number;
  allAtMs: number | null;
  /** A gateway-route change's gateway: it acted at the gateway's `proxies` replicas at once, pushed to no sidecar. */
  gateway?: string;
}

/** A lesson figure as measured: the number, its text, and over how much it was measured. Plain data. */
export interface MeasuredFigure {
  /** NaN while there is nothing to measure yet. */
  value: number;
  /** The value for people: "33.1%", "2.01 ms", "26.9", "0.35 vCPU". "—" while NaN. */
  text: string;
  /**
   * What it was measured over, or why there is no number: "21 s – 58 s, so far" inside a window
   * (requests by the time they ended), "21 s – 58 s" once it is over, "from 21 s (starts in 4 s)"
   * before it, "… : just opened; its first second is counted at 22 s" inside its first second,
   * "… : no requests in the window yet" while it has none after that; "the whole run so far".
   * A share says what it is a share of: "of requests ended 21 s – 58 s, so far", "of requests
   * ended in the whole run so far" (the counters' shares are of requests sent, in flight included),
   * "of calls ended …" for a link's. A shift names both quantiles and windows.
   */
  over: string;
  /**
   * What the value is of, in a teacher's words, then the lesson's number when the figure has one
   * (LessonFigure.expect, as its file writes it): one sentence from the value on, "16.9%" then
   * "of the 1,204 requests ended so far; lesson: 17%". A whole-run share names the requests it is
   * of, those that ended, with their count: "of the 1,204 requests ended so far", "of the 2,508 requests that ended" once
   * it is over (in-flight requests are in no share; the counters' are of all sent), "of the 2,430 requests
   * from searchers that ended" for a client's, "of the calls on the link that ended (33 of 600)" for a
   * link's), a whole-run figure "over the run so far",
   * a window "over 11 s – 24 s" (attempts per request name the requests they are over: "over the
   * 518 user requests ended 11 s – 24 s"); a share over a window, a shift, a spread and why there is no
   * number yet read as `over` does. Made here, where the figure is, so the UI only lays it out.
   */
  note: string;
  /** True once the run is past the window's end (or, without a window, at the run's end). */
  complete: boolean;
  /**
   * A whole-run share of user requests: what it divides by, short, for the list of every figure
   * beside the counters' shares (which are of requests sent): "of 2,508 ended" (trial N17, 9:
   * "100%" beside the counters' "failed 98.9%", 28 still in flight). Absent for other figures.
   */
  of?: string;
}

/**
 * vCPU per 1000 req/s per proxy, as Istio states its load test's proxy cost: each request
 * through a proxy takes two passes (the request and its answer), so this is the mean CPU of
 * those two passes in ms, which is also vCPU per 1000 requests/s (1 ms per request at
 * 1000/s is 1 vCPU). Handshakes count in the CPU. Pure.
 */
export function vcpuPer1000(proxyCpuMs: number, proxyPasses: number): number {
  return proxyPasses > 0 ? (2 * proxyCpuMs) / proxyPasses : NaN;
}

/**
 * Measures a lesson figure (`narrative[i].figure` of a scenario) from the closed per-second
 * buckets and the run's totals. A window [from, to) counts the buckets that lie inside it
 * (requests by the time they ended, with their tries for attempts per request; tries by the
 * time they were sent for the most tries a second); without one, the whole
 * run so far (every client's ok or failed share from the totals, the counters' own figures, with the second under way). A latency quantile over a window merges the window's per-bucket histograms (so it
 * is within the histogram's 0.39% of the exact quantile of those requests); a shift is that
 * quantile less the same over `baseline`'s window. Proxy CPU and the twin's figures are whole-run
 * figures (the schema refuses a window on them). Pure.
 */
export function measureFigure(f: LessonFigure, buckets: readonly SeriesBucket[], bucketMs: number, totals: RunTotals, durationMs: number): MeasuredFigure {
  const { say, ...m } = measure(f, buckets, bucketMs, totals, durationMs);
  const note = say ?? m.over;
  return { ...m, note: f.expect ? `${note}; lesson: ${f.expect}` : note };
}

/** A figure as measured, with what it is of in a teacher's words (`say`) where that differs from `over`. */
type Measured = Omit<MeasuredFigure, 'note'> & { say?: string };

/** measureFigure's measuring: the value, its text, what it is over and what that is in a teacher's words. Pure. */
function measure(f: LessonFigure, buckets: readonly SeriesBucket[], bucketMs: number, totals: RunTotals, durationMs: number): Measured {
  const from = f.from ?? 0;
  const to = f.to ?? durationMs;
  const windowed = f.from !== undefined || f.to !== undefined;
  const inWindow = buckets.filter((b) => b.t >= from && b.t + bucketMs <= to);
  const complete = totals.simTime >= to;
  const overText = (has: boolean) => (windowed ? windowText(from, to, totals.simTime, has, bucketMs) : complete ? 'the whole run' : 'the whole run so far');
  // A share's window names what it counts: requests (or a link's calls) by the time they ended.
  // In a teacher's words (`say`), what it is of, then what it is over: "of the requests ended so
  // far", "over the run so far", "over 11 s – 24 s"; a share over a window as `over` says it.
  // `base`: how many requests (or calls) a share is of, those that ended; the counters' shares are
  // of every request sent, in flight included, so the note names its count ("of the 2,508 requests
  // that ended" beside "OK 99.4%" of 2,522 sent, 14 in flight; it said "of all requests in the run").
  const result = (value: number, text: (v: number) => string, endedOf?: 'requests' | 'calls', base?: number): Measured => {
    const has = Number.isFinite(value);
    const over = overText(has);
    const started = has && totals.simTime >= from;
    // Whose: a client's share is of its own requests (searchers' 5.2% is of their 2,430, not of
    // the run's 7,185), a link's of its calls (their counts follow in brackets).
    const count = base !== undefined ? `${formatCount(base)} ` : '';
    const whose = endedOf === 'calls' ? 'calls on the link' : f.client ? `${count}requests from ${f.client}` : `${count}${endedOf}`;
    const endedSay = complete ? `of the ${whose} that ended` : endedOf === 'calls' ? 'of the calls ended so far' : `of the ${whose} ended so far`;
    const say = windowed ? (started && !endedOf ? `over ${over}` : undefined) : endedOf && has ? endedSay : complete ? 'over the whole run' : 'over the run so far';
    return {
      value,
      text: has ? text(value) : '—',
      over: endedOf && started ? `of ${endedOf} ended ${windowed ? over : `in ${over}`}` : over,
      say,
      complete,
      ...(endedOf === 'requests' && !windowed && base !== undefined ? { of: `of ${formatCount(base)} ended` } : {}),
    };
  };
  const ended = (b: SeriesBucket) => (f.client ? (b.clients[f.client]?.ok ?? 0) + (b.clients[f.client]?.failed ?? 0) : b.ok + b.failed);
  const sum = (g: (b: SeriesBucket) => number) => inWindow.reduce((t, b) => t + g(b), 0);
  // Latency is recorded for ok requests after the warmup only: none yet reads as nothing.
  const latency = totals.ok > 0 && (totals.mean > 0 || totals.p99 > 0);
  switch (f.measure) {
    case 'failed-share':
    case 'ok-share':
    case 'cause-share': {
      const n = sum(ended);
      // Every client's failed or ok share over the whole run is the counters' own (ok and failed so far, the partial
      // second too), so the story's "14.1% of 64 ended" and the failed counter's read one number at any moment, not
      // only on a whole second (ui/components/counterShares.ts; session 53's T4 trial, 5). Totals behind the closed
      // buckets (a caller that passes none) leave the buckets' count.
      const own = !windowed && !f.client && f.measure !== 'cause-share' && totals.ok + totals.failed >= n && totals.ok + totals.failed > 0;
      if (own) {
        const ended = totals.ok + totals.failed;
        return result((f.measure === 'ok-share' ? totals.ok : totals.failed) / ended, percent, 'requests', ended);
      }
      const hit = sum((b) => {
        const c = f.client ? b.clients[f.client] : b;
        if (!c) return 0;
        if (f.measure === 'ok-share') return c.ok;
        if (f.measure === 'failed-share') return c.failed;
        return (f.causes ?? []).reduce((t, cause) => t + (c.causes[cause] ?? 0), 0);
      });
      return result(n > 0 ? hit / n : NaN, percent, 'requests', n);
    }
    case 'link-failed-share': {
      const link = f.link ?? '';
      const calls = sum((b) => b.links?.[link]?.calls ?? 0);
      const failed = sum((b) => b.links?.[link]?.failed ?? 0);
      const m = result(calls > 0 ? failed / calls : NaN, percent, 'calls');
      // The counts, so a "one call in sixteen" can be checked: 33 of 600 is one in 18.
      const counts = ` (${formatCount(failed)} of ${formatCount(calls)})`;
      return calls > 0 ? { ...m, over: m.over + counts, say: m.say === undefined ? undefined : m.say + counts } : m;
    }
    case 'latency-mean': {
      if (!windowed) return result(latency ? totals.mean : NaN, ms);
      const n = sum((b) => b.latencyCount);
      return result(n > 0 ? sum((b) => b.latencySum) / n : NaN, ms);
    }
    case 'latency-p50':
    case 'latency-p90':
    case 'latency-p99': {
      const q = f.measure.slice('latency-'.length) as 'p50' | 'p90' | 'p99';
      if (!windowed) return result(latency ? totals[q] : NaN, ms);
      const h = mergedLatency(inWindow);
      return result(h.count > 0 ? h.quantile(QUANTILE[q]) : NaN, ms);
    }
    case 'latency-p50-shift':
    case 'latency-p90-shift':
    case 'latency-p99-shift': {
      const q = f.measure.slice('latency-'.length, -'-shift'.length) as 'p50' | 'p90' | 'p99';
      const base = f.baseline ?? { from: 0, to: 0 };
      const inBase = buckets.filter((b) => b.t >= base.from && b.t + bucketMs <= base.to);
      const hw = mergedLatency(inWindow);
      const hb = mergedLatency(inBase);
      const baseSpan = `${secs(base.from)} – ${secs(base.to)}`;
      if (hb.count === 0) {
        const why = totals.simTime < base.from ? `from ${secs(base.from)} (starts in ${Math.ceil((base.from - totals.simTime) / 1000)} s)` : `${baseSpan}: no ok requests measured ${totals.simTime < base.to ? 'yet' : 'in it'}`;
        return { value: NaN, text: '—', over: `the baseline ${why}`, complete };
      }
      const b = hb.quantile(QUANTILE[q]);
      const against = `against ${ms(b)} over ${baseSpan}${totals.simTime < base.to ? ', so far' : ''}`;
      if (hw.count === 0) return { value: NaN, text: '—', over: `${overText(false)}; ${q} ${against}`, complete };
      const a = hw.quantile(QUANTILE[q]);
      const shift = a - b;
      return { value: shift, text: `${shift >= 0 ? '+' : '−'}${ms(Math.abs(shift))}`, over: `${q} ${ms(a)} over ${overText(true)}, ${against}`, complete };
    }
    case 'attempts-per-request': {
      // The user requests that ended (in the window) and the tries each made at the service,
      // however long before: per request, so it never passes what one request can make. It
      // divided the tries sent in the window by the requests sent in it, and early in retry-storm's
      // window counted the backoffs of requests sent before it: 28.1 at 13 s over a lesson's
      // most of 27 (trial N12, 1).
      const n = sum((b) => b.ok + b.failed);
      const m = result(n > 0 ? sum((b) => b.endedTries?.[f.service ?? ''] ?? 0) / n : NaN, (v) => v.toFixed(1));
      if (!Number.isFinite(m.value)) return m;
      const whose = `${formatCount(n)} user request${n === 1 ? '' : 's'}`;
      const span = windowed ? ` ended ${overText(true)}` : complete ? ' that ended' : ' ended so far';
      return { ...m, say: `over the ${whose}${span}` };
    }
    case 'max-tries-per-second': {
      const most = inWindow.reduce((m, b) => Math.max(m, ((b.tries[f.service ?? ''] ?? 0) * 1000) / bucketMs), -Infinity);
      return result(inWindow.length ? most : NaN, (v) => `${Math.round(v)}/s`);
    }
    case 'proxy-cpu':
      return result(vcpuPer1000(totals.proxyCpuMs, totals.proxyPasses), (v) => `${v.toFixed(2)} vCPU`);
    case 'proxy-cpu-per-request': {
      const n = totals.ok + totals.failed;
      return result(n > 0 && totals.proxyPasses > 0 ? totals.proxyCpuMs / n : NaN, ms);
    }
    case 'latency-p50-added':
    case 'latency-p90-added': {
      const q = f.measure === 'latency-p50-added' ? 'p50' : 'p90';
      const twin = totals.plain;
      const whole = complete ? 'the whole run' : 'the whole run so far';
      if (twin === undefined) return { value: NaN, text: '—', over: 'the run without proxies is not running', complete };
      if (!twin.ok) return { value: NaN, text: '—', over: twin.problem, complete };
      if (!latency || twin.count === 0) return { value: NaN, text: '—', over: `${whole}: no latency measured yet`, complete };
      // The twin is read at whole seconds until the end: say when it lags the run.
      const lag = !complete && twin.atMs < totals.simTime ? ` (without proxies to ${secs(twin.atMs)})` : '';
      const signed = (v: number) => `${v >= 0 ? '+' : '−'}${ms(Math.abs(v))}`;
      // Several clients: each against its own without proxies, weighted by its ok requests; the
      // run-wide quantile mixes their paths (clientShift.ts).
      const byClient = twin.clients && twin.clients.length > 1 ? addedByClient(twin.clients, q) : null;
      if (byClient) {
        const each = byClient.shifts.map((c) => `${c.client} ${signed(c.added)}`).join(', ');
        return { value: byClient.value, text: signed(byClient.value), over: `each client's ${q} against its own without proxies, weighted by its ok requests (${each}); every client's ${q} together ${ms(totals[q])} vs ${ms(twin[q])}, a mix of their paths; ${whole}${lag}`, complete };
      }
      const added = totals[q] - twin[q];
      return { value: added, text: signed(added), over: `${q} ${ms(totals[q])} vs ${ms(twin[q])} without proxies, ${whole}${lag}`, complete };
    }
    case 'change-spread': {
      const r = totals.rollouts?.find((x) => x.change === f.change);
      if (!r) return { value: NaN, text: '—', over: 'the change has not been made yet', complete: false };
      if (r.allAtMs === null) return { value: NaN, text: `${r.applied} of ${r.proxies} proxies`, over: `made at ${secs(r.atMs)}, still spreading`, complete: false };
      return { value: r.allAtMs - r.atMs, text: secs(r.allAtMs - r.atMs), over: r.gateway !== undefined ? `made at ${secs(r.atMs)}, at ${r.gateway}'s ${r.proxies} replicas at once (a gateway is configured directly)` : `made at ${secs(r.atMs)}, all ${r.proxies} proxies at ${secs(r.allAtMs)}`, complete: true };
    }
  }
}

/** The quantile each latency measure reads. */
const QUANTILE = { p50: 0.5, p90: 0.9, p99: 0.99 } as const;

/**
 * The latencies (ms) of the ok requests that ended in `buckets`, merged from each bucket's
 * histogram (SeriesBucket.latency; a bucket without one adds nothing). Pure.
 */
function mergedLatency(buckets: readonly SeriesBucket[]): Histogram {
  const h = new Histogram();
  for (const b of buckets) if (b.latency) h.merge(Histogram.fromData(b.latency));
  return h;
}

const secs = (msValue: number) => `${+(msValue / 1000).toFixed(1)} s`;

/**
 * A window's wording at simulated time `now`: before it, inside it (so far) or after it. Inside
 * its first bucket (`bucketMs`, not closed yet) and with nothing counted, it says when the first
 * is counted: at two-meshes-cert-expiry's 22 s "22 s – 25 s: no requests in the window yet" stood
 * beside 77 tls-expired-cert failures on the counters (trial N11, 9).
 */
function windowText(from: number, to: number, now: number, has: boolean, bucketMs: number): string {
  if (now < from) return `from ${secs(from)} (starts in ${Math.ceil((from - now) / 1000)} s)`;
  const span = `${secs(from)} – ${secs(to)}`;
  if (now < to && !has && now < from + bucketMs) return `${span}: just opened; its first ${bucketMs === 1000 ? 'second' : secs(bucketMs)} is counted at ${secs(Math.min(to, from + bucketMs))}`;
  if (now < to) return has ? `${span}, so far` : `${span}: no requests in the window yet`;
  return has ? span : `${span}: no requests in the window`;
}

/**
 * A share (0..1) as a lesson figure and the counters write it: one decimal, two below 1% and above 99%
 * ("0.31%", "14.1%", "99.62%"), "0%" and "100%" bare; NaN reads "NaN%" (callers say "—" first). Pure.
 */
export function percent(v: number): string {
  const p = v * 100;
  if (p === 0 || p === 100) return `${p}%`;
  return `${p < 1 || p > 99 ? p.toFixed(2) : p.toFixed(1)}%`;
}

function ms(v: number): string {
  return `${v < 10 ? v.toFixed(2) : v.toFixed(1)} ms`;
}
