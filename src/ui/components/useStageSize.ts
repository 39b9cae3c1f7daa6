// The topology stage's size, measured when laid out and on every resize.
import { useLayoutEffect, useState, type RefObject } from 'react';

/** The stage's size, CSS px, and its height under one row of tools (`readHeight`). */
export interface StageSize {
  width: number;
  height: number;
  readHeight: number;
}

/**
 * The size of the stage `boxRef` holds, whole pixels; null before it is first measured. A new
 * object only when a figure changes. `readHeight` is the stage's height under one row of tools
 * (the legend button's): a fold's note and group list wrap the tools to a second row, and the
 * readable-text rule is judged without it, so a picture it folded is not kept folded by the
 * room its own note takes.
 */
export function useStageSize(boxRef: RefObject<HTMLDivElement | null>): StageSize | null {
  const [size, setSize] = useState<StageSize | null>(null);
  useLayoutEffect(() => {
    const box = boxRef.current!;
    const measure = () => {
      const r = box.getBoundingClientRect();
      const width = Math.floor(r.width);
      const height = Math.floor(r.height);
      const parent = box.parentElement?.getBoundingClientRect();
      const bar = box.parentElement?.querySelector('.legend-bar')?.getBoundingClientRect();
      const readHeight = Math.max(height, Math.floor(parent && bar ? parent.height - bar.height : 0));
      setSize((s) => (s && s.width === width && s.height === height && s.readHeight === readHeight ? s : { width, height, readHeight }));
    };
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(box);
    return () => ro.disconnect();
  }, [boxRef]);
  return size;
}
