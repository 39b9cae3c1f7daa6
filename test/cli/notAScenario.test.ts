import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { notAScenario, parseScenarioText } from '../../src/scenario';
import { simHere } from './spawnSim';

/*
 * A manifest or a share link given to `npm run sim -- FILE` says what it is and where it goes (N9's
 * finding 8, session 39). Before: "malformed YAML at line 14, column 1: holds more than one document
 * (---); a scenario is one" for Bookinfo's apps.yaml, and "(scenario): expected object, got
 * "http://…"" for a link.
 */

const tmp = mkdtempSync(join(tmpdir(), 'meshsim-notascenario-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const link = 'http://localhost:5173/?scenario=retry-storm&t=20s';

describe('npm run sim -- FILE of something that is not a scenario', () => {
  it('a Kubernetes/Istio manifest: import it, exit 2, one line', async () => {
    const r = await simHere(['examples/bookinfo/platform/apps.yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe('examples/bookinfo/platform/apps.yaml: this is a Kubernetes/Istio manifest (kind: Service, Deployment), not a scenario: import it with `npm run sim -- import examples/bookinfo/platform/apps.yaml` (add the other manifest files, and --workload FILE for its traffic)');
  });

  it('a text file holding a share link: replay it, in run, compare and sweep', async () => {
    const file = join(tmp, 'link.txt');
    writeFileSync(file, `${link}\n`);
    const words = `${file}: this is a share link: \`npm run sim -- replay '${link}'\``;
    const run = await simHere([file]);
    expect([run.code, run.stderr.trim()]).toEqual([2, words]);
    const compare = await simHere(['compare', file, 'hello-mesh']);
    expect([compare.code, compare.stderr.trim()]).toEqual([2, words]);
    const sweep = await simHere(['sweep', file, '--seeds', '2']);
    expect([sweep.code, sweep.stderr.trim()]).toEqual([2, words]);
  });
});

describe('notAScenario', () => {
  it('the app hears the same, in its words (parseScenarioText, the editor and Open file…)', () => {
    expect(parseScenarioText(link)).toEqual({ ok: false, problems: [{ path: '(file)', message: 'this is a share link: paste it in the address bar' }] });
    const manifest = parseScenarioText(readFileSync('examples/bookinfo/platform/apps.yaml', 'utf8'), 'yaml');
    expect(manifest.ok).toBe(false);
    expect(!manifest.ok && manifest.problems[0].message).toMatch(/^this is a Kubernetes\/Istio manifest \(kind: Service, Deployment\): Open file… imports it/);
  });

  it('takes no shipped scenario for one, nor an address that is no share link', () => {
    for (const f of readdirSync('scenarios').filter((n) => /\.(json|ya?ml)$/.test(n))) expect(notAScenario(readFileSync(join('scenarios', f), 'utf8')), f).toBeNull();
    expect(notAScenario('https://istio.io/latest/docs/')).toBeNull();
    expect(notAScenario(`${link} and more words`)).toBeNull();
    expect(notAScenario('?compare=gateway-only,mesh-only&t=5s')).toEqual({ kind: 'link', link: '?compare=gateway-only,mesh-only&t=5s' });
  });
});
