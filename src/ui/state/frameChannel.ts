// The newest simulation frame, held outside React. Frames carry typed arrays and arrive up to
// once per screen refresh; the canvas reads them here instead of through component state. The
// frame whose figures are on show (the clock, the counters, the link labels, the inspector's last
// second) is kept here too, so every figure a person reads together is of one moment.
import type { Frame } from '../../workers/protocol';

export type FrameListener = (frame: Frame) => void;

export interface FrameChannel {
  /** The newest frame published, or null before the first one of a run. */
  readonly latest: Frame | null;
  publish(frame: Frame): void;
  /**
   * Makes `frame` the latest without telling anyone: a frame a seek passes through and does not
   * draw (sim/runCore.ts accept, SEEK_SHOW_INTERVAL_MS). `latest` still says where the run is, so
   * the next seek knows whether to go on or start again from zero; nothing on screen changes.
   */
  hold(frame: Frame): void;
  /**
   * The frame whose figures are on show, or null before the first: the one the store's counters
   * and clock were last set from (every STATS_INTERVAL_MS while playing, every frame while the run
   * stands still). The link labels and the inspector's "req/s sent, last second" are drawn from it,
   * so all of them are of one moment, on one schedule.
   */
  readonly shown: Frame | null;
  /** Puts `frame`'s figures on show (call where the store's stats are set from it). */
  show(frame: Frame): void;
  /** Forgets the latest and the shown frame (a new scenario is coming). */
  clear(): void;
  /** Returns the unsubscribe function. */
  subscribe(listener: FrameListener): () => void;
  /** Hears each frame put on show; returns the unsubscribe function. */
  subscribeShown(listener: FrameListener): () => void;
}

export function createFrameChannel(): FrameChannel {
  let latest: Frame | null = null;
  let shown: Frame | null = null;
  const listeners = new Set<FrameListener>();
  const shownListeners = new Set<FrameListener>();
  return {
    get latest() {
      return latest;
    },
    get shown() {
      return shown;
    },
    publish(frame) {
      latest = frame;
      for (const l of listeners) l(frame);
    },
    hold(frame) {
      latest = frame;
    },
    show(frame) {
      if (frame === shown) return;
      shown = frame;
      for (const l of shownListeners) l(frame);
    },
    clear() {
      latest = null;
      shown = null;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    subscribeShown(listener) {
      shownListeners.add(listener);
      return () => shownListeners.delete(listener);
    },
  };
}
