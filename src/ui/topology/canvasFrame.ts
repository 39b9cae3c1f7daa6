// What one draw of the canvas view works with, handed from renderCanvasTopology.ts's `draw` to
// each of its layers (node marks, what happened, labels): the target, the camera's scale and the
// design-to-screen mapping, the theme's colours, and the list of marks drawn so far.
import type { Camera } from './camera';
import type { GroupLayout } from './groupLayout';
import type { DrawnMark, MarkColours } from './canvasMarks';

/** The theme's colours, read from its CSS variables once per theme. CSS colours. */
export interface CanvasColours {
  stage: string;
  surface: string;
  ink: string;
  muted: string;
  edge: string;
  edgeStrong: string;
  request: string;
  failed: string;
  queued: string;
  /** The queue's dark ink (--queued-ink): a saturated node's fill. */
  queuedInk: string;
  down: string;
  line: string;
  ink2: string;
  failedInk: string;
}

/** One draw's view. `sx` and `sy` map design units to CSS px from the stage's top left. */
export interface CanvasFrame {
  /** The stage's canvas. */
  ctx: CanvasRenderingContext2D;
  camera: Camera;
  dpr: number;
  /** Screen px per design unit (camera zoom times the layout's scale), and design units per screen px. */
  k: number;
  px: number;
  /** Each edge drawn (zoomed in) rather than one per pair of groups. */
  detail: boolean;
  sx: (x: number) => number;
  sy: (y: number) => number;
  colours: CanvasColours;
  markColours: MarkColours;
  /** Label text, CSS px, and the theme's font family. */
  font: number;
  family: string;
  /** What this draw drew, for tests (DrawnScene). Appended to by each layer. */
  marks: DrawnMark[];
}

/** Where the line standing for group edge `i` runs, design units: [x0, y0, x1, y1]. Pure. */
export function groupEdgeEnds(layout: GroupLayout, i: number): [number, number, number, number] {
  const ge = layout.groupEdges[i];
  const a = layout.groups[ge.from];
  const b = layout.groups[ge.to];
  const forward = b.x > a.x + a.w;
  return [forward ? a.x + a.w : a.x + a.w / 2, forward ? a.y + a.h / 2 : a.y + a.h, forward ? b.x : b.x + b.w / 2, forward ? b.y + b.h / 2 : b.y];
}
