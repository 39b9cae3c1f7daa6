import { describe, expect, it } from 'vitest';
import { parseScenarioText } from '../../src/scenario';
import { openLintErrors } from '../../src/workers/openLint';

// Trial N18, 1: the trial's my-shop.yaml, cut down. Its gateway is outside the mesh in front of STRICT orders.
const TEXT = ['name: my-shop', 'duration: 10s', 'clients:', '  - { name: users, type: open, rate: 50, target: edge }', 'gateways:', '  - name: edge', '    routes:', '      - { match: {}, service: orders }', 'services:', '  - name: orders', '    sidecar: true', '    mtls: STRICT', '    serviceTime: 5ms', ''].join('\n');

function parsed(text: string) {
  const r = parseScenarioText(text, 'yaml');
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.scenario;
}

describe('openLintErrors: lint errors said when a file opens', () => {
  it("gives the gateway's MS006 at the mtls line, with the mesh fix; warnings (MS009's 15 s default) are left out", () => {
    const r = openLintErrors(parsed(TEXT), TEXT);
    expect(r.total).toBe(1);
    expect(r.notes).toEqual([
      // Each item by its name (the form sweep --set takes), its line found by index.
      expect.objectContaining({ code: 'MS006', path: 'services.orders.mtls', line: 12, fix: expect.stringMatching(/^Put edge in the mesh: set gateways\.edge\.mesh: mesh /) }),
    ]);
  });
  it('gives none once the gateway is in the mesh', () => {
    const fixed = TEXT.replace('  - name: edge\n', '  - name: edge\n    mesh: mesh\n');
    expect(openLintErrors(parsed(fixed), fixed)).toEqual({ notes: [], total: 0 });
  });
});
