// A glossary term in a story's text (glossary.ts): dotted underline, and what it means in a
// popover on hover, on click or tap, and on keyboard focus (trial T4, 6).
import { useId, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import type { GlossaryTerm } from './glossaryMatch';

/** The popover's gap to the term and to the window's edges, px. */
const GAP = 6;
const EDGE = 8;

/**
 * Where the popover goes: under the term, or over it where under would run past the window's
 * foot; left-aligned with the term but kept `EDGE` px inside the window. All in viewport px. Pure.
 */
export function popoverPlace(term: { left: number; top: number; bottom: number }, pop: { width: number; height: number }, view: { width: number; height: number }): { left: number; top: number } {
  const left = Math.max(EDGE, Math.min(term.left, view.width - pop.width - EDGE));
  const below = term.bottom + GAP;
  const top = below + pop.height <= view.height - EDGE ? below : Math.max(EDGE, term.top - GAP - pop.height);
  return { left, top };
}

/**
 * `children` (the term as the text writes it) marked as a glossary term, a focusable button
 * described by its popover (aria-describedby, role tooltip). Hover or focus shows the popover;
 * a click or tap, Enter or Space pins it open or closes it; Escape or leaving closes it.
 */
export function GlossTerm({ term, children }: { term: GlossaryTerm; children: ReactNode }) {
  const id = useId();
  const [hover, setHover] = useState(false);
  const [pinned, setPinned] = useState(false);
  const open = hover || pinned;
  const anchor = useRef<HTMLSpanElement>(null);
  const pop = useRef<HTMLSpanElement>(null);
  const [place, setPlace] = useState<{ left: number; top: number } | null>(null);
  useLayoutEffect(() => {
    if (!open || !anchor.current || !pop.current) return setPlace(null);
    const r = anchor.current.getBoundingClientRect();
    const p = pop.current.getBoundingClientRect();
    setPlace(popoverPlace(r, p, { width: window.innerWidth, height: window.innerHeight }));
  }, [open]);
  return (
    <>
      <span
        ref={anchor}
        className="gloss-term"
        role="button"
        tabIndex={0}
        aria-describedby={id}
        aria-expanded={open}
        data-testid="gloss-term"
        data-term={term.term}
        onMouseEnter={() => setHover(true)}
        onMouseLeave={() => setHover(false)}
        onFocus={() => setHover(true)}
        onBlur={() => {
          setHover(false);
          setPinned(false);
        }}
        onClick={(e) => {
          e.preventDefault();
          setPinned((p) => !p);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' || e.key === ' ') {
            e.preventDefault();
            e.stopPropagation();
            setPinned((p) => !p);
          } else if (e.key === 'Escape' && open) {
            e.stopPropagation();
            setHover(false);
            setPinned(false);
          }
        }}
      >
        {children}
      </span>
      {createPortal(
        <span ref={pop} id={id} role="tooltip" className="gloss-pop" data-testid="gloss-pop" hidden={!open} style={place ? { left: place.left, top: place.top } : { left: 0, top: 0, visibility: 'hidden' }}>
          <strong>{term.term}</strong>: {term.text}
        </span>,
        document.body,
      )}
    </>
  );
}
