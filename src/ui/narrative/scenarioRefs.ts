// Shipped scenarios a story names by file ("see third-party-service.json"): the app shows them as
// links named by the scenario's title (trial T4, 4: a person cannot find a file name in the picker).

/** A run of story text: plain, or a shipped scenario named by its file (`ref`, its id), opened or compared with the one open (`compare`). */
export type RefRun = { text: string; ref?: undefined } | { text: string; ref: string; compare: boolean };

const FILE = /(?<![\w/.-])([a-z0-9][a-z0-9-]*)\.json(?![\w-])/g;

/**
 * `text` cut into runs, each `name.json` whose `name` is in `ids` a run of its own; joined, the
 * runs are `text`. Left as text: a name not shipped, a path (`scenarios/x.json`, a CLI argument) and
 * a name in a sentence that gives a command (`npm run ... x.json`: the command must stay as typed).
 * `compare` is true when the words before it are "compare with" (gateway-only's "Compare with
 * mesh-only.json"). Pure.
 */
export function scenarioRefRuns(text: string, ids: ReadonlySet<string>): RefRun[] {
  const runs: RefRun[] = [];
  let at = 0;
  for (const m of text.matchAll(FILE)) {
    const id = m[1];
    const before = text.slice(0, m.index);
    const sentence = before.slice(Math.max(before.lastIndexOf('. '), before.lastIndexOf(': ')) + 1);
    if (!ids.has(id) || /npm run|\bsim --/.test(sentence)) continue;
    if (m.index > at) runs.push({ text: text.slice(at, m.index) });
    runs.push({ text: m[0], ref: id, compare: /\bcompare with\s*$/i.test(before) });
    at = m.index + m[0].length;
  }
  if (at < text.length) runs.push({ text: text.slice(at) });
  return runs;
}

/**
 * The name a story's link gives a scenario: its title up to the first ': ' ("Control-plane reach,
 * fixed" of "Control-plane reach, fixed: a control plane behind the boundary"), the whole title when
 * it has none. The full title read three lines in control-plane-boundary's last step and pushed its
 * measured figure under the story column's foot at 1280x720 (lessonfold.spec); the link's tooltip
 * gives it whole. Pure.
 */
export function refName(title: string): string {
  const head = title.split(': ')[0].trim();
  return head.length > 0 ? head : title;
}
