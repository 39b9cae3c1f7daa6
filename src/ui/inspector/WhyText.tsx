// Why a request failed, in words (why.ts), over a request's waterfall. In a short panel
// (inspector.css: 1024x768 with Charts open, ~420 px) the sentence took seven lines and pushed the
// waterfall out of view (N-report 5): there it is clamped to a few lines and a "more" opens it.
import { useRef, useState } from 'react';
import { MoreToggle, useCutText } from '../components/MoreToggle';

/**
 * The why sentence, whole in the DOM (screen readers and `textContent` read all of it). CSS clamps
 * it where the panel is short; `more` shows only while the clamp cuts it, and `less` closes it
 * again. A new sentence (another request) starts closed.
 */
export function WhyText({ text }: { text: string }) {
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLParagraphElement>(null);
  const [shown, setShown] = useState(text);
  if (shown !== text) {
    setShown(text);
    setOpen(false);
  }
  // Cut or not depends on the panel's size and the text: measured on each resize.
  const cut = useCutText(ref, [text, open]);
  return (
    <div className="waterfall-why-box" data-open={open ? '' : undefined}>
      <p className="waterfall-why" data-testid="request-why" ref={ref}>
        {text}
      </p>
      <MoreToggle cut={cut} open={open} onToggle={setOpen} className="waterfall-why-more" testId="request-why-more" />
    </div>
  );
}
