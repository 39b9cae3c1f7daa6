// How the app names a mesh in words: the one a scenario gets without a `meshes` list is called
// `mesh` (src/scenario/implicitMesh.ts IMPLICIT_MESH), so "mesh <name>" would read "mesh mesh".
import { IMPLICIT_MESH } from '../../scenario/implicitMesh';

/** True for the mesh a scenario without a `meshes` list gets (named `mesh`). Pure. */
export function isImplicitMesh(name: string): boolean {
  return name === IMPLICIT_MESH;
}

/**
 * A mesh's short label, on its region in the picture and in the legend's list of groups:
 * "service mesh" for the implicit one, "mesh · payments" for a named one. Pure.
 */
export function meshLabel(name: string): string {
  return isImplicitMesh(name) ? 'service mesh' : `mesh · ${name}`;
}

/**
 * A mesh's name in a sentence: "the service mesh" for the implicit one, "service mesh
 * “payments”" for a named one. Pure.
 */
export function meshPhrase(name: string): string {
  return isImplicitMesh(name) ? 'the service mesh' : `service mesh “${name}”`;
}

/** The tooltip of a mesh's region: what a mesh is, said of this one. Pure. */
export function meshTitle(name: string): string {
  const p = meshPhrase(name);
  return `${p[0].toUpperCase()}${p.slice(1)}: one control plane and one CA; its proxies trust each other`;
}
