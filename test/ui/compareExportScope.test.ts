import { describe, expect, it } from 'vitest';
import { compareFiguresCsv } from '../../src/ui/export/compareTables';
import type { DiffRow } from '../../src/workers/compareRows';

/*
 * The compare view's exports carry the table's client scope (scope= in the link, `compare --client` in the CLI):
 * each row of the figures CSV says whose requests it counts.
 */
const rows: DiffRow[] = [
  { key: 'failed', label: 'failed', unit: '% of sent', format: 'share', section: 'failures', a: 0.002, b: 0.004, ratio: 2 },
  { key: 'svc:frontend', label: 'frontend: attempts received (retries incl.)', unit: 'req/s', format: 'rate', section: 'services', a: 100, b: 150, ratio: 1.5, allClients: true },
];

describe("the compare exports say whose requests each figure counts", () => {
  it("figures CSV: a requests_of column, the client on its rows and 'all clients' on the whole run's", () => {
    expect(compareFiguresCsv(rows, ['gateway-only', 'gateway-and-mesh'], 'shoppers').split('\n')).toEqual([
      'figure,unit,a_gateway-only,b_gateway-and-mesh,b_over_a,requests_of',
      'failed,% of sent,0.002,0.004,2,shoppers',
      'svc:frontend,req/s,100,150,1.5,all clients',
      '',
    ]);
    expect(compareFiguresCsv(rows, ['a', 'b']).split('\n')[1]).toBe('failed,% of sent,0.002,0.004,2,all clients');
  });
});
