import { readFileSync, statSync } from 'node:fs';
import { formatSize, MAX_MANIFEST_CHARS } from '../scenario/import/documents';

/**
 * Reads an input file of `import` or `lint` as UTF-8 text, refusing one larger than
 * MAX_MANIFEST_CHARS by its size on disk before reading a byte of it (a 50 MB file fails at
 * once instead of parsing for a minute). A problem is `path: message` (or `label: path: message`).
 */
export function readInputFile(path: string, label?: string): { ok: true; text: string } | { ok: false; problem: string } {
  const at = label ? `${label}: ${path}` : path;
  try {
    const st = statSync(path);
    if (st.isDirectory()) return { ok: false, problem: `${at}: is a folder, not a file` };
    if (st.size > MAX_MANIFEST_CHARS) {
      return { ok: false, problem: `${at}: is ${formatSize(st.size)}, more than the ${formatSize(MAX_MANIFEST_CHARS)} an input file may be (5 MB of manifests takes seconds and 400 MB to read); split it, or give only the resources of one mesh` };
    }
    return { ok: true, text: readFileSync(path, 'utf8') };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { ok: false, problem: `${at}: ${code === 'ENOENT' ? 'no such file' : `cannot read (${code ?? String(e)})`}` };
  }
}
