import { msgAt, refOf, type Cluster } from './cluster';
import type { Seg } from './documents';
import type { Mapped } from './policy';
import type { ImportMessage, ResourceBase, SourceRef } from './types';
import type { Workload } from './workload';

/** A scenario object as the import writes it, before the schema reads it. */
export type Obj = Record<string, unknown>;

/**
 * What the phases of the import's build share: the cluster the manifests describe, the workload
 * file (null without one), and where messages and provenance go.
 */
export interface BuildContext {
  c: Cluster;
  wl: Workload | null;
  warnings: ImportMessage[];
  errors: ImportMessage[];
  /** Scenario paths (`services.2.calls.0`, `clients.1`) whose app retries were flattened with their sidecar's. */
  flattened: string[];
  /** DestinationRules and VirtualServices whose dropped fields were said: each is said once, however many callers use it. */
  saidDr: WeakSet<object>;
  saidVs: WeakSet<object>;
  /** Adds where a scenario field's value comes from (nothing when `refs` is empty). */
  note(path: string, ...refs: SourceRef[]): void;
  /** A place in the workload file; only called when there is one. */
  wref(path: Seg[]): SourceRef;
  /** An error at a place in the workload file. */
  werr(path: Seg[], message: string): void;
  /** A warning at a place in the workload file. */
  wwarn(path: Seg[], message: string): void;
  /** A warning for each field of `r` that mapping it dropped. */
  dropped(r: ResourceBase, m: Mapped): void;
}

/** The context of one build; `prov` receives the provenance, by scenario path. */
export function buildContext(c: Cluster, wl: Workload | null, warnings: ImportMessage[], errors: ImportMessage[], prov: Record<string, SourceRef[]>, flattened: string[]): BuildContext {
  const wref = (path: Seg[]): SourceRef => refOf({ file: wl!.doc.file, line: wl!.doc.line, lines: wl!.doc.lines } as ResourceBase, path);
  return {
    c,
    wl,
    warnings,
    errors,
    flattened,
    saidDr: new WeakSet<object>(),
    saidVs: new WeakSet<object>(),
    note: (path, ...refs) => {
      if (refs.length) (prov[path] ??= []).push(...refs);
    },
    wref,
    werr: (path, message) => {
      errors.push({ ...wref(path), message });
    },
    wwarn: (path, message) => {
      warnings.push({ ...wref(path), message });
    },
    dropped: (r, m) => m.dropped.forEach((d) => warnings.push(msgAt(r, d.path, d.message))),
  };
}
