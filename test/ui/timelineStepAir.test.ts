// Step circles side by side keep air on the narrowest track the app draws (session 45, N15's trial, finding 10):
// in presenter mode at 1024x768 retry-storm's steps 2 and 3 (10 s and 12 s) stood 6 px apart with the played track
// between them and read as touching. Where a circle stands is its step's time and the track's width alone
// (Timeline.tsx: spreadMarkers with a span of 2 * STEP_HALF + STEP_AIR), so every story is checked here at the
// track widths, and timelinehandleair.spec reads the DOM at that moment and holds the presenter track at 1024x768
// to at least NARROWEST px.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDuration } from '../../src/scenario/duration';
import { spreadMarkers, STEP_AIR, STEP_HALF } from '../../src/ui/components/timelineStack';

/** The presenter track at 1024x768 (~495 px in N15's screenshot), rounded down; the spec checks the page's. */
const NARROWEST = 480;
const ms = (v: unknown) => {
  const d = parseDuration(v);
  if (!d.ok) throw new Error(d.message);
  return d.ms;
};
const STORIES = readdirSync('scenarios')
  .filter((f) => f.endsWith('.json') && f !== 'schema.json')
  .map((f) => ({ name: f.replace(/\.json$/, ''), file: JSON.parse(readFileSync(join('scenarios', f), 'utf8')) }))
  .filter((s) => (s.file.narrative ?? []).length > 1);

describe('timeline step circles', () => {
  it('keep at least 8 px of air between two circles (2 px of surface each side leaves 4 px of track)', () => {
    expect(STEP_AIR).toBeGreaterThanOrEqual(8);
    expect(STEP_HALF).toBe(10);
  });

  it(`keep their span apart and stay on the track in every story at ${NARROWEST}, 700 and 1300 px`, () => {
    expect(STORIES.length).toBeGreaterThan(10);
    const span = 2 * STEP_HALF + STEP_AIR;
    let least = { air: Infinity, where: '' };
    for (const { name, file } of STORIES) {
      const duration = ms(file.duration);
      const times = (file.narrative as { at: unknown }[]).map((s) => ms(s.at));
      for (const width of [NARROWEST, 700, 1300]) {
        const xs = spreadMarkers(times.map((t) => (width * Math.min(duration, t)) / duration), span, 0, width);
        const sorted = [...xs].sort((a, b) => a - b);
        for (const x of sorted) {
          expect(x, `${name} at ${width} px`).toBeGreaterThanOrEqual(0);
          expect(x, `${name} at ${width} px`).toBeLessThanOrEqual(width);
        }
        for (let i = 1; i < sorted.length; i++) {
          const air = sorted[i] - sorted[i - 1] - 2 * STEP_HALF;
          expect(air, `${name} at ${width} px, circles ${i} and ${i + 1}`).toBeGreaterThanOrEqual(STEP_AIR - 1e-9);
          if (air < least.air) least = { air, where: `${name} ${width} px` };
        }
      }
    }
    // At least one story is tight enough to be spread (retry-storm's 10 s and 12 s of 40 s at 480 px: 24 px apart).
    expect(least.air).toBeCloseTo(STEP_AIR, 6);
  });

  it("spreads retry-storm's steps 2 and 3 (10 s and 12 s of 40 s, 24 px apart at 480 px) to 28 px, round their times", () => {
    const xs = spreadMarkers([0, 120, 144, 300], 2 * STEP_HALF + STEP_AIR, 0, NARROWEST);
    expect(xs[2] - xs[1]).toBeCloseTo(28, 9);
    expect((xs[1] + xs[2]) / 2).toBeCloseTo(132, 9);
  });
});
