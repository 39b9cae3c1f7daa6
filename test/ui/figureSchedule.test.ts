import { describe, expect, test } from 'vitest';
import { FigureSchedule } from '../../src/ui/components/figureSchedule';

// Frames are compared by identity; plain objects stand in for them, named by their moment.
const at29 = { simTime: 29_000 };
const at30 = { simTime: 30_000 };

describe("the painter draws a frame's figures for the moment the clock shows, whatever the wall clock did", () => {
  test("a seek's frame that arrives 5 ms after the last drawing is drawn in its first paint, not 75 ms later over the clock's new moment", () => {
    // hello-mesh, rates.spec (session 18): Shift+← drew 29.0 s's labels (43 / 45 / 32 / 32 req/s);
    // Shift+→'s frame at 30.0 s came within the 80 ms throttle and waited for its trailing timer.
    const s = new FigureSchedule(80);
    expect(s.wait(1000, at29, false)).toBe(0);
    s.draw(1000, at29, false);
    expect(s.wait(1005, at30, false)).toBe(0);
    s.draw(1005, at30, false);
    // Drawn: a paint with nothing new (a pan of the picture) waits as before.
    expect(s.wait(1010, at30, false)).toBe(75);
  });

  test('while playing, figures are drawn at most every 80 ms and a trailing drawing catches the last frame', () => {
    const s = new FigureSchedule(80);
    const frames = Array.from({ length: 6 }, (_, i) => ({ simTime: 16.7 * i }));
    expect(s.wait(0, frames[0], true)).toBe(0);
    s.draw(0, frames[0], true);
    expect(s.wait(16.7, frames[1], true)).toBeCloseTo(63.3, 6);
    expect(s.wait(50, frames[3], true)).toBe(30);
    expect(s.wait(83.5, frames[5], true)).toBe(0);
    // A pause right after play: the frame it answers is drawn at once.
    s.draw(83.5, frames[5], true);
    expect(s.wait(90, { simTime: 83.5 }, false)).toBe(0);
  });

  test("a large topology's tile titles follow each frame of a run standing still, and every 250 ms while playing", () => {
    const s = new FigureSchedule(200, 250);
    expect(s.draw(0, { simTime: 0 }, true)).toBe(true);
    expect(s.draw(200, { simTime: 200 }, true)).toBe(false);
    expect(s.draw(400, { simTime: 400 }, true)).toBe(true);
    // Paused, then seeked twice in quick succession: both frames' titles are drawn.
    expect(s.draw(410, at29, false)).toBe(true);
    expect(s.draw(430, at30, false)).toBe(true);
    // The same frame again (a redraw of the scene): not before its interval.
    expect(s.draw(440, at30, false)).toBe(false);
  });
});
