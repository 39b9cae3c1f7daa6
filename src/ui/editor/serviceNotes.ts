// What the editor's service form says about a new service's mTLS, retries and timeout, in the
// mesh's terms: a service's `policy` is applied by its meshed callers' sidecars to their calls to
// it (Istio's VirtualService for its host, src/scenario/schema.ts `policy`), and a workload without
// a sidecar neither enforces mTLS nor retries anything (trial N15, 1: unticking Sidecar left
// STRICT on offer, and the checker then refused the service).

/** The mTLS menu's label and only choice for a service without a sidecar: nothing at it terminates mTLS (short: the menu is 130 px wide at 1024x768). */
export const NO_SIDECAR_MTLS = { label: 'mTLS (no sidecar)', choice: 'plaintext' } as const;

/**
 * Who applies the new service `name`'s retries and timeout, in one sentence: the sidecar of the
 * caller the form adds (`calledBy`, '' for none), or, when that caller has none (not in
 * `sidecars`), that nobody does. `sidecar` is the new service's own box: without one it is said
 * that it enforces no mTLS either. Pure.
 */
export function servicePolicyNote(name: string, sidecar: boolean, calledBy: string, sidecars: readonly string[]): string {
  const who = name.trim() || 'it';
  const applied =
    calledBy === ''
      ? `Retries and timeout apply to calls to ${who}, in each caller's sidecar (no caller yet).`
      : sidecars.includes(calledBy)
        ? `Retries and timeout apply to ${calledBy}'s calls to ${who}, in ${calledBy}'s sidecar.`
        : `${calledBy} has no sidecar, so its calls to ${who} are neither retried nor timed out (a caller with a sidecar would apply them).`;
  return sidecar ? applied : `${applied} ${who} has no sidecar: it takes plaintext and enforces no mTLS.`;
}
