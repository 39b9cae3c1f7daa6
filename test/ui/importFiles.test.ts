import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importFiles } from '../../src/ui/scenarios/importFiles';

const file = (name: string) => ({ name, text: readFileSync(`examples/bookinfo/${name}`, 'utf8') });

describe("an imported scenario's label in the picker and title", () => {
  it('names the scenario once: the workload file\'s name when it gives one, else "imported from" the files (never "imported (imported from ...)")', () => {
    const bare = importFiles([file('platform/apps.yaml')]);
    expect(bare.ok && bare.label).toBe('imported from 1 manifest file');
    const named = importFiles([file('platform/apps.yaml'), file('platform/gateway.yaml'), file('workload.yaml')]);
    expect(named.ok && named.label).toMatch(/^bookinfo \(imported from 2 manifest files \+ workload\.yaml\)$/);
  });
});
