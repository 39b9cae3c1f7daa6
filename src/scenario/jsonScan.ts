// JSON scenario text's syntax errors at their line and column, found by a linear scan of our own
// where the engine's message gives no position, and the first key given twice in one object
// (JSON.parse keeps the last silently). Pure.

/** The `malformed JSON at line L, column C: ...` message for `e`, JSON.parse's error on `text`; comments, YAML text named .json and text that stops short ('the file ends early') said as such. */
export function describeJsonError(text: string, e: unknown): string {
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
  // Where the text stops short (a file cut off in copying or saving), the engine's words name
  // what it expected next ("Expected double-quoted property name", "Unexpected end of JSON
  // input"); say what happened instead, and what is left to close.
  const endsEarly = pos > 0 && text.slice(pos).trim() === '' && !opensOtherwise;
  const what = comment
    ? 'comments are not allowed in JSON; YAML allows them (as # lines, in a .yaml or .yml file)'
    : endsEarly
      ? endsEarlyWords(text)
      : opensOtherwise
      ? 'a JSON scenario opens with "{" (if this is YAML, name the file .yaml or .yml)'
      : msg.replace(/\s*in JSON at position \d+.*$/, '').replace(/, (\.\.\.)?".*"(\.\.\.)? is not valid JSON$/s, '');
  return `malformed JSON at line ${line}, column ${column}: ${what}`;
}

/**
 * The words for JSON text that stops before its end: 'the file ends early, inside a string,
 * with "]}" still to close', the closers innermost first (brackets inside strings skipped).
 * Pure; for text whose first syntax error is at its end.
 */
export function endsEarlyWords(text: string): string {
  const open: string[] = [];
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{') open.push('}');
    else if (c === '[') open.push(']');
    else if ((c === '}' || c === ']') && open.at(-1) === c) open.pop();
  }
  const closers = open.reverse().join('');
  const inside = inString ? ', inside a string' : '';
  return closers ? `the file ends early${inside}, with "${closers}" still to close` : `the file ends early${inside}`;
}

/** What a scan of JSON text finds first: a syntax error, a key given twice in one object, or neither. */
export type JsonScan = { kind: 'syntax'; offset: number } | { kind: 'duplicate'; offset: number; key: string } | { kind: 'clean' };

/**
 * Scans JSON text once, in linear time: the offset of its first syntax error (its length when
 * the text stops short), or of the first key given twice in one object (offset of that key's
 * second appearance), whichever comes first. Nesting is bounded by MAX_DEPTH (textGuards.ts) beforehand.
 */
export function scanJson(text: string): JsonScan {
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
