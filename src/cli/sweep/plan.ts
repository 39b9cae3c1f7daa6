import { readFileSync } from 'node:fs';
import { formatOfFile, formatProblems, notAScenario, notAScenarioInCli, readScenarioText, validateScenario, type Scenario } from '../../scenario';
import { bareDurations, unitlessMessage } from '../durationArg';
import { checkDurationOverride, tooManyRequests } from '../load';
import { scenarioReadProblem } from '../scenarioName';
import { problemsWithLines } from '../../ui/editor/lines';
import { formatValue, gridPoints, resolvePath, setAt, type Axis } from './grid';

/** Every point of a sweep as a validated scenario, or every problem found, as lines for stderr. */
export type Plan = { ok: true; scenarios: Scenario[] } | { ok: false; lines: string[] };

/**
 * Reads `file`, resolves each axis's path in it, refuses a bare number set in a duration field
 * (it needs a unit on the command line, as `--duration` does), and validates the scenario at every point of
 * the grid (with `durationMs`, as a single run would be), so that every bad path or value is
 * said before any job starts. A problem at the field an axis sets reads
 * `--set path=value: message` (so does one at a field the --set made on its way, said at the
 * part the user typed: `--set foo.bar=1: foo: unknown field`); one elsewhere that a point causes
 * names the point and the field's line in the file; one the file has without any --set is said
 * once, at its line (`file: line 7: services.api.replicas: ...`), as `run` says it.
 */
export function planSweep(file: string, axes: readonly Axis[], durationMs: number | undefined): Plan {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    return { ok: false, lines: [`${file}: ${scenarioReadProblem(file, e)}`] };
  }
  const other = notAScenario(text);
  if (other) return { ok: false, lines: [`${file}: ${notAScenarioInCli(other, file)}`] };
  const read = readScenarioText(text, formatOfFile(file));
  if (!read.ok) return { ok: false, lines: [`${file}: ${read.problems.length} problem${read.problems.length > 1 ? 's' : ''}`, formatProblems(problemsWithLines(text, read.problems))] };
  const resolved: string[][] = [];
  const lines: string[] = [];
  for (const a of axes) {
    const r = resolvePath(read.data, a.path);
    if (r.ok) resolved.push(r.indexPath);
    else lines.push(r.problem);
  }
  if (lines.length) return { ok: false, lines };
  // A bare number in a duration field is refused as --duration refuses one (durationArg.ts): a
  // file reads it as milliseconds, but `--set warmup=30` could as well mean seconds.
  axes.forEach((a, i) => {
    for (const v of a.values) for (const [inside, n] of bareDurations(resolved[i], v)) lines.push(`--set ${a.path}=${formatValue(v)}: ${inside ? `${inside}: ` : ''}${unitlessMessage(String(n))}`);
  });
  if (lines.length) return { ok: false, lines };
  const scenarios: Scenario[] = [];
  // Whether the file alone runs for --duration: a point that sends too many requests where it
  // does not is its --set values' doing, and is said as theirs (it was blamed on --duration).
  const alone = durationMs === undefined ? null : validateScenario(read.data, { durationMs });
  const fileRuns = alone !== null && alone.ok && checkDurationOverride(alone.scenario, file, durationMs) === null;
  // A problem the file has with no --set applied is the file's: said once, at its line as `run` says it
  // (`line 7: services.api.replicas: ...`, session 42), not once a point.
  const own = validateScenario(read.data, { durationMs });
  const fileProblems = new Set(own.ok ? [] : own.problems.map((p) => `${p.path}\0${p.message}`));
  const atLine = (p: { path: string; message: string }) => formatProblems(problemsWithLines(text, [p])).trim();
  const said = new Set<string>();
  const say = (line: string) => {
    if (!said.has(line)) lines.push(line);
    said.add(line);
  };
  // A problem one --set has at every one of its values (an unknown field: `--set ...atempts=0,1`)
  // is said once for all of them, `--set path=0,1: message`, not once a value.
  const perAxis = new Map<string, { axis: number; rest: string; lines: string[]; values: Set<string> }>();
  const sayAt = (axis: number, value: unknown, rest: string) => {
    const line = `--set ${axes[axis].path}=${formatValue(value)}: ${rest}`;
    const key = `${axis}\0${rest}`;
    const seen = perAxis.get(key) ?? { axis, rest, lines: [], values: new Set<string>() };
    perAxis.set(key, seen);
    seen.values.add(formatValue(value));
    if (!said.has(line)) seen.lines.push(line);
    say(line);
  };
  for (const point of gridPoints(axes)) {
    const data = structuredClone(read.data);
    axes.forEach((_, i) => setAt(data, resolved[i], point[i]));
    const r = validateScenario(data, { durationMs });
    const where = axes.map((a, i) => `${a.path}=${formatValue(point[i])}`).join(' ');
    if (!r.ok) {
      for (const p of r.problems) {
        const i = resolved.findIndex((ip) => ip.join('.') === p.path);
        // A problem on the way to a --set's field the file left out (`foo` of `--set foo.bar=1`):
        // the --set made that field, so it is that --set's, said at the part the user typed.
        const made = i >= 0 ? -1 : resolved.findIndex((ip) => p.path !== '' && ip.join('.').startsWith(p.path + '.'));
        // A problem inside a --set's value (`type` of `--set services.web.serviceTime={"type":"bogus"}`):
        // that --set's, at the field within the value, not the file's index path.
        const inside = i >= 0 || made >= 0 ? -1 : resolved.findIndex((ip) => p.path.startsWith(ip.join('.') + '.'));
        if (i >= 0) sayAt(i, point[i], p.message);
        else if (inside >= 0) sayAt(inside, point[inside], `${p.path.slice(resolved[inside].join('.').length + 1)}: ${p.message}`);
        else if (made >= 0) sayAt(made, point[made], `${axes[made].path.split('.').slice(0, p.path.split('.').length).join('.')}: ${p.message}`);
        else if (fileProblems.has(`${p.path}\0${p.message}`)) say(`${file}: ${atLine(p)}`);
        else say(`${file}${where ? ` with ${where}` : ''}: ${p.path ? atLine(p) : `(scenario): ${p.message}`}`);
      }
      continue;
    }
    const bad = checkDurationOverride(r.scenario, file, durationMs);
    const many = fileRuns && durationMs !== undefined ? tooManyRequests(r.scenario, file, durationMs) : null;
    if (many !== null) say(`${axes.map((a, i) => `--set ${a.path}=${formatValue(point[i])}`).join(' ')}: with it ${many}; give a smaller value or a shorter --duration`);
    else if (bad !== null) say(where ? `${bad} (with ${where})` : bad);
    else scenarios.push(r.scenario);
  }
  for (const { axis, rest, lines: own, values } of perAxis.values()) {
    const all = axes[axis].values.map(formatValue);
    if (all.length < 2 || !all.every((v) => values.has(v))) continue;
    lines.splice(lines.indexOf(own[0]), 1, `--set ${axes[axis].path}=${all.join(',')}: ${rest}`);
    for (const l of own.slice(1)) lines.splice(lines.indexOf(l), 1);
  }
  return lines.length ? { ok: false, lines } : { ok: true, scenarios };
}
