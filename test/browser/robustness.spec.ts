// Every input ends, in the app: a file the validator refuses, one too large to run, one that
// takes long to open, and a run whose clock stalls. Each is named against its scenario, and
// the scenario that was running goes on (or, when the run itself stalls, the clock stops and
// the app offers the way back).
import { expect, type Locator, type Page } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { parseScenarioText } from '../../src/scenario';
import { packScenario } from '../../src/ui/recipe/url';
import { problemsWithLines } from '../../src/ui/editor/lines';
import { saveShot } from './fixtures/shots';

/** The validator's problems for a text, as the app lists them (`line N: path: message`). */
function expectedProblems(text: string, name: string): string[] {
  const r = parseScenarioText(text, 'json');
  if (r.ok) throw new Error(`${name} was accepted`);
  return problemsWithLines(text, r.problems).map((p) => `${p.path || '(scenario)'}: ${p.message}`);
}

const seconds = async (l: Locator) => Number.parseFloat((await l.textContent())!);

/** hello-mesh, playing at 1x; the console's errors are collected. */
async function helloPlaying(page: Page): Promise<string[]> {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/');
  await expect(page.getByTestId('run-status')).toHaveText('ready');
  await page.getByTestId('speed').selectOption('1');
  await page.getByTestId('play').click();
  await expect(page.getByTestId('run-status')).toHaveText('running');
  return errors;
}

/** hello-mesh is still the run, and its clock still advances. */
async function helloStillRunning(page: Page): Promise<void> {
  await expect(page.getByTestId('scenario-title')).toHaveText(/Hello, mesh/);
  await expect(page.getByTestId('run-status')).toHaveText('running');
  const t0 = await seconds(page.getByTestId('sim-time'));
  await expect.poll(() => seconds(page.getByTestId('sim-time')), { timeout: 20_000 }).toBeGreaterThan(t0);
}

async function open(page: Page, name: string, text: string): Promise<void> {
  await page.getByTestId('scenario-file').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
}

/** Screenshots at the two sizes the app is checked at. */
async function shots(page: Page, name: string): Promise<void> {
  for (const [w, h] of [[1600, 1000], [1024, 768]] as const) {
    await page.setViewportSize({ width: w, height: h });
    await saveShot(page, `${name}-${w}x${h}.png`);
  }
}

/** Ten users with no think time calling a service that takes none: the clock could never move. */
const ZERO_LOOP = JSON.stringify({
  name: 'zero-loop',
  duration: '10s',
  clients: [{ name: 'users', type: 'closed', users: 10, thinkTime: '0ms', target: 'api' }],
  services: [{ name: 'api', serviceTime: '0ms' }],
});

/** 150,000 services in a chain of calls: far past what the app can draw or the engine hold. */
function hugeTopology(n: number): string {
  const services = Array.from({ length: n }, (_, i) => ({ name: `s${i}`, serviceTime: '1ms', ...(i + 1 < n ? { calls: [{ service: `s${i + 1}` }] } : {}) }));
  return JSON.stringify({ name: 'huge', duration: '10s', clients: [{ name: 'c', type: 'open', rate: 1, target: 's0' }], services });
}

/**
 * Closed-loop users with no think time and a fault that kills their service at `killAt`:
 * valid, and every request then fails at once and is sent again at the same instant, so the
 * engine's guard stops the clock there. `users` sets how long the guard takes (its count
 * grows with the users).
 */
function killedLoop(killAt: string, users = 10): string {
  return JSON.stringify({
    name: 'killed-loop',
    title: 'A loop with nothing to wait for',
    duration: '10s',
    clients: [{ name: 'users', type: 'closed', users, thinkTime: '0ms', target: 'api' }],
    services: [{ name: 'api', serviceTime: '1s' }],
    faults: [{ type: 'kill-service', service: 'api', at: killAt, for: '1s' }],
  });
}

test('the zero-time closed loop and a 150,000-service file are refused by field while hello-mesh keeps running', async ({ page }) => {
  const errors = await helloPlaying(page);
  const problems = page.getByTestId('problems').locator('li');
  // A JSON file with a trailing comma is told on the main thread, no worker started for it (trial N17, 10).
  let workersStarted = 0;
  page.on('worker', () => workersStarted++);
  const typo = ZERO_LOOP.replace('"0ms"}]}', '"0ms"},]}');
  await open(page, 'typo.json', typo);
  await expect(page.getByTestId('load-problems')).toContainText('typo.json');
  await expect(problems).toHaveText([`(file): ${(parseScenarioText(typo, 'json') as { problems: { message: string }[] }).problems[0].message}`]);
  await expect(problems).toHaveText([/^\(file\): malformed JSON at line 1, column \d+: /]);
  expect(workersStarted).toBe(0);

  await open(page, 'zero-loop.json', ZERO_LOOP);
  await expect(page.getByTestId('load-problems')).toContainText('zero-loop.json');
  await expect(problems).toHaveText(expectedProblems(ZERO_LOOP, 'zero-loop.json'));
  await expect(problems.first()).toHaveText(/^line 1: clients\.users\.thinkTime: is always 0/);
  await helloStillRunning(page);
  await shots(page, 'robustness-zero-loop');

  await page.setViewportSize({ width: 1440, height: 900 });
  const huge = hugeTopology(150_000);
  await open(page, 'huge.json', huge);
  await expect(page.getByTestId('load-problems')).toContainText('huge.json', { timeout: 60_000 });
  await expect(problems).toHaveText(expectedProblems(huge, 'huge.json'));
  await expect(page.getByTestId('load-problems')).toContainText('5,000');
  await expect(page.getByTestId('load-problems')).not.toContainText(/\bat \S+:\d+|RangeError|Maximum call stack/);
  await helloStillRunning(page);
  await shots(page, 'robustness-huge');
  expect(errors).toEqual([]);
});

test('opening a file shows its stage, and Cancel stops it while hello-mesh keeps running', async ({ page }) => {
  const errors = await helloPlaying(page);
  // 1,000,000 users (the most a scenario may have): the guard's count grows with them (128
  // million events), so the stall at t = 0 is not found for a minute, and Cancel has time.
  await open(page, 'slow-start.json', killedLoop('0s', 1_000_000));
  const opening = page.getByTestId('opening');
  await expect(opening).toContainText('Opening slow-start.json');
  await expect(page.getByTestId('opening-stage')).toContainText('starting the run');
  // One size only: resizing for a second screenshot could outlast the opening on a busy machine.
  await saveShot(page, 'robustness-opening.png');
  await page.getByTestId('cancel-open').click();
  await expect(opening).toHaveCount(0);
  await expect(page.getByTestId('load-problems')).toHaveCount(0);
  await helloStillRunning(page);
  await expect(page.getByTestId('scenario-select')).toHaveValue('hello-mesh');

  await test.step("in the compare view, a pane stalled at t = 0 shows its stage with a Cancel, and Cancel says which pane and why, with A to open alone (it waited for the worker's 60 s budget)", async () => {
    const packed = packScenario({ scenario: { kind: 'inline', text: killedLoop('0s', 1_000_000) }, seed: null, actions: [] });
    await page.goto(`/?compare=hello-mesh,@data#data=${packed}`);
    const comparing = page.getByTestId('compare-opening');
    // The packed side by its scenario's own name (killed-loop): it was "the opened scenario", and the header's pair "hello-mesh vs @data".
    await expect(comparing).toContainText('Opening B · killed-loop (A is open)');
    await expect(page.getByTestId('compare-select').locator('option:checked')).toHaveText('hello-mesh vs killed-loop');
    await expect(page.getByTestId('compare-opening-stage')).toContainText('starting the run… step 5 of 5');
    await expect(page.getByTestId('run-status')).toHaveText('opening both…');
    await saveShot(page, 'robustness-compare-opening.png');
    await page.getByTestId('cancel-open').click();
    await expect(comparing).toHaveCount(0);
    const said = page.getByTestId('compare-error');
    await expect(said).toHaveText(/^Cancelled: B \(killed-loop\) was still starting the run after \d+\.\d s: its events at t = 0 had not let the clock move\. Neither run is open; Single view opens A \(hello-mesh\) alone, or pick a pair below\.$/);
    // Cancelled in seconds, not at the worker's 60 s budget.
    expect(Number(/after (\d+\.\d) s/.exec((await said.textContent())!)![1])).toBeLessThan(45);
    await expect(page.getByTestId('run-status')).toHaveText('stopped');
    await expect(page.getByTestId('single-view')).toHaveAttribute('href', '?scenario=hello-mesh');
    await expect(page.getByTestId('compare-pairs')).toBeVisible();
    await shots(page, 'robustness-compare-cancelled');
  });
  expect(errors).toEqual([]);
});

test('a file whose clock stalls at t = 0 is refused by the engine guard, naming the looping client', async ({ page }) => {
  const errors = await helloPlaying(page);
  await open(page, 'stall-at-zero.json', killedLoop('0s'));
  // Half the loop's events are the client's, half its connection refused by the killed pod, which
  // stays in api's Service until Kubernetes drops it (kubernetes.endpointsDelay, kube-proxy's sync).
  const box = page.getByTestId('load-problems');
  // The guard counts a million events, however long they take (SimHost's START_BUDGET_MS): at
  // load 12-27 with two workers they ran at 50,000-130,000 a second (session 19).
  await expect(box).toContainText('A loop with nothing to wait for (stall-at-zero.json)', { timeout: 60_000 });
  await expect(page.getByTestId('problems').locator('li')).toHaveText([/^line 1: clients\.users: the simulated clock stopped at t = 0 ms: 1,000,000 events in a row .* for (users -> api \(50%\), users \(50%\)|users \(50%\), users -> api \(50%\))/]);
  await helloStillRunning(page);
  expect(errors).toEqual([]);
});

test('a run whose clock stalls later stops against its own title, with the clock stopped, and goes back to hello-mesh', async ({ page }) => {
  // The guard's million events at 5 s take the worker over 30 s of wall time at load ~20 (session 52): a wait, not a speed check.
  test.setTimeout(180_000);
  const errors = await helloPlaying(page);
  await open(page, 'stall-later.json', killedLoop('5s'));
  await expect(page.getByTestId('scenario-title')).toHaveText('A loop with nothing to wait for');
  await page.getByTestId('speed').selectOption('max');
  await page.getByTestId('play').click();

  const failure = page.getByTestId('run-failure');
  await expect(failure).toBeVisible({ timeout: 120_000 });
  await expect(failure.locator('h2')).toHaveText('A loop with nothing to wait for stopped at t = 5.00 s');
  await expect(page.getByTestId('run-problem')).toHaveText(/^clients\.users: the simulated clock stopped at t = 5 s: 1,000,000 events in a row/);
  await expect(page.getByTestId('run-status')).toHaveText('stopped');
  await expect(page.getByTestId('play')).toBeDisabled();
  // The title over the stopped clock is the scenario that stalled, and the clock stays put.
  await expect(page.getByTestId('scenario-title')).toHaveText('A loop with nothing to wait for');
  await expect(page.getByTestId('sim-time')).toHaveText('5.00 s');
  await page.waitForTimeout(500);
  await expect(page.getByTestId('sim-time')).toHaveText('5.00 s');
  await shots(page, 'robustness-stalled');

  await page.getByTestId('reload').filter({ hasText: 'Back to Hello, mesh' }).click();
  await expect(page.getByTestId('scenario-title')).toHaveText(/Hello, mesh/);
  await expect(failure).toHaveCount(0);
  await expect(page.getByTestId('run-status')).toHaveText('ready');
  await page.getByTestId('play').click();
  await helloStillRunning(page);
  expect(errors).toEqual([]);
});
