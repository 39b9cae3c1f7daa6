// What the story and the faults mark on the topology picture: the narrative step's highlight
// and the active faults' tags, read from the store and put on the scene drawn.
import { useEffect, useMemo, useRef, type RefObject } from 'react';
import { stepAt } from '../narrative/steps';
import { useAppStore } from '../state/useAppStore';
import type { TopologyScene } from '../topology/renderTopology';
import type { CanvasTopologyScene } from '../topology/canvasScene';

const NO_HIGHLIGHT: readonly string[] = [];

/** The marks on show now, and refs to them for a scene drawn later. */
export interface StageMarks {
  /** The names the narrative's current step highlights. */
  highlight: readonly string[];
  /** The active faults (injected, not pending, not ended): kind and target. */
  faults: readonly { type: string; target: string }[];
  highlightRef: RefObject<readonly string[]>;
  faultsRef: RefObject<readonly { type: string; target: string }[]>;
}

/**
 * The step's highlight and the active faults, re-rendering only when the step or the set of
 * faults changes. The refs are what every new scene shows from its first paint: a redraw for a
 * reason the effects of useShowMarks do not list (a picked request's focus, Fit, the large text)
 * made a scene without them, and catalog's "⚡ HTTP errors" vanished while its failed request was
 * being read.
 */
export function useStageMarks(): StageMarks {
  const highlight = useAppStore((s) => {
    const steps = s.info?.narrative ?? [];
    const i = stepAt(steps, s.stats.simTime);
    return i >= 0 ? steps[i].highlight : NO_HIGHLIGHT;
  });
  // Active faults as one string, so the component re-renders only when the set changes.
  const faultKey = useAppStore((s) =>
    s.faults
      .filter((f) => !f.pending && f.endMs === null)
      .map((f) => `${f.type}\u0000${f.target}`)
      .join('\u0001'),
  );
  // Parsed once a set.
  const faults = useMemo(() => (faultKey ? faultKey.split('\u0001').map((k) => ({ type: k.split('\u0000')[0], target: k.split('\u0000')[1] })) : []), [faultKey]);
  const faultsRef = useRef<readonly { type: string; target: string }[]>(faults);
  faultsRef.current = faults;
  const highlightRef = useRef(highlight);
  highlightRef.current = highlight;
  return { highlight, faults, highlightRef, faultsRef };
}

/** The scenes a mark goes on, and how to ask for a paint. */
export interface MarkedScenes {
  sceneRef: RefObject<TopologyScene | null>;
  bigRef: RefObject<CanvasTopologyScene | null>;
  dirtyRef: RefObject<boolean>;
  paintRef: RefObject<() => void>;
}

/** Puts a new step's highlight and a new set of faults on the scene drawn (a scene drawn anew takes both itself). */
export function useShowMarks(m: StageMarks, r: MarkedScenes): void {
  const { highlight, faults } = m;
  useEffect(() => {
    r.sceneRef.current?.highlight(highlight);
    r.bigRef.current?.highlight(highlight);
    r.dirtyRef.current = true;
    r.paintRef.current();
  }, [highlight]); // eslint-disable-line react-hooks/exhaustive-deps
  useEffect(() => {
    r.sceneRef.current?.showFaults(faults);
    r.bigRef.current?.showFaults(faults);
    r.dirtyRef.current = true;
    r.paintRef.current();
  }, [faults]); // eslint-disable-line react-hooks/exhaustive-deps
}
