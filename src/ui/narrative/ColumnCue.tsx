// The story column's edges when it scrolls: whole lines only, and a "↓ more" where more lies below (trial T4, 7: at
// 1366x768 "searchers' requests failing (plaintext, no" was cut in half at the column's foot).
import { useEffect, useRef, useState, type RefObject } from 'react';
import { footCoverTop, headCoverBottom, linesInBand } from './columnCut';

/** The foot's cover at its lowest, CSS px: room for the "↓ more" button. */
const FOOT_MIN = 26;
/** The most either cover grows to hide a cut line, as a share of the column's height. */
const MAX_SHARE = 0.3;

interface Covers {
  /** Height of the cover at the column's head, px (0: nothing cut there). */
  head: number;
  /** Height of the cover at the column's foot, px (0: the column's end is in view). */
  foot: number;
  /** The column's width inside its border and scroll bar, px. */
  width: number;
}

const NONE: Covers = { head: 0, foot: 0, width: 0 };

/**
 * Two covers laid over the app's `panel` grid area (styles.css .column-cue), at the story column's head and foot,
 * each as tall as it takes to hide the lines its edge cuts: a line is shown whole or not at all. The foot's says
 * "↓ more" and scrolls the column on; it goes where the column's end is in view. `appRef`: the app's grid, holding
 * the column (`aside.panel`). Measured on scroll, resize and any change to the column, once a frame.
 */
export function ColumnCue({ appRef }: { appRef: RefObject<HTMLElement | null> }) {
  const [c, setC] = useState<Covers>(NONE);
  const panelRef = useRef<HTMLElement | null>(null);
  useEffect(() => {
    const panel = appRef.current?.querySelector<HTMLElement>(':scope > aside.panel') ?? null;
    panelRef.current = panel;
    if (!panel) return;
    let frame = 0;
    const measure = () => {
      frame = 0;
      const box = panel.getBoundingClientRect();
      const max = Math.round(panel.clientHeight * MAX_SHARE);
      const headY = box.top + panel.clientTop;
      const footY = headY + panel.clientHeight;
      const atEnd = panel.scrollTop + panel.clientHeight >= panel.scrollHeight - 1;
      const lines = panel.scrollHeight > panel.clientHeight ? linesInBand(panel, headY - 1, headY + max).concat(atEnd ? [] : linesInBand(panel, footY - max, footY + 1)) : [];
      const head = panel.scrollTop > 0 ? Math.ceil(headCoverBottom(lines, headY, max) - headY) : 0;
      // The question's own cue (StoryCues.QuestionCue) says what lies below where it shows, over the same foot.
      const asked = panel.querySelector('[data-testid="question-cue"]') !== null;
      const foot = atEnd || asked || lines.length === 0 ? 0 : Math.ceil(footY - footCoverTop(lines, footY, FOOT_MIN, max));
      const width = panel.clientWidth;
      setC((p) => (p.head === head && p.foot === foot && p.width === width ? p : { head, foot, width }));
    };
    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(measure);
    };
    schedule();
    panel.addEventListener('scroll', schedule, { passive: true });
    const resize = new ResizeObserver(schedule);
    resize.observe(panel);
    const changes = new MutationObserver(schedule);
    changes.observe(panel, { childList: true, subtree: true, characterData: true });
    return () => {
      if (frame) cancelAnimationFrame(frame);
      panel.removeEventListener('scroll', schedule);
      resize.disconnect();
      changes.disconnect();
    };
  }, [appRef]);
  return (
    <>
      {c.head > 0 && <div className="column-cue column-cue-head" aria-hidden="true" data-testid="column-cue-head" style={{ height: c.head, width: c.width }} />}
      {c.foot > 0 && (
        <div className="column-cue column-cue-foot" data-testid="column-cue-foot" style={{ height: c.foot, width: c.width }}>
          <button
            type="button"
            className="column-cue-more"
            aria-label="More below in the story column: scroll it on"
            onClick={() => {
              const panel = panelRef.current;
              if (panel) panel.scrollBy({ top: Math.max(40, panel.clientHeight - c.foot - 40), behavior: 'smooth' });
            }}
          >
            ↓ more
          </button>
        </div>
      )}
    </>
  );
}
