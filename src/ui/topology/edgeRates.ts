// Recent figures per edge (calls per simulated second, share failed, tries per call) from the
// cumulative counts frames carry, and the words a link label says. Plain state outside React, fed
// every frame.
import { EDGE_STRIDE, EdgeField, type Frame } from '../../workers/protocol';
import { formatNumber, formatPercent, formatRate } from '../format';

/** Simulated time the figures look back over. */
const WINDOW_MS = 2000;
/** Fewer simulated ms than this between samples: keep the older sample. */
const SAMPLE_EVERY_MS = 100;

export interface EdgeRate {
  /** Calls ended per simulated second. */
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
  /** Takes a frame's cumulative counts. Mutates. */
  sample(frame: Frame): void;
  /** The figures of one edge over the window, or null with no call ended in it. */
  rate(edge: number): EdgeRate | null;
  clear(): void;
}

export function createEdgeRates(): EdgeRates {
  let samples: { t: number; edges: Float64Array }[] = [];
  return {
    sample(frame) {
      const last = samples[samples.length - 1];
      // A new run (or a rewind) starts over.
      if (last && frame.simTime < last.t) samples = [];
      const prev = samples[samples.length - 1];
      if (prev && frame.simTime - prev.t < SAMPLE_EVERY_MS) samples[samples.length - 1] = prev.t === frame.simTime ? { t: frame.simTime, edges: frame.edges } : prev;
      else samples.push({ t: frame.simTime, edges: frame.edges });
      // Keep one sample at or before the window's start.
      while (samples.length > 2 && samples[1].t <= frame.simTime - WINDOW_MS) samples.shift();
    },
    rate(edge) {
      if (samples.length < 2) return null;
      const a = samples[0];
      const b = samples[samples.length - 1];
      const dt = (b.t - a.t) / 1000;
      const i = edge * EDGE_STRIDE;
      // Frames older than the TLS field (four floats an edge) still give the other figures.
      const need = i + Math.min(EDGE_STRIDE, EdgeField.failedHere + 1);
      if (dt <= 0 || b.edges.length < need || a.edges.length < need) return null;
      const calls = b.edges[i + EdgeField.calls] - a.edges[i + EdgeField.calls];
      if (calls <= 0) return null;
      const tls = (b.edges[i + EdgeField.tlsFailed] ?? 0) - (a.edges[i + EdgeField.tlsFailed] ?? 0);
      return {
        ...(tls > 0 ? { tlsFailed: tls } : {}),
        perSecond: calls / dt,
        failedShare: (b.edges[i + EdgeField.failed] - a.edges[i + EdgeField.failed]) / calls,
        failedHereShare: (b.edges[i + EdgeField.failedHere] - a.edges[i + EdgeField.failedHere]) / calls,
        tries: (b.edges[i + EdgeField.attempts] - a.edges[i + EdgeField.attempts]) / calls,
      };
    },
    clear() {
      samples = [];
    },
  };
}

/**
 * "42 req/s · 3% failed here · ×2.9 tries": the figures worth saying, no more. A failure is
 * said where it happened: on this hop ("here"), or further down and passed up. Pure.
 */
export function edgeLabel(r: EdgeRate): string {
  const parts = [`${formatRate(r.perSecond)} req/s`];
  const pct = formatPercent;
  if (r.failedShare > 0) {
    const below = r.failedShare - r.failedHereShare;
    if (below <= 0) parts.push(`${pct(r.failedShare)} failed here`);
    else if (r.failedHereShare <= 0) parts.push(`${pct(r.failedShare)} failed further down`);
    else parts.push(`${pct(r.failedShare)} failed (${pct(r.failedHereShare)} here)`);
  }
  if (r.tries >= 1.1) parts.push(`×${formatNumber(r.tries, 1)} tries`);
  return parts.join(' · ');
}
