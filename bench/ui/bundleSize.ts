import { readFileSync } from 'node:fs';
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
