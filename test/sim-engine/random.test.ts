import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { streamFor } from '../../src/sim-engine';

const draw = (rng: () => number, n: number) => Array.from({ length: n }, () => rng());

describe('streamFor', () => {
  it('gives the same stream for the same seed and actor name', () => {
    expect(draw(streamFor(7, 'frontend'), 1000)).toEqual(draw(streamFor(7, 'frontend'), 1000));
  });

  it('draws uniform values in [0, 1)', () => {
    const xs = draw(streamFor(7, 'frontend'), 100_000);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    // Standard error of the mean is 0.29 / sqrt(1e5) ~ 0.0009.
    expect(mean).toBeCloseTo(0.5, 2);
  });

  it('gives different streams to different actors and to different seeds', () => {
    const base = draw(streamFor(7, 'frontend'), 10);
    expect(draw(streamFor(7, 'catalog'), 10)).not.toEqual(base);
    expect(draw(streamFor(8, 'frontend'), 10)).not.toEqual(base);
  });

  it("does not change an actor's draws when other streams are created or drawn from in between", () => {
    const alone = draw(streamFor(3, 'cart'), 500);
    const others = [streamFor(3, 'catalog'), streamFor(3, 'frontend/service-time'), streamFor(3, 'link/a->b')];
    const cart = streamFor(3, 'cart');
    const interleaved: number[] = [];
    for (let i = 0; i < 500; i++) {
      for (const o of others) o();
      interleaved.push(cart());
    }
    expect(interleaved).toEqual(alone);
  });
});

/** Every .ts file under `dir`, recursively. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const p = join(dir, entry);
    if (statSync(p).isDirectory()) return sourceFiles(p);
    return p.endsWith('.ts') ? [p] : [];
  });
}

/** True when the code (comments stripped) uses Math.random in any spelling we can see. */
function usesMathRandom(source: string): boolean {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
  return /\bMath\s*(\.\s*random\b|\[\s*['"`]random['"`]\s*\])/.test(code);
}

describe('randomness comes from one place', () => {
  it('the Math.random detector finds real uses and ignores comments', () => {
    expect(usesMathRandom('const x = Math.random();')).toBe(true);
    expect(usesMathRandom("const r = Math['random'];")).toBe(true);
    expect(usesMathRandom('const r = Math . random;')).toBe(true);
    expect(usesMathRandom('// Math.random never appears here\nconst x = 1;')).toBe(false);
    expect(usesMathRandom('/* not Math.random */ const y = rng();')).toBe(false);
  });

  it('no file under src/sim-engine or src/models calls Math.random', () => {
    const root = fileURLToPath(new URL('../../src/', import.meta.url));
    const files = [...sourceFiles(join(root, 'sim-engine')), ...sourceFiles(join(root, 'models'))];
    expect(files.length).toBeGreaterThan(10);
    const offenders = files.filter((f) => usesMathRandom(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });
});
