/**
 * Options that take one value and were given more than once on `argv`, one problem each:
 * `--seed: given twice ("2", then "3"); give it once`. Each command's parser keeps the last
 * value it reads, so without this `--seed 2 --seed 3` ran seed 3 without a word. `--x v` and
 * `--x=v` count alike; `aliases` maps another spelling to the option's name (`-o` -> `--out`).
 * A word read as an option's value is not read as an option. Pure.
 */
export function repeatedOptions(argv: readonly string[], once: readonly string[], aliases: Readonly<Record<string, string>> = {}): string[] {
  const seen = new Map<string, string[]>();
  for (let i = 0; i < argv.length; i++) {
    const w = argv[i];
    const eq = w.startsWith('-') && w.includes('=');
    const spelled = eq ? w.slice(0, w.indexOf('=')) : w;
    const name = aliases[spelled] ?? spelled;
    if (!once.includes(name)) continue;
    const value = eq ? w.slice(w.indexOf('=') + 1) : argv[++i];
    if (value === undefined) continue; // "needs a value": the parser says so
    const values = seen.get(name) ?? [];
    values.push(value);
    seen.set(name, values);
  }
  const problems: string[] = [];
  for (const [name, values] of seen) {
    if (values.length < 2) continue;
    const times = values.length === 2 ? 'twice' : `${values.length} times`;
    problems.push(`${name}: given ${times} (${values.map((v) => JSON.stringify(v)).join(', then ')}); give it once`);
  }
  return problems;
}
