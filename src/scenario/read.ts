import { parseDocument } from 'yaml';
import type { Problem } from './parse';

// Scenario text into plain data: JSON or YAML, with every syntax problem as a `(file)` problem
// naming its line and column. Validating the data is parse.ts's job.

/** How scenario text is written. `auto`: JSON when it opens with `{` or `[`, YAML otherwise. */
export type ScenarioFormat = 'json' | 'yaml' | 'auto';

/** The format a file name says: `.yaml` and `.yml` are YAML, `.json` is JSON, else `auto`. */
export function formatOfFile(name: string): ScenarioFormat {
  if (/\.ya?ml$/i.test(name)) return 'yaml';
  return /\.json$/i.test(name) ? 'json' : 'auto';
}

const EMPTY: Problem = { path: '(file)', message: 'is empty: a scenario needs at least a name, clients and services' };

/** Reads scenario text into plain data, without validating it; a syntax error is a problem. */
export function readScenarioText(text: string, format: ScenarioFormat = 'auto'): { ok: true; data: unknown } | { ok: false; problems: Problem[] } {
  // A byte-order mark some editors write is not part of the text.
  text = text.replace(/^\uFEFF/, '');
  if (text.trim() === '') return { ok: false, problems: [EMPTY] };
  // The YAML parser can exhaust the process on brackets nested thousands deep (not catchable).
  if (bracketDepth(text) > MAX_DEPTH) return { ok: false, problems: [{ path: '(file)', message: `nests brackets more than ${MAX_DEPTH} deep; a scenario needs a handful` }] };
  const isYaml = format === 'yaml' || (format === 'auto' && !/^\s*[[{]/.test(text));
  if (isYaml) return readYaml(text);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { ok: false, problems: [{ path: '(file)', message: describeJsonError(text, e) }] };
  }
  // JSON.parse keeps the last of a key given twice; say so instead, as for YAML (JSON is YAML).
  const twice = parseDocument(text, { logLevel: 'error' }).errors.find((e) => e.code === 'DUPLICATE_KEY');
  if (twice) return { ok: false, problems: [{ path: '(file)', message: `malformed JSON${at(twice)}: ${givenTwice(text, twice)}` }] };
  return { ok: true, data };
}

/** YAML 1.2's core schema: `yes` and `no` stay strings, a key given twice is an error. */
function readYaml(text: string): { ok: true; data: unknown } | { ok: false; problems: Problem[] } {
  const doc = parseDocument(text, { logLevel: 'error' });
  // The first syntax error only: the ones after it are usually its echoes.
  const e = doc.errors[0];
  if (e) {
    const what =
      e.code === 'DUPLICATE_KEY' ? givenTwice(text, e) : e.code === 'MULTIPLE_DOCS' ? 'holds more than one document (---); a scenario is one' : e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    return { ok: false, problems: [{ path: '(file)', message: `malformed YAML${at(e)}: ${what}` }] };
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

const MAX_DEPTH = 64;

/** How deep `[` and `{` nest outside quoted strings (a JSON or flow-YAML document's depth). */
function bracketDepth(text: string): number {
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
  const pos = m ? Number(m[1]) : jsonErrorOffset(text);
  if (pos < 0) return `malformed JSON: ${msg}`;
  const before = text.slice(0, pos);
  const line = before.split('\n').length;
  const column = pos - before.lastIndexOf('\n');
  const what = msg.replace(/\s*in JSON at position \d+.*$/, '').replace(/, (\.\.\.)?".*"(\.\.\.)? is not valid JSON$/s, '');
  return `malformed JSON at line ${line}, column ${column}: ${what}`;
}

/** Offset of the first JSON syntax error in `text` (its length when the text stops short), or -1. */
function jsonErrorOffset(text: string): number {
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
      i++;
      space();
      if (text[i] === close) {
        i++;
        return;
      }
      for (;;) {
        if (close === '}') {
          space();
          if (text[i] !== '"') fail();
          string();
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
    return -1;
  } catch (err) {
    if (err instanceof JsonSyntaxAt) return err.offset;
    throw err;
  }
}

class JsonSyntaxAt {
  constructor(readonly offset: number) {}
}
