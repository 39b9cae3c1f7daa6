// Recent figures per edge (requests sent per simulated second: every try, retries included,
// answered yet or not; calls ended per second, share failed, tries per call) and the words a link label says. The worker counts them over the last second of simulated time
// (workers/edgeWindow.ts), so a moment gives the same figures however it was reached; this keeps
// the latest frame's window. Plain state outside React, fed every frame.
import { EDGE_STRIDE, EdgeField, type Frame } from '../../workers/protocol';
import { formatNumber, formatPercent, formatRate, formatSimTime } from '../format';

export interface EdgeRate {
  /** Calls ended per simulated second over the window (a retried call counted once; Envoy's upstream_rq_completed). */
  perSecond: number;
  /**
   * Requests sent on the link per simulated second over the window, answered yet or not: each
   * call as its caller issued it and each retry (Envoy's upstream_rq_total counts every request
   * sent; upstream_rq_retry the retries among them). The traffic on the link, what its label
   * says: canvas-flood's client at 100,000 req/s into a saturated web reads about 100,000, where
   * the calls that ended there were 85 a second. retry-storm's lesson counts tries too.
   */
  triesPerSecond: number;
  /** Share of the calls ended that failed, 0..1 (0 with none ended). */
  failedShare: number;
  /** Share of the calls ended that failed on this hop (the rest failed further down), 0..1. */
  failedHereShare: number;
  /** Attempts per call ended (1 without retries, or with none ended). */
  tries: number;
  /**
   * Calls that failed a TLS handshake on this hop over the window (the link then shows a broken
   * lock); present only when there were some.
   */
  tlsFailed?: number;
}

export interface EdgeRates {
  /** Takes a frame's window of counts. Mutates. */
  sample(frame: Frame): void;
  /** The figures of one edge over the window, or null with no request sent or ended in it. */
  rate(edge: number): EdgeRate | null;
  /** The window the figures cover, simulated ms `(fromMs, toMs]`, or null before the first frame. */
  window(): { fromMs: number; toMs: number } | null;
  clear(): void;
}

/**
 * Edge `edge`'s figures over a frame's window (`Frame.recent`: the last simulated second, to
 * the tenth), or null when no request was sent on it nor call ended in the window. Pure.
 */
export function edgeRateOf(frame: Pick<Frame, 'recent' | 'recentFromMs' | 'recentToMs'>, edge: number): EdgeRate | null {
  const dt = (frame.recentToMs - frame.recentFromMs) / 1000;
  const i = edge * EDGE_STRIDE;
  const c = frame.recent;
  if (dt <= 0 || c.length < i + EDGE_STRIDE) return null;
  const calls = c[i + EdgeField.calls];
  const sent = c[i + EdgeField.sent];
  if (calls <= 0 && sent <= 0) return null;
  const tls = c[i + EdgeField.tlsFailed];
  // Shares and tries are of the calls ended (none ended: nothing failed yet, one try each).
  const per = calls > 0 ? 1 / calls : 0;
  return {
    ...(tls > 0 ? { tlsFailed: tls } : {}),
    perSecond: calls / dt,
    triesPerSecond: sent / dt,
    failedShare: c[i + EdgeField.failed] * per,
    failedHereShare: c[i + EdgeField.failedHere] * per,
    tries: calls > 0 ? c[i + EdgeField.attempts] / calls : 1,
  };
}

/**
 * What a link label's tooltip says of its window and what it counts: "requests sent per second
 * over the last second of simulated time (29.0 s to 30.0 s): every attempt, retries included,
 * answered yet or not". A call is the caller's request on this hop; each of its tries is a request
 * the link carries (Envoy's upstream_rq_total), which the label and the inspector's req/s count
 * as they are sent; "N% retries" and "failed" are of the calls that ended in it. Pure.
 */
export function edgeWindowText(w: { fromMs: number; toMs: number }): string {
  return `requests sent per second over the last second of simulated time (${formatSimTime(w.fromMs)} to ${formatSimTime(w.toMs)}): every attempt, retries included, answered yet or not; failed and retries are of the calls that ended in it`;
}

export function createEdgeRates(): EdgeRates {
  let latest: Frame | null = null;
  return {
    sample(frame) {
      latest = frame;
    },
    rate(edge) {
      return latest === null ? null : edgeRateOf(latest, edge);
    },
    window() {
      return latest === null ? null : { fromMs: latest.recentFromMs, toMs: latest.recentToMs };
    },
    clear() {
      latest = null;
    },
  };
}

/**
 * What a part of a link's label means, which is what colours it: `rate` neutral, `failed` in the
 * failure colour wherever the failure happened (here, further down, or both), `tries` in the
 * retry colour (UI.md: "Colour says what happened").
 */
export type EdgeLabelKind = 'rate' | 'failed' | 'tries';

/** One part of a link's label: its words and what they mean. */
export interface EdgeLabelPart {
  text: string;
  kind: EdgeLabelKind;
}

/**
 * The parts of a link's label, in order: the requests on the wire per second (every try), then
 * the share of calls failed (said where it happened: on this hop, "here", or further down and
 * passed up; "of N/s ended" where those calls are the few, mostlyInFlight), then the share of those requests that were retries ("67% retries" for 3 tries a
 * call) when retries add at least a tenth. Drawing colours each part by its `kind`, never by its words
 * (a suffix test once left "failed here" and "failed further down" uncoloured). Pure.
 */
export function edgeLabelParts(r: EdgeRate): EdgeLabelPart[] {
  const parts: EdgeLabelPart[] = [{ text: `${formatRate(r.triesPerSecond)} req/s`, kind: 'rate' }];
  const pct = formatPercent;
  if (r.failedShare > 0) {
    const below = r.failedShare - r.failedHereShare;
    // Of the calls that ended; said so where they are the few (mostly in flight): "100% failed here" beside a flood's 98,680 req/s read as all of them.
    const share = mostlyInFlight(r) ? `${pct(r.failedShare)} of ${formatRate(r.perSecond)}/s ended` : pct(r.failedShare);
    const text = below <= 0 ? `${share} failed here` : r.failedHereShare <= 0 ? `${share} failed further down` : `${share} failed (${pct(r.failedHereShare)} here)`;
    parts.push({ text, kind: 'failed' });
  }
  if (r.tries >= 1.1) parts.push({ text: `${pct(retryShare(r))} retries`, kind: 'tries' });
  return parts;
}

/**
 * True when the calls that ended in the window carried fewer than half the requests sent on the
 * link in it (perSecond × tries < triesPerSecond / 2): most of what the label's req/s counts is
 * still in flight, so a share of the calls ended is a share of the few (canvas-flood's c -> web at
 * 0.2 s: 98,680 req/s sent, 85 calls ended a second). Pure.
 */
export function mostlyInFlight(r: Pick<EdgeRate, 'perSecond' | 'triesPerSecond' | 'tries'>): boolean {
  return r.perSecond * r.tries < r.triesPerSecond / 2;
}

/** The share of a link's requests on the wire that were retries, 0..1: 1 − 1/tries per call (2/3 for 3 tries). Pure. */
export function retryShare(r: Pick<EdgeRate, 'tries'>): number {
  return r.tries <= 1 ? 0 : 1 - 1 / r.tries;
}

/**
 * A link label's short form, "68/s": its requests on the wire per second only (every try), in
 * whole thousands past 999 ("1k/s" for 1,014), where a presenter-size label has room for no more
 * (placeEdgeLabels' `short` spots). Never wider than "999/s", what the short box holds
 * (SHORT_LABEL_SHARE): "1.0k/s" was, and retry-storm's orders->payments at 13 s (1,014 tries a
 * second) was left out in presenter mode at 1024x768. The full figure is on hover. Pure.
 */
export function edgeShortLabel(r: EdgeRate): string {
  const n = r.triesPerSecond;
  return n < 999.5 ? `${formatRate(n)}/s` : `${formatNumber(Math.round(n / 1000), 0)}k/s`;
}

/**
 * "126 req/s · 3% failed here · 67% retries": the figures worth saying, no more (edgeLabelParts
 * joined). Pure.
 */
export function edgeLabel(r: EdgeRate): string {
  return edgeLabelParts(r)
    .map((p) => p.text)
    .join(' · ');
}
