// Where a scenario's nodes are placed by hand, and which services are unfolded into replicas:
// the file's `layout`, then what was dragged (in this page, else the link's, the recipe's
// `layout`, else this browser's last for the scenario). TopologyView's layout state as one hook.
import { useEffect, useMemo, useRef, type RefObject } from 'react';
import { useStore } from 'zustand';
import type { NodePositions } from '../topology/layoutTypes';
import { layoutStore, overridesOf, setOverrides, unfoldedOf } from '../topology/layoutStore';
import { useAppStore, useServices } from '../state/useAppStore';

const NO_POSITIONS: NodePositions = {};

/** A scenario's hand placing: the positions to draw, the refs a drag reads, and how to place by hand. */
export interface HandPlaced {
  /** Dragged positions only (what Reset layout clears). */
  handPlaced: NodePositions;
  /** The file's positions with the dragged ones over them. */
  positions: NodePositions;
  unfolded: ReadonlySet<string>;
  handPlacedRef: RefObject<NodePositions>;
  filePositionsRef: RefObject<NodePositions>;
  unfoldedRef: RefObject<ReadonlySet<string>>;
  placeByHandRef: RefObject<(next: NodePositions, save: boolean) => void>;
  /** Places nodes by hand; saved, the link (the recipe) carries them too. */
  placeByHand: (next: NodePositions, save: boolean) => void;
}

/**
 * The hand placing of `scenarioName`. Positions this browser kept from before go into the recipe
 * once; a drag puts its own there when it ends (never a position on the way, which a reload
 * would then reopen). Writes the recipe (a store update) in an effect and in `placeByHand`.
 */
export function useHandPlaced(scenarioName: string): HandPlaced {
  const { store } = useServices();
  const filePositions = useAppStore((s) => s.info?.layout ?? NO_POSITIONS);
  const linkPositions = useAppStore((s) => s.recipe?.layout ?? null);
  const dragged = useStore(layoutStore, (s) => (s.layoutOverrides?.scenario === scenarioName ? s.layoutOverrides.positions : null));
  const unfoldedNames = useStore(layoutStore, (s) => (s.unfolded?.scenario === scenarioName ? s.unfolded.names : null));
  const handPlaced = useMemo(() => dragged ?? linkPositions ?? overridesOf(scenarioName), [dragged, linkPositions, scenarioName]);
  const positions = useMemo(() => ({ ...filePositions, ...handPlaced }), [filePositions, handPlaced]);
  const handPlacedRef = useRef(handPlaced);
  const filePositionsRef = useRef(filePositions);
  filePositionsRef.current = filePositions;
  const placeByHandRef = useRef<(next: NodePositions, save: boolean) => void>(() => {});
  handPlacedRef.current = handPlaced;
  // The link (the recipe) carries the dragged positions, so a share link opens them too.
  const placeByHand = (next: NodePositions, save: boolean) => {
    setOverrides(scenarioName, next, save);
    if (save) store.setState((d) => void (d.recipe && (Object.keys(next).length ? (d.recipe.layout = { ...next }) : delete d.recipe.layout)));
  };
  placeByHandRef.current = placeByHand;
  useEffect(() => {
    const r = store.getState().recipe;
    if (dragged === null && r && !r.layout && Object.keys(handPlaced).length > 0) store.setState((d) => void (d.recipe && (d.recipe.layout = { ...handPlaced })));
  }, [handPlaced, dragged, store, scenarioName]);
  const unfolded = useMemo(() => new Set(unfoldedNames ?? unfoldedOf(scenarioName)), [unfoldedNames, scenarioName]);
  const unfoldedRef = useRef<ReadonlySet<string>>(unfolded);
  unfoldedRef.current = unfolded;
  return { handPlaced, positions, unfolded, handPlacedRef, filePositionsRef, unfoldedRef, placeByHandRef, placeByHand };
}
