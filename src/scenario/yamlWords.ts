import { isMap, isPair, isScalar, isSeq, type Node, type YAMLError } from 'yaml';

// A YAML syntax error said as a person would fix it, for the scenario reader (readYaml.ts) and
// the manifest importer (import/documents.ts) alike: a key without its colon, a list item
// outdented, a line indented deeper than its key, a key given twice, a quote or bracket left
// open, a tab, each at the offset of the line that is wrong; the yaml package's own words are
// kept as the detail after ours. And the field an offset falls in, so the importer's message
// leads with the path. Pure.

/** A YAML error explained: where (an offset into the text), our words, and the parser's own. */
export interface YamlErrorWords {
  offset: number;
  words: string;
  /** The yaml package's message (its first line, without its own position); null where ours says all of it. */
  detail: string | null;
}

/**
 * What the first syntax error `e` of `errors` (the yaml package's, for `text`) means, at the
 * offset of the line to fix. The shapes a person commonly writes get a whole sentence (and no
 * detail); any other error our words for its kind, with the package's message as `detail`.
 */
export function explainYamlError(text: string, errors: readonly YAMLError[], e: YAMLError): YamlErrorWords {
  // The block-layout readings below (a colon missing, a line indented wrong) mislead inside [ ] or { }.
  if (openerBefore(text, e.pos[0]) === null) {
    const said = blockMistake(text, errors, e);
    if (said) return said;
  }
  if (e.code === 'DUPLICATE_KEY') return { offset: e.pos[0], words: givenTwice(text, e), detail: null };
  if (e.code === 'MULTIPLE_DOCS') return { offset: e.pos[0], words: 'holds more than one document (---); a scenario is one', detail: null };
  const detail = e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  // A bracket left open is found where the parser gives up, lines below it: said where it opens.
  const open = /^Flow (sequence|map) .*end with a [\]}]/.exec(detail);
  const opener = open ? openerBefore(text, e.pos[0]) : null;
  if (opener !== null && text[opener] === (open![1] === 'map' ? '{' : '[')) {
    return { offset: opener, words: `this ${open![1] === 'map' ? 'mapping opened with { is not closed with }' : 'list opened with [ is not closed with ]'} (or a line inside it is indented less than its key)`, detail };
  }
  // A quote left open: said where it opens, not at the end of the text where the parser stops.
  const quote = /^Missing closing (["'])quote/.exec(detail);
  const opened = quote ? text.lastIndexOf(quote[1], e.pos[0] - 1) : -1;
  // A flow list that runs on over lines: said at its [.
  const runOn = /^Implicit keys of flow sequence pairs/.test(detail) ? openerBefore(text, e.pos[0]) : null;
  const offset = opened >= 0 ? opened : runOn !== null ? runOn : e.code === 'BAD_INDENT' ? firstNonBlank(text, e.pos[0]) : e.pos[0];
  return { offset, words: wordsFor(e.code, detail), detail };
}

/** A key without its colon, a list item outdented or a line indented deeper than its key, said whole (no detail needed); null when `e` is none of them. */
function blockMistake(text: string, errors: readonly YAMLError[], e: YAMLError): YamlErrorWords | null {
  const bare = keyWithoutColon(text, errors, e);
  if (bare) return { offset: bare.offset, words: `this line has no ":" after its key ("${bare.line}"); write a key and its value as key: value`, detail: null };
  const item = itemOutdented(text, e);
  if (item) {
    const above = item.itemsAt === null ? 'stands where a key was expected; a list goes under its key, indented' : `is indented less than the items above it, which start at column ${item.itemsAt}; items of one list start in the same column`;
    return { offset: item.offset, words: `this list item ("- ") ${above}`, detail: null };
  }
  const deeper = indentedDeeper(text, errors, e);
  if (deeper !== null) return { offset: deeper, words: 'this line is indented more than the key above it; keys of one mapping start in the same column', detail: null };
  return null;
}

/** Our words for a YAML error of `code` whose message is `detail`: by the message where one code covers several mistakes. */
function wordsFor(code: YAMLError['code'], detail: string): string {
  if (/^Missing closing .?quote/.test(detail)) return 'this quoted value is not closed: its closing quote is missing';
  if (/^Sequence item without - indicator/.test(detail)) return 'a line among list items has no "- " before it, or is indented as if it were an item';
  if (/^Flow sequence .*end with a \]/.test(detail)) return 'a list opened with [ above is not closed with ] (or a line inside it is indented less than its key)';
  if (/^Flow map .*end with a \}/.test(detail)) return 'a mapping opened with { above is not closed with } (or a line inside it is indented less than its key)';
  if (/^Implicit keys of flow sequence pairs/.test(detail)) return 'this list opened with [ runs on over lines that read as one key; close it with ] where it ends, and separate its items with commas';
  if (/^All mapping items must start at the same column/.test(detail)) return 'this key is not in the column of the keys above it; keys of one mapping start in the same column';
  if (/^Nested mappings are not allowed in compact mappings/.test(detail)) return 'a value holds a second "key: value" on the same line (as in a: b: c); put the inner mapping on lines of its own, or quote the value';
  switch (code) {
    case 'TAB_AS_INDENT':
      return 'a tab indents this line; YAML indents with spaces only';
    case 'BAD_INDENT':
      return 'this line is indented wrongly for the block it is in';
    case 'MISSING_CHAR':
      return 'a character that closes or marks what is here is missing';
    case 'BAD_DQ_ESCAPE':
      return 'a backslash escape in double quotes that YAML does not have; write \\\\ for a backslash, or use single quotes';
    case 'BAD_SCALAR_START':
      return 'a value starts with a character YAML reserves (such as @ or `); put the value in quotes';
    case 'BAD_ALIAS':
      return 'an alias (*name) refers to no anchor (&name) set before it';
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY':
      return 'a key runs over more than one line: a ":" missing, or a line above indented wrongly';
    case 'BLOCK_IN_FLOW':
      return 'an indented block inside [ ] or { }; inside brackets, write items separated by commas';
    case 'KEY_OVER_1024_CHARS':
      return 'a key is longer than 1,024 characters';
    case 'ALIAS_PROPS':
    case 'BAD_PROP_ORDER':
    case 'MULTIPLE_ANCHORS':
    case 'MULTIPLE_TAGS':
      return 'an anchor (&name) or tag (!name) is misplaced here';
    case 'TAG_RESOLVE_FAILED':
      return 'a tag (!name) YAML does not know';
    case 'BAD_DIRECTIVE':
      return 'a % directive YAML does not know';
    case 'UNEXPECTED_TOKEN':
      return 'text YAML does not expect here';
    default:
      return 'YAML cannot read this';
  }
}

/**
 * The offset of the [ or { still open at `offset` (the innermost, skipping quoted text and
 * comments on the way), or null when every one before it is closed. Linear.
 */
function openerBefore(text: string, offset: number): number | null {
  const stack: number[] = [];
  let quote = '';
  for (let i = 0; i < offset && i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote || c === '\n') quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(text[i - 1]))) while (i + 1 < text.length && text[i + 1] !== '\n') i++;
    else if (c === '[' || c === '{') stack.push(i);
    else if ((c === ']' || c === '}') && stack.length) stack.pop();
  }
  return stack.length ? stack[stack.length - 1] : null;
}

/** A path into a YAML document: a map key or a list index. */
export type YamlSeg = string | number;

/**
 * The field `offset` falls in, in a document the parser read as far as it could (errors
 * included): through each mapping, the last key starting at or before the offset; through each
 * list, the last item doing so; down while the value there is a mapping or list that starts
 * before the offset. [] when the offset precedes every key. Pure.
 */
export function pathAtOffset(node: Node | null | undefined, offset: number): YamlSeg[] {
  const out: YamlSeg[] = [];
  let at: unknown = node;
  for (let depth = 0; depth < 256 && at; depth++) {
    if (isMap(at)) {
      const pair = [...at.items].reverse().find((p) => isPair(p) && isScalar(p.key) && p.key.range != null && p.key.range[0] <= offset);
      if (!pair || !isScalar(pair.key)) break;
      // Past the end of that key's value (a line the parser could not place): in the mapping, at no key of it.
      const r = (pair.value as Node | null)?.range ?? pair.key.range!;
      if (offset > r[1] && offset >= r[2]) break;
      out.push(String(pair.key.value));
      at = pair.value;
    } else if (isSeq(at)) {
      const items = at.items as (Node | null)[];
      let i = items.length - 1;
      while (i >= 0 && !(items[i]?.range && items[i]!.range![0] <= offset)) i--;
      if (i < 0) break;
      out.push(i);
      at = items[i];
    } else break;
  }
  return out;
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
