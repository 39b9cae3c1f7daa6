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
    expect(withFigure({ measure: 'latency-p90', label: 'p90', from: '5s' })).toEqual([{ path: 'narrative.0.figure.from', message: 'latency-p90 is measured over the whole run; leave out from and to' }]);
    expect(withFigure({ measure: 'cause-share', label: 'x', client: 'bots' })).toEqual([
      { path: 'narrative.0.figure.causes', message: 'cause-share needs the causes it counts' },
      { path: 'narrative.0.figure.client', message: 'unknown client "bots" (clients: users)' },
    ]);
    expect(withFigure({ measure: 'max-tries-per-second', label: 'x' })).toEqual([{ path: 'narrative.0.figure.service', message: 'max-tries-per-second needs the service whose tries it counts' }]);
  });
});
