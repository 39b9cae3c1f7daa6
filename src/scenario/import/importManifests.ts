import { loadConsequence, loadSources, loadText, nearCapacity, replicasFor } from '../load';
import { validateScenario } from '../parse';
import { namedProblem } from '../namedPath';
import type { Scenario } from '../schema';
import { buildScenario } from './build';
import { formatPath, readManifestText, type ManifestDoc, type Seg } from './documents';
import { readResource } from './kinds';
import type { ImportMessage, ImportResult, ManifestFile, Resource, SourceRef } from './types';
import { readWorkload } from './workload';

/**
 * Imports Kubernetes and Istio manifests (multi-document YAML) and an optional workload file
 * into a scenario. Every kind and field not modelled is a warning by path, every malformed
 * field an error (`file:line: path: message`); `provenance` says which manifest fields made
 * each scenario value. Pure: never throws for bad input, reads no files.
 *
 * @param files manifest files, in the order given (their resources keep that order)
 * @param workload the workload file: clients, rates and what each app does (see workload.ts)
 */
export function importManifests(files: readonly ManifestFile[], workload?: ManifestFile): ImportResult {
  const warnings: ImportMessage[] = [];
  const errors: ImportMessage[] = [];
  const provenance: Record<string, SourceRef[]> = {};
  const flattened: string[] = [];
  const resources: Resource[] = [];
  for (const f of files) {
    const { docs, errors: bad } = readManifestText(f.name, f.text);
    errors.push(...bad);
    for (const d of docs) {
      const r = readResource(d, { errors, warnings });
      if (r) resources.push(r);
    }
  }
  let wl = null;
  if (workload) {
    const { docs, errors: bad } = readManifestText(workload.name, workload.text);
    errors.push(...bad);
    if (docs.length > 1) errors.push(docs[1].at([], 'a workload file is one YAML document (found a second one here)'));
    if (docs.length === 0 && bad.length === 0) errors.push({ file: workload.name, line: 1, path: '', message: 'is empty: a workload gives clients and apps' });
    if (docs[0]) wl = readWorkload(docs[0] as ManifestDoc, errors);
  }
  // Errors so far are in reading the files; those after are in joining the resources.
  const malformed = errors.length > 0;
  const done = (scenario: ImportResult['scenario'], validated: ImportResult['validated'] = null): ImportResult => ({ scenario, validated, warnings, errors, malformed, provenance, flattened, resources });
  // A broken manifest stops here; a workload's own mistakes do not, so that all of them show at once.
  if (errors.some((e) => e.file !== workload?.name)) return done(null);
  if (resources.length === 0) {
    errors.push({ file: files[0]?.name ?? '(no files)', line: 1, path: '', message: 'holds no Kubernetes or Istio resource (Deployment, Service, VirtualService, ...)' });
    return done(null);
  }
  const scenario = buildScenario(resources, wl, warnings, errors, provenance, flattened);
  if (scenario === null) {
    if (!errors.length) errors.push({ file: files[0].name, line: 1, path: '', message: 'no Deployment with a Service and no ServiceEntry: nothing to simulate' });
    return done(null);
  }
  if (errors.length) return done(null);
  const v = validateScenario(scenario);
  if (v.ok) {
    warnLoad(v.scenario, provenance, warnings, workload?.name ?? files[0].name);
    return done(scenario, v.scenario);
  }
  for (const p of v.problems) {
    // Found by index; said with items by name (`services.payments.replicas`), as `sweep --set` takes it.
    const named = namedProblem(scenario, p);
    const own = wl ? workloadPlace(wl.doc, provenance, p.path) : undefined;
    // A field the workload wrote as the scenario reads it (`faults[0].replica`, `duration`): at its
    // own line, field first, as every other import message (trial T5, 2: it said line 1, the
    // field at the end). Elsewhere (an app's `apps[2].serviceTime`, a manifest's field) the
    // scenario path follows.
    if (own?.same) errors.push({ ...own.ref, message: named.message });
    else {
      const ref = own?.ref ?? sourceOf(provenance, p.path) ?? { file: workload?.name ?? files[0].name, line: 1, path: '' };
      errors.push({ ...ref, message: `${named.message} (scenario ${named.path})` });
    }
  }
  return done(errors.length ? null : scenario);
}

/**
 * A service or gateway the workload's open-loop clients load to NEAR_CAPACITY or more (load.ts),
 * warned at the line that sets its work per request (a workload app's serviceTime; for a gateway,
 * the ingress pods' replicas), naming the offered rate, the capacity and what makes it. Impure:
 * pushes to `warnings`.
 */
function warnLoad(s: Scenario, provenance: Record<string, SourceRef[]>, warnings: ImportMessage[], fallback: string): void {
  for (const l of nearCapacity(s)) {
    const at = l.kind === 'service' ? `services.${l.index}.serviceTime` : `gateways.${l.index}.replicas`;
    const ref = sourceOf(provenance, at) ?? { file: fallback, line: 1, path: '' };
    const fix = l.kind === 'service' ? `raise its Deployment's spec.replicas to ${replicasFor(l)} (70% of capacity) or its concurrency in the workload, or send it less` : `run ${replicasFor(l)} ingress gateway pods (70% of capacity), or send it less`;
    warnings.push({ ...ref, message: `${loadText(l)}, from ${loadSources(l)}: ${loadConsequence(l)}; ${fix}` });
  }
}

/**
 * Where the workload file wrote scenario path `path` (`faults.0.replica`, a problem's index path):
 * a top-level field the workload passes through as written (all but clients and apps) at the line
 * of the deepest part written; otherwise the workload field the provenance names (a client's or an
 * app's, `clients[0].rate`), with the parts below it added. `same`: the workload's path is the
 * scenario's (so the message needs no `(scenario ...)`). Undefined when the workload did not write it.
 */
function workloadPlace(doc: ManifestDoc, prov: Record<string, SourceRef[]>, path: string): { ref: SourceRef; same: boolean } | undefined {
  const segs: Seg[] = path.split('.').map((x) => (/^\d+$/.test(x) ? Number(x) : x));
  const top = segs[0];
  if (typeof top === 'string' && top !== 'clients' && top !== 'apps' && doc.data !== null && typeof doc.data === 'object' && Object.hasOwn(doc.data, top)) {
    return { ref: { file: doc.file, line: doc.lineOf(segs), path: formatPath(segs) }, same: true };
  }
  const parts = path.split('.');
  for (let n = parts.length; n > 0; n--) {
    const refs = prov[parts.slice(0, n).join('.')];
    if (!refs?.length) continue;
    const ref = refs[refs.length - 1];
    if (ref.file !== doc.file) return undefined;
    const rest = segs.slice(n);
    const full = ref.path + rest.map((x) => (typeof x === 'number' ? `[${x}]` : `.${x}`)).join('');
    return { ref: { file: ref.file, line: doc.lines[full] ?? ref.line, path: full }, same: full === formatPath(segs) };
  }
  return undefined;
}

/** The source of the deepest scenario path that has one, for a problem found in the scenario. */
function sourceOf(prov: Record<string, SourceRef[]>, path: string): SourceRef | undefined {
  const parts = path.split('.');
  for (let n = parts.length; n > 0; n--) {
    const refs = prov[parts.slice(0, n).join('.')];
    if (refs?.length) return refs[refs.length - 1];
  }
  return undefined;
}

/** Whether a set of texts looks like Kubernetes manifests rather than a scenario (notAScenario.ts, where the CLI's run reads it too). */
export { looksLikeManifests } from '../notAScenario';
