import { describe, expect, it } from 'vitest';
import { openingName } from '../../src/ui/components/openingWords';

describe('the opening card', () => {
  it('says "Opening the scenario imported from 1 manifest file" for manifests that name no scenario, and a named one by its label', () => {
    const say = (label: string) => `Opening ${openingName(label).lead}${openingName(label).name}`;
    expect(say('imported from 1 manifest file')).toBe('Opening the scenario imported from 1 manifest file');
    expect(say('bookinfo (imported from 2 manifest files + workload.yaml)')).toBe('Opening bookinfo (imported from 2 manifest files + workload.yaml)');
    expect(say('slow-start.json')).toBe('Opening slow-start.json');
  });
});
