import { describe, expect, it } from 'vitest';
import { importLint, importLintLines } from '../../../src/models/lint/importFindings';
import { formatImportMessage } from '../../../src/scenario/import';
import { NAMESPACE, app, imp, workload } from './helpers';

/** A PeerAuthentication STRICT for namespace shop (its line 7: spec.mtls.mode). */
const STRICT = 'apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata:\n  name: default\n  namespace: shop\nspec:\n  mtls: { mode: STRICT }\n';

describe("import runs lint's static rules on what it imported (trial T5, 3)", () => {
  it('a client without a sidecar sending to a STRICT service: MS006 as an import warning at the PeerAuthentication, with its fix, and a closing line', () => {
    const r = imp({ 'ns.yaml': NAMESPACE, 'web.yaml': app('web'), 'pa.yaml': STRICT }, workload('web'));
    expect(r.e).toEqual([]);
    const l = importLint(r);
    expect(l.counts.error).toBe(1);
    const lines = importLintLines(l, 'more: npm run sim -- lint ...');
    expect(lines.errors.map(formatImportMessage)).toEqual([
      'pa.yaml:7: spec.mtls.mode: lint error MS006 mtls-mismatch: web accepts only mutual TLS (STRICT), but users has no sidecar and sends plaintext: every call users -> web is rejected (tls-plaintext-rejected); fix: Give users a sidecar (sidecar injection on its pods), or set mtls: PERMISSIVE on web while plaintext callers remain',
    ]);
    expect(lines.summary).toMatch(/^lint \(its rules read from the settings, before simulating\): 1 error \(above\), \d+ warnings?, \d+ info; more: npm run sim -- lint \.\.\.$/);
  });

  it('no lint line when lint finds nothing, and none for an import that failed', () => {
    const ok = imp({ 'ns.yaml': NAMESPACE, 'web.yaml': app('web') }, workload('web'));
    const okLines = importLintLines(importLint(ok), 'x');
    expect(okLines.errors).toEqual([]);
    const bad = imp({ 'ns.yaml': NAMESPACE, 'web.yaml': app('web') }, workload('nope'));
    expect(bad.validated).toBeNull();
    expect(importLint(bad).findings).toEqual([]);
  });
});
