// The newest simulation frame, held outside React. Frames carry typed arrays and arrive up to
// once per screen refresh; the canvas reads them here instead of through component state.
import type { Frame } from '../../workers/protocol';

export type FrameListener = (frame: Frame) => void;

export interface FrameChannel {
  /** The newest frame published, or null before the first one of a run. */
  readonly latest: Frame | null;
  publish(frame: Frame): void;
  /** Forgets the latest frame (a new scenario is coming). */
  clear(): void;
  /** Returns the unsubscribe function. */
  subscribe(listener: FrameListener): () => void;
}

export function createFrameChannel(): FrameChannel {
  let latest: Frame | null = null;
  const listeners = new Set<FrameListener>();
  return {
    get latest() {
      return latest;
    },
    publish(frame) {
      latest = frame;
      for (const l of listeners) l(frame);
    },
    clear() {
      latest = null;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
