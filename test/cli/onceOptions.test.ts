import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../src/cli/args';
import { parseImportArgs } from '../../src/cli/import';
import { parseLintArgs } from '../../src/cli/lint/args';
import { repeatedOptions } from '../../src/cli/onceOptions';
import { parseSweepArgs } from '../../src/cli/sweep/args';

// An option given twice was last-wins without a word: `--seed 2 --seed 3` ran seed 3, `lint
// --fail-on never --fail-on error` failed on errors, `import -o a.yaml -o b.yaml` wrote b.yaml only.

describe('an option that takes one value, given twice', () => {
  it("is named with both values, in either spelling: '--seed: given twice (\"2\", then \"3\"); give it once'", () => {
    expect(repeatedOptions(['f.json', '--seed', '2', '--seed=3'], ['--seed'])).toEqual(['--seed: given twice ("2", then "3"); give it once']);
    expect(repeatedOptions(['--seeds', '1', '--seeds', '2', '--seeds', '3'], ['--seeds'])).toEqual(['--seeds: given 3 times ("1", then "2", then "3"); give it once']);
    // A value that looks like the option is a value, not a second time.
    expect(repeatedOptions(['--csv', '--seed', '--seed', '4'], ['--seed', '--csv'])).toEqual([]);
    expect(repeatedOptions(['--seed', '2'], ['--seed'])).toEqual([]);
    expect(repeatedOptions(['-o', 'a.yaml', '--out=b.yaml'], ['--out'], { '-o': '--out' })).toEqual(['--out: given twice ("a.yaml", then "b.yaml"); give it once']);
  });

  it('is refused by run, compare, sweep, lint and import (each a problem, so exit 2)', () => {
    expect(parseArgs(['run', 'mm1.json', '--seed', '2', '--seed', '3'])).toEqual({ ok: false, problems: ['--seed: given twice ("2", then "3"); give it once'] });
    expect(parseArgs(['compare', 'a.json', 'b.json', '--duration', '5s', '--duration=10s'])).toEqual({ ok: false, problems: ['--duration: given twice ("5s", then "10s"); give it once'] });
    expect(parseSweepArgs(['mm1.json', '--seeds', '2', '--jobs', '1', '--jobs', '2'])).toMatchObject({ ok: false, problems: ['--jobs: given twice ("1", then "2"); give it once'] });
    expect(parseLintArgs(['mm1.json', '--fail-on', 'never', '--fail-on', 'error'])).toEqual({ ok: false, problems: ['--fail-on: given twice ("never", then "error"); give it once'] });
    expect(parseImportArgs(['k8s/', '-o', 'a.yaml', '-o', 'b.yaml'])).toEqual({ ok: false, problems: ['--out: given twice ("a.yaml", then "b.yaml"); give it once'] });
    // Once each is fine.
    expect(parseArgs(['run', 'mm1.json', '--seed', '2', '--duration', '5s']).ok).toBe(true);
  });
});
