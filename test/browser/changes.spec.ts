// Timed and live config changes (issue 12.2): config-rollout's retry policy spreading through
// its 20 proxies, and a change made live that the recipe keeps across a seek back and forward.
import { expect, type Page } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { saveShot } from './fixtures/shots';
import { applyChange } from './fixtures/changeForm';

async function settled(page: Page) {
  await expect(page.getByTestId('run-status')).toHaveText(/paused|ready|finished/);
}

test('a timed change spreads through the proxies: 3 of 20 at 21 s, all 20 after 5.1 s', async ({ page }) => {
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto('/?scenario=config-rollout&t=21s');
  await settled(page);
  // Pushes land at 20.35 s, 20.6 s and 20.85 s: three proxies have it at 21 s.
  await expect(page.getByTestId('change-item')).toHaveText('change 1 at 20.0 s: 3 of 20 proxies have it');
  await saveShot(page, 'changes-spreading-1600.png');
  await page.goto('/?scenario=config-rollout&t=26s');
  await settled(page);
  await expect(page.getByTestId('change-item')).toHaveText('change 1 at 20.0 s: all 20 proxies had it 5.1 s later');
  await expect(page.getByTestId('lesson-figures-item').filter({ hasText: 'time until all 20 proxies' })).toContainText('5.1 s');
});

/**
 * Records, from the document's start, each text the change form's reach note shows with the
 * service the form names then (the form's first check can run before its default service,
 * catalog, arrives: a new user saw "No effect. frontend's retries ..." under catalog).
 */
async function recordReach(page: Page) {
  await page.addInitScript(() => {
    const seen: { target: string; text: string }[] = [];
    (window as unknown as { reachSeen: typeof seen }).reachSeen = seen;
    new MutationObserver(() => {
      const note = document.querySelector('[data-testid="change-reach"]');
      const target = (document.querySelector('[data-testid="change-target"]') as HTMLSelectElement | null)?.value ?? '';
      const text = note?.textContent ?? '';
      if (text && (seen.length === 0 || seen[seen.length - 1].text !== text || seen[seen.length - 1].target !== target)) seen.push({ target, text });
    }).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
  });
}

test('a live change joins the recipe: kept across a seek back and forward and in the link', async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  await recordReach(page);
  await page.goto('/?scenario=hello-mesh&t=10s');
  await settled(page);
  // Every reach note shown since the page opened spoke of the service the form named then.
  const seen = await page.evaluate(() => (window as unknown as { reachSeen: { target: string; text: string }[] }).reachSeen);
  for (const { target, text } of seen) {
    for (const other of ['frontend', 'catalog', 'cart'].filter((n) => n !== target)) expect(text, `a note shown under ${target}`).not.toContain(`${other}'s `);
  }
  await applyChange(page, 'policy', 'catalog', '{"policy": {"timeout": "2ms"}}');
  await expect(page.getByTestId('change-problems')).toHaveCount(0);
  await expect(page.getByTestId('change-item')).toHaveText(/^change 1 at 10\.0 s: /);
  // The form still holds the change just made: said to be made, not "No effect" (it was a
  // warning that the change sets what already is, under the note that it was made).
  await expect(page.getByTestId('change-reach')).toHaveAttribute('data-reach', 'made');
  // "Already made", not "In force": at 10.0 s no proxy has it yet, as the list under it says.
  await expect(page.getByTestId('change-item')).toHaveText(/^change 1 at 10\.0 s: 0 of \d+ proxies have it$/);
  await expect(page.getByTestId('change-reach')).toHaveText('Already made. The run made this change at 10.0 s, and it acts on every path it aims at. Applying it again would change nothing.');
  // Made, but said to be likely to fail: 2 ms is shorter than catalog's answers (the CLI's note
  // for a file's change, lint MS012 by simulation).
  await expect(page.getByTestId('change-cautions')).toHaveText('Check: change.policy.timeout: 2.00 ms is shorter than the 9.07 ms catalog takes to answer on average with nothing failing (network and queues add more): many calls would time out');
  await saveShot(page, 'changes-live-1024.png');
  // A bad change is named at its field, and the caution of the change before goes.
  await page.getByTestId('change-details').fill('{"policy": {"timeout": -1}}');
  await page.getByTestId('change-apply').click();
  await expect(page.getByTestId('change-cautions')).toHaveCount(0);
  await expect(page.getByTestId('change-problems')).toContainText('change.policy.timeout:');
  // Seek back before it: not made yet; forward again: made, at the same time.
  await page.locator('body').click({ position: { x: 2, y: 2 } });
  for (let i = 0; i < 4; i++) await page.keyboard.press('Shift+ArrowLeft');
  await settled(page);
  await expect(page.getByTestId('change-item')).toHaveCount(0);
  for (let i = 0; i < 6; i++) await page.keyboard.press('Shift+ArrowRight');
  await settled(page);
  await expect(page.getByTestId('change-item')).toHaveText(/^change 1 at 10\.0 s: /);
  // The share link holds it: a fresh page reaches the same moment with the same trace hash.
  await page.waitForTimeout(600);
  const hash = await page.getByTestId('trace-hash').textContent();
  const url = page.url();
  expect(url).toContain('faults=');
  // Opened again as a new document in this tab (a tab of its own started a renderer more for the
  // same check: the app keeps nothing of a document it leaves but localStorage, which tabs share).
  await page.goto(url);
  await settled(page);
  await expect(page.getByTestId('change-item')).toHaveText(/^change 1 at 10\.0 s: /);
  await expect(page.getByTestId('trace-hash')).toHaveText(hash!);
});

test("a live switch to STRICT drains search's plaintext connections into catalog: the link's tls-plaintext-rejected begins once the push lands", async ({ page }) => {
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto('/?scenario=partial-adoption&t=30s');
  await settled(page);
  await page.getByTestId('inspector-toggle').click();
  const panel = page.getByTestId('inspector');
  const picker = panel.getByTestId('inspector-picker');
  const link = await picker.locator('option[value^="edge:"]', { hasText: /search\W+catalog/ }).getAttribute('value');
  await picker.selectOption(link!);
  const failed = panel.getByTestId('inspect-edge').getByTestId('edge-failed-here');
  // Catalog is PERMISSIVE: search's calls get through, but for catalog's own 5% of 503s.
  await expect(failed).toContainText('http-5xx');
  await expect(failed).not.toContainText('tls-plaintext-rejected');
  // Nothing drained yet: the inspector leaves the line out.
  await expect(panel.getByTestId('edge-drained')).toHaveCount(0);
  await applyChange(page, 'mtls', 'catalog', '{"mode": "STRICT"}');
  await expect(page.getByTestId('change-problems')).toHaveCount(0);
  // The pushes reach catalog's sidecars within 107 ms; each of search's kept-alive connections
  // closes with its next answer, and the new ones are refused: 74 refused by 32 s (model figure).
  await page.locator('body').click({ position: { x: 2, y: 2 } });
  for (let i = 0; i < 2; i++) await page.keyboard.press('Shift+ArrowRight');
  await settled(page);
  // search has no sidecar: its socket sees the reset, no Envoy flag (trial N12, 3; 84ce415).
  await expect(failed).toContainText(/tls-plaintext-rejected \(connection reset\) [1-9]/);
  // The connections catalog's sidecars closed as the answers they carried came back.
  await expect(panel.getByTestId('edge-drained')).toHaveText(/^[1-9]\d*$/);
  await saveShot(page, 'changes-strict-drain-1600.png');
});

for (const size of [{ width: 1024, height: 768 }, { width: 1600, height: 1000 }]) {
  test(`the change form's details box shows its JSON over whole lines, none wrapped mid-change ("0}}}" alone before), for each type of change (${size.width}x${size.height})`, async ({ page }) => {
    await page.setViewportSize(size);
    // A new user's view (N-report 9): third-party-service, the Config change section.
    await page.goto('/?scenario=third-party-service');
    await settled(page);
    const details = page.getByTestId('change-details');
    await details.scrollIntoViewIfNeeded();
    /** The box's text, and whether it shows every line whole: as many rows as lines, nothing wrapped or scrolled. */
    const shown = () => details.evaluate((t: HTMLTextAreaElement) => ({ lines: t.value.split('\n').length, rows: t.rows, whole: t.scrollHeight <= t.clientHeight + 1 && t.scrollWidth <= t.clientWidth + 1 }));
    await expect(details).toHaveValue('{\n  "policy": {\n    "retries": {\n      "attempts": 0\n    }\n  }\n}');
    expect(await shown()).toEqual({ lines: 7, rows: 7, whole: true });
    await saveShot(page, `changes-details-${size.width}.png`);
    // Route 0 as the file writes it (55b0156: the form starts from the route as it stands): egress's 300 ms.
    await page.getByTestId('change-type').selectOption('gateway-route');
    await expect(details).toHaveValue('{\n  "route": 0,\n  "policy": {\n    "timeout": "300ms"\n  }\n}');
    expect(await shown()).toEqual({ lines: 6, rows: 6, whole: true });
    await page.getByTestId('change-type').selectOption('mtls');
    await expect(details).toHaveValue('{"mode": "STRICT"}');
    expect(await shown()).toEqual({ lines: 1, rows: 2, whole: true });
    // Read back as typed: the laid-out text is the change, refused by nothing.
    await page.getByTestId('change-type').selectOption('policy');
    await expect(page.getByTestId('change-problems')).toHaveCount(0);
    await details.scrollIntoViewIfNeeded();
    await saveShot(page, `changes-details-policy-${size.width}.png`);
  });
}
