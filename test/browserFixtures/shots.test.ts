// The browser tests' screenshots go to the run's own results folder (test/browser/fixtures/shots.ts).
import { afterEach, describe, expect, it } from 'vitest';
import { shotPath } from '../browser/fixtures/shots';

const before = process.env.MESHSIM_RESULTS;
afterEach(() => {
  if (before === undefined) delete process.env.MESHSIM_RESULTS;
  else process.env.MESHSIM_RESULTS = before;
});

describe('screenshot paths', () => {
  it('go under MESHSIM_RESULTS when it is set, so two runs in one checkout keep their own pictures', () => {
    process.env.MESHSIM_RESULTS = '/tmp/results-a';
    expect(shotPath('walk-hello-mesh-1024.png')).toBe('/tmp/results-a/walk-hello-mesh-1024.png');
    process.env.MESHSIM_RESULTS = '/tmp/results-b';
    expect(shotPath('walk-hello-mesh-1024.png')).toBe('/tmp/results-b/walk-hello-mesh-1024.png');
  });

  it('go under test-results, as before, when it is not set or empty', () => {
    delete process.env.MESHSIM_RESULTS;
    expect(shotPath('app.png')).toBe('test-results/app.png');
    process.env.MESHSIM_RESULTS = '';
    expect(shotPath('app.png')).toBe('test-results/app.png');
  });
});
