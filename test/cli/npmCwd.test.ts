import { describe, expect, it } from 'vitest';
import { typedInFolder } from '../../src/cli/npmCwd';

// Helper B, session 26: 'cd results && npm run sim -- sweep --merge *.json' read job-0.json ...
// at the project root (npm runs scripts there), each 'no such file', and --html wrote to the root.
describe('npm run sim reads paths from the folder it was typed in', () => {
  it('goes to INIT_CWD when npm ran the sim script from another folder', () => {
    expect(typedInFolder({ npm_lifecycle_event: 'sim', INIT_CWD: '/repo/results' }, '/repo')).toBe('/repo/results');
  });

  it('stays where it is when typed at the root, outside npm, or from another script (the installed bin in a project\'s own script runs at that project\'s root)', () => {
    expect(typedInFolder({ npm_lifecycle_event: 'sim', INIT_CWD: '/repo' }, '/repo')).toBeNull();
    expect(typedInFolder({}, '/repo')).toBeNull();
    expect(typedInFolder({ npm_lifecycle_event: 'test', INIT_CWD: '/repo/test' }, '/repo')).toBeNull();
    expect(typedInFolder({ npm_lifecycle_event: 'sim', INIT_CWD: '' }, '/repo')).toBeNull();
  });
});
