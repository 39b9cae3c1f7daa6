// The light/dark choice: kept in localStorage, applied as data-theme on <html> so the CSS
// variables of styles.css switch. Light is the default: it reads on a projector.
import type { Theme } from '../state/store';

const KEY = 'meshsim-theme';

/** The theme chosen last time on this browser, light when none. Never throws. */
export function savedTheme(): Theme {
  try {
    return localStorage.getItem(KEY) === 'dark' ? 'dark' : 'light';
  } catch {
    return 'light';
  }
}

/**
 * Applies a theme to the page; remembers it unless `remember` is false (presenter mode shows
 * the light theme without changing the person's choice). Impure: mutates <html> and localStorage.
 */
export function applyTheme(theme: Theme, remember = true): void {
  document.documentElement.dataset.theme = theme;
  const meta = document.querySelector('meta[name="color-scheme"]');
  meta?.setAttribute('content', theme);
  if (!remember) return;
  try {
    localStorage.setItem(KEY, theme);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
}

/** The colour around each moving dot, so dots stand out on the stage of either theme. */
export function dotOutline(): string {
  return getComputedStyle(document.documentElement).getPropertyValue('--stage').trim() || '#ffffff';
}
