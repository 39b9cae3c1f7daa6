import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/models';
import { validateScenario } from '../../src/scenario';

/** 20 requests (constant 10/s for 2 s) from one client through gateway `edge` to `api`. */
function throughGateway(auth: string, client: Record<string, unknown>) {
  const r = validateScenario({
    name: 'door',
    duration: '2s',
    clients: [{ name: 'app', type: 'open', arrival: 'constant', rate: 10, target: 'edge', ...client }],
    services: [{ name: 'api', serviceTime: '1ms' }],
    gateways: [{ name: 'edge', auth, consumers: [{ name: 'mobile' }], routes: [{ match: { pathPrefix: '/' }, service: 'api' }] }],
  });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return { client: r.scenario.clients[0], summary: runScenario(r.scenario).summary };
}

describe('a client’s credentials', () => {
  it('are "missing" when the client does not mention them, and its path is "/"', () => {
    const { client } = throughGateway('none', {});
    expect(client.credentials).toBe('missing');
    expect(client.path).toBe('/');
  });

  it('left out, get every request refused 401 by a gateway with api-key or jwt auth, even with a consumer named', () => {
    for (const auth of ['api-key', 'jwt']) {
      for (const client of [{}, { consumer: 'mobile' }]) {
        const { summary } = throughGateway(auth, client);
        expect(summary.requests).toMatchObject({ sent: 20, ok: 0, failed: 20 });
        expect(summary.failures).toEqual({ unauthenticated: 20 });
      }
    }
  });

  it('given as "valid", pass the same gateway; left out, pass a gateway without auth', () => {
    expect(throughGateway('api-key', { credentials: 'valid' }).summary.requests).toMatchObject({ sent: 20, ok: 20, failed: 0 });
    expect(throughGateway('none', {}).summary.requests).toMatchObject({ sent: 20, ok: 20, failed: 0 });
  });
});
