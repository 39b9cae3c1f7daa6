// Link labels are a function of the run and the moment: the same share link opened three times,
// at 1600x1000 and 1024x768, and after a seek away and back, says the same req/s on every link,
// and the inspector's "calls/s, last second" for a link is its label's figure.
import { expect, test, type Page } from '@playwright/test';
import { untilStill } from './fixtures/settle';
import { shotPath } from './fixtures/shots';

/** Waits until no seek is running and the run is paused or ready. */
async function settled(page: Page) {
  await expect(page.getByTestId('timeline-seeking')).toHaveCount(0);
  await expect(page.getByTestId('run-status')).toHaveText(/paused|ready|finished/);
}

/** Every link label on screen, by link ("frontend->catalog": "41 req/s"). */
async function labels(page: Page): Promise<Record<string, string>> {
  return page.evaluate(() =>
    Object.fromEntries(Array.from(document.querySelectorAll('[data-testid="topology"] .topo-edge-label')).map((t) => [t.getAttribute('data-label-edge') ?? '', t.textContent ?? ''])),
  );
}

/** Opens `url` in a fresh page of this size, waits for the moment and a first painted label. */
async function open(page: Page, url: string, width: number, height: number, time: string) {
  await page.setViewportSize({ width, height });
  await page.goto(url);
  await expect(page.getByTestId('sim-time')).toHaveText(time, { timeout: 60_000 });
  await settled(page);
  await expect(page.locator('[data-testid="topology"] .topo-edge-label', { hasText: 'req/s' }).first()).toBeVisible();
  // Read once they stand still across two paints, so a label still on its way is not missed.
  return { hash: await page.getByTestId('trace-hash').textContent(), labels: await untilStill(page, () => labels(page), 'the link labels') };
}

for (const [scenario, link] of [
  ['hello-mesh', 'frontend → catalog'],
  ['retry-storm', 'orders → payments'],
] as const) {
  test(`${scenario} at t=30s: the same link labels opened three times, at 1600x1000 and 1024x768, after a seek away and back, and the inspector agrees for ${link}`, async ({ browser }) => {
    const url = `/?scenario=${scenario}&t=30s`;
    const seen: { hash: string | null; labels: Record<string, string> }[] = [];
    for (const [w, h] of [
      [1600, 1000],
      [1024, 768],
      [1600, 1000],
    ] as const) {
      const context = await browser.newContext();
      const page = await context.newPage();
      seen.push(await open(page, url, w, h, '30.0 s'));
      await page.screenshot({ path: shotPath(`rates-${scenario}-${w}x${h}-${seen.length}.png`) });
      await context.close();
    }
    const first = seen[0];
    // Real figures on most links, not blanks that agree.
    const figures = Object.values(first.labels).filter((t) => /^\d[\d,.]* req\/s$/.test(t));
    expect(figures.length).toBeGreaterThanOrEqual(3);
    for (const s of seen) {
      expect(s.hash).toBe(first.hash);
      expect(s.labels).toEqual(first.labels);
    }

    // Seek away (one second back) and back again, at 1024x768.
    const context = await browser.newContext();
    const page = await context.newPage();
    await open(page, url, 1024, 768, '30.0 s');
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Shift+ArrowLeft');
    await expect(page.getByTestId('sim-time')).toHaveText('29.0 s');
    await settled(page);
    await page.keyboard.press('Shift+ArrowRight');
    await expect(page.getByTestId('sim-time')).toHaveText('30.0 s');
    await settled(page);
    expect(await untilStill(page, () => labels(page), 'the link labels')).toEqual(first.labels);

    // The inspector's figure for the link is the label's.
    await page.getByTestId('inspector-toggle').click();
    const panel = page.getByTestId('inspector');
    await panel.getByTestId('inspector-picker').selectOption({ label: link });
    const rate = panel.getByTestId('inspect-edge').getByTestId('edge-rate');
    await expect(rate).not.toHaveText('—');
    const key = link.replace(' → ', '->');
    expect(first.labels[key]).toMatch(/req\/s$/);
    expect(`${await rate.textContent()} req/s`).toBe(first.labels[key]);
    await page.screenshot({ path: shotPath(`rates-${scenario}-inspector-1024x768.png`) });
    await context.close();
  });
}
