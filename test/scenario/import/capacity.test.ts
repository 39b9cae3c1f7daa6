import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../../src/models';
import { formatImportMessage, importManifests, type ManifestFile } from '../../../src/scenario/import';

// Import warns when the workload's clients load a service to 90% of its capacity or more
// (replicas x concurrency / mean service time): Bookinfo's manifests at 50 req/s, details with
// one worker of about 19.6 ms, ran it 98% busy and said nothing.

const dir = fileURLToPath(new URL('../../../examples/bookinfo/', import.meta.url));
const platform: ManifestFile[] = readdirSync(join(dir, 'platform'))
  .sort()
  .map((f) => ({ name: `platform/${f}`, text: readFileSync(join(dir, 'platform', f), 'utf8') }));
const shipped = readFileSync(join(dir, 'workload.yaml'), 'utf8');

/** Bookinfo's workload with readers at `rate` req/s (jason at 0.5) and details given one worker of median `median`. */
function workload(rate: number, median: string): ManifestFile {
  const text = shipped
    .replace('rate: 20', `rate: ${rate}`)
    .replace(/rate: 2$/m, 'rate: 0.5')
    .replace('  - name: details\n    serviceTime: { type: lognormal, median: 2ms, sigma: 0.3 }\n    concurrency: 8', `  - name: details\n    serviceTime: { type: lognormal, median: ${median}, sigma: 0.1 }\n    concurrency: 1`);
  expect(text).toContain(`median: ${median}, sigma: 0.1 }\n    concurrency: 1`);
  return { name: 'workload.yaml', text };
}

describe('import warns of a service loaded near its capacity', () => {
  it("Bookinfo at 50 req/s with details at one worker of 19.6 ms: 'details is offered 50.5 req/s, 99% of its capacity of 51 req/s', at the workload's serviceTime line; the run keeps details 98% busy", () => {
    const r = importManifests(platform, workload(50, '19.5ms'));
    expect(r.errors).toEqual([]);
    const near = r.warnings.map(formatImportMessage).filter((w) => w.includes('capacity'));
    expect(near).toEqual([
      "workload.yaml:36: apps[1].serviceTime: details is offered 50.5 req/s, 99% of its capacity of 51 req/s (1 replica × 1 worker / 19.6 ms mean service time), from readers 50 req/s, jason 0.5 req/s: its queue and latency climb steeply this close to capacity (an M/M/1 queue at 90% waits 9 times its service time), and a burst or a slow replica tips it over; raise its Deployment's spec.replicas to 2 (70% of capacity) or its concurrency in the workload, or send it less",
    ]);
    const sum = runScenario(r.validated!, { durationMs: 20_000 }).summary;
    expect(sum.services.details.utilization).toBeGreaterThan(0.95);
  });

  it('says nothing of the same set at 40 req/s (80% of capacity), nor of the shipped workload (details at 2 ms, 8 workers)', () => {
    const r = importManifests(platform, workload(40, '19.5ms'));
    expect(r.warnings.map(formatImportMessage).filter((w) => w.includes('capacity'))).toEqual([]);
    const shippedImport = importManifests(platform, { name: 'workload.yaml', text: shipped });
    expect(shippedImport.warnings.map(formatImportMessage).filter((w) => w.includes('capacity'))).toEqual([]);
  });

  it('past 100% it says the queue grows without end: 60 req/s at details is 119%', () => {
    const r = importManifests(platform, workload(60, '19.5ms'));
    const [w] = r.warnings.map(formatImportMessage).filter((x) => x.includes('capacity'));
    expect(w).toContain('details is offered 60.5 req/s, 119% of its capacity of 51 req/s');
    expect(w).toContain('more than it can serve, so its queue grows for as long as the load lasts');
    expect(w).toContain("raise its Deployment's spec.replicas to 2 (70% of capacity)");
  });
});
