// Why the proxies' CPU per 1000 req/s stands high, beside the number: two-meshes-direct fails
// every try at its TLS handshake (the meshes' CAs do not trust each other), and the figure reads
// 1.3 against hello-mesh's 0.35. The counters say most of it is handshakes redone at each try,
// in two short lines beside the number, and hello-mesh's say nothing, at 1600x1000 and 1024x768.
import { expect } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { settled } from './fixtures/settle';
import { saveShot } from './fixtures/shots';

test("two-meshes-direct's proxy CPU (1.3, every try failing its handshake) says most of it is TLS handshakes and why; hello-mesh's 0.35 says nothing, at 1600x1000 and 1024x768", async ({ page }) => {
  // Each scenario opened once at 10 s (a page load and a seek to 10 s a scenario and size until
  // session 36): two-meshes-direct at 1600x1000 and then narrowed, hello-mesh at 1024x768 and then
  // widened; the counters' height compared at each size.
  const strip: Record<number, number> = {};
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto('/?scenario=two-meshes-direct&t=10s');
  await expect(page.getByTestId('sim-time')).toHaveText('10.0 s');
  for (const [w, h] of [[1600, 1000], [1024, 768]] as const) {
    if (w !== 1600) {
      await page.setViewportSize({ width: w, height: h });
      await settled(page);
    }
    await expect(page.getByTestId('proxy-cpu')).toHaveText(/^1\.[23]\d$/);
    const why = page.getByTestId('proxy-cpu-why');
    await expect(why).toBeVisible();
    const shown = await why.evaluate((el) => Array.from(el.children).map((c) => c.textContent));
    expect(shown).toEqual([expect.stringMatching(/^7\d% TLS handshakes$/), 'redone each failed try']);
    // The failed figure keeps its cause's name whole beside it (one long line cut 'tls-unknown-ca' at 1600x1000).
    await expect(page.getByTestId('failed-count')).toBeVisible();
    expect(await page.locator('.figure-failed').evaluate((f) => Array.from(f.querySelectorAll('*')).filter((e) => e.children.length === 0 && e.scrollWidth > e.clientWidth + 1 && /tls/.test(e.textContent ?? '')).map((e) => e.textContent))).toEqual([]);
    await expect(page.locator('.figure-proxy')).toHaveAttribute('title', /vCPU per 1000 req\/s per proxy: 0\.9\d of it TLS handshakes \(7\d%\), 0\.3\d the requests' own passes .* every retry sets up a new one/);
    // On the value's line, inside the counters, clear of the next figure and not cut off.
    const laid = await page.evaluate(() => {
      const r = (s: string) => document.querySelector(s)!.getBoundingClientRect();
      const why = r('[data-testid="proxy-cpu-why"]');
      const fig = r('.figure-proxy');
      const next = r('.figure-clock');
      const value = r('[data-testid="proxy-cpu"]');
      const el = document.querySelector('[data-testid="proxy-cpu-why"]')!;
      return { inside: why.left >= fig.left && why.right <= fig.right + 0.5, clear: why.right <= next.left, sameLine: why.top < value.bottom && why.bottom > value.top, whole: (el as HTMLElement).scrollWidth <= Math.ceil(why.width) + 1, strip: r('footer.strip').height };
    });
    expect(laid, `at ${w}x${h}`).toMatchObject({ inside: true, clear: true, sameLine: true, whole: true });
    await saveShot(page, `proxy-cpu-why-two-meshes-direct-${w}x${h}.png`);
    strip[w] = laid.strip;
  }
  await page.goto('/?scenario=hello-mesh&t=10s');
  await expect(page.getByTestId('sim-time')).toHaveText('10.0 s');
  for (const [w, h] of [[1024, 768], [1600, 1000]] as const) {
    if (w !== 1024) {
      await page.setViewportSize({ width: w, height: h });
      await settled(page);
    }
    await expect(page.getByTestId('proxy-cpu')).toHaveText(/^0\.3\d$/);
    await expect(page.getByTestId('proxy-cpu-why')).toHaveCount(0);
    // The counters' height is the same with the words or without them.
    expect(await page.locator('footer.strip').evaluate((e) => e.getBoundingClientRect().height), `at ${w}x${h}`).toBeCloseTo(strip[w], 0);
  }
});
