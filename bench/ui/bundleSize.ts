import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * Bytes of JavaScript a first visit downloads, gzipped (level 9, as a server would send it):
 * every module script and modulepreload that `index.html` in `dist` names. Chunks loaded
 * later (the worker, lazy imports) are left out. Reads files only.
 */
export function initialJsGzipBytes(dist: string): number {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const srcs = new Set<string>();
  for (const m of html.matchAll(/<script[^>]*\bsrc="([^"]+\.js)"/g)) srcs.add(m[1]);
  for (const m of html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+\.js)"/g)) srcs.add(m[1]);
  let total = 0;
  for (const src of srcs) total += gzipSync(readFileSync(join(dist, src.replace(/^\//, ''))), { level: 9 }).length;
  return total;
}

/**
 * Whether `dist` is older than what it is built from: true when `dist/index.html` is missing or
 * any file under `sources` (folders walked whole, their files only, or single files; missing ones skipped) was
 * changed after it. `npm run bench:ui` builds only when this holds (or with `--build`): a first
 * run in session 42 read a dist/ left from hours before and printed its stale initial JS
 * (251.9 KB against 245.7 KB built from the sources). Reads file times only.
 */
export function distIsStale(dist: string, sources: readonly string[]): boolean {
  const built = join(dist, 'index.html');
  if (!existsSync(built)) return true;
  const builtAt = statSync(built).mtimeMs;
  for (const source of sources) {
    if (!existsSync(source)) continue;
    const s = statSync(source);
    if (!s.isDirectory()) {
      if (s.mtimeMs > builtAt) return true;
      continue;
    }
    // Files only: a folder's own time moves when anything is added to it, built or not.
    for (const name of readdirSync(source, { recursive: true }) as string[]) {
      const f = statSync(join(source, name));
      if (f.isFile() && f.mtimeMs > builtAt) return true;
    }
  }
  return false;
}
