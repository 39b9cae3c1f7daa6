// Recent figures per edge (calls per simulated second, share failed, tries per call) and the words
// a link label says. The worker counts them over the last second of simulated time
// (workers/edgeWindow.ts), so a moment gives the same figures however it was reached; this keeps
// the latest frame's window. Plain state outside React, fed every frame.
import { EDGE_STRIDE, EdgeField, type Frame } from '../../workers/protocol';
import { formatNumber, formatPercent, formatRate, formatSimTime } from '../format';

export interface EdgeRate {
  /** Calls ended per simulated second over the window. */
  perSecond: number;
  /** Share of those that failed, 0..1. */
  failedShare: number;
  /** Share of those that failed on this hop (the rest failed further down), 0..1. */
  failedHereShare: number;
  /** Attempts per call (1 without retries). */
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
  /** The figures of one edge over the window, or null with no call ended in it. */
  rate(edge: number): EdgeRate | null;
  /** The window the figures cover, simulated ms `(fromMs, toMs]`, or null before the first frame. */
  window(): { fromMs: number; toMs: number } | null;
  clear(): void;
}

/**
 * Edge `edge`'s figures over a frame's window (`Frame.recent`: the last simulated second, to
 * the tenth), or null when no call ended on it in the window. Pure.
 */
export function edgeRateOf(frame: Pick<Frame, 'recent' | 'recentFromMs' | 'recentToMs'>, edge: number): EdgeRate | null {
  const dt = (frame.recentToMs - frame.recentFromMs) / 1000;
  const i = edge * EDGE_STRIDE;
  const c = frame.recent;
  if (dt <= 0 || c.length < i + EDGE_STRIDE) return null;
  const calls = c[i + EdgeField.calls];
  if (calls <= 0) return null;
  const tls = c[i + EdgeField.tlsFailed];
  return {
    ...(tls > 0 ? { tlsFailed: tls } : {}),
    perSecond: calls / dt,
    failedShare: c[i + EdgeField.failed] / calls,
    failedHereShare: c[i + EdgeField.failedHere] / calls,
    tries: c[i + EdgeField.attempts] / calls,
  };
}

/**
 * What a link label's tooltip says of its window and what it counts: "calls ended per second over
 * the last second of simulated time (29.0 s to 30.0 s), a retried call counted once". A call is
 * the caller's request on this hop; its tries (retries included) are what the label's ×N tries,
 * the inspector's tries per call and the compare table's "tries received" count. Pure.
 */
export function edgeWindowText(w: { fromMs: number; toMs: number }): string {
  return `calls ended per second over the last second of simulated time (${formatSimTime(w.fromMs)} to ${formatSimTime(w.toMs)}), a retried call counted once`;
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
 * The parts of a link's label, in order: the rate, then the share failed (said where it
 * happened: on this hop, "here", or further down and passed up), then tries per call when
 * retries add at least a tenth. Drawing colours each part by its `kind`, never by its words
 * (a suffix test once left "failed here" and "failed further down" uncoloured). Pure.
 */
export function edgeLabelParts(r: EdgeRate): EdgeLabelPart[] {
  const parts: EdgeLabelPart[] = [{ text: `${formatRate(r.perSecond)} req/s`, kind: 'rate' }];
  const pct = formatPercent;
  if (r.failedShare > 0) {
    const below = r.failedShare - r.failedHereShare;
    const text = below <= 0 ? `${pct(r.failedShare)} failed here` : r.failedHereShare <= 0 ? `${pct(r.failedShare)} failed further down` : `${pct(r.failedShare)} failed (${pct(r.failedHereShare)} here)`;
    parts.push({ text, kind: 'failed' });
  }
  if (r.tries >= 1.1) parts.push({ text: `×${formatNumber(r.tries, 1)} tries`, kind: 'tries' });
  return parts;
}

/**
 * A link label's short form, "68/s": its calls per second only, where a presenter-size label
 * has room for no more (placeEdgeLabels' `short` spots). Pure.
 */
export function edgeShortLabel(r: EdgeRate): string {
  return `${formatRate(r.perSecond)}/s`;
}

/**
 * "42 req/s · 3% failed here · ×2.9 tries": the figures worth saying, no more (edgeLabelParts
 * joined). Pure.
 */
export function edgeLabel(r: EdgeRate): string {
  return edgeLabelParts(r)
    .map((p) => p.text)
    .join(' · ');
}
