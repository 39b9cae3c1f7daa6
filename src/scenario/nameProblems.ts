// Problems about names, told apart by how they were made rather than by their wording.
import type { Problem } from './parse';

/** The problems `nameProblem` made: looked up by identity, never by message. */
const aboutNames = new WeakSet<Problem>();

/**
 * A problem about a name: one that names nothing in the scenario (an unknown service, mesh, CA,
 * gateway, node, version or client) or a name given twice. parse.ts keeps these beside the
 * schema's problems even where a default stands in for a refused field (besideSchemaIssues), so
 * they are recognised by this mark, not by their message's words. Returns a plain Problem.
 */
export function nameProblem(path: string, message: string): Problem {
  const p = { path, message };
  aboutNames.add(p);
  return p;
}

/** True when `p` itself (not a copy) was made by `nameProblem`. */
export function isNameProblem(p: Problem): boolean {
  return aboutNames.has(p);
}
