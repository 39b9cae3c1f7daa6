import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/models';
import { formatSummary } from '../../src/cli/table';
import { scenarioFile } from '../models/helpers';

/*
 * One run's two rate-limited counts (N9, session 39): gateway-and-mesh printed "rate-limited 1096"
 * under failures and "rate-limited 1097" under the gateway, with nothing saying why. The summary
 * now says it under the gateway table: the one 429 was still on its way back.
 */
describe('the run summary says why a gateway rejected more than the failures count', () => {
  it('gateway-and-mesh: 1097 rejected at gateways, 1096 in failures, 1 answer still on the way back', () => {
    const { summary } = runScenario(scenarioFile('gateway-and-mesh.json'));
    expect([summary.gateways.edge.rejected['rate-limited'], summary.failures['rate-limited']]).toEqual([1097, 1096]);
    const text = formatSummary(summary);
    expect(text).toContain('  rate-limited: 1097 rejected at gateways, 1096 in failures (the gateway counts a request when it turns it away, failures when the answer reaches the client: 1 answer was still on the way back when the run stopped)');
    // RL is the gateway's own log's flag (brief T3 5): on the gateway's row, not on the plain client's hop.
    expect(text).toMatch(/^edge\s.*rate-limited 1097 \[RL\], sunset 175, unauthenticated 296\s/m);
    expect(text).toMatch(/^bulk-export->edge\s.*rate-limited 1096; HTTP 429 x1096$/m);
    expect(text).toContain('failures  rate-limited 1096 [RL]');
    // The causes that agree get no line.
    expect(text).not.toMatch(/^ {2}unauthenticated: /m);
  });
});
