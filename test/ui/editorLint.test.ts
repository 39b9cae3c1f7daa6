import { describe, expect, it } from 'vitest';
import { checkScenarioText, editorApi } from '../../src/ui/editor/check';

const TEXT = `name: dead-policy
duration: 5s
clients:
  - { name: apps, type: open, rate: 20, target: edge }
gateways:
  - name: edge
    routes:
      - service: orders
        policy: { timeout: 2s }
services:
  - name: orders
    serviceTime: 2ms
    policy: { timeout: 1s }
`;

describe("the editor's lint", () => {
  it("lists lint's MS010 on a valid scenario whose service timeout its only caller overrides, as a warning at its line, with no problem", () => {
    const r = checkScenarioText(TEXT, undefined);
    expect(r.problems).toEqual([]);
    const f = r.lint.find((n) => n.code === 'MS010');
    // Items by name (the form sweep --set takes); the gateway's route has none, so keeps its index.
    expect(f).toMatchObject({ rule: 'policy-overridden', severity: 'warning', path: 'services.orders.policy.timeout', line: 13, simulated: false });
    expect(f!.fix).toBe("Set timeout where it acts: on the callers' own routes (gateways.edge.routes.0.policy.timeout), or drop it from orders's policy");
  });

  it('gives no lint for text with problems, and the full lint (simulated rules too) only for a valid scenario', () => {
    expect(checkScenarioText(TEXT.replace('2ms', 'fast'), undefined).lint).toEqual([]);
    expect(editorApi.lint(TEXT.replace('2ms', 'fast'))).toBeNull();
    expect(editorApi.lint(TEXT)!.map((n) => n.code)).toContain('MS010');
  });
});
