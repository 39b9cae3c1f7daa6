// A chart's size follows its box (the CSS lays the box out; the SVG is drawn to fit it).
import { useEffect, useRef, useState, type RefObject } from 'react';
import type { Size } from './geometry';

/**
 * The size of a chart's box in px, rounded, followed with a ResizeObserver: at least 120 x 60,
 * `initial` until the box is measured. Put the returned ref on the box. The size object changes
 * only when a rounded side does, so geometry memoized on it is not redone for nothing.
 */
export function useChartSize(initial: Size): [RefObject<HTMLDivElement | null>, Size] {
  const box = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState<Size>(initial);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const ro = new ResizeObserver(() => {
      const r = el.getBoundingClientRect();
      setSize((s) => (Math.round(r.width) === s.width && Math.round(r.height) === s.height ? s : { width: Math.max(120, Math.round(r.width)), height: Math.max(60, Math.round(r.height)) }));
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return [box, size];
}
