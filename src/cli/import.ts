import { usageError } from './usageError';
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { checkOutputPath, overwritesInput } from './csv';
import { join, resolve } from 'node:path';
import { looksLikeManifests } from './lint/manifests';
import { formatImportMessage, groupedImportMessages, importManifests, scenarioYaml, type ManifestFile } from '../scenario/import';
import { readInputFile } from './readInput';
import { importLint, importLintLines } from '../models/lint/importFindings';
import { repeatedOptions } from './onceOptions';
import { usageAs, type Invocation } from './invocation';
import { unknownOptionMessage } from './unknownOptions';

/** Exit code for bad input: a malformed manifest, an unknown flag, a missing file. */
const BAD_INPUT = 2;

export const IMPORT_USAGE = `usage: npm run sim -- import FILES_OR_DIRS... [--workload FILE] [-o OUT.yaml|OUT.json]

Reads Kubernetes and Istio manifests (multi-document YAML; a folder is read for its .yaml and
.yml files, recursively, in name order) and writes the scenario they describe.
  --workload FILE  clients, rates and what each app does (see examples/bookinfo/workload.yaml);
                   without it, one client sends 10 requests/s to the first gateway or service
  -o, --out FILE   write the scenario there: .yaml with a comment after each value naming the
                   manifest line it came from, or .json (no comments); default: YAML on stdout
Warnings (kinds and fields not modelled, choices made for you) go to stderr as file:line: path: message.
Example:
  npm run sim -- import examples/bookinfo/platform --workload examples/bookinfo/workload.yaml -o bookinfo.yaml
Exit codes: 0 imported, 2 bad input (a malformed manifest, a missing file, an unknown option).`;

export interface ImportArgs {
  inputs: string[];
  workload?: string;
  out?: string;
  help: boolean;
}

/** Parses `import`'s arguments (after the word import). Returns problems instead of throwing. */
export function parseImportArgs(argv: readonly string[]): { ok: true; args: ImportArgs } | { ok: false; problems: string[] } {
  const args: ImportArgs = { inputs: [], help: false };
  const problems: string[] = repeatedOptions(argv, ['--workload', '--out'], { '-o': '--out' });
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const eq = a.startsWith('--') && a.includes('=');
    const flag = eq ? a.slice(0, a.indexOf('=')) : a;
    const value = (what: string) => {
      const v = eq ? a.slice(a.indexOf('=') + 1) : argv[++i];
      if (v === undefined || v === '' || v.startsWith('-')) {
        problems.push(`${flag}: expected ${what}, got ${v === undefined ? 'nothing' : `"${v}"`}`);
        return undefined;
      }
      return v;
    };
    if (flag === '--help' || flag === '-h') args.help = true;
    else if (flag === '--workload') args.workload = value('a workload file, e.g. --workload examples/bookinfo/workload.yaml');
    else if (flag === '-o' || flag === '--out') {
      const v = value('a file to write the scenario to, e.g. -o bookinfo.yaml');
      if (v !== undefined && !/\.(ya?ml|json)$/i.test(v)) problems.push(`${flag}: "${v}" must end in .yaml, .yml or .json (it decides the format)`);
      else args.out = v;
    } else if (a.startsWith('-')) problems.push(unknownOptionMessage(a, ['--workload', '--out', '--help'], 'try import --help'));
    else args.inputs.push(a);
  }
  if (!args.help && args.inputs.length === 0) problems.push('FILES_OR_DIRS: give manifest files or folders, e.g. import examples/bookinfo/platform --workload examples/bookinfo/workload.yaml');
  return problems.length ? { ok: false, problems } : { ok: true, args };
}

/** The YAML files of the inputs: files as given, folders walked for .yaml/.yml in name order. */
function collect(inputs: readonly string[], problems: string[]): ManifestFile[] {
  const out: ManifestFile[] = [];
  const read = (p: string) => {
    const r = readInputFile(p);
    if (r.ok) out.push({ name: p, text: r.text });
    else problems.push(r.problem);
  };
  const walk = (dir: string): number => {
    let n = 0;
    for (const f of readdirSync(dir).sort()) {
      const p = join(dir, f);
      if (statSync(p).isDirectory()) n += walk(p);
      else if (/\.ya?ml$/i.test(f)) {
        read(p);
        n++;
      }
    }
    return n;
  };
  for (const p of inputs) {
    let st;
    try {
      st = statSync(p);
    } catch {
      problems.push(`${p}: no such file or folder`);
      continue;
    }
    if (st.isDirectory()) {
      if (walk(p) === 0) problems.push(`${p}: a folder with no .yaml or .yml files`);
    } else read(p);
  }
  return out;
}

/**
 * A workload file's text (clients, rates and apps for manifests): top-level `clients:` or `apps:`
 * and no Kubernetes `apiVersion` and `kind`, the rule lint and the app's file import follow.
 */
function isWorkloadText(text: string): boolean {
  return !looksLikeManifests(text) && /^(clients|apps):/m.test(text);
}

/**
 * Runs `import` (argv after the word import); writes to stdout and stderr; returns the exit code.
 * Its usage names the command as `how` started it (`npm run sim -- import`, `meshsim import`).
 */
export function importMain(argv: readonly string[], how: Invocation = 'npm'): number {
  const usage = usageAs(IMPORT_USAGE, how);
  const parsed = parseImportArgs(argv);
  if (!parsed.ok) {
    process.stderr.write(usageError(usage, parsed.problems));
    return BAD_INPUT;
  }
  const { args } = parsed;
  if (args.help) {
    process.stdout.write(usage + '\n');
    return 0;
  }
  const problems: string[] = [];
  const notes: string[] = [];
  const files: ManifestFile[] = [];
  // A workload file among the inputs (a folder holding the manifests and workload.yaml, as lint
  // and the app take it): used as the workload, not read as a manifest with no kind.
  const found: ManifestFile[] = [];
  for (const f of collect(args.inputs, problems)) {
    if (!isWorkloadText(f.text)) files.push(f);
    else if (args.workload === undefined) found.push(f);
    else if (resolve(f.name) !== resolve(args.workload)) notes.push(`note: ${f.name}: a workload file, not used (--workload ${args.workload} is)`);
  }
  let workload: ManifestFile | undefined;
  if (found.length === 1) {
    workload = found[0];
    notes.push(`note: ${workload.name}: read as the workload of the manifests (give --workload to choose another)`);
  } else if (found.length > 1) problems.push(`--workload: ${found.length} workload files among the inputs (${found.map((w) => w.name).join(', ')}): say which with --workload FILE`);
  if (args.workload !== undefined) {
    const r = readInputFile(args.workload, '--workload');
    if (r.ok) workload = { name: args.workload, text: r.text };
    else problems.push(r.problem);
  }
  // A file that cannot be written is bad input, said before the import rather than after it.
  const read = [...files, ...found].map((f) => f.name).concat(args.workload === undefined ? [] : [args.workload]);
  const badOut = args.out === undefined ? null : checkOutputPath('-o', args.out, 'scenario.yaml') ?? overwritesInput('-o', args.out, read);
  if (badOut !== null) problems.push(badOut);
  if (problems.length) {
    process.stderr.write(problems.join('\n') + '\n');
    return BAD_INPUT;
  }
  for (const n of notes) process.stderr.write(n + '\n');
  const r = importManifests(files, workload);
  // The same warning at several lines of a file on one line, as the app's notice says it (T3's trial, 6).
  for (const w of groupedImportMessages(r.warnings)) process.stderr.write(`warning: ${w}\n`);
  if (r.errors.length || r.scenario === null) {
    for (const e of r.errors) process.stderr.write(formatImportMessage(e) + '\n');
    return BAD_INPUT;
  }
  // Lint's static rules on what was imported, its errors said with the warnings (trial T5, 3: a
  // client sending plaintext to a STRICT service failed every request, and only lint said so).
  const lintCmd = `${how === 'npm' ? 'npm run sim --' : 'meshsim'} lint ${args.inputs.join(' ')}${args.workload ? ` --workload ${args.workload}` : ''}`;
  const lint = importLintLines(importLint(r), `all of them, with the simulated rules' figures: ${lintCmd}`);
  for (const e of lint.errors) process.stderr.write(`warning: ${formatImportMessage(e)}\n`);
  const header = ` Imported by meshsim from ${[...args.inputs, ...(args.workload ? [args.workload] : [])].join(', ')}.\n A comment after a value names the manifest line it came from.`;
  const text = args.out !== undefined && /\.json$/i.test(args.out) ? JSON.stringify(r.scenario, null, 2) + '\n' : scenarioYaml(r.scenario, r.provenance, header);
  if (args.out === undefined) process.stdout.write(text);
  else {
    try {
      writeFileSync(args.out, text);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      const why = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EROFS' ? 'read-only file system' : code === 'ENOSPC' ? 'no space left on the device' : (code ?? String(e));
      process.stderr.write(`-o: cannot write ${args.out}: ${why}\n`);
      return BAD_INPUT;
    }
    const n = r.resources.length;
    process.stderr.write(`wrote ${args.out}: ${n} resource${n === 1 ? '' : 's'} read, ${r.warnings.length} warning${r.warnings.length === 1 ? '' : 's'}${r.validated ? '' : ' (it cannot run yet: see the warnings above)'}\n`);
  }
  if (lint.summary) process.stderr.write(lint.summary + '\n');
  return 0;
}
