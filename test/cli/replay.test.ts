import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SimHost } from '../../src/workers/SimHost';
import { encodeLink } from '../../src/ui/recipe/url';
import { encodeCompareLink } from '../../src/ui/compare/link';
import { simHere, simWithin } from './spawnSim';

/**
 * The command in this process (spawnSim's simHere): these cases check what replay says and the
 * trace hashes it reaches, not that the binary starts, so each saves a Node start and the
 * bundle's load. The first case keeps a spawned CLI for `replay --json` (see below).
 */
const sim = (...args: string[]) => simHere(args);

const hello = readFileSync(fileURLToPath(new URL('../../scenarios/hello-mesh.json', import.meta.url)), 'utf8');

/** Plays like the app: uneven slices of simulated time, so the live actions' points fall between events. */
function play(host: SimHost, toMs: number) {
  let f = host.advance(0, 12);
  for (let i = 0; f.simTime < toMs; i++) f = host.advance(Math.min(toMs - f.simTime, 37.3 + (i % 7) * 11.1), 12);
  return f;
}

describe('npm run sim -- replay LINK (trial N6 F11: a shared run could not be handed to the CLI)', () => {
  it("replays a link's live fault and config change at their points and prints the app's trace hash and counts at its moment", async () => {
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
    // A spawned CLI (the command as `npm run sim` starts it), given 2 minutes beside the rest of the suite.
    const r = simWithin(120_000, 'replay', link, '--json');
    expect([r.code, r.stderr]).toEqual([0, '']);
    const j = JSON.parse(r.stdout) as { traceHash: string; atMs: number; actions: number; requests: { sent: number; failed: number } };
    expect([j.traceHash, j.atMs, j.actions]).toEqual([at20.traceHash, 20_000, 2]);
    expect(j.requests.sent).toBe(host.summary().requests.sent);
    expect(j.requests.failed).toBeGreaterThan(0);
    // The table says what was replayed and to where.
    const table = await sim('replay', link);
    expect(table.stdout.split('\n')[0]).toBe("replayed hello-mesh to the link's moment, 20.00 s of 2m 00s, with 2 live actions replayed at their points");
    expect(table.stdout).toContain(`trace ${at20.traceHash}`);
  });

  it('--to-end runs on to the scenario\'s end: a link with no live actions gives run\'s trace hash for the same file', async () => {
    const replayed = await sim('replay', '?scenario=retry-storm&t=25s', '--to-end', '--json');
    const run = await sim('run', 'scenarios/retry-storm.json', '--json');
    expect([replayed.code, run.code]).toEqual([0, 0]);
    const [a, b] = [JSON.parse(replayed.stdout), JSON.parse(run.stdout)] as { traceHash: string; simulatedMs: number }[];
    expect([a.simulatedMs, a.traceHash]).toEqual([b.simulatedMs, b.traceHash]);
  });

  it('names a bad link by its parameter and exits 2: an unknown scenario, a bad moment, no link, an unknown flag', async () => {
    const unknown = await sim('replay', '?scenario=retry-strom&t=5s');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^scenario: unknown scenario "retry-strom"; did you mean retry-storm\?/);
    const t = await sim('replay', '?scenario=retry-storm&t=soon');
    expect([t.code, t.stderr.split(':')[0]]).toEqual([2, 't']);
    const none = await sim('replay');
    expect([none.code, none.stderr.split('\n')[0]]).toEqual([2, "LINK: give the link the app's Share button made"]);
    const flag = await sim('replay', '?scenario=retry-storm', '--fast');
    expect([flag.code, flag.stderr.split('\n')[0]]).toEqual([2, '--fast: unknown option (replay takes --to-end and --json)']);
    const text = await sim('replay', 'hello');
    expect([text.code, text.stderr]).toEqual([2, 'LINK: "hello" holds no run (no ?scenario=… or #data=…)\n']);
  });

  it("says in the CLI's own words that nothing was replayed (never the app's 'opened hello-mesh instead'), and lists no 'schema' among the scenarios (trial N7, finding 7)", async () => {
    const r = await sim('replay', 'http://x/?scenario=nope');
    expect(r.code).toBe(2);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^scenario: unknown scenario "nope" \(scenarios: .*hello-mesh.*\)$/);
    expect(lines[0]).not.toMatch(/\bschema\b/);
    expect(r.stderr).not.toMatch(/instead|left out/);
    expect(lines[lines.length - 1]).toMatch(/^nothing replayed \(.*\): fix the problem above$/);
  });
});

describe('npm run sim -- replay with a compare or Branch link (trial N7, finding 3: refused as "compare: is not a link parameter")', () => {
  it("replays both sides of a Branch link, each with its own live faults, to the link's moment: each side's trace hash and counts are the compare view's", async () => {
    // The compare view's two panes, as its workers run them: A without the fault, B with it (Branch's link), both to 20 s.
    let t = 0;
    const [a, b] = [new SimHost(() => (t += 1e-6)), new SimHost(() => (t += 1e-6))];
    if (!a.load(hello).ok || !b.load(hello).ok) throw new Error('hello-mesh did not load');
    play(b, 6_000.7);
    expect(b.injectFault({ type: 'kill-service', service: 'catalog', for: '4s' }).ok).toBe(true);
    const [atA, atB] = [play(a, 20_000), play(b, 20_000)];
    expect(atA.traceHash).not.toBe(atB.traceHash);
    const link = `http://localhost:5173/${encodeCompareLink({ a: { id: 'hello-mesh', actions: [] }, b: { id: 'hello-mesh', actions: b.liveActions() }, seed: null, tMs: 20_000, speedId: '1' })}`;
    expect(link).toMatch(/\?compare=hello-mesh,hello-mesh&faultsB=.*&t=20s/);
    const r = await sim('replay', link, '--json');
    expect([r.code, r.stderr]).toEqual([0, '']);
    const j = JSON.parse(r.stdout) as { a: { traceHash: string; requests: { sent: number } }; b: { traceHash: string; requests: { sent: number; failed: number } }; atMs: number[]; actions: number[] };
    expect([j.a.traceHash, j.b.traceHash, j.atMs, j.actions]).toEqual([atA.traceHash, atB.traceHash, [20_000, 20_000], [0, 1]]);
    expect([j.a.requests.sent, j.b.requests.sent]).toEqual([a.summary().requests.sent, b.summary().requests.sent]);
    expect(j.b.requests.failed).toBe(b.summary().requests.failed);
    // As `compare` prints two runs: a line per side with its trace hash, then the table with B/A.
    const table = await sim('replay', link);
    expect(table.code).toBe(0);
    const lines = table.stdout.split('\n');
    expect(lines[0]).toBe("replayed a compare link to the link's moment, 20.00 s of 2m 00s: A hello-mesh; B hello-mesh, with 1 live action replayed at its point");
    expect(lines[1]).toMatch(new RegExp(`^A  hello-mesh .* trace ${atA.traceHash}$`));
    expect(lines[2]).toMatch(new RegExp(`^B  hello-mesh .* trace ${atB.traceHash}$`));
    expect(table.stdout).toMatch(/^sent +\d+ +\d+ +[\d.]+x$/m);
  });

  it("README's /?compare=retry-storm,retry-storm-fixed with --to-end gives the trace hashes `compare` gives for the pair (B runs with A's seed, as in the view)", async () => {
    const replayed = await sim('replay', '/?compare=retry-storm,retry-storm-fixed', '--to-end', '--json');
    const compared = await sim('compare', 'scenarios/retry-storm.json', 'scenarios/retry-storm-fixed.json', '--json');
    expect([replayed.code, replayed.stderr, compared.code]).toEqual([0, '', 0]);
    const [r, c] = [JSON.parse(replayed.stdout), JSON.parse(compared.stdout)] as { a: { traceHash: string; seed: number }; b: { traceHash: string; seed: number } }[];
    expect([r.a.traceHash, r.b.traceHash, r.b.seed]).toEqual([c.a.traceHash, c.b.traceHash, c.a.seed]);
  });

  it('a compare link naming an unknown scenario is refused at compare, in the CLI\'s words, exit 2', async () => {
    const r = await sim('replay', '?compare=retry-storm,retry-strom&t=5s');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^compare: unknown scenario "retry-strom" for B; did you mean retry-storm\? \(scenarios: [^)]*\)\n/);
    expect(r.stderr).not.toMatch(/pick a pair below|is not a link parameter|\bschema\b/);
    expect(r.stderr).toMatch(/\nnothing replayed .*: fix the problem above\n$/);
  });

  it('a link without t= (a run at 0 s, nothing run) says so and exits 2, single or compare; trial N8, finding 5', async () => {
    for (const link of ['?scenario=retry-storm', '?compare=retry-storm,retry-storm-fixed']) {
      const r = await sim('replay', link);
      expect([r.code, r.stdout, r.stderr]).toEqual([2, '', 't: the link has no moment (t=); nothing has run at 0 s: give --to-end, or a link with t=\n']);
    }
  });

  it("a moment past the end is said on stderr (replayed to the end, as the app opens it), and --json's wallMs has at most one decimal, single or compare; trial N8, findings 5 and 7", async () => {
    const single = await sim('replay', '?scenario=retry-storm&t=9999s', '--json');
    expect([single.code, single.stderr]).toEqual([0, "t: 9999 s is past the run's end (40 s); replayed to the end\n"]);
    const s = JSON.parse(single.stdout) as { atMs: number; wallMs: number };
    expect(s.atMs).toBe(40_000);
    expect(String(s.wallMs)).toMatch(/^\d+(\.\d)?$/);
    const pair = await sim('replay', '?compare=retry-storm,retry-storm-fixed&t=9999s');
    expect([pair.code, pair.stderr]).toEqual([0, "t: 9999 s is past both runs' end (40 s); replayed to the end\n"]);
    expect(pair.stdout.split('\n')[0]).toMatch(/^replayed a compare link to their end \(40\.00 s\)/);
    const pairJson = JSON.parse((await sim('replay', '?compare=retry-storm,retry-storm-fixed&t=30s', '--json')).stdout) as { a: { wallMs: number }; b: { wallMs: number } };
    for (const w of [pairJson.a.wallMs, pairJson.b.wallMs]) expect(String(w)).toMatch(/^\d+(\.\d)?$/);
  });
});
