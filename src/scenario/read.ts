import { parseDocument, type YAMLError } from 'yaml';
import type { Problem } from './parse';

// Scenario text into plain data: JSON or YAML, with every syntax problem as a `(file)` problem
// naming its line and column. Validating the data is parse.ts's job. The CLI and the app read
// a file through the same two steps: `scenarioFormat` decides JSON or YAML from the file's name
// and its text, and `readScenarioText` refuses what is not text before reading any further.

/** How scenario text is written. `auto`: decided from the text (see `scenarioFormat`). */
export type ScenarioFormat = 'json' | 'yaml' | 'auto';

/** The format a file name says: `.yaml` and `.yml` are YAML, `.json` is JSON, else `auto`. */
export function formatOfFile(name: string): ScenarioFormat {
  if (/\.ya?ml$/i.test(name)) return 'yaml';
  return /\.json$/i.test(name) ? 'json' : 'auto';
}

/**
 * JSON or YAML, for a file's text: what the file name says (`formatOfFile`), else JSON when
 * the text opens with `{`, `[` or a `//` or `/*` comment (so a commented JSON file hears that
 * JSON has no comments), YAML otherwise. The CLI and the app's "Open file…" both decide here.
 * `fileName` may be absent (text pasted or sent without a name). Pure.
 */
export function scenarioFormat(fileName: string | undefined, text: string): 'json' | 'yaml' {
  const byName = fileName === undefined ? 'auto' : formatOfFile(fileName);
  if (byName !== 'auto') return byName;
  return /^\uFEFF?\s*(?:[[{]|\/[/*])/.test(text) ? 'json' : 'yaml';
}

/**
 * Reads a scenario file's text (as the CLI and the app decode it: UTF-8, invalid bytes as
 * U+FFFD) into plain data, the format decided by `scenarioFormat`. Never throws.
 */
export function readScenarioFile(fileName: string | undefined, text: string): { ok: true; data: unknown } | { ok: false; problems: Problem[] } {
  return readScenarioText(text, scenarioFormat(fileName, text));
}

const EMPTY: Problem = { path: '(file)', message: 'is empty: a scenario needs at least a name, clients and services' };

/**
 * Reads scenario text into plain data, without validating it; a syntax error is a problem.
 * Text that is not text (binary data, or bytes that were not UTF-8) is refused first, by its
 * byte offset, and never echoed back. `auto` decides the format as `scenarioFormat` does.
 */
export function readScenarioText(text: string, format: ScenarioFormat = 'auto'): { ok: true; data: unknown } | { ok: false; problems: Problem[] } {
  // A byte-order mark some editors write is not part of the text (but counts in byte offsets).
  const bom = text.startsWith('\uFEFF') ? 3 : 0;
  if (bom) text = text.slice(1);
  const binary = notText(text, bom);
  if (binary) return { ok: false, problems: [binary] };
  if (text.trim() === '') return { ok: false, problems: [EMPTY] };
  // The YAML parser can exhaust the process on brackets nested thousands deep (not catchable).
  if (bracketDepth(text) > MAX_DEPTH) return { ok: false, problems: [{ path: '(file)', message: `nests brackets more than ${MAX_DEPTH} deep; a scenario needs a handful` }] };
  const isYaml = (format === 'auto' ? scenarioFormat(undefined, text) : format) === 'yaml';
  if (isYaml) {
    // Block nesting takes a column a level at least: bound it as brackets are bounded above.
    const deep = deepestBlockLine(text);
    if (deep) return { ok: false, problems: [{ path: '(file)', message: `malformed YAML at line ${deep.line}: its content starts at column ${deep.column}, nested deeper than ${MAX_BLOCK_COLUMN} columns; a scenario needs a few dozen` }] };
    return readYaml(text);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { ok: false, problems: [{ path: '(file)', message: describeJsonError(text, e) }] };
  }
  // JSON.parse keeps the last of a key given twice; say so instead, as for YAML (JSON is YAML).
  // NOTE: our own linear scan, not the YAML parser: that took 19 s and 1.2 GB on a 10 MB file.
  const twice = scanJson(text);
  if (twice.kind === 'duplicate') {
    const key = twice.key.length <= 60 ? `the key "${twice.key}" is given twice` : 'a key is given twice';
    return { ok: false, problems: [{ path: '(file)', message: `malformed JSON${atOffset(text, twice.offset)}: ${key}` }] };
  }
  return { ok: true, data };
}

/** C0 controls but tab, line feed and carriage return, and DEL: no text file holds them (YAML 1.2 forbids them too). */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
/** A control, or what a UTF-8 decoder makes of a byte that is not UTF-8 (U+FFFD), or a noncharacter. */
const NOT_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFD\uFFFE\uFFFF]/;

/**
 * The `(file)` problem of text that is not text, at the first byte that is not: "binary data"
 * when it holds control characters, "not UTF-8" when only bytes a decoder could not read.
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
  const byte = offset + utf8Length(text, m.index) + 1;
  const message = CONTROL.test(text)
    ? `is not text (binary data at byte ${byte}); ${what}`
    : `is not UTF-8 text (byte ${byte} is not valid UTF-8); save the file as UTF-8`;
  return { path: '(file)', message };
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

/**
 * YAML 1.2's core schema: `yes` and `no` stay strings, a key given twice is an error. Merge keys
 * (`<<: *web`, from YAML 1.1, which Compose files and CI configs use to write one service as
 * another with a few fields changed) are read as the yaml package merges them: the keys written
 * beside `<<` win over the merged ones.
 */
function readYaml(text: string): { ok: true; data: unknown } | { ok: false; problems: Problem[] } {
  const doc = parseDocument(text, { logLevel: 'error', merge: true });
  // The first syntax error only: the ones after it are usually its echoes.
  const e = doc.errors[0];
  if (e) {
    const bare = keyWithoutColon(text, doc.errors, e);
    if (bare) {
      return { ok: false, problems: [{ path: '(file)', message: `malformed YAML${atOffset(text, bare.offset)}: this line has no ":" after its key ("${bare.line}"); write a key and its value as key: value` }] };
    }
    const item = itemOutdented(text, e);
    if (item) {
      const above = item.itemsAt === null ? 'stands where a key was expected; a list goes under its key, indented' : `is indented less than the items above it, which start at column ${item.itemsAt}; items of one list start in the same column`;
      return { ok: false, problems: [{ path: '(file)', message: `malformed YAML${atOffset(text, item.offset)}: this list item ("- ") ${above}` }] };
    }
    const deeper = indentedDeeper(text, doc.errors, e);
    if (deeper !== null) {
      return { ok: false, problems: [{ path: '(file)', message: `malformed YAML${atOffset(text, deeper)}: this line is indented more than the key above it; keys of one mapping start in the same column` }] };
    }
    const where = e.code === 'BAD_INDENT' ? atOffset(text, firstNonBlank(text, e.pos[0])) : at(e);
    const what =
      e.code === 'DUPLICATE_KEY' ? givenTwice(text, e) : e.code === 'MULTIPLE_DOCS' ? 'holds more than one document (---); a scenario is one' : e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    return { ok: false, problems: [{ path: '(file)', message: `malformed YAML${where}: ${what}` }] };
  }
  // Comments alone make an empty document.
  if (doc.contents === null) return { ok: false, problems: [EMPTY] };
  // A %YAML 1.1 directive would bring back 1.1's booleans (y, on) and sexagesimal numbers.
  if (doc.directives?.yaml.version !== '1.2') return { ok: false, problems: [{ path: '(file)', message: `is YAML ${doc.directives?.yaml.version}; scenarios are YAML 1.2 (drop the %YAML directive)` }] };
  try {
    // At most 100 alias expansions: a few nested aliases can otherwise blow up to gigabytes.
    return { ok: true, data: doc.toJS({ maxAliasCount: 100 }) };
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    const message = /Unresolved alias/.test(why)
      ? `an alias (*name) refers to no anchor (&name) set before it`
      : /Excessive alias count/.test(why)
        ? 'its aliases expand too far (more than 100 expansions)'
        : why.split('\n')[0];
    return { ok: false, problems: [{ path: '(file)', message: `malformed YAML: ${message}` }] };
  }
}

/** What a duplicate-key error says: the key, as written where it appears the second time. */
function givenTwice(text: string, e: { pos: [number, number] }): string {
  const m = /^\s*(?:"((?:[^"\\\n]|\\.)*)"|'([^'\n]*)'|([^:\n]+?))\s*:/.exec(text.slice(e.pos[0]));
  const key = m ? (m[1] ?? m[2] ?? m[3]) : '';
  return key && key.length <= 60 ? `the key "${key}" is given twice` : 'a key is given twice';
}

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

/**
 * The offset of a line indented deeper than the key above it (`type: open` then `     rate: 10`),
 * or null when `e` is not that. YAML reads such a line as the rest of the value above, a plain
 * scalar over two lines that is then used as a key; the yaml package points at where that value
 * starts, a line (or more) before the line that is wrong. The wrong line is the key's last.
 */
function indentedDeeper(text: string, errors: readonly YAMLError[], e: YAMLError): number | null {
  if (e.code !== 'BLOCK_AS_IMPLICIT_KEY' && e.code !== 'MULTILINE_IMPLICIT_KEY') return null;
  const key = errors.find((x) => x.code === 'MULTILINE_IMPLICIT_KEY' && x.pos[0] === e.pos[0]);
  if (!key) return null;
  const lastBreak = text.lastIndexOf('\n', key.pos[1] - 1);
  if (lastBreak < key.pos[0]) return null;
  return firstNonBlank(text, lastBreak + 1);
}

/**
 * A line that is a key without its colon (`replicas 2` among `name: web` and `concurrency: 4`):
 * YAML reads it and the lines down to the next colon as one key over several lines, and the
 * yaml package reports that key (MULTILINE_IMPLICIT_KEY), which `indentedDeeper` would name at
 * its last line, the good one under it. Here the key starts its line (after any `- `) and that
 * line holds no `: `, so the line that is wrong is the first. Returns its offset and its text
 * (trimmed, at most 40 characters), or null. Pure.
 */
function keyWithoutColon(text: string, errors: readonly YAMLError[], e: YAMLError): { offset: number; line: string } | null {
  if (e.code !== 'BLOCK_AS_IMPLICIT_KEY' && e.code !== 'MULTILINE_IMPLICIT_KEY') return null;
  const key = errors.find((x) => x.code === 'MULTILINE_IMPLICIT_KEY' && x.pos[0] === e.pos[0]);
  if (!key) return null;
  const start = key.pos[0];
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  if (!/^[ \t]*(?:-[ \t]+)*$/.test(text.slice(lineStart, start))) return null;
  const end = text.indexOf('\n', start);
  const line = text.slice(start, end < 0 ? text.length : end).replace(/\s+#.*$/, '').trim();
  if (line === '' || /:(?:\s|$)/.test(line) || /^[-?[{"'&*!|>#]/.test(line)) return null;
  return { offset: start, line: line.length <= 40 ? line : `${line.slice(0, 39)}…` };
}

/**
 * A list item (`- `) standing where the mapping around it expects a key, as when an item of
 * `services:` is written at column 1 under items at column 3: the yaml package says "A block
 * sequence may not be used as an implicit map key". Returns the item's offset and the column
 * the list's items above start at (the outermost list between it and the key that holds it), or
 * null when `e` is not that; `itemsAt` is null when no item above is indented more. Pure.
 */
function itemOutdented(text: string, e: YAMLError): { offset: number; itemsAt: number | null } | null {
  if (e.code !== 'BLOCK_AS_IMPLICIT_KEY' || !/^-(?:[ \t]|$)/m.test(text.slice(e.pos[0], e.pos[0] + 2))) return null;
  const lineStart = text.lastIndexOf('\n', e.pos[0] - 1) + 1;
  const column = e.pos[0] - lineStart + 1;
  let itemsAt: number | null = null;
  for (let end = lineStart - 1; end > 0; ) {
    const from = text.lastIndexOf('\n', end - 1) + 1;
    const line = text.slice(from, end);
    end = from - 1;
    const indent = line.length - line.trimStart().length;
    const content = line.trimStart();
    if (content === '' || content.startsWith('#')) continue;
    if (indent + 1 <= column) break;
    if (/^-(?:[ \t]|$)/.test(content)) itemsAt = itemsAt === null ? indent + 1 : Math.min(itemsAt, indent + 1);
  }
  return { offset: e.pos[0], itemsAt };
}

/** The first offset from `i` on that is not a space, tab or line break. */
function firstNonBlank(text: string, i: number): number {
  while (i < text.length && /[ \t\r\n]/.test(text[i])) i++;
  return i;
}

/** " at line L, column C" for an offset into `text` (both counted from 1). */
function atOffset(text: string, offset: number): string {
  const before = text.slice(0, offset);
  return ` at line ${before.split('\n').length}, column ${offset - before.lastIndexOf('\n')}`;
}

/** " at line L, column C" for a YAML error that knows where it is. */
function at(e: { linePos?: [{ line: number; col: number }, ...unknown[]] }): string {
  const p = e.linePos?.[0];
  return p ? ` at line ${p.line}, column ${p.col}` : '';
}

function describeJsonError(text: string, e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  // V8 gives a position for some errors only ("Unexpected token ..." and "Unexpected end of
  // JSON input" have none, and other engines word it differently): find it ourselves then.
  const m = /position (\d+)/.exec(msg);
  const scan = m ? null : scanJson(text);
  const pos = m ? Number(m[1]) : scan?.kind === 'syntax' ? scan.offset : -1;
  if (pos < 0) return `malformed JSON: ${msg}`;
  const before = text.slice(0, pos);
  const line = before.split('\n').length;
  const column = pos - before.lastIndexOf('\n');
  // V8 says "Expected double-quoted property name" or "Unexpected token '/'" at a comment.
  const comment = /^(?:\/\/|\/\*|#)/.test(text.slice(pos, pos + 2));
  // A file named .json that opens like YAML (`name: shop`): V8 would name a letter after the first.
  const opensOtherwise = !/^\s*[[{"\d-]/.test(text) && !/^\s*(?:true|false|null)\b/.test(text);
  const what = comment
    ? 'comments are not allowed in JSON; YAML allows them (as # lines, in a .yaml or .yml file)'
    : opensOtherwise
      ? 'a JSON scenario opens with "{" (if this is YAML, name the file .yaml or .yml)'
      : msg.replace(/\s*in JSON at position \d+.*$/, '').replace(/, (\.\.\.)?".*"(\.\.\.)? is not valid JSON$/s, '');
  return `malformed JSON at line ${line}, column ${column}: ${what}`;
}

/** What a scan of JSON text finds first: a syntax error, a key given twice in one object, or neither. */
type JsonScan = { kind: 'syntax'; offset: number } | { kind: 'duplicate'; offset: number; key: string } | { kind: 'clean' };

/**
 * Scans JSON text once, in linear time: the offset of its first syntax error (its length when
 * the text stops short), or of the first key given twice in one object (offset of that key's
 * second appearance), whichever comes first. Nesting is bounded by MAX_DEPTH beforehand.
 */
function scanJson(text: string): JsonScan {
  let i = 0;
  const fail = (): never => {
    throw new JsonSyntaxAt(i);
  };
  const space = () => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };
  const literal = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null/y;
  const string = () => {
    i++; // the opening quote
    while (i < text.length) {
      const c = text[i];
      if (c === '"') {
        i++;
        return;
      }
      if (c < ' ') fail();
      if (c === '\\') {
        i++;
        if (text[i] === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail();
          i += 4;
        } else if (!'"\\/bfnrt'.includes(text[i] ?? 'x')) fail();
      }
      i++;
    }
    fail();
  };
  const value = (): void => {
    space();
    const c = text[i];
    if (c === '"') return string();
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      const keys = close === '}' ? new Set<string>() : null;
      i++;
      space();
      if (text[i] === close) {
        i++;
        return;
      }
      for (;;) {
        if (keys) {
          space();
          if (text[i] !== '"') fail();
          const start = i;
          string();
          const raw = text.slice(start + 1, i - 1);
          // Escapes spell one key two ways ("a" and "\u0061"); compare what they mean.
          const key = raw.includes('\\') ? (JSON.parse(`"${raw}"`) as string) : raw;
          if (keys.has(key)) throw new JsonDuplicateAt(start, key);
          keys.add(key);
          space();
          if (text[i] !== ':') fail();
          i++;
        }
        value();
        space();
        if (text[i] === ',') i++;
        else if (text[i] === close) {
          i++;
          return;
        } else fail();
      }
    }
    literal.lastIndex = i;
    if (!literal.exec(text)) fail();
    i = literal.lastIndex;
  };
  try {
    value();
    space();
    if (i < text.length) fail();
    return { kind: 'clean' };
  } catch (err) {
    if (err instanceof JsonSyntaxAt) return { kind: 'syntax', offset: err.offset };
    if (err instanceof JsonDuplicateAt) return { kind: 'duplicate', offset: err.offset, key: err.key };
    throw err;
  }
}

class JsonSyntaxAt {
  constructor(readonly offset: number) {}
}

class JsonDuplicateAt {
  constructor(
    readonly offset: number,
    readonly key: string,
  ) {}
}
