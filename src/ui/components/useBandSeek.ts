// A timeline seeks from anywhere on its band, not only its 8 px track: N13's trial clicked the
// middle of the 47 px strip (the row of step numbers) and nothing happened, as only the track
// took presses. The band is the timeline's height over the track's span (a little past each end,
// so 0 and the run's end are easy to hit); the label, the compare view's sentence under it and
// the markers (buttons, which keep their own click: a jump to their time) are not. Hovering the
// band shows the moment under the pointer.
import { useRef, useState, type PointerEvent, type RefObject } from 'react';
import { snapToPixel } from './timelineSnap';

/** How far past the track's ends the band still seeks (to 0 or the end), CSS px: half a step circle. */
export const BAND_SLACK_PX = 10;

/** What the band leaves to other clicks or to reading: the markers, the label, the compare view's sentence. */
const NOT_BAND = 'button, .timeline-label, .compare-divergence-text';

export interface BandSeek {
  /** The simulated moment under the pointer while it hovers the band (not a marker), ms; null otherwise. */
  hoverMs: number | null;
  /** True while a press on the band drags the clock. */
  scrubbing: boolean;
  /** Handlers for the band's element (the timeline's outer box). */
  handlers: {
    onPointerDown(e: PointerEvent<HTMLElement>): void;
    onPointerMove(e: PointerEvent<HTMLElement>): void;
    onPointerUp(): void;
    onPointerCancel(): void;
    onLostPointerCapture(): void;
    onPointerLeave(): void;
  };
}

/**
 * The moment at `clientX` on a track spanning `left`..`left + width` CSS px of a run of
 * `durationMs`: clamped to 0..durationMs, rounded to a round moment within half a pixel
 * (snapToPixel: a click at 7 s gave 6,999.998 ms). A track of no width gives 0. Pure.
 */
export function bandTime(clientX: number, left: number, width: number, durationMs: number): number {
  if (!(width > 0) || !(durationMs > 0)) return 0;
  return snapToPixel(Math.min(1, Math.max(0, (clientX - left) / width)) * durationMs, durationMs / width);
}

/**
 * Whether a pointer at (`x`, `y`) is on the band of a track with bounds `track`: within
 * BAND_SLACK_PX of its span across, and above `track.bottom + belowPx` (the compare view's step
 * markers hang 22 px under its track; its sentence below them is not the band). Pure.
 */
export function onBand(x: number, y: number, track: { left: number; right: number; bottom: number }, belowPx: number): boolean {
  return x >= track.left - BAND_SLACK_PX && x <= track.right + BAND_SLACK_PX && y <= track.bottom + belowPx;
}

/**
 * Press, drag and hover on a timeline's whole band: `seek` is called with the moment under the
 * pointer on the press and on every move while pressed (as the track alone did before). `track`
 * is the element whose span maps 0..`durationMs`; `belowPx` how far under its bottom the band
 * reaches (Infinity: the whole box). A press off the band, on a marker or not with the main
 * button does nothing here.
 */
export function useBandSeek(track: RefObject<HTMLElement | null>, durationMs: number, seek: (ms: number) => void, belowPx = Infinity): BandSeek {
  const dragging = useRef(false);
  const [scrubbing, setScrubbing] = useState(false);
  const [hoverMs, setHoverMs] = useState<number | null>(null);
  const timeAt = (e: PointerEvent<HTMLElement>): number | null => {
    const el = track.current;
    if (!el) return null;
    const r = el.getBoundingClientRect();
    return bandTime(e.clientX, r.left, r.width, durationMs);
  };
  const isBand = (e: PointerEvent<HTMLElement>) => {
    const el = track.current;
    if (!el || (e.target as HTMLElement).closest(NOT_BAND)) return false;
    return onBand(e.clientX, e.clientY, el.getBoundingClientRect(), belowPx);
  };
  const end = () => {
    if (!dragging.current) return;
    dragging.current = false;
    setScrubbing(false);
  };
  return {
    hoverMs,
    scrubbing,
    handlers: {
      onPointerDown(e) {
        if (e.button !== 0 || !isBand(e)) return;
        const ms = timeAt(e);
        if (ms === null) return;
        e.preventDefault();
        e.currentTarget.setPointerCapture(e.pointerId);
        dragging.current = true;
        setScrubbing(true);
        setHoverMs(null);
        seek(ms);
      },
      onPointerMove(e) {
        if (dragging.current) {
          const ms = timeAt(e);
          if (ms !== null) seek(ms);
          return;
        }
        const next = isBand(e) ? timeAt(e) : null;
        if (next !== hoverMs) setHoverMs(next);
      },
      onPointerUp: end,
      onPointerCancel: end,
      onLostPointerCapture: end,
      onPointerLeave() {
        if (hoverMs !== null) setHoverMs(null);
      },
    },
  };
}
