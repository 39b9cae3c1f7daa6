import { parseDocument, type YAMLError } from 'yaml';
import type { Problem } from './parse';
import { atOffset, EMPTY } from './textGuards';

// YAML scenario text into plain data, with its first syntax problem said as a person would fix it:
// a key without its colon, a list item outdented, a line indented deeper than its key, a key
// given twice, each at its line and column (the yaml package's own words otherwise). Pure.

/**
 * YAML 1.2's core schema: `yes` and `no` stay strings, a key given twice is an error. Merge keys
 * (`<<: *web`, from YAML 1.1, which Compose files and CI configs use to write one service as
 * another with a few fields changed) are read as the yaml package merges them: the keys written
 * beside `<<` win over the merged ones.
 */
export function readYaml(text: string): { ok: true; data: unknown } | { ok: false; problems: Problem[] } {
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

/** " at line L, column C" for a YAML error that knows where it is. */
function at(e: { linePos?: [{ line: number; col: number }, ...unknown[]] }): string {
  const p = e.linePos?.[0];
  return p ? ` at line ${p.line}, column ${p.col}` : '';
}
