/**
 * The name of the one mesh a scenario without a `meshes` list gets when any workload has a
 * sidecar (one control plane, one CA: `mesh-ca`). A leaf module, so the app can tell it apart
 * without loading the scenario's checks.
 */
export const IMPLICIT_MESH = 'mesh';
