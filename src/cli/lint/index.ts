import { usageError } from '../usageError';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { formatOfFile, formatProblems, parseScenarioText, readScenarioText, type Scenario } from '../../scenario';
import { problemsWithLines } from '../../ui/editor/lines';
import { readInputFile } from '../readInput';
import { LINT_USAGE, parseLintArgs, type LintArgs } from './args';
import { importForLint } from './importAdapter';
import { textLocator, type Locator } from '../../models/lint/locate';
import { manifestFindings } from './manifestRules';
import { looksLikeManifests, readManifests, type Manifest } from './manifests';
import { scenarioFindings } from '../../models/lint/scenarioRules';
import { MAX_LEAVES, simulateFindings } from '../../models/lint/simulate';
import { SEVERITIES, type Finding, type LintReport, type Severity } from '../../models/lint/types';
import { namedFinding } from '../../models/lint/findings';
import { compareFindings } from '../../models/lint/order';

export { parseLintArgs, LINT_USAGE, type LintArgs } from './args';
export { RULES, SEVERITIES, FAIL_ON, type Finding, type LintReport, type Severity, type FailOn, type ResourceRef, type Figure } from '../../models/lint/types';
export { scenarioFindings } from '../../models/lint/scenarioRules';
export { manifestFindings } from './manifestRules';
export { simulateFindings, lintDurationMs } from '../../models/lint/simulate';
export { readManifests } from './manifests';
export { compareFindings } from '../../models/lint/order';

/** Exit code for bad input: an argument, or a file that cannot be read. */
const BAD_INPUT = 2;

/** Where lint writes (tests pass their own). */
export interface LintIo {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
}

/** One input file, read. */
interface InputFile {
  path: string;
  text: string;
}

/** Files under the inputs, folders walked in name order (only *.json, *.yaml, *.yml in them), or problems. */
function gather(inputs: readonly string[]): { files: InputFile[]; problems: string[]; fromDirs: Set<string> } {
  const files: InputFile[] = [];
  const problems: string[] = [];
  const fromDirs = new Set<string>();
  const read = (path: string) => {
    const r = readInputFile(path);
    if (r.ok) files.push({ path, text: r.text });
    else problems.push(r.problem);
  };
  const walk = (dir: string): number => {
    let n = 0;
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) n += walk(p);
      else if (/\.(json|ya?ml)$/i.test(name)) {
        fromDirs.add(p);
        read(p);
        n++;
      }
    }
    return n;
  };
  for (const input of inputs) {
    let isDir: boolean;
    try {
      isDir = statSync(input).isDirectory();
    } catch {
      problems.push(`${input}: no such file or folder`);
      continue;
    }
    if (isDir) {
      if (walk(input) === 0) problems.push(`${input}: a folder with no .json, .yaml or .yml files: nothing to lint`);
    } else read(input);
  }
  return { files, problems, fromDirs };
}

/**
 * What `lint` made of its inputs: a report, and notes for stderr (files skipped, leaves not
 * simulated). `shown`: the report's findings as people read them, in its order, items by name
 * (namedFinding: `services.web.mtls`); the report (`--json`) keeps the rules' index paths.
 */
export type LintOutcome = { ok: true; report: LintReport; shown: Finding[]; notes: string[] } | { ok: false; lines: string[] };

/** Severity order: lower is worse; `never` is better than any, so nothing reaches it. */
const rank = (s: Severity | 'never') => (s === 'never' ? -1 : SEVERITIES.indexOf(s));

/**
 * Lints the inputs: each scenario file on its own (scenario rules, then the simulation), and
 * every manifest file together as one mesh (manifest rules, plus the scenario rules and the
 * simulation on the scenario the importer makes of them with the workload). Reads files; runs
 * simulations; writes nothing.
 */
export function lint(args: LintArgs): LintOutcome {
  const { files, problems, fromDirs } = gather(args.inputs);
  const notes: string[] = [];
  const scenarios: LintReport['scenarios'] = [];
  const findings: Finding[] = [];
  const manifestFiles: InputFile[] = [];
  const workloads: InputFile[] = [];
  // Each finding as people read it, by name on the scenario it was found on.
  const shownOf = new Map<Finding, Finding>();
  const runScenario = (s: Scenario, locate: Locator, name: string, fileList: string[], kind: 'scenario' | 'manifests', canSimulate = true, flattened?: ReadonlySet<string>) => {
    const found = scenarioFindings(s, locate, flattened, kind);
    let simulated = false;
    if (args.simulate && canSimulate) {
      const sim = simulateFindings(s, locate, found);
      found.push(...sim.findings);
      simulated = sim.stopped === undefined;
      if (sim.stopped) notes.push(`${name}: ${sim.stopped}`);
      if (sim.skippedLeaves.length) notes.push(`note: ${name}: ${sim.skippedLeaves.length} leaf services not simulated failing (only the ${MAX_LEAVES} deepest are): ${sim.skippedLeaves.slice(0, 10).join(', ')}${sim.skippedLeaves.length > 10 ? ', …' : ''}`);
    }
    // An imported scenario's finding points at the manifest field it came from.
    for (const f of found) {
      const at = locate(f.field);
      if (at?.path === undefined) continue;
      f.scenarioField = f.field;
      f.field = at.path;
    }
    for (const f of found) shownOf.set(f, namedFinding(s, f));
    findings.push(...found);
    scenarios.push({ name, files: fileList, kind, simulated });
  };
  for (const f of files) {
    if (looksLikeManifests(f.text)) {
      manifestFiles.push(f);
      continue;
    }
    const read = readScenarioText(f.text, formatOfFile(f.path));
    const data = read.ok ? (read.data as Record<string, unknown> | null) : null;
    // A workload file (clients and apps for manifests, as meshsim import reads it).
    if (data !== null && typeof data === 'object' && 'apps' in data && !('services' in data)) {
      if (f.path !== args.workload) workloads.push(f);
      continue;
    }
    const isScenario = data !== null && typeof data === 'object' && ('services' in data || 'clients' in data);
    if (!isScenario && fromDirs.has(f.path)) {
      notes.push(`note: ${f.path}: skipped (neither a scenario nor Kubernetes manifests)`);
      continue;
    }
    if (!isScenario && read.ok) {
      problems.push(`${f.path}: neither a scenario (no services or clients) nor Kubernetes manifests (no apiVersion and kind)`);
      continue;
    }
    const parsed = parseScenarioText(f.text, formatOfFile(f.path));
    if (!parsed.ok) {
      const n = parsed.problems.length;
      // Each at its line, items by name, as run and sweep list a file's problems.
      problems.push(`${f.path}: ${n} problem${n > 1 ? 's' : ''}`, formatProblems(problemsWithLines(f.text, parsed.problems)));
      continue;
    }
    runScenario(parsed.scenario, textLocator(f.path, f.text), parsed.scenario.name, [f.path], 'scenario');
  }
  if (manifestFiles.length) {
    const manifests: Manifest[] = [];
    for (const f of manifestFiles) {
      const r = readManifests(f.path, f.text);
      manifests.push(...r.manifests);
      problems.push(...r.problems.map((p) => `${p.file}:${p.line}: ${p.message}`));
    }
    let workload: InputFile | undefined;
    if (args.workload === undefined && workloads.length === 1) {
      workload = workloads[0];
      notes.push(`note: ${workload.path}: read as the workload of the manifests (give --workload to choose another)`);
    } else if (args.workload === undefined && workloads.length > 1) {
      problems.push(`--workload: ${workloads.length} workload files among the inputs (${workloads.map((w) => w.path).join(', ')}): say which with --workload FILE`);
    }
    if (args.workload !== undefined) {
      const r = readInputFile(args.workload, '--workload');
      if (r.ok) workload = { path: args.workload, text: r.text };
      else problems.push(r.problem);
    }
    if (!problems.length) {
      findings.push(...manifestFindings(manifests));
      const imported = importForLint(
        manifestFiles.map((f) => ({ name: f.path, text: f.text })),
        workload && { name: workload.path, text: workload.text },
      );
      problems.push(...imported.problems);
      notes.push(...imported.notes);
      const fileList = manifestFiles.map((f) => f.path);
      if (imported.scenario) runScenario(imported.scenario, imported.locate, imported.scenario.name, fileList, 'manifests', imported.simulate, imported.flattened);
      else scenarios.push({ name: '(manifests)', files: fileList, kind: 'manifests', simulated: false });
    }
  } else if (args.workload !== undefined || workloads.length) {
    problems.push(`${args.workload !== undefined ? '--workload' : workloads[0].path}: a workload applies to Kubernetes manifests, and no input is one`);
  }
  if (problems.length) return { ok: false, lines: problems };
  const sorted = dedupe(findings).sort(compareFindings);
  const counts = { error: 0, warning: 0, info: 0 } as Record<Severity, number>;
  for (const f of sorted) counts[f.severity]++;
  const exitCode = sorted.some((f) => rank(f.severity) <= rank(args.failOn)) ? 1 : 0;
  return { ok: true, notes, shown: sorted.map((f) => shownOf.get(f) ?? f), report: { schemaVersion: 1, inputs: [...args.inputs], scenarios, findings: sorted, counts, failOn: args.failOn, exitCode } };
}

/**
 * The same finding found twice is kept once: a scenario rule's finding on an imported scenario
 * that a manifest rule made at the same place and field (the manifest's is kept), and exact
 * repeats (two actors of one manifest resource keep theirs: their scenario fields differ).
 */
function dedupe(findings: Finding[]): Finding[] {
  const place = (f: Finding) => `${f.code} ${f.resource.file ?? ''}:${f.resource.line ?? ''} ${f.field}`;
  const byManifestRule = new Set(findings.filter((f) => f.scenarioField === undefined && f.resource.file !== undefined).map(place));
  const seen = new Set<string>();
  return findings.filter((f) => {
    if (f.scenarioField !== undefined && byManifestRule.has(place(f))) return false;
    const key = `${place(f)} ${f.resource.kind}/${f.resource.name} ${f.scenarioField ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** A finding for people: `file:line: severity CODE rule (Kind name) field`, then its message, figure and fix. */
export function formatFinding(f: Finding): string {
  const at = f.resource.file ? `${f.resource.file}${f.resource.line ? `:${f.resource.line}` : ''}: ` : '';
  const ns = f.resource.namespace ? `${f.resource.namespace}/` : '';
  return [
    `${at}${f.severity} ${f.code} ${f.rule} (${f.resource.kind} ${ns}${f.resource.name}) ${f.field}`,
    `  ${f.message}`,
    `  figure: ${f.figure.text}${f.simulated ? ' [simulated]' : ''}`,
    `  fix: ${f.fix}`,
  ].join('\n');
}

/** The whole report for people: `findings` (the report's, or lint's `shown`: by name), then one line of counts and the exit code. */
export function formatReport(r: LintReport, findings: readonly Finding[] = r.findings): string {
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  const tail = `${plural(r.counts.error, 'error')}, ${plural(r.counts.warning, 'warning')}, ${r.counts.info} info (fail-on ${r.failOn}: exit ${r.exitCode})`;
  const linted = r.scenarios.map((s) => `${s.name}${s.simulated ? ' (simulated)' : ''}`).join(', ');
  return [...findings.map(formatFinding), `linted ${linted}: ${tail}`].join('\n\n');
}

/** `meshsim lint ...` / `npm run sim -- lint ...` (the words after `lint`); resolves to the exit code. */
export async function lintMain(argv: readonly string[], io: LintIo = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  const parsed = parseLintArgs(argv);
  if (!parsed.ok) {
    io.stderr.write(usageError(LINT_USAGE, parsed.problems));
    return BAD_INPUT;
  }
  if (parsed.args.help) {
    io.stdout.write(LINT_USAGE + '\n');
    return 0;
  }
  const r = lint(parsed.args);
  if (!r.ok) {
    io.stderr.write(r.lines.join('\n') + '\n');
    return BAD_INPUT;
  }
  for (const n of r.notes) io.stderr.write(n + '\n');
  io.stdout.write((parsed.args.json ? JSON.stringify(r.report, null, 2) : formatReport(r.report, r.shown)) + '\n');
  return r.report.exitCode;
}

