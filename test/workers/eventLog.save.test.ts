import { describe, expect, it } from 'vitest';
import { EventLog, LOG_CHUNK, type SavedLog } from '../../src/workers/eventLog';

/** Event `e` of a made-up run (`salt` makes another run). */
const feed = (log: EventLog, from: number, to: number, salt = 0) => {
  for (let e = from; e < to; e++) log.record(e * 0.5 + salt, (e + salt) % 20, e % 7, e + 1);
};

/** What a person sees of a log: its first and last rows, and a filtered page (not its epoch). */
const seen = (log: EventLog) => {
  const total = log.query(0, 0).total;
  return [log.query(0, 3), log.query(Math.max(0, total - 3), 3), log.query(1, 4, { kind: 5 })].map(({ epoch: _epoch, ...rows }) => rows);
};
const sameRows = (a: EventLog, b: EventLog) => expect(seen(a)).toEqual(seen(b));

describe('a saved event log', () => {
  it('reads back as the log it was saved from, while growing, at capacity and after the ring wrapped, and stays so as the log goes on', () => {
    const capacity = 100_000;
    const log = new EventLog(1, capacity);
    const saves: [number, SavedLog][] = [];
    let prev: SavedLog | null = null;
    let at = 0;
    for (const point of [10, 70_000, 99_999, 130_000, 200_001, 420_000]) {
      feed(log, at, point);
      at = point;
      prev = log.save(prev);
      saves.push([point, prev]);
      const back = EventLog.fromSave(prev, 2);
      expect(back.recorded).toBe(point);
      sameRows(back, log);
      // The restored log records on as the original does.
      feed(back, point, point + 5000);
      const ahead = new EventLog(3, capacity);
      feed(ahead, 0, point + 5000);
      sameRows(back, ahead);
    }
    // Each save still reads as a log fed to its point, after the live log went on past it.
    for (const [point, saved] of saves) {
      const fresh = new EventLog(4, capacity);
      feed(fresh, 0, point);
      sameRows(EventLog.fromSave(saved, 5), fresh);
    }
  });

  it('shares with the previous save exactly the chunks no event was written into since', () => {
    const capacity = 100_000;
    const log = new EventLog(1, capacity);
    feed(log, 0, 99_999);
    const first = log.save(null);
    // Rows 0-32767, 32768-65535, 65536-98303 and 98304-99999.
    expect(first.chunks.map((c) => c.time.length)).toEqual([LOG_CHUNK, LOG_CHUNK, LOG_CHUNK, capacity - 3 * LOG_CHUNK]);
    // Events 99,999 to 129,999 go into slot 99,999 (chunk 3) and, wrapped, slots 0-29,999 (chunk 0).
    feed(log, 99_999, 130_000);
    const second = log.save(first);
    expect(second.chunks.map((c, i) => c === first.chunks[i])).toEqual([false, true, true, false]);
    // A save long after (more than a capacity of events since) shares nothing.
    feed(log, 130_000, 231_000);
    expect(log.save(second).chunks.some((c, i) => c === second.chunks[i])).toBe(false);
  });

  it("reads back as saved when it takes over a dropped log's arrays, whatever they held", () => {
    const log = new EventLog(1, 100_000);
    feed(log, 0, 150_000);
    const saved = log.save(null);
    const dropped = new EventLog(1, 100_000);
    feed(dropped, 0, 180_000, 3);
    const back = EventLog.fromSave(saved, 2, dropped);
    sameRows(back, log);
    // A dropped log of another length is left alone.
    const short = new EventLog(1, 100_000);
    feed(short, 0, 10, 3);
    sameRows(EventLog.fromSave(saved, 2, short), log);
  });

  it('shares nothing with a save of another run, even at the same point', () => {
    const a = new EventLog(1, 100_000);
    const b = new EventLog(1, 100_000);
    feed(a, 0, 40_000);
    feed(b, 0, 40_000, 1);
    const fromA = a.save(null);
    feed(b, 40_000, 41_000, 1);
    const fromB = b.save(fromA);
    expect(fromB.chunks.some((c, i) => c === fromA.chunks[i])).toBe(false);
    const fresh = new EventLog(2, 100_000);
    feed(fresh, 0, 41_000, 1);
    sameRows(EventLog.fromSave(fromB, 3), fresh);
  });
});
