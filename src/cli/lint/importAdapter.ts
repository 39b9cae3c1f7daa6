import { scenarioSchema, type Scenario } from '../../scenario';
import { formatImportMessage, importManifests } from '../../scenario/import';
import type { Locator } from '../../models/lint/locate';
import { provenanceLocator } from '../../models/lint/importFindings';

/** A manifest file or workload file as text. */
export interface NamedText {
  name: string;
  text: string;
}

/** What lint needs of the importer: the scenario the manifests make, where its fields came from, and problems and notes as lines. */
export interface ImportedForLint {
  /** The imported scenario, validated; absent when the import failed. */
  scenario?: Scenario;
  /** Whether the simulator runs it (the importer's `validated`): a scenario with calls routed by header or weight is checked statically only. */
  simulate: boolean;
  /** Places a scenario path at the manifest file:line it was read from (the import's provenance). */
  locate: Locator;
  /** Calls and clients whose policy flattens an app's retries with its sidecar's (the importer's `flattened`). */
  flattened: ReadonlySet<string>;
  /** Problems that make lint's input bad (exit 2); import errors are notes, since the manifest rules still apply. */
  problems: string[];
  notes: string[];
}

/**
 * Turns manifests (and a workload) into a scenario for the scenario rules and the simulation,
 * with the importer (`importManifests`, the same as `meshsim import`). A scenario the simulator
 * does not run yet (calls routed by header or weight: the importer's `validated` is null) is
 * still read with its defaults for the static rules. Pure.
 */
export function importForLint(files: readonly NamedText[], workload: NamedText | undefined): ImportedForLint {
  const r = importManifests(files, workload);
  const locate = provenanceLocator(r);
  const flattened = new Set(r.flattened);
  // Manifests lint can read but the importer cannot make a scenario of (no Deployment, a
  // reference that does not resolve): the manifest rules still run; the notes say why no more.
  // A malformed file (replicas: "two", bad YAML) is bad input, as for meshsim import: exit 2.
  if (r.malformed) return { simulate: false, locate, flattened, problems: r.errors.map(formatImportMessage), notes: [] };
  if (r.errors.length) return { simulate: false, locate, flattened, problems: [], notes: [`note: manifests not imported as a scenario (scenario rules and simulation skipped): ${r.errors.length} problem${r.errors.length === 1 ? '' : 's'}`, ...r.errors.map((e) => `  ${formatImportMessage(e)}`)] };
  const notes: string[] = [];
  if (r.warnings.length) notes.push(`note: import: ${r.warnings.length} warning${r.warnings.length === 1 ? '' : 's'} (kinds and fields not modelled, and choices made for you such as flattened retries; meshsim import lists them)`);
  if (r.validated) return { scenario: r.validated, simulate: true, locate, flattened, problems: [], notes };
  const parsed = r.scenario === null ? null : scenarioSchema.safeParse(r.scenario);
  if (!parsed?.success) return { simulate: false, locate, flattened, problems: [], notes: [...notes, 'note: the imported scenario could not be read for the scenario rules'] };
  const why = r.warnings.find((w) => /not simulated/.test(w.message));
  notes.push(`note: ${parsed.data.name}: not simulated (${why ? why.message : 'the simulator does not run every imported feature yet'}); static rules only`);
  return { scenario: parsed.data, simulate: false, locate, flattened, problems: [], notes };
}

/** The locator over an import's provenance (models/lint/importFindings.ts, where the import's own lint reads it too). */
export { provenanceLocator } from '../../models/lint/importFindings';
