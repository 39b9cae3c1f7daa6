// A fake address bar for the address-bar writers' tests (addressBarPlaying, pairAddressBar): fake timers and
// performance, a `location` and a `history` whose replaceState records each URL written.
import { afterEach, beforeEach, vi } from 'vitest';

/**
 * Registers beforeEach/afterEach in the calling describe: before each test, fake setTimeout, clearTimeout and
 * performance, and stub `location` and `history`; after, put them back. Returns the URLs replaceState was given,
 * in order (emptied before each test).
 */
export function useFakeAddressBar(): string[] {
  const writes: string[] = [];
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    writes.length = 0;
    const loc = { pathname: '/', search: '', hash: '' };
    vi.stubGlobal('location', loc);
    vi.stubGlobal('history', {
      state: null,
      replaceState: (_s: unknown, _t: string, url: string) => {
        writes.push(url);
        loc.search = url.slice(1);
      },
    });
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });
  return writes;
}
