import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scenarioRefRuns } from '../../src/ui/narrative/scenarioRefs';

const dir = new URL('../../scenarios/', import.meta.url);
const ids = new Set(readdirSync(dir).filter((f) => f.endsWith('.json') && f !== 'schema.json').map((f) => f.slice(0, -5)));
const refs = (text: string) => scenarioRefRuns(text, ids).filter((r) => r.ref !== undefined);

describe('scenarioRefRuns', () => {
  it('cuts a shipped file name out as a reference; joined, the runs are the text', () => {
    const text = 'An egress gateway is that place: see third-party-service.json.';
    const runs = scenarioRefRuns(text, ids);
    expect(runs.map((r) => r.text).join('')).toBe(text);
    expect(refs(text)).toEqual([{ text: 'third-party-service.json', ref: 'third-party-service', compare: false }]);
  });

  it('"Compare with x.json" is a compare reference', () => {
    expect(refs('they belong between services. Compare with mesh-only.json.')).toEqual([{ text: 'mesh-only.json', ref: 'mesh-only', compare: true }]);
  });

  it('leaves paths, commands and names not shipped as text', () => {
    expect(refs('Run: npm run sim -- compare scenarios/retry-storm.json scenarios/retry-storm-fixed.json')).toEqual([]);
    expect(refs('Run npm run sim -- compare on this file and istio-load-test.json: the difference')).toEqual([]);
    expect(refs('see no-such-thing.json or retry-storm.jsonx')).toEqual([]);
    expect(refs('Now open retry-storm-fixed.json, or run: npm run sim -- compare scenarios/retry-storm.json scenarios/retry-storm-fixed.json').map((r) => r.ref)).toEqual(['retry-storm-fixed']);
  });

  it('every step naming a shipped file a person must find links it (trial T4, 4), control-plane-boundary to its own twin', () => {
    const linked: string[] = [];
    for (const id of ids) {
      const s = JSON.parse(readFileSync(new URL(`${id}.json`, dir), 'utf8')) as { narrative?: { text: string }[] };
      for (const [i, step] of (s.narrative ?? []).entries()) for (const r of refs(step.text)) linked.push(`${id} ${i + 1} ${r.compare ? 'compare' : 'open'} ${r.ref}`);
    }
    expect(linked).toEqual(
      expect.arrayContaining([
        'control-plane-boundary 4 compare control-plane-boundary-fixed',
        'third-party-direct 4 open third-party-service',
        'gateway-only 5 compare mesh-only',
        'two-meshes-direct 4 open two-meshes-via-gateway',
        'retry-storm 4 open retry-storm-fixed',
      ]),
    );
  });
});

describe('refName', () => {
  it("names a linked scenario by its title's head, up to the first ': ', or the whole title without one", async () => {
    const { refName } = await import('../../src/ui/narrative/scenarioRefs');
    expect(refName('Control-plane reach, fixed: a control plane behind the boundary')).toBe('Control-plane reach, fixed');
    expect(refName('Mesh only: a sidecar beside every replica')).toBe('Mesh only');
    expect(refName('A partner API outside the mesh, behind an egress gateway')).toBe('A partner API outside the mesh, behind an egress gateway');
  });
});
