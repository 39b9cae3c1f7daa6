import { describe, expect, test } from 'vitest';
import { FigureSchedule } from '../../src/ui/components/figureSchedule';
import { createFrameChannel } from '../../src/ui/state/frameChannel';
import { STATS_INTERVAL_MS } from '../../src/ui/sim/controllerApi';
import type { Frame } from '../../src/workers/protocol';

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
    // Drawn: a paint with nothing new (a pan of the picture) draws no figures.
    expect(s.wait(1010, at30, false)).toBe(Number.POSITIVE_INFINITY);
    expect(s.wait(2000, at30, true)).toBe(Number.POSITIVE_INFINITY);
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

describe('the figures a person reads together are of one moment, on one schedule', () => {
  test("while playing at 10x, the link labels drawn at every paint are of the frame the clock and counters show, never of a frame between their updates", () => {
    // As runCore.accept does: every frame published, the store's counters and the frame on show
    // every STATS_INTERVAL_MS; the painter (interval 0 for a small topology) at each paint.
    const frames = createFrameChannel();
    const painter = new FigureSchedule(0);
    let clock: Frame | null = null;
    let labels: Frame | null = null;
    let statsAt = Number.NEGATIVE_INFINITY;
    const drawnMoments = new Set<number>();
    for (let i = 0; i < 120; i++) {
      const now = 16.7 * i;
      const frame = { simTime: Math.round(167 * i), recentFromMs: 0, recentToMs: 0 } as Frame;
      frames.publish(frame);
      if (now - statsAt >= STATS_INTERVAL_MS) {
        statsAt = now;
        frames.show(frame);
        clock = frame;
      }
      if (painter.wait(now, frames.shown, true) <= 0) {
        painter.draw(now, frames.shown, true);
        labels = frames.shown;
        drawnMoments.add(labels!.simTime);
      }
      expect(labels).toBe(clock);
    }
    // Each moment the clock showed was drawn: 120 frames of 16.7 ms, one in 6 on show (100.2 ms apart).
    expect(drawnMoments.size).toBe(20);
  });

  test('a frame put on show twice is heard once, and a new scenario forgets it', () => {
    const frames = createFrameChannel();
    const heard: number[] = [];
    const off = frames.subscribeShown((f) => heard.push(f.simTime));
    const f = { simTime: 29_950 } as Frame;
    frames.show(f);
    frames.show(f);
    expect(heard).toEqual([29_950]);
    expect(frames.shown).toBe(f);
    frames.clear();
    expect(frames.shown).toBeNull();
    off();
    frames.show({ simTime: 1 } as Frame);
    expect(heard).toEqual([29_950]);
  });
});
