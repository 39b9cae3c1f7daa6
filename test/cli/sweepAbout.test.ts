// The homework sweep (trial N15, 2): its report said nothing of what the swept path is, nor that
// payments is down from 10 s to 25 s of the 30 s, nor how to read overlapping intervals.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseScenarioText } from '../../src/scenario';
import { sweepAbout } from '../../src/cli/sweep/about';
import { simHere } from './spawnSim';

const tmp = mkdtempSync(join(tmpdir(), 'meshsim-about-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("a sweep's report says what it swept and what the scenario does", () => {
  it("reads retry-storm's payments retries as orders' sidecar's, and its fault from the file", () => {
    const p = parseScenarioText(readFileSync('scenarios/retry-storm.json', 'utf8'));
    if (!p.ok) throw new Error('invalid');
    expect(sweepAbout(p.scenario, ['services.payments.policy.retries.attempts', 'services.orders.policy.timeout', 'services.web.replicas', 'clients.0.rate'], 30_000)).toEqual({
      paths: {
        'services.payments.policy.retries.attempts': "retries of calls to payments (made by orders' sidecar)",
        'services.orders.policy.timeout': "route timeout of calls to orders (kept by web's sidecar)",
        'services.web.replicas': "web's replicas",
      },
      faults: ["http-abort payments 10 s – 25 s of the run's 30 s"],
    });
    // A gateway's route, replicas and rate limits read as the gateway's (brief T3 4); a service the gateway
    // calls says the gateway's route sets its own value, where it did say no sidecar applied it.
    expect(sweepAbout(p.scenario, ['gateways.api.routes.0.policy.retries.attempts', 'gateways.0.routes.0.policy.timeout', 'gateways.api.replicas', 'gateways.api.rateLimit.size', 'services.web.policy.retries.attempts', 'services.web.policy.timeout', 'gateways.api.routes.3.policy.timeout'], 30_000).paths).toEqual({
      'gateways.api.routes.0.policy.retries.attempts': "retries of gateway api's route 0, to web (made by the gateway's own Envoy; it wins over web's own policy)",
      'gateways.0.routes.0.policy.timeout': "route timeout of gateway api's route 0, to web (kept by the gateway's own Envoy; it wins over web's own policy)",
      'gateways.api.replicas': "gateway api's replicas",
      'gateways.api.rateLimit.size': "gateway api's rate limit for consumers without their own: bucket size (burst)",
      'services.web.policy.retries.attempts': "retries of calls to web (gateway api's route 0 sets its own: 2)",
      'services.web.policy.timeout': 'route timeout of calls to web (kept by gateway api)',
    });
    const gm = parseScenarioText(readFileSync('scenarios/gateway-and-mesh.json', 'utf8'));
    if (!gm.ok) throw new Error('invalid');
    expect(sweepAbout(gm.scenario, ['services.frontend.policy.timeout', 'gateways.edge.consumers.partner.rateLimit.size'], 30_000).paths).toEqual({
      'services.frontend.policy.timeout': "route timeout of calls to frontend (gateway edge's route 0 sets its own: 2 s)",
      'gateways.edge.consumers.partner.rateLimit.size': "gateway edge's rate limit of consumer partner: bucket size (burst)",
    });
    // At the file's own 40 s, and a run cut before the fault ends.
    expect(sweepAbout(p.scenario, [], 40_000).faults).toEqual(["http-abort payments 10 s – 25 s of the run's 40 s"]);
    expect(sweepAbout(p.scenario, [], 20_000).faults).toEqual(["http-abort payments 10 s – 20 s of the run's 20 s"]);
  });

  it('the homework sweep (2 seeds here) prints them in the table, the HTML and --json, with how to read the intervals', async () => {
    const html = join(tmp, 'r.html');
    const r = await simHere(['sweep', 'scenarios/retry-storm.json', '--seeds', '2', '--duration', '30s', '--set', 'services.payments.policy.retries.attempts=0,1', '--html', html, '--out', html.replace('.html', '.json')]);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines.slice(1, 3)).toEqual(["swept: services.payments.policy.retries.attempts = 0, 1: retries of calls to payments (made by orders' sidecar)", "faults: http-abort payments 10 s – 25 s of the run's 30 s"]);
    expect(r.stdout).toContain("Where two points' 95% intervals overlap, these seeds cannot tell them apart; more seeds narrow the intervals.");
    const page = readFileSync(html, 'utf8');
    expect(page).toContain(`<p class="note about">faults: http-abort payments 10 s – 25 s of the run's 30 s</p>`);
    expect(page).toContain("retries of calls to payments (made by orders' sidecar)");
    expect(page).toContain('these seeds cannot tell them apart');
    // The zoomed error-share axis says where it starts; the two points' overlapping error shares carry a ≈.
    expect(page).toMatch(/<figcaption>failed, % of ended \(as the app's counter\) \(axis from \d+(\.\d+)?%, not 0%\)<\/figcaption>/);
    const share = JSON.parse(readFileSync(html.replace('.html', '.json'), 'utf8')) as { points: { metrics: { errorShare: { lo: number; hi: number } } }[] };
    const [a, b] = share.points.map((p) => p.metrics.errorShare);
    expect(b.lo <= a.hi && a.lo <= b.hi).toBe(true);
    expect(page).toContain(', overlapping the point before</title>');
    // The table marks the same overlap after the error share's cell (brief T3 3), and says once what ≈ means.
    // In %, at its half-width's decimals (trial T3 of session 52, 3), in the block the folded table has it in.
    expect(lines.filter((l) => /^1\s/.test(l)).some((l) => /\s48\.3% ±3\.4 ≈(\s|$)/.test(l))).toBe(true);
    expect(r.stdout.match(/≈: this point's 95% interval overlaps/g)).toHaveLength(1);
    const json = await simHere(['sweep', 'scenarios/retry-storm.json', '--seeds', '1', '--duration', '30s', '--set', 'services.payments.policy.retries.attempts=0', '--json']);
    expect(JSON.parse(json.stdout).sweep.about).toEqual({ paths: { 'services.payments.policy.retries.attempts': "retries of calls to payments (made by orders' sidecar)" }, faults: ["http-abort payments 10 s – 25 s of the run's 30 s"] });
  }, 240_000);
});
