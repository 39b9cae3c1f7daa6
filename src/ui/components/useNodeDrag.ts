// Dragging a node of the topology picture, in either view: the SVG drawing moves in place with
// its fit kept while the pointer moves, the canvas view places the node in its group; the drop
// keeps the positions (layoutStore, and the recipe's link). A press elsewhere still pans.
import { useEffect, type RefObject } from 'react';
import type { ScenarioInfo } from '../../workers/protocol';
import { computeLayout } from '../topology/layout';
import type { LayoutFit, NodePositions } from '../topology/layoutTypes';
import { attachNodeDrag, screenToDesign, tilesOwnPositions, withPosition } from '../topology/drag';
import { Cell } from '../topology/groupLayout';
import { IDENTITY_CAMERA, type CameraControl } from '../topology/camera';
import type { TopologyScene } from '../topology/renderTopology';
import type { CanvasTopologyScene } from '../topology/canvasScene';

/** The fit the SVG drawing had when a node was picked up (TopologyView's `fitLockRef`). */
export interface FitLock {
  topology: unknown;
  width: number;
  height: number;
  left: number;
  top: number;
  unfolded: unknown;
  presenter: boolean;
  fit: LayoutFit;
  /** What was inspected when the held fit was first drawn (drawStage): a new pick it leaves off stage lets it go. */
  focus?: readonly number[];
}

/** What the drag reads and writes of TopologyView, as refs (read when the pointer moves, not when rendered). */
export interface DragRefs {
  boxRef: RefObject<HTMLDivElement | null>;
  bigRef: RefObject<CanvasTopologyScene | null>;
  sceneRef: RefObject<TopologyScene | null>;
  cameraRef: RefObject<CameraControl | null>;
  fitLockRef: RefObject<FitLock | null>;
  handPlacedRef: RefObject<NodePositions>;
  filePositionsRef: RefObject<NodePositions>;
  unfoldedRef: RefObject<ReadonlySet<string>>;
  presenterRef: RefObject<boolean>;
  /** Roomier columns (LayoutOptions.roomy): the single view's large text, and a compare pane's presenter geometry. */
  roomyRef?: RefObject<boolean>;
  floorRef: RefObject<{ minScale: number }>;
  placeByHandRef: RefObject<(next: NodePositions, save: boolean) => void>;
  paintRef: RefObject<() => void>;
}

/**
 * Attaches node dragging to the stage for `topology` (again when it changes). A pick on the
 * canvas takes a node only where its own mark is drawn (zoomed in); on the SVG, once the node
 * moves, it locks the drawing's fit (`fitLockRef`) so only the dragged node moves (a plain click
 * locks nothing). `r` must be the same object
 * from render to render (useMemo).
 */
export function useNodeDrag(topology: ScenarioInfo['topology'] | null, scenarioName: string, r: DragRefs): void {
  useEffect(() => {
    const { boxRef, bigRef, sceneRef, cameraRef, fitLockRef, handPlacedRef, filePositionsRef, unfoldedRef, presenterRef, roomyRef, floorRef, placeByHandRef, paintRef } = r;
    const box = boxRef.current;
    if (!box || !topology) return;
    const local = (e: PointerEvent) => {
      const r = box.getBoundingClientRect();
      return { sx: e.clientX - r.left, sy: e.clientY - r.top };
    };
    const base = () => bigRef.current?.layout ?? sceneRef.current?.layout ?? null;
    const toDesign = (e: PointerEvent) => {
      const { sx, sy } = local(e);
      return screenToDesign(sx, sy, cameraRef.current?.camera ?? IDENTITY_CAMERA, base() ?? { scale: 1, tx: 0, ty: 0 });
    };
    let moved: NodePositions = {};
    /** The fit taken when a node was picked up, held (fitLockRef) once it moves. */
    let held: FitLock | null = null;
    const hold = () => {
      if (held) fitLockRef.current = held;
      held = null;
    };
    const detach = attachNodeDrag(box, {
      pick(e) {
        moved = handPlacedRef.current;
        held = null;
        const big = bigRef.current;
        if (big) {
          // On the canvas, a node is picked only where its own mark is drawn (zoomed in), and not
          // in a small picture's fold: its positions are the SVG drawing's (tilesOwnPositions).
          if (!tilesOwnPositions(topology.nodes.length)) return null;
          const l = big.layout;
          const c = cameraRef.current?.camera ?? IDENTITY_CAMERA;
          if (Cell.step * l.scale * c.k < 12) return null;
          const p = toDesign(e);
          const half = Cell.size / 2 + 2;
          for (const n of topology.nodes) {
            const g = l.groupOf[n.id];
            if (g >= 0 && big.isHidden(g)) continue;
            if (Math.abs(l.x[n.id] - p.x) <= half && Math.abs(l.y[n.id] - p.y) <= half) return { name: n.name, x: l.x[n.id], y: l.y[n.id] };
          }
          return null;
        }
        const el = (e.target as Element | null)?.closest?.('[data-node]');
        const name = el?.getAttribute('data-node');
        const l = sceneRef.current?.layout;
        const placed = name ? l?.nodes.find((p) => p.node.name === name) : undefined;
        if (!placed || !l) return null;
        // Once it is dragged the drawing keeps this fit: only the dragged node moves. A plain
        // click holds nothing, so a node newly picked beside the inspector is brought on stage
        // (keptPicture.ts centres it where the picture is cut).
        const f = fitLockRef.current;
        const r = box.getBoundingClientRect();
        held = !f || f.topology !== topology ? { topology, width: l.width, height: l.height, left: r.left, top: r.top, unfolded: unfoldedRef.current, presenter: presenterRef.current, fit: { scale: l.scale, tx: l.tx, ty: l.ty } } : null;
        return { name: placed.node.name, x: placed.x, y: placed.y };
      },
      toDesign,
      move(name, x, y) {
        hold();
        moved = withPosition(moved, name, x, y);
        // The SVG drawing moves in place, with the fit and arrangement kept (beside the inspector
        // that is the whole stage's, keptPicture.ts); the drop draws it all again.
        const scene = sceneRef.current;
        const lock = fitLockRef.current;
        if (scene && lock && !bigRef.current) {
          const l = scene.layout;
          const opts = { positions: { ...filePositionsRef.current, ...moved }, unfolded: unfoldedRef.current, minScale: presenterRef.current ? floorRef.current.minScale : undefined, presenter: presenterRef.current, roomy: roomyRef?.current === true, fit: lock.fit, arrangement: l.arrangement };
          scene.moveNodes(computeLayout(topology, l.width, l.height, opts));
          paintRef.current();
          return;
        }
        placeByHandRef.current(moved, false);
      },
      end(name, x, y) {
        hold();
        moved = withPosition(moved, name, x, y);
        placeByHandRef.current(moved, true);
      },
    });
    return detach;
  }, [topology, scenarioName, r]);
}
