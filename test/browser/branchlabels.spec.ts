// A branch of gateway-and-mesh (b): in each pane every link label keeps clear of other labels,
// other links and nodes, and should read as its own link's, nearer its line than any other's (N3's trial,
// 6d: old-app's '12 req/s' lay on shoppers' line). all-scenarios.spec checks the single view; both
// read the picture with fixtures/walkChecks.ts (readPicture, overlaps, astray, unlabelledBusyLinks).
import { expect, type Locator, type Page } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { settled } from './fixtures/settle';
import { saveShot } from './fixtures/shots';
import { astray, overlaps, readPicture, unlabelledBusyLinks } from './fixtures/walkChecks';

/**
 * Each label in `pane` over another label, a node or another link's line, and with `nearest`
 * each nearer another link's line than its own; the story's (placeStoryLabel's, which may lie
 * nearer another line where nothing else is left) only with `story` too.
 */
async function labelProblems(pane: Locator, nearest: boolean, story: boolean): Promise<string[]> {
  const pic = await readPicture(pane);
  return [...overlaps(pic), ...(nearest ? astray(pic, (l) => story || !pic.highlighted.includes(l.edge)) : [])];
}

async function branch(page: Page): Promise<void> {
  await page.goto('/?scenario=gateway-and-mesh&t=10s');
  await expect(page.getByTestId('run-status')).toHaveText(/paused|ready/, { timeout: 30_000 });
  await page.locator('body').click({ position: { x: 2, y: 2 } });
  await page.keyboard.press('b');
  await expect(page.getByTestId('compare-pane')).toHaveCount(2);
  // Both runs at the branch's moment, their labels saying its rates.
  await expect(page.getByTestId('run-status')).not.toHaveClass(/status-seeking/, { timeout: 60_000 });
  await expect(page.getByTestId('compare-pane').first()).toContainText('at 10.0 s');
  await settled(page);
}

/** What labelProblems and unlabelledBusyLinks find in both panes at both sizes; `nearest`: ask every label (the story's too) to read as its own. */
async function paneProblems(page: Page, nearest: boolean): Promise<string[]> {
  await page.setViewportSize({ width: 1600, height: 1000 });
  await branch(page);
  const found: string[] = [];
  for (const [w, h] of [[1600, 1000], [1024, 768]] as const) {
    await page.setViewportSize({ width: w, height: h });
    await settled(page);
    await page.waitForTimeout(500);
    await saveShot(page, `branchlabels-gateway-and-mesh-${w}x${h}.png`);
    const panes = page.getByTestId('compare-pane');
    for (let i = 0; i < 2; i++) {
      await expect.poll(async () => (await readPicture(panes.nth(i))).labels.length, { timeout: 20_000 }).toBeGreaterThan(0);
      found.push(...(await unlabelledBusyLinks(panes.nth(i))).map((p) => `${w}x${h} pane ${i + 1}: ${p} left out`));
      found.push(...(await labelProblems(panes.nth(i), nearest, true)).map((p) => `${w}x${h} pane ${i + 1}: ${p}`));
    }
  }
  return found;
}

test('a branch of gateway-and-mesh: in both panes, at 1600x1000 and 1024x768, every link label says its rate, clear of labels, links and nodes', async ({ page }) => {
  test.setTimeout(120_000);
  expect(await paneProblems(page, false)).toEqual([]);
});

// Session 34 (U2) left this failing: at 1600x1000 old-app's '10 req/s' lay 23 px from shoppers'
// line and 39 from its own, the clients' hidden captions keeping every spot by its own line for
// the label (renderTopology's nodeRects), and weighing reading as another's into placeEdgeLabels'
// hits left it out. Now it reads as its own, in its short form '10/s' where bulk-export's '38 req/s'
// takes the room beside both lines. At 1024x768 the story's bulk-export->edge '38 req/s' lay 43 px
// from scraper's line and 77 from its own (session 36): where the full text reads as another's,
// the story's label says '38/s' by its own line (svgEdgeLabels placeStory).
test('a branch of gateway-and-mesh: every link label in both panes lies nearest its own line', async ({ page }) => {
  test.setTimeout(120_000);
  // Session 41: at 1024x768 each pane's own story (8c6796c) shortens its picture, and old-app's
  // '10 req/s' lay 30 px from shoppers' line and 39 from its own, with no free spot by its line;
  // now it says '10/s' further off, where it meets no box, queue room, line or label (session 42).
  expect(await paneProblems(page, true)).toEqual([]);
});
