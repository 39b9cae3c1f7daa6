import type { Scenario } from '../../scenario';
import type { Locator } from './locate';

/** A manifest file or workload file as text. */
export interface NamedText {
  name: string;
  text: string;
}

/** What lint needs of the importer: the scenario the manifests make, where its fields came from, and problems and notes as lines. */
export interface ImportedForLint {
  scenario?: Scenario;
  /** Places a scenario path at the manifest file:line it was read from (the import's provenance). */
  locate: Locator;
  problems: string[];
  notes: string[];
}

/**
 * Turns manifests (and a workload) into a scenario for the scenario rules and the simulation.
 * The importer (src/scenario/import, `meshsim import`) is not in this build yet, so manifests
 * get the manifest rules only, and a note says so.
 */
export function importForLint(files: readonly NamedText[], workload: NamedText | undefined): ImportedForLint {
  void workload;
  return { locate: () => undefined, problems: [], notes: [`note: ${files.length} manifest file${files.length === 1 ? '' : 's'}: checked by the manifest rules only (MS005, MS006, MS007, MS009): the importer that makes them a scenario to simulate is not in this build`] };
}
