import { describe, expect, it } from 'vitest';
import { readScenarioFile, type Problem } from '../../src/scenario';

/** The single `(file)` problem reading `text` as `fileName` gives; fails when it reads or gives several. */
function readProblem(text: string, fileName = 'shop.json'): Problem {
  const r = readScenarioFile(fileName, text);
  if (r.ok) throw new Error('expected the text to be refused');
  expect(r.problems).toHaveLength(1);
  return r.problems[0];
}

describe('a JSON file that stops short', () => {
  it('says the file ends early, at the line and column where it stops, not what the parser expected next (trial N12, 6c)', () => {
    // N12's broken.json, cut after a comma: V8 says "Expected double-quoted property name".
    const cut = '{"name": "broken", "services": [ {"name": "a", "replicas": -3, ';
    expect(readProblem(cut)).toEqual({ path: '(file)', message: 'malformed JSON at line 1, column 64: the file ends early, with "}]}" still to close' });
  });

  it('names what is left open however the text stops: a value, a key, a number, a string, or nothing but the opening brace', () => {
    expect(readProblem('{"name": "shop"').message).toBe('malformed JSON at line 1, column 16: the file ends early, with "}" still to close');
    expect(readProblem('{\n  "name": "shop",\n  "seed":\n').message).toBe('malformed JSON at line 4, column 1: the file ends early, with "}" still to close');
    expect(readProblem('{"seed": 1.').message).toBe('malformed JSON at line 1, column 12: the file ends early, with "}" still to close');
    expect(readProblem('{"name": "sh').message).toBe('malformed JSON at line 1, column 13: the file ends early, inside a string, with "}" still to close');
    // Brackets inside a string are not counted as open.
    expect(readProblem('{"name": "a[{", "services": [').message).toBe('malformed JSON at line 1, column 30: the file ends early, with "]}" still to close');
    expect(readProblem('{').message).toBe('malformed JSON at line 1, column 2: the file ends early, with "}" still to close');
  });

  it('keeps the parser\'s words for a mistake before the end', () => {
    expect(readProblem('{"name": "shop" "seed": 1}').message).toMatch(/^malformed JSON at line 1, column 17: Expected ',' or '}'/);
    expect(readProblem('{"name": "shop"}}').message).not.toMatch(/ends early/);
  });
});
