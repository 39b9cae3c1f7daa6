// "Open file…" with a broken YAML scenario: the alert names each problem's line, as the editor
// does, so a person finds the field in their own file; the run on screen goes on.
import { expect, type Locator } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { saveShot } from './fixtures/shots';

const BROKEN = ['name: my-shop', 'duration: 10s', 'clients:', '  - name: web', '    type: open', '    rate: -5', '    target: api', 'services:', '  - name: api', '    replicas: 0', '    serviceTime: 5 parsecs', ''].join('\n');

test('a broken YAML file opened with Open file… lists each problem as line: path: message', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('run-status')).toHaveText('ready');
  await page.getByTestId('scenario-file').setInputFiles({ name: 'my-shop.yaml', mimeType: 'application/yaml', buffer: Buffer.from(BROKEN) });
  const box = page.getByTestId('load-problems');
  await expect(box).toContainText('my-shop.yaml');
  const items = page.getByTestId('problems').locator('li');
  await expect(items).toHaveText([
    /^line 6: clients\.0\.rate: must be greater than zero/,
    'line 10: services.0.replicas: must be at least 1, got 0',
    /^line 11: services\.0\.serviceTime: "5 parsecs" is not a duration/,
  ]);
  await expect(page.getByTestId('scenario-title')).toHaveText(/Hello, mesh/);
  for (const [w, h] of [[1600, 1000], [1024, 768]] as const) {
    await page.setViewportSize({ width: w, height: h });
    await box.scrollIntoViewIfNeeded();
    await saveShot(page, `openfile-lines-${w}x${h}.png`);
    // Each problem wraps only at a space or after a path's '.' or '/': at 1024x768
    // 'services.0.serviceTime' broke as 'services.0.serviceT' / 'ime'.
    expect(await midWordBreaks(items), `${w}x${h}`).toEqual([]);
  }
});

/** Where the text of each of `items` wraps to a new line inside a word, as 'before|after' (a break after a space, '.' or '/' is not listed). */
function midWordBreaks(items: Locator): Promise<string[]> {
  return items.evaluateAll((lis) => {
    const out: string[] = [];
    for (const li of lis) {
      // Each character of the item's text, with the top of its box (null where it takes no room: a space at a wrap).
      const chars: { ch: string; top: number | null }[] = [];
      const walker = document.createTreeWalker(li, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        for (let i = 0; i < (n.textContent ?? '').length; i++) {
          const r = document.createRange();
          r.setStart(n, i);
          r.setEnd(n, i + 1);
          const b = r.getBoundingClientRect();
          chars.push({ ch: n.textContent![i], top: b.width > 0 ? b.top : null });
        }
      }
      const text = chars.map((c) => c.ch).join('');
      let last = -1;
      for (let i = 0; i < chars.length; i++) {
        const top = chars[i].top;
        if (top === null) continue;
        const prevTop = last >= 0 ? chars[last].top! : top;
        if (top > prevTop + 4 && !/[\s./]/.test(text.slice(last, i))) out.push(`${text.slice(Math.max(0, i - 20), i)}|${text.slice(i, i + 10)}`);
        last = i;
      }
    }
    return out;
  });
}
