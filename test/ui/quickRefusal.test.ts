// A small JSON file that does not parse is refused on the main thread with the worker's own words.
import { describe, expect, it } from 'vitest';
import { jsonRefusal } from '../../src/ui/sim/quickRefusal';
import { readForHost } from '../../src/workers/hostOpen';

const GOOD = JSON.stringify({ name: 'tiny', duration: '10s', clients: [{ name: 'c', type: 'open', rate: 1, target: 'api' }], services: [{ name: 'api', serviceTime: '1ms' }] }, null, 2);

describe('jsonRefusal', () => {
  it('says a trailing comma at its line and column, as the worker does', () => {
    const text = GOOD.replace('"1ms"', '"1ms",');
    const problems = jsonRefusal(text);
    expect(problems).toEqual([{ path: '(file)', message: expect.stringMatching(/^malformed JSON at line 16, column 5: Expected double-quoted property name$/) }]);
    const worker = readForHost(text, 'tiny.json');
    expect(worker.ok).toBe(false);
    expect(problems).toEqual(!worker.ok && worker.problems);
  });

  it('names a share link saved as .json as a link, as the worker does', () => {
    const text = 'https://example.org/meshsim/?scenario=retry-storm&t=12s\n';
    const worker = readForHost(text, 'link.json');
    expect(jsonRefusal(text)).toEqual(!worker.ok && worker.problems);
    expect(jsonRefusal(text)?.[0].message).toMatch(/link/);
  });

  it('leaves JSON that reads (even an invalid scenario) to the worker', () => {
    expect(jsonRefusal(GOOD)).toBeNull();
    expect(jsonRefusal('{"name": 3}')).toBeNull();
  });

  it('refuses a key given twice and empty text, as the worker does', () => {
    for (const text of ['{"name": "a", "name": "b"}', '  \n']) {
      const worker = readForHost(text, 'x.json');
      expect(jsonRefusal(text)).toEqual(!worker.ok && worker.problems);
      expect(jsonRefusal(text)).not.toBeNull();
    }
  });
});
