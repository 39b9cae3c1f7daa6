import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadScenarioFile } from '../../src/cli/load';
import { ordinal } from '../../src/scenario/textGuards';
import { SimHost } from '../../src/workers/SimHost';
import { problemsWithLines } from '../../src/ui/editor/lines';
import type { Problem } from '../../src/scenario';
import { sim } from '../cli/spawnSim';

// The CLI reads a file with Node (`readFileSync(file, 'utf8')`); the app's "Open file…" reads
// its bytes and decodes them with the browser's TextDecoder (a byte-order mark kept), and hands
// the worker's SimHost the text and the file's name. Both must read any file the same way.

const tmp = mkdtempSync(join(tmpdir(), 'meshsim-read-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function file(name: string, bytes: Uint8Array | string): string {
  const path = join(tmp, name);
  writeFileSync(path, bytes);
  return path;
}

/** What the CLI says of a file: its problems as the lines after the "N problems" header. */
function cliProblems(path: string): string[] {
  const r = loadScenarioFile(path);
  if (r.ok) throw new Error(`${path} was accepted by the CLI`);
  return r.lines.slice(1).join('\n').split('\n');
}

/** What the app says of the same file: the worker's problems, formatted as the CLI does. */
function appProblems(path: string): string[] {
  // As controller.openFile decodes a File: UTF-8, the byte-order mark kept as Node keeps it.
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(readFileSync(path));
  const r = new SimHost(() => 0).load(text, undefined, basename(path));
  if (r.ok) throw new Error(`${path} was accepted by the app`);
  // As the Open file… alert lists them (scenarioOpening.ts): at their lines, `line N: path: message`.
  return problemsWithLines(text, r.problems).map((p: Problem) => `${p.path}: ${p.message}`);
}

// Binary junk from a fixed seed (an LCG), so the first bad byte is known: not random per run.
function junk(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

describe('the app and the CLI read a file the same way', () => {
  it('refuse a .json file of binary junk as not text, at the same byte, and never echo its bytes', () => {
    const bytes = junk(4096, 7);
    const path = file('junk.json', bytes);
    const cli = cliProblems(path);
    expect(cli).toEqual([`(file): is not text (binary data from its ${ordinal(firstBadByte(bytes))} byte); a scenario is a JSON or YAML text file`]);
    expect(appProblems(path)).toEqual(cli);
    expect(cli.join('\n')).not.toMatch(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F\uFFFD]/);
  });

  it('refuse binary junk after a valid-looking start, in a .yaml file and in one with no extension', () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('name: shop\nseed: 1\n'), 0x00, 0x9c, 0xff, 0x10]);
    for (const name of ['junk.yaml', 'junk']) {
      const path = file(name, bytes);
      expect(cliProblems(path)).toEqual(['(file): is not text (binary data from its 20th byte); a scenario is a JSON or YAML text file']);
      expect(appProblems(path)).toEqual(cliProblems(path));
    }
  });

  it('count a byte-order mark in the byte offset, both of them', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('{"name": "x"}'), 0x1b]);
    const path = file('bom.json', bytes);
    expect(cliProblems(path)).toEqual(['(file): is not text (binary data from its 17th byte); a scenario is a JSON or YAML text file']);
    expect(appProblems(path)).toEqual(cliProblems(path));
  });

  it('take the format from the name: YAML in a .json file, a commented .json file, and JSON in a .yaml file', () => {
    const yamlInJson = file('yaml.json', 'name: shop\nclients: []\n');
    expect(cliProblems(yamlInJson)).toEqual(['(file): malformed JSON at line 1, column 1: a JSON scenario opens with "{" (if this is YAML, name the file .yaml or .yml)']);
    expect(appProblems(yamlInJson)).toEqual(cliProblems(yamlInJson));
    const commented = file('commented.json', '// mine\n{"name": "shop"}\n');
    expect(cliProblems(commented)).toEqual(['(file): malformed JSON at line 1, column 1: comments are not allowed in JSON; YAML allows them (as # lines, in a .yaml or .yml file)']);
    expect(appProblems(commented)).toEqual(cliProblems(commented));
    const jsonInYaml = file('json.yaml', '{"name": "shop", "clients": []}');
    expect(cliProblems(jsonInYaml)).toEqual(appProblems(jsonInYaml));
    expect(cliProblems(jsonInYaml)).toContain('line 1: clients: needs at least one client');
  });

  it('the CLI exits 2 on a binary file and prints the problem, without a stack trace or the bytes', () => {
    const path = file('picture.json', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]));
    const r = sim(path);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toEqual([`${path}: 1 problem`, '(file): is not text (binary data from its 1st byte); a scenario is a JSON or YAML text file']);
  });
});

/** The first byte (counting from 1) that starts no valid UTF-8 character or is a control. */
function firstBadByte(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i];
    const len = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (len === 0) return i + 1;
    if (len === 1 && ((b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) || b === 0x7f)) return i + 1;
    // A multi-byte character is valid when its decode matches (covers overlongs and surrogates).
    if (len > 1) {
      const s = new TextDecoder().decode(bytes.slice(i, i + len));
      if (s.includes('\uFFFD') || s.length === 0) return i + 1;
    }
    i += len;
  }
  return -1;
}
