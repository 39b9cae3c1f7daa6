import { describe, expect, it } from 'vitest';
import { validateScenario } from '../../src/scenario';

const base = {
  name: 'story',
  duration: '30s',
  clients: [{ name: 'users', type: 'open', rate: 10, target: 'api' }],
  services: [{ name: 'api', serviceTime: '1ms', calls: [{ service: 'db' }] }, { name: 'db', serviceTime: '1ms' }],
};
const withFigure = (figure: Record<string, unknown>) => {
  const r = validateScenario({ ...base, narrative: [{ at: '0s', title: 'a step', text: 'Something happens.', highlight: ['api'], figure }] });
  return r.ok ? r.scenario.narrative[0].figure : r.problems;
};

describe('a narrative step\'s lesson figure', () => {
  it('is read with its window in ms', () => {
    expect(withFigure({ measure: 'failed-share', label: 'failing', expect: '33%', from: '21s', to: '58s', client: 'users' })).toEqual({
      measure: 'failed-share',
      label: 'failing',
      expect: '33%',
      from: 21_000,
      to: 58_000,
      client: 'users',
    });
  });

  it('is refused, field by field, when it names what does not exist or cannot be measured so', () => {
    expect(withFigure({ measure: 'attempts-per-request', label: 'tries', service: 'paymnt', from: '20s', to: '10s' })).toEqual([
      { path: 'narrative.0.figure.to', message: 'must be after from' },
      { path: 'narrative.0.figure.service', message: 'unknown service "paymnt" (services: api, db)' },
    ]);
    expect(withFigure({ measure: 'proxy-cpu', label: 'cpu', from: '5s' })).toEqual([{ path: 'narrative.0.figure.from', message: 'proxy-cpu is measured over the whole run; leave out from and to' }]);
    expect(withFigure({ measure: 'cause-share', label: 'x', client: 'bots' })).toEqual([
      { path: 'narrative.0.figure.causes', message: 'cause-share needs the causes it counts' },
      { path: 'narrative.0.figure.client', message: 'unknown client "bots" (clients: users)' },
    ]);
    expect(withFigure({ measure: 'max-tries-per-second', label: 'x' })).toEqual([{ path: 'narrative.0.figure.service', message: 'max-tries-per-second needs the service whose tries it counts' }]);
  });

  it('takes a window on a latency quantile, and a shift from a baseline window, both in ms', () => {
    expect(withFigure({ measure: 'latency-p90', label: 'p90', from: '5s', to: '10s' })).toEqual({ measure: 'latency-p90', label: 'p90', from: 5000, to: 10_000 });
    expect(withFigure({ measure: 'latency-p50-shift', label: 'slower', from: '22s', to: '30s', baseline: { from: '5s', to: '20s' } })).toEqual({
      measure: 'latency-p50-shift',
      label: 'slower',
      from: 22_000,
      to: 30_000,
      baseline: { from: 5000, to: 20_000 },
    });
  });

  it('refuses a shift without its baseline, a baseline the wrong way round or on another measure, and a baseline with a field left out', () => {
    expect(withFigure({ measure: 'latency-p99-shift', label: 'x', from: '5s' })).toEqual([
      { path: 'narrative.0.figure.baseline', message: 'latency-p99-shift needs the baseline window it compares against ({ "from": "5s", "to": "20s" })' },
    ]);
    expect(withFigure({ measure: 'latency-p50-shift', label: 'x', baseline: { from: '20s', to: '5s' } })).toEqual([{ path: 'narrative.0.figure.baseline.to', message: 'must be after from' }]);
    expect(withFigure({ measure: 'latency-p50', label: 'x', baseline: { from: '1s', to: '5s' } })).toEqual([
      { path: 'narrative.0.figure.baseline', message: 'only the latency-pNN-shift measures take a baseline, not latency-p50' },
    ]);
    const missing = withFigure({ measure: 'latency-p50-shift', label: 'x', baseline: { from: '1s' } });
    expect(Array.isArray(missing) && missing.map((p) => p.path)).toEqual(['narrative.0.figure.baseline.to']);
  });

  it("takes a link's failed share with the link written as a highlight writes it, and refuses a link that nothing calls along, a missing one, or one on another measure", () => {
    expect(withFigure({ measure: 'link-failed-share', label: 'x', link: 'api -> db', from: '1s', to: '9s' })).toEqual({ measure: 'link-failed-share', label: 'x', link: 'api -> db', from: 1000, to: 9000 });
    expect(withFigure({ measure: 'link-failed-share', label: 'x', link: 'db->api' })).toEqual([{ path: 'narrative.0.figure.link', message: 'no link from "db" to "api" (db calls: none)' }]);
    expect(withFigure({ measure: 'link-failed-share', label: 'x', link: 'api' })).toEqual([{ path: 'narrative.0.figure.link', message: 'write a link as "caller->callee", got "api"' }]);
    expect(withFigure({ measure: 'link-failed-share', label: 'x' })).toEqual([{ path: 'narrative.0.figure.link', message: 'link-failed-share needs the link whose calls it counts ("caller->callee")' }]);
    expect(withFigure({ measure: 'failed-share', label: 'x', link: 'api->db' })).toEqual([{ path: 'narrative.0.figure.link', message: 'only link-failed-share takes a link, not failed-share' }]);
  });
});
