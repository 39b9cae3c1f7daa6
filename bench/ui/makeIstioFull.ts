// Writes scenarios/istio-load-test-full.json from bench/ui/scenarios.ts: one service or client
// per line, so a diff of the file stays readable.
import { writeFileSync } from 'node:fs';
import { istioLoadTestFull } from './scenarios';

/** JSON with each array element of `clients`, `services` and `narrative` on its own line. */
export function formatScenario(s: Record<string, unknown>): string {
  const lines: string[] = [];
  const entries = Object.entries(s);
  entries.forEach(([k, v], i) => {
    const comma = i < entries.length - 1 ? ',' : '';
    if (Array.isArray(v)) {
      lines.push(`  ${JSON.stringify(k)}: [`);
      v.forEach((x, j) => lines.push(`    ${JSON.stringify(x)}${j < v.length - 1 ? ',' : ''}`));
      lines.push(`  ]${comma}`);
    } else lines.push(`  ${JSON.stringify(k)}: ${JSON.stringify(v)}${comma}`);
  });
  return `{\n${lines.join('\n')}\n}\n`;
}

writeFileSync(new URL('../../scenarios/istio-load-test-full.json', import.meta.url), formatScenario({ $schema: './schema.json', ...istioLoadTestFull() }));
