// What the scenario modules do when they load: every page load's simulation and reach workers
// load them, so work there is paid on every start.
import { describe, expect, it, vi } from 'vitest';

describe('loading the scenario modules', () => {
  it('formats no number through toLocaleString while building the schemas (its first call set up ICU: 375 ms of a worker start)', async () => {
    vi.resetModules();
    const spy = vi.spyOn(Number.prototype, 'toLocaleString');
    try {
      const { parseScenarioText } = await import('../../src/scenario/parse');
      expect(spy).not.toHaveBeenCalled();
      // The messages built then still group their numbers as en-US does.
      const r = parseScenarioText(JSON.stringify({ title: 'x'.repeat(300), duration: '1s', services: [], clients: [] }));
      expect(r.ok).toBe(false);
      expect(JSON.stringify(r)).toMatch(/must be at most \d{1,3}(,\d{3})* characters/);
    } finally {
      spy.mockRestore();
    }
  });
});
