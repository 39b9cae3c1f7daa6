// Trial N14, 2 and 7: "how much less load on payments?" read 9x in the README, 27.0 vs 2.9 in the
// story steps, 0.17x in the figures table (counted from 0 s, not said) and 0.18x on the "First differ"
// line. Compare now reads the stories' windowed figures side by side ("Over the stories' windows":
// 27.0, 2.9, 0.11x over 11 s – 24 s, the README's figure), the table says it counts since 0 s, and the
// rows a person misreads say what they count (failed: of sent; tries: calls' first tries + retries).
import { expect, type Page } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { saveShot } from './fixtures/shots';
import { settled as layoutSettled } from './fixtures/settle';

const paneValue = async (page: Page, side: 'A' | 'B', id: string) => (await page.locator(`[data-testid="compare-pane"][data-side="${side}"]`).getByTestId(id).getAttribute('data-value'))!;

test('retry-storm against its fix at 40 s: the stories\' windows read 27.0 against 2.9 (0.11x) over 11 s – 24 s and 1.0 against 1.0 over 26 s – 40 s; the table says it counts since 0 s, failed is of sent and tries are calls + retries (1600x1000 and 1024x768)', async ({ page }) => {
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto('/?compare=retry-storm,retry-storm-fixed');
  await expect(page.getByTestId('compare-pane')).toHaveCount(2);
  await expect(page.getByTestId('run-status')).toHaveText(/ready|paused/);
  await page.locator('body').click({ position: { x: 2, y: 2 } });
  await page.keyboard.press('End');
  await expect.poll(() => paneValue(page, 'A', 'pane-time'), { timeout: 120_000 }).toBe('40000');
  await expect.poll(() => paneValue(page, 'B', 'pane-time'), { timeout: 120_000 }).toBe('40000');
  await expect(page.getByTestId('metrics-diff')).toHaveAttribute('data-at', '40000');
  const windows = page.getByTestId('story-windows');
  const cells = (i: number) => windows.locator('tbody tr').nth(i).locator('th, td').allInnerTexts();
  await expect(windows.locator('tbody tr')).toHaveCount(2);
  await expect.poll(() => cells(0)).toEqual(['attempts at payments per user request during the outage\nover 11 s – 24 s', '27.0', '2.9', '0.11x']);
  expect(await cells(1)).toEqual(['attempts at payments per user request once it is back\nover 26 s – 40 s', '1.0', '1.0', '1.00x']);
  await expect(windows.locator('caption')).toHaveText("Over the stories’ windows: user requests that ended in each window, as each pane’s story step counts them");
  const table = page.locator('table[data-testid="metrics-diff"]');
  await expect(table.locator('caption')).toContainText('Both runs at 40.0 s, counted since 0 s · seed 5');
  await expect(table.locator('tr[data-key="failed"] [data-testid="diff-sub"]')).toHaveText(/^of requests sent, in flight too; whole run, 0 s – /);
  await expect(table.locator('tr[data-key="tries"] [data-testid="diff-sub"]')).toHaveText("first attempts + retries; a retry redoes the calls below");
  await expect(table.locator('tr[data-key="tries"] th')).toHaveAttribute('title', /so under stacked retries attempts are more than retries \+ hops/);
  for (const [w, h] of [
    [1600, 1000],
    [1024, 768],
  ] as const) {
    await page.setViewportSize({ width: w, height: h });
    await layoutSettled(page);
    await windows.scrollIntoViewIfNeeded();
    await expect(windows).toBeInViewport();
    // The runs' heads are their letters, the whole names in their titles; the figure names keep
    // their room (trial N16, 4: long heads squeezed them to a word a line).
    expect(await windows.locator('thead th').allInnerTexts()).toEqual(['figure', 'A', 'B', 'B/A']);
    await expect(windows.locator('thead th').nth(2)).toHaveAttribute('title', /^B · /);
    expect((await windows.locator('tbody th').first().boundingBox())!.width, `${w}x${h}`).toBeGreaterThanOrEqual(200);
    // Export says its word in the header at every width (trial N16, 8), inside the header's row.
    const exp = page.getByTestId('export-menu');
    await expect(exp).toHaveText('Export');
    const [eb, hb] = [(await exp.boundingBox())!, (await page.locator('.compare-header').boundingBox())!];
    expect(eb.x + eb.width, `${w}x${h}`).toBeLessThanOrEqual(hb.x + hb.width);
    // Each row's name, values and ratio in one line box each: nothing cut, nothing over its neighbour.
    const clipped = await windows.evaluate((t) => Array.from(t.querySelectorAll('th, td')).filter((c) => c.scrollWidth > c.clientWidth + 1).map((c) => c.textContent));
    expect(clipped, `${w}x${h}`).toEqual([]);
    await saveShot(page, `storywindows-${w}.png`);
    await table.locator('tr[data-key="tries"]').scrollIntoViewIfNeeded();
    // The renamed rows ("attempts per user request, all hops", session 49): each name on one line, and a
    // sub-line on at most two in the half-width table at 1600x1000 (the older, longer sub-line ran to three).
    const lines = await table.evaluate((t) =>
      ['retries', 'retriesPer', 'tries', 'svc:payments', 'failed'].map((key) => {
        // The line boxes of the cell's text, the name's apart from the sub-line's: tops over 4 px apart are lines.
        const th = t.querySelector(`tr[data-key="${key}"] th`)!;
        const walk = document.createTreeWalker(th, NodeFilter.SHOW_TEXT);
        const tops = { name: [] as number[], sub: [] as number[] };
        for (let n = walk.nextNode(); n; n = walk.nextNode()) {
          const range = document.createRange();
          range.selectNodeContents(n);
          const part = n.parentElement?.closest('[data-testid="diff-sub"]') ? tops.sub : tops.name;
          for (const r of Array.from(range.getClientRects())) if (r.width > 0) part.push(r.top);
        }
        const count = (ys: number[]) => ys.sort((x, y) => x - y).filter((y, i) => i === 0 || y - ys[i - 1] > 4).length;
        return { key, name: count(tops.name), sub: count(tops.sub) };
      }),
    );
    expect(lines.map((l) => `${l.key}: ${l.name}`), `${w}x${h}`).toEqual(['retries: 1', 'retriesPer: 1', 'tries: 1', 'svc:payments: 1', 'failed: 1']);
    expect(Math.max(...lines.map((l) => l.sub)), `${w}x${h}: ${JSON.stringify(lines)}`).toBeLessThanOrEqual(2);
    console.log(`storywindows ${w}x${h}: lines ${JSON.stringify(lines)}`);
    await saveShot(page, `storywindows-tries-${w}.png`);
  }
});
