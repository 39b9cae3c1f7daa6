import type { Problem } from './parse';

// What scenario text is refused for before it is parsed: empty text, text that is not text (binary
// data, bytes that are not UTF-8, UTF-16), and nesting deep enough to exhaust the YAML parser;
// and where in the text a problem stands. read.ts and the importer (import/documents.ts) both ask
// here first. Pure.

/** The `(file)` problem of text that holds nothing but blanks and comments. */
export const EMPTY: Problem = { path: '(file)', message: 'is empty: a scenario needs at least a name, clients and services' };

/** C0 controls but tab, line feed and carriage return, and DEL: no text file holds them (YAML 1.2 forbids them too). */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
/** A control, or what a UTF-8 decoder makes of a byte that is not UTF-8 (U+FFFD), or a noncharacter. */
const NOT_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFD\uFFFE\uFFFF]/;

/**
 * The `(file)` problem of text that is not text, at the first byte that is not, counted from 1
 * ("binary data from its 1st byte" for a PNG): "binary data" when it holds control characters,
 * "not UTF-8" when only bytes a decoder could not read.
 * The offset is exact, as the text before that point decoded cleanly. Never quotes the bytes.
 * `what` ends the binary-data message: what a file of this kind is (the importer names manifests).
 */
export function notText(text: string, offset: number, what = 'a scenario is a JSON or YAML text file'): Problem | null {
  const m = NOT_TEXT.exec(text);
  if (!m) return null;
  // UTF-16 with its byte-order mark (Windows Notepad's "Unicode"): FF FE or FE FF, each a byte
  // no UTF-8 decoder reads, then ASCII with a NUL beside every character.
  if (offset === 0 && /^\uFFFD\uFFFD(?:[^\u0000]\u0000|\u0000[^\u0000])/.test(text)) {
    return { path: '(file)', message: 'is UTF-16 text; save the file as UTF-8' };
  }
  // Counted from 1 and said as an ordinal ("its 1st byte"): "byte 1" read as either the first
  // byte or the one at offset 1 (N7's trial: a PNG, whose first byte 0x89 is not text).
  const byte = ordinal(offset + utf8Length(text, m.index) + 1);
  const message = CONTROL.test(text)
    ? `is not text (binary data from its ${byte} byte); ${what}`
    : `is not UTF-8 text (its ${byte} byte is not valid UTF-8); save the file as UTF-8`;
  return { path: '(file)', message };
}

/** `n` (a whole number, 1 or more) as an English ordinal: 1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st, 112th. Pure. */
export function ordinal(n: number): string {
  const teen = n % 100 >= 11 && n % 100 <= 13;
  const suffix = teen ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th';
  return `${n}${suffix}`;
}

/** Bytes of `text.slice(0, end)` in UTF-8. */
function utf8Length(text: string, end: number): number {
  let n = 0;
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c < 0xdc00 && i + 1 < end) {
      n += 4; // a surrogate pair: one code point of four bytes
      i++;
    } else n += 3;
  }
  return n;
}

/** How deep `[` and `{` may nest in scenario text (bracketDepth): the YAML parser can exhaust the process past thousands. */
export const MAX_DEPTH = 64;

/**
 * The furthest column a YAML line's content may start at, after its indentation and block
 * indicators (`- `, `? `, `: `). Every level of block nesting takes at least one column, so this
 * bounds the depth the YAML parser recurses to: 5,000 levels (`- - - … 1`) overflowed its stack,
 * and a second such read killed V8 outright. A scenario nests about ten levels of two spaces.
 */
export const MAX_BLOCK_COLUMN = 256;

/** The first line whose content starts past MAX_BLOCK_COLUMN (1-based line and column), or null. Linear. */
export function deepestBlockLine(text: string): { line: number; column: number } | null {
  let line = 1;
  for (let i = 0; i < text.length; line++) {
    let j = i;
    for (;;) {
      while (text[j] === ' ') j++;
      const c = text[j];
      if ((c === '-' || c === '?' || c === ':') && (text[j + 1] === ' ' || text[j + 1] === '\t')) j += 2;
      else if (c === '\t' && j > i) j++;
      else break;
    }
    if (j - i + 1 > MAX_BLOCK_COLUMN) return { line, column: j - i + 1 };
    const next = text.indexOf('\n', j);
    if (next < 0) break;
    i = next + 1;
  }
  return null;
}

/** How deep `[` and `{` nest outside quoted strings (a JSON or flow-YAML document's depth). */
export function bracketDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#') while (i + 1 < text.length && text[i + 1] !== '\n') i++;
    else if (c === '[' || c === '{') max = Math.max(max, ++depth);
    else if (c === ']' || c === '}') depth--;
  }
  return max;
}

/** " at line L, column C" for an offset into `text` (both counted from 1). */
export function atOffset(text: string, offset: number): string {
  const before = text.slice(0, offset);
  return ` at line ${before.split('\n').length}, column ${offset - before.lastIndexOf('\n')}`;
}
