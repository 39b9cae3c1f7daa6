import { importLint, importLintLines } from '../../models/lint/importFindings';
import { formatImportMessage, groupedImportMessages, importManifests, looksLikeManifests, scenarioYaml, type ManifestFile } from '../../scenario/import';

/**
 * Kubernetes and Istio manifests opened in the app (issue 15): a set of files chosen with "Open
 * file…" or dropped on the page, a dropped folder walked for them, imported as the CLI's
 * `import` does (src/scenario/import) and opened as the scenario text it writes.
 */

/** Whether these files are manifests to import rather than one scenario file to open. */
export function isManifestSet(files: readonly ManifestFile[]): boolean {
  return files.length > 1 || looksLikeManifests(files.map((f) => f.text));
}

/** A workload file: top-level `clients:` or `apps:`, and no `kind:`. */
function isWorkload(f: ManifestFile): boolean {
  return /^(clients|apps):/m.test(f.text) && !/^kind:/m.test(f.text);
}

export type Imported = { ok: true; text: string; label: string; warnings: string[] } | { ok: false; label: string; problems: { path: string; message: string }[] };

/**
 * Imports a set of files: .yaml/.yml only (others are named in a warning), the workload being
 * the file with `clients:`/`apps:` and no `kind:` (`workload.yaml` first when there are several).
 * Pure.
 */
export function importFiles(all: readonly ManifestFile[]): Imported {
  const yaml = all.filter((f) => /\.ya?ml$/i.test(f.name));
  const skipped = all.filter((f) => !yaml.includes(f)).map((f) => f.name);
  const workloads = yaml.filter(isWorkload).sort((a, b) => Number(!/(^|\/)workload\.ya?ml$/.test(a.name)) - Number(!/(^|\/)workload\.ya?ml$/.test(b.name)));
  const workload = workloads[0];
  const manifests = yaml.filter((f) => !isWorkload(f));
  const label = `${manifests.length} manifest file${manifests.length === 1 ? '' : 's'}${workload ? ` + ${workload.name.split('/').pop()}` : ''}`;
  const r = importManifests(manifests, workload);
  if (r.scenario === null) return { ok: false, label, problems: r.errors.map((e) => ({ path: `${e.file}:${e.line}${e.path ? ` ${e.path}` : ''}`, message: e.message })) };
  // The same warning at several lines of one file is one line: `apps.yaml:31, 64, 97: spec...`.
  const warnings = groupedImportMessages(r.warnings);
  // Lint's errors on what was imported, with the warnings, as the CLI's import says them (trial T5, 3).
  const lint = importLintLines(importLint(r), 'the editor\'s Lint list shows them all, and the simulated rules\' too');
  // Its closing count only with an error: the editor's Lint list, beside the notice, lists the rest.
  if (lint.errors.length) warnings.push(...lint.errors.map(formatImportMessage), lint.summary!);
  if (skipped.length) warnings.push(`not YAML, not read: ${skipped.join(', ')}`);
  for (const w of workloads.slice(1)) warnings.push(`${w.name}: a second workload file, not used (open it alone with the manifests to use it)`);
  // Manifests without a workload file name no scenario: the importer's default name is 'imported',
  // and the title read "imported (imported from 1 manifest file)" (session 36's trial).
  const name = String((r.scenario as { name: string }).name);
  return { ok: true, text: scenarioYaml(r.scenario, r.provenance), label: name === 'imported' ? `imported from ${label}` : `${name} (imported from ${label})`, warnings };
}
