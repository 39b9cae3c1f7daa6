import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SHORTCUTS } from '../../src/ui/keys/shortcuts';

describe('the key list', () => {
  it("the app's `?` list and the README's key table name the same keys, in the same order, doing the same", () => {
    const readme = readFileSync(fileURLToPath(new URL('../../README.md', import.meta.url)), 'utf8');
    const table = readme.slice(readme.indexOf('| key | does |'));
    const rows = table
      .split('\n')
      .slice(2)
      .filter((l, i, all) => l.startsWith('|') && all.slice(0, i).every((x) => x.startsWith('|')))
      .map((l) => l.split(' | ').map((c) => c.replace(/^\| ?| ?\|$/g, '').replaceAll('`', '')));
    expect(rows.map(([keys, does]) => ({ keys, does }))).toEqual(SHORTCUTS.map((s) => ({ keys: s.keys, does: s.does })));
  });
});
