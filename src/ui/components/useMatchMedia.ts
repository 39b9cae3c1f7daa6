import { useEffect, useState } from 'react';

/**
 * Whether the window matches the media `query` (e.g. '(max-width: 1100px)'), following it as the
 * window is resized. False where there is no window (tests without a DOM).
 */
export function useMatchMedia(query: string): boolean {
  const [on, setOn] = useState(() => typeof window !== 'undefined' && window.matchMedia(query).matches);
  useEffect(() => {
    const m = window.matchMedia(query);
    const change = () => setOn(m.matches);
    change();
    m.addEventListener('change', change);
    return () => m.removeEventListener('change', change);
  }, [query]);
  return on;
}
