import { describe, expect, it } from 'vitest';
import { formatOfFile, parseScenarioText, readScenarioFile, readScenarioText, scenarioFormat, type Problem } from '../../src/scenario';
import { ordinal } from '../../src/scenario/textGuards';

/** The single `(file)` problem reading `text` gives; fails when it reads or gives several. */
function readProblem(text: string, fileName?: string): Problem {
  const r = readScenarioFile(fileName, text);
  if (r.ok) throw new Error('expected the text to be refused');
  expect(r.problems).toHaveLength(1);
  return r.problems[0];
}

/** Characters no message to a person should carry: controls other than a line feed, and U+FFFD. */
const UNPRINTABLE = /[\u0000-\u0009\u000B-\u001F\u007F\uFFFD]/;

describe('the format of a file', () => {
  it('is what its name says, whatever the text opens with', () => {
    expect(scenarioFormat('a.json', 'name: shop')).toBe('json');
    expect(scenarioFormat('a.JSON', '')).toBe('json');
    expect(scenarioFormat('a.yaml', '{"name": "shop"}')).toBe('yaml');
    expect(scenarioFormat('dir.json/a.yml', '[1]')).toBe('yaml');
    expect([formatOfFile('a.yaml'), formatOfFile('b.YML'), formatOfFile('c.json'), formatOfFile('d.txt')]).toEqual(['yaml', 'yaml', 'json', 'auto']);
  });

  it('is JSON for another name, or none, when the text opens with a brace, a bracket or a // or /* comment, else YAML', () => {
    for (const name of [undefined, 'scenario.txt', 'scenario']) {
      expect(scenarioFormat(name, '  \n{"name": "shop"}')).toBe('json');
      expect(scenarioFormat(name, '\uFEFF[1]')).toBe('json');
      expect(scenarioFormat(name, '// mine\n{}')).toBe('json');
      expect(scenarioFormat(name, '/* mine */ {}')).toBe('json');
      expect(scenarioFormat(name, 'name: shop')).toBe('yaml');
      expect(scenarioFormat(name, '# mine\nname: shop')).toBe('yaml');
    }
  });

  it('decides how the text is read: YAML named .json gets JSON’s message, JSON named .yaml reads as YAML', () => {
    expect(readProblem('name: shop\n', 'shop.json').message).toBe('malformed JSON at line 1, column 1: a JSON scenario opens with "{" (if this is YAML, name the file .yaml or .yml)');
    const r = readScenarioFile('shop.yaml', '{"name": "shop"}');
    expect(r).toEqual({ ok: true, data: { name: 'shop' } });
  });
});

describe('a file that is not text', () => {
  // The first bytes of a PNG image: 0x89 is no UTF-8 start byte, 0x1A is a control.
  const png = '\uFFFDPNG\r\n\u001A\n\u0000\u0000\u0000\rIHDR';

  it('is refused as binary at its first bad byte, in every format, without echoing the bytes', () => {
    for (const name of ['junk.json', 'junk.yaml', 'junk', undefined]) {
      const p = readProblem(png, name);
      expect(p).toEqual({ path: '(file)', message: 'is not text (binary data from its 1st byte); a scenario is a JSON or YAML text file' });
      expect(p.message).not.toMatch(UNPRINTABLE);
    }
  });

  it('says where as an ordinal counted from 1, so a PNG reads "from its 1st byte", not "at byte 1" (offset 0 or 1?)', () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111, 112].map(ordinal)).toEqual(['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '22nd', '23rd', '101st', '111th', '112th']);
  });

  it('counts the byte offset in UTF-8 bytes, a byte-order mark included', () => {
    // "é" is two bytes and "€" three, "😀" four: the NUL is byte 1 + 2 + 3 + 4 + 1 = 11.
    expect(readProblem('a\u00e9\u20ac\u{1F600}\u0000rest', 'x.json').message).toBe('is not text (binary data from its 11th byte); a scenario is a JSON or YAML text file');
    expect(readProblem('\uFEFF{"a": 1}\u0007', 'x.json').message).toBe('is not text (binary data from its 12th byte); a scenario is a JSON or YAML text file');
  });

  it('says text with bytes that are not UTF-8 (a Latin-1 file, say) should be saved as UTF-8', () => {
    // "café" in Latin-1 decodes as "caf\uFFFD": its fourth byte is not UTF-8.
    expect(readProblem('{"name": "caf\uFFFD"}', 'x.json')).toEqual({ path: '(file)', message: 'is not UTF-8 text (its 14th byte is not valid UTF-8); save the file as UTF-8' });
  });

  it('says a UTF-16 file (with its byte-order mark, as Notepad writes it) should be saved as UTF-8', () => {
    // FF FE, then "{" and "}" as UTF-16 little-endian, decoded as UTF-8 like the CLI and the app do.
    const le = new TextDecoder().decode(new Uint8Array([0xff, 0xfe, 0x7b, 0x00, 0x7d, 0x00]));
    const be = new TextDecoder().decode(new Uint8Array([0xfe, 0xff, 0x00, 0x7b, 0x00, 0x7d]));
    for (const text of [le, be]) expect(readProblem(text, 'x.json')).toEqual({ path: '(file)', message: 'is UTF-16 text; save the file as UTF-8' });
  });

  it('still reads tabs, carriage returns and any Unicode text', () => {
    expect(readScenarioText('{\r\n\t"title": "Café ☕ 😀"\r\n}', 'json')).toEqual({ ok: true, data: { title: 'Café ☕ 😀' } });
  });
});

describe('YAML syntax errors point at the line that is wrong', () => {
  const lines = (...l: string[]) => l.join('\n') + '\n';

  it('reports a key indented deeper than the key above it at its own line and column, not the line before', () => {
    const text = lines('name: shop', 'clients:', '  - name: users', '    type: open', '     rate: 10', '    target: api');
    expect(readProblem(text)).toEqual({
      path: '(file)',
      message: 'malformed YAML at line 5, column 6: this line is indented more than the key above it; keys of one mapping start in the same column',
    });
  });

  it('reports a top-level key indented under another at its own line, past blank lines between them', () => {
    expect(readProblem(lines('name: shop', '', '', '   seed: 3')).message).toBe(
      'malformed YAML at line 4, column 4: this line is indented more than the key above it; keys of one mapping start in the same column',
    );
  });

  it('reports a key indented less than its siblings at the key itself, in our words, then the parser\'s', () => {
    const text = lines('name: shop', 'services:', '  - name: api', '    serviceTime:', '      type: constant', '     value: 2ms');
    expect(readProblem(text).message).toBe(
      'malformed YAML at line 6, column 6: this key is not in the column of the keys above it; keys of one mapping start in the same column (the YAML parser: All mapping items must start at the same column)',
    );
  });

  it('reports a key written without its colon at that line, not at the good line under it', () => {
    // `replicas 2` reads as the start of a two-line key ending at `concurrency:`; the yaml
    // package points there, and "indented more than the key above it" named line 5, which is right.
    const text = lines('name: shop', 'services:', '  - name: web', '    replicas 2', '    concurrency: 4', '    serviceTime: 2ms');
    expect(readProblem(text).message).toBe('malformed YAML at line 4, column 5: this line has no ":" after its key ("replicas 2"); write a key and its value as key: value');
    // The same at the top level, and for a list item's first key.
    expect(readProblem(lines('name: shop', 'seed 3', 'duration: 10s')).message).toBe(
      'malformed YAML at line 2, column 1: this line has no ":" after its key ("seed 3"); write a key and its value as key: value',
    );
    expect(readProblem(lines('services:', '  - name web', '    replicas: 2')).message).toBe(
      'malformed YAML at line 2, column 5: this line has no ":" after its key ("name web"); write a key and its value as key: value',
    );
  });

  it('reports a list item indented less than the items above it by the column they start at', () => {
    const text = lines('name: shop', 'services:', '  - name: web', '    replicas: 2', '- name: db', '  replicas: 1');
    expect(readProblem(text).message).toBe(
      'malformed YAML at line 5, column 1: this list item ("- ") is indented less than the items above it, which start at column 3; items of one list start in the same column',
    );
  });

  it('reads YAML merge keys (<<: *anchor): a service written as another with a few fields changed', () => {
    const text = lines('services:', '  - &web', '    name: web', '    replicas: 2', '    serviceTime: 5ms', '  - <<: *web', '    name: db', '    replicas: 1');
    expect(readScenarioText(text, 'yaml')).toEqual({
      ok: true,
      data: { services: [{ name: 'web', replicas: 2, serviceTime: '5ms' }, { name: 'db', replicas: 1, serviceTime: '5ms' }] },
    });
  });

  it('says a one-line nested mapping in our words at the yaml package’s place, its words after', () => {
    expect(readProblem('a: b: c\n').message).toBe(
      'malformed YAML at line 1, column 4: a value holds a second "key: value" on the same line (as in a: b: c); put the inner mapping on lines of its own, or quote the value (the YAML parser: Nested mappings are not allowed in compact mappings)',
    );
  });

  it('says a quote left open, a tab as indentation and a list never closed in our words, the parser\'s after', () => {
    expect(readProblem('name: "shop\nseed: 1\n').message).toBe('malformed YAML at line 1, column 7: this quoted value is not closed: its closing quote is missing (the YAML parser: Missing closing "quote)');
    expect(readProblem('name: shop\n\tseed: 1\n').message).toBe('malformed YAML at line 2, column 1: a tab indents this line; YAML indents with spaces only (the YAML parser: Tabs are not allowed as indentation)');
    expect(readProblem('name: shop\nservices:\n  - zones: [a, b\nseed: 1\n').message).toBe(
      'malformed YAML at line 3, column 12: this list opened with [ is not closed with ] (or a line inside it is indented less than its key) (the YAML parser: Flow sequence in block collection must be sufficiently indented and end with a ])',
    );
  });
});

describe('JSON with comments', () => {
  const said = 'comments are not allowed in JSON; YAML allows them (as # lines, in a .yaml or .yml file)';

  it('says JSON has no comments, at a // comment inside the object', () => {
    expect(readProblem('{\n  // who calls whom\n  "name": "shop"\n}', 'shop.json').message).toBe(`malformed JSON at line 2, column 3: ${said}`);
  });

  it('says so at a /* */ comment after a value, and at a # comment', () => {
    expect(readProblem('{\n  "name": "shop", /* mine */\n  "seed": 1\n}', 'shop.json').message).toBe(`malformed JSON at line 2, column 19: ${said}`);
    expect(readProblem('{\n  "name": "shop" # mine\n}', 'shop.json').message).toBe(`malformed JSON at line 2, column 18: ${said}`);
  });

  it('says so for a comment before the opening brace, in a .json file or a file without a name', () => {
    for (const name of ['shop.json', undefined]) expect(readProblem('// my scenario\n{"name": "shop"}', name).message).toBe(`malformed JSON at line 1, column 1: ${said}`);
  });

  it('still reports other JSON mistakes in JSON’s words', () => {
    expect(parseScenarioText('{\n  "name": "shop",\n}').ok).toBe(false);
    expect(readProblem('{\n  "name": "shop" "seed": 1\n}', 'shop.json').message).toMatch(/^malformed JSON at line 2, column 18: Expected ',' or '}'/);
  });
});

describe('YAML nested past any scenario', () => {
  it('refuses block sequences nested 5,000 deep on one line, by its line and column, twice in a row', () => {
    const text = `name: deep\nx:\n  ${'- '.repeat(5000)}1\n`;
    for (let k = 0; k < 2; k++) {
      expect(readScenarioText(text, 'yaml')).toEqual({
        ok: false,
        problems: [{ path: '(file)', message: 'malformed YAML at line 3: its content starts at column 10003, nested deeper than 256 columns; a scenario needs a few dozen' }],
      });
    }
  });

  it('refuses maps indented one more space a line, at the first line past 256 columns', () => {
    const lines = Array.from({ length: 400 }, (_, i) => `${' '.repeat(i)}k${i}:`);
    const r = readScenarioText(lines.join('\n') + ' 1\n', 'yaml');
    expect(r.ok ? '' : r.problems[0].message).toMatch(/^malformed YAML at line 257: its content starts at column 257, /);
  });

  it('reads a scenario nested ten levels of two spaces as usual', () => {
    const deep = Array.from({ length: 10 }, (_, i) => `${'  '.repeat(i)}- k${i}:`).join('\n');
    expect(readScenarioText(`name: ok\nx:\n${deep} 1\n`, 'yaml').ok).toBe(true);
  });
});
