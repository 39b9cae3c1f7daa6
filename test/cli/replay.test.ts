import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SimHost } from '../../src/workers/SimHost';
import { encodeLink } from '../../src/ui/recipe/url';
import { sim } from './spawnSim';

const hello = readFileSync(fileURLToPath(new URL('../../scenarios/hello-mesh.json', import.meta.url)), 'utf8');

/** Plays like the app: uneven slices of simulated time, so the live actions' points fall between events. */
function play(host: SimHost, toMs: number) {
  let f = host.advance(0, 12);
  for (let i = 0; f.simTime < toMs; i++) f = host.advance(Math.min(toMs - f.simTime, 37.3 + (i % 7) * 11.1), 12);
  return f;
}

describe('npm run sim -- replay LINK (trial N6 F11: a shared run could not be handed to the CLI)', () => {
  it("replays a link's live fault and config change at their points and prints the app's trace hash and counts at its moment", () => {
    // The app's run: hello-mesh, a fault injected at ~6 s and a retry change at ~9 s, shared at 20 s.
    let t = 0;
    const host = new SimHost(() => (t += 1e-6));
    if (!host.load(hello).ok) throw new Error('hello-mesh did not load');
    play(host, 6_000.7);
    expect(host.injectFault({ type: 'kill-service', service: 'catalog', for: '4s' }).ok).toBe(true);
    play(host, 9_000.3);
    expect(host.applyChange({ type: 'policy', service: 'cart', policy: { retries: { attempts: 0 } } }).ok).toBe(true);
    const at20 = play(host, 20_000);
    const link = `http://localhost:5173/${encodeLink({ recipe: { scenario: { kind: 'builtin', id: 'hello-mesh' }, seed: null, actions: host.liveActions() }, tMs: 20_000, speedId: '1' })}`;
    expect(link).toContain('faults=');
    const r = sim('replay', link, '--json');
    expect([r.code, r.stderr]).toEqual([0, '']);
    const j = JSON.parse(r.stdout) as { traceHash: string; atMs: number; actions: number; requests: { sent: number; failed: number } };
    expect([j.traceHash, j.atMs, j.actions]).toEqual([at20.traceHash, 20_000, 2]);
    expect(j.requests.sent).toBe(host.summary().requests.sent);
    expect(j.requests.failed).toBeGreaterThan(0);
    // The table says what was replayed and to where.
    const table = sim('replay', link);
    expect(table.stdout.split('\n')[0]).toBe("replayed hello-mesh to the link's moment, 20.00 s of 2m 00s, with 2 live actions replayed at their points");
    expect(table.stdout).toContain(`trace ${at20.traceHash}`);
  });

  it('--to-end runs on to the scenario\'s end: a link with no live actions gives run\'s trace hash for the same file', () => {
    const replayed = sim('replay', '?scenario=retry-storm&t=25s', '--to-end', '--json');
    const run = sim('run', 'scenarios/retry-storm.json', '--json');
    expect([replayed.code, run.code]).toEqual([0, 0]);
    const [a, b] = [JSON.parse(replayed.stdout), JSON.parse(run.stdout)] as { traceHash: string; simulatedMs: number }[];
    expect([a.simulatedMs, a.traceHash]).toEqual([b.simulatedMs, b.traceHash]);
  });

  it('names a bad link by its parameter and exits 2: an unknown scenario, a bad moment, no link, an unknown flag', () => {
    const unknown = sim('replay', '?scenario=retry-strom&t=5s');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^scenario: unknown scenario "retry-strom"; did you mean retry-storm\?/);
    const t = sim('replay', '?scenario=retry-storm&t=soon');
    expect([t.code, t.stderr.split(':')[0]]).toEqual([2, 't']);
    const none = sim('replay');
    expect([none.code, none.stderr.split('\n')[0]]).toEqual([2, "LINK: give the link the app's Share button made"]);
    const flag = sim('replay', '?scenario=retry-storm', '--fast');
    expect([flag.code, flag.stderr.split('\n')[0]]).toEqual([2, '--fast: unknown option (replay takes --to-end and --json)']);
    const text = sim('replay', 'hello');
    expect([text.code, text.stderr]).toEqual([2, 'LINK: "hello" holds no run (no ?scenario=… or #data=…)\n']);
  });
});
