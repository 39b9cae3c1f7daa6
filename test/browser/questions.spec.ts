// A narrative step's question (issue 12.4): asked with its choices before the step runs, picked
// with the mouse or keys 1-4, and answered when the run reaches the step, with the figure that
// shows it measured live.
import { expect } from '@playwright/test';
import { test } from './fixtures/sharedPage';
import { saveShot } from './fixtures/shots';

// Both sizes on one page: the second pass opens retry-storm again with the picker, from the
// control-plane-outage the first left open, and starts with none picked as a page load does
// (opening another scenario forgets the picks: questions.ts openedScenario). A page load fewer.
test('retry-storm asks how many attempts payments gets, takes a pick and reveals 27 at 1600x1000 and, opened again by the picker, at 1024x768', async ({ page }) => {
  test.setTimeout(180_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  for (const size of [
    { width: 1600, height: 1000 },
    { width: 1024, height: 768 },
  ]) {
    await test.step(`${size.width}x${size.height}`, async () => {
      await page.setViewportSize(size);
      if (size.width === 1600) {
        // Opened on a 1366x768 laptop, the question and its four answers come into the story
        // column's view with the step's head still in it (N19's trial, 3: cut at the counters).
        await page.setViewportSize({ width: 1366, height: 768 });
        await page.goto('/?scenario=retry-storm');
        await expect(page.getByTestId('question-choice')).toHaveCount(4);
        await expect
          .poll(() =>
            page.evaluate(() => {
              const col = document.querySelector('[data-testid="narrative"]')!.closest('.panel')!.getBoundingClientRect();
              const foot = Math.min(col.bottom, innerHeight);
              const head = document.querySelector('[data-testid="narrative"] .narrative-head')!.getBoundingClientRect();
              const last = document.querySelector('.question-choices')!.getBoundingClientRect();
              const prompt = document.querySelector('[data-testid="question-prompt"]')!.getBoundingClientRect();
              return `head ${head.top >= col.top - 0.5 ? 'in' : 'cut'}, prompt ${prompt.top >= col.top ? 'in' : 'cut'}, answers ${last.bottom <= foot + 0.5 ? 'in' : `cut by ${(last.bottom - foot).toFixed(0)} px`}`;
            }),
          )
          .toBe('head in, prompt in, answers in');
        await saveShot(page, 'question-ahead-1366x768.png');
        await page.setViewportSize(size);
      } else {
        await page.getByTestId('scenario-select').selectOption('retry-storm');
        await expect(page.locator('[data-drawn="retry-storm"]')).toBeVisible();
      }
      await expect(page.getByTestId('run-status')).toHaveText('ready');
      await expect(page.getByTestId('narrative-step')).toHaveText('step 1 of 4');
      if (size.width === 1024) {
        // At 1024x768 the head and the answers cannot both show (703 px apart, a 611 px column): the step's head and
        // next › stay, with the step's text, and a cue at the column's foot names the question (session 53, G6: the
        // question's top won once, N19's trial 4, and the story opened with its step and next › above the view).
        const cue = page.getByTestId('question-cue');
        await expect(cue).toHaveText('↓ Question below: pick 1–4');
        await expect(cue).toBeInViewport({ ratio: 1 });
        await expect(page.getByTestId('narrative-next')).toBeInViewport({ ratio: 1 });
        await expect(page.getByTestId('narrative-title')).toBeInViewport({ ratio: 1 });
        await expect(page.getByTestId('question').locator('.question-kicker')).toBeInViewport({ ratio: 1 });
        await saveShot(page, 'question-ahead-1024x768.png');
        // A click on the cue brings the question in, its prompt's top and its four answers.
        await cue.click();
        await expect(cue).toHaveCount(0);
        await expect
          .poll(() =>
            page.evaluate(() => {
              const col = document.querySelector('[data-testid="narrative"]')!.closest('.panel')!.getBoundingClientRect();
              const foot = Math.min(col.bottom, innerHeight);
              const prompt = document.querySelector('[data-testid="question-prompt"]')!.getBoundingClientRect();
              const last = document.querySelector('.question-choices')!.getBoundingClientRect();
              return `prompt ${prompt.top >= col.top - 0.5 ? 'in' : 'cut'}, answers ${last.bottom <= foot + 0.5 ? 'in' : `cut by ${(last.bottom - foot).toFixed(0)} px`}`;
            }),
          )
          .toBe('prompt in, answers in');
        await saveShot(page, 'question-ahead-cue-shown-1024x768.png');
      }

      // Before step 2 runs, its question is asked with its four choices, none picked.
      const q = page.getByTestId('question');
      await expect(q).toHaveAttribute('data-state', 'ahead');
      await expect(page.getByTestId('question-prompt')).toContainText('How many attempts will payments receive');
      const choices = page.getByTestId('question-choice');
      await expect(choices).toHaveText([/^1\s*3$/, /^2\s*7$/, /^3\s*9$/, /^4\s*27$/]);
      await expect(q.locator('[aria-checked="true"]')).toHaveCount(0);

      // A click picks one; key 4 changes the pick (keys work whatever was clicked last).
      await choices.nth(1).click();
      await expect(choices.nth(1)).toHaveAttribute('aria-checked', 'true');
      await page.getByTestId('topology').click();
      await page.keyboard.press('4');
      await expect(choices.nth(3)).toHaveAttribute('aria-checked', 'true');
      await expect(choices.nth(1)).toHaveAttribute('aria-checked', 'false');
      await expect(page.getByTestId('question-reveal')).toHaveCount(0);
      await saveShot(page, `question-ahead-${size.width}.png`);

      // Running to the step reveals the answer, the verdict and the explanation.
      await page.getByTestId('narrative-next').click();
      await expect(page.getByTestId('sim-time')).toHaveText('10.0 s');
      await expect(q).toHaveAttribute('data-state', 'revealed');
      await expect(page.getByTestId('question-verdict')).toHaveText('Your pick was right.');
      await expect(page.getByTestId('question-explain')).toContainText('3 x 3 x 3 = 27');
      await expect(choices.nth(3)).toHaveClass(/answer/);
      await expect(choices.nth(3)).toBeDisabled();
      // Key 1 no longer changes an answered question.
      await page.keyboard.press('1');
      await expect(choices.nth(3)).toHaveAttribute('aria-checked', 'true');

      // The question stays through the next steps, its figure filled in by the run: 27 attempts.
      await page.getByTestId('narrative-next').click();
      await page.getByTestId('narrative-next').click();
      await expect(page.getByTestId('sim-time')).toHaveText('27.0 s');
      await expect(page.getByTestId('question-figure')).toContainText('11 s – 24 s');
      const value = Number.parseFloat((await page.getByTestId('question-figure-value').textContent())!);
      expect(Math.abs(value - 27) / 27).toBeLessThan(0.05);
      await q.scrollIntoViewIfNeeded();
      await saveShot(page, `question-revealed-${size.width}.png`);

      await test.step('back at step 1, presenter mode shows the step\'s head with its question under it (1600x1000), or its cue at the column\'s foot that brings the question in (1024x768)', async () => {
        for (const n of [3, 2, 1]) {
          await page.keyboard.press('PageUp');
          await expect(page.getByTestId('narrative-step')).toHaveText(`step ${n} of 4`);
        }
        await expect(page.getByTestId('sim-time')).toHaveText('0.000 s');
        await expect(q).toHaveAttribute('data-state', 'ahead');
        // The column as a fresh page has it: scrolled to its top, the scenario's title there.
        await page.getByRole('complementary', { name: 'Scenario' }).evaluate((el) => el.scrollTo(0, 0));
        await page.keyboard.press('f');
        await expect(page.getByTestId('app')).toHaveClass(/presenter/);
        await expect(page.getByTestId('narrative-title')).toBeInViewport({ ratio: 1 });
        // All of it, the fourth choice (the answer, 27) too, at both sizes: at 1600x1000 it lay 79 px
        // below the column once; at 1024x768 the 200 px column could not hold the question under the
        // step (a cue at its foot said so, f350081), and since session 36 the column is chosen per
        // picture (retry-storm's 400 px), where it fits at once. The cue for a question below the
        // view is checked for every story in the step below.
        await expect(page.getByTestId('narrative-step')).toBeInViewport({ ratio: 1 });
        await expect(choices.nth(3)).toBeInViewport({ ratio: 1 });
        await expect(page.getByTestId('question-cue')).toHaveCount(0);
        await saveShot(page, `question-presenter-${size.width}.png`);
        await page.keyboard.press('f');
        await expect(page.getByTestId('app')).not.toHaveClass(/presenter/);
      });
      await test.step('in presenter mode every story\'s question asked ahead fits the story column whole; where it starts below the view (1024x768), a cue at the column\'s foot says so and a click shows it all', async () => {
        const column = page.getByRole('complementary', { name: 'Scenario' });
        /** The question's parts outside the column's visible box (px past its top or bottom edge), and whether it fits the column at all. */
        const cut = async () => {
          const c = (await column.boundingBox())!;
          const inner = await column.evaluate((el) => el.clientHeight);
          const q = (await q_.boundingBox())!;
          const parts = [await page.getByTestId('question-prompt').boundingBox(), ...(await Promise.all((await choices.all()).map((x) => x.boundingBox())))];
          return { fits: q.height <= inner, out: parts.filter((b) => b!.y < c.y - 0.5 || b!.y + b!.height > c.y + c.height + 0.5).length };
        };
        const q_ = page.getByTestId('question');
        await page.keyboard.press('f');
        await expect(page.getByTestId('app')).toHaveClass(/presenter/);
        for (const [scenario, nexts, count] of [
          ['retry-storm', 0, 4],
          ['mesh-only', 1, 3],
          ['gateway-only', 1, 3],
          ['control-plane-outage', 0, 3],
        ] as const) {
          if (scenario !== 'retry-storm') {
            await page.getByTestId('scenario-select').selectOption(scenario);
            await expect(page.locator(`[data-drawn="${scenario}"]`)).toBeVisible();
            await expect(page.getByTestId('app')).toHaveClass(/presenter/);
            // The column kept the last story's scroll (its question shown by the cue at 1024x768).
            await expect(page.getByTestId('narrative-title'), `${scenario}: its step's heading in view after the picker`).toBeInViewport({ ratio: 1 });
            for (let i = 0; i < nexts; i++) await page.getByTestId('narrative-next').click();
          }
          await expect(q_).toHaveAttribute('data-state', 'ahead');
          await expect(choices).toHaveCount(count);
          const before = await cut();
          // control-plane-outage's question was 884 px tall against a 625 px column at 1024x768.
          expect(before.fits, `${scenario}'s question fits the column`).toBe(true);
          const cue = page.getByTestId('question-cue');
          if (before.out === 0) await expect(cue).toHaveCount(0);
          else {
            await expect(cue).toHaveText(`↓ Question below: pick 1–${count}`);
            await expect(cue).toBeInViewport({ ratio: 1 });
            if (scenario === 'control-plane-outage') await saveShot(page, `question-cue-${size.width}.png`);
            await cue.click();
            await expect(cue).toHaveCount(0);
            expect(await cut(), `${scenario} after the cue`).toEqual({ fits: true, out: 0 });
            if (scenario === 'control-plane-outage') await saveShot(page, `question-cue-shown-${size.width}.png`);
          }
          console.log(`${size.width}x${size.height} presenter: ${scenario}'s question, ${before.out} of its prompt and choices below the column${before.out ? ', the cue shown' : ''}`);
          // 1600x1000: none starts below the view. 1024x768: those whose column stays narrow for their
          // picture (200 px) start below it, with the cue; since session 36 retry-storm's 400 px column
          // holds its question at once (no cue), so no count is required there.
          if (size.width === 1600) expect(before.out, scenario).toBe(0);
        }
        await page.keyboard.press('f');
        await expect(page.getByTestId('app')).not.toHaveClass(/presenter/);
      });
    });
  }
  expect(errors).toEqual([]);
});

test('mesh-only: a wrong pick is told so with the right answer, and seeking back opens the question again with the pick kept', async ({ page }) => {
  await page.goto('/?scenario=mesh-only');
  await expect(page.getByTestId('run-status')).toHaveText('ready');
  await page.getByTestId('narrative-next').click();
  await expect(page.getByTestId('sim-time')).toHaveText(/^5\.0+ s$/);
  const choices = page.getByTestId('question-choice');
  await expect(choices).toHaveCount(3);
  await choices.first().click();
  await page.getByTestId('narrative-next').click();
  await expect(page.getByTestId('sim-time')).toHaveText(/^20\.0+ s$/);
  await expect(page.getByTestId('question-verdict')).toHaveText('Your pick, “About a third, as with the gateway alone”, was not it: the answer is “Under 1%”.');
  await expect(choices.first()).toHaveClass(/wrong/);
  await expect(choices.nth(2)).toHaveClass(/answer/);
  await page.getByTestId('narrative-prev').click();
  await expect(page.getByTestId('sim-time')).toHaveText(/^5\.0+ s$/);
  await expect(page.getByTestId('question')).toHaveAttribute('data-state', 'ahead');
  await expect(choices.first()).toHaveAttribute('aria-checked', 'true');
  await page.keyboard.press('3');
  await expect(choices.nth(2)).toHaveAttribute('aria-checked', 'true');

  await test.step("at the end, the last step shows the median latency the proxies add against the same recipe run without sidecars, the CLI's +3.5 ms (test/workers/plainTwin.test.ts)", async () => {
    for (const size of [
      { width: 1600, height: 1000 },
      { width: 1024, height: 768 },
    ]) {
      await page.setViewportSize(size);
      await page.getByTestId('topology').click();
      await page.keyboard.press('End');
      await expect(page.getByTestId('run-status')).toHaveText('finished');
      await expect(page.getByTestId('narrative-title')).toHaveText('What it costs in time');
      const figure = page.getByTestId('narrative').getByTestId('lesson-figure');
      await expect(figure.getByTestId('lesson-figure-value')).toHaveText('+3.50 ms');
      await expect(figure).toContainText('median latency the proxies add');
      await expect(figure).toContainText('p50 99.3 ms vs 95.8 ms without proxies, the whole run; lesson: 3 to 4 ms');
      await expect(page.getByTestId('lesson-figures-item').filter({ hasText: 'median latency the proxies add' })).toContainText('+3.50 ms (lesson: 3 to 4 ms)');
      await saveShot(page, `mesh-only-added-latency-${size.width}.png`);
    }
  });
});
