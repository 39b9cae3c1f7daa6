// Pan and zoom, held apart from the scene (after sigma.js's camera): d3-zoom turns wheel,
// drag and pinch into a transform, and moving it only redraws; nothing is laid out again.
import { select, zoom, zoomIdentity, type ZoomBehavior } from 'd3';

/** Screen = k × (the scene's own screen position) + (x, y); CSS pixels. */
export interface Camera {
  k: number;
  x: number;
  y: number;
}

export const IDENTITY_CAMERA: Camera = Object.freeze({ k: 1, x: 0, y: 0 });

/** Nearest and farthest zoom, relative to the fitted picture. */
export const ZOOM_EXTENT: [number, number] = [0.5, 60];

export interface CameraControl {
  readonly camera: Camera;
  /** Moves the camera so that the scene's screen point (sx, sy) is centred, at zoom `k`. */
  centreOn(sx: number, sy: number, k: number, width: number, height: number): void;
  /** Back to the fitted picture. */
  reset(): void;
  detach(): void;
}

/**
 * When the mouse wheel zooms the picture: `always` (the single view, whose stage fills the
 * window and never scrolls), or `modifier`, only with Ctrl or ⌘ held (a trackpad's pinch sends
 * the wheel with Ctrl): a compare pane is part of a page that scrolls, and a wheel turned over
 * it must scroll that page, not zoom (session 9's new-user pass at 1024x768).
 */
export type WheelZoom = 'always' | 'modifier';

/** The events a pointer or wheel event is read from, as d3-zoom's filter gets them. */
export interface ZoomInput {
  type: string;
  ctrlKey: boolean;
  metaKey: boolean;
  button: number;
}

/**
 * d3-zoom's filter for `wheel`: its default (no Ctrl-drag, no secondary button; a wheel always)
 * with, for `modifier`, a wheel let through only with Ctrl or ⌘. A wheel filtered out is not
 * taken (no preventDefault), so the page scrolls. Pure.
 */
export function zoomFilter(wheel: WheelZoom): (e: ZoomInput) => boolean {
  return (e) => (e.type === 'wheel' ? wheel === 'always' || e.ctrlKey || e.metaKey : !e.ctrlKey && !e.button);
}

/**
 * Puts d3-zoom on `el` and calls `onChange` with every new camera. Double-click does not zoom
 * (a double click is for the picture); the wheel zooms as `wheel` says. Impure: listens on `el`.
 */
export function attachCamera(el: HTMLElement, onChange: (camera: Camera) => void, wheel: WheelZoom = 'always'): CameraControl {
  let camera: Camera = IDENTITY_CAMERA;
  // NOTE: d3-zoom's default extent reads el.clientWidth and clientHeight on every transform,
  // which forced a layout of the whole page when the camera was reset in the task that renders
  // a newly opened scenario (~90 ms with 1,000 services' panels, bench:ui openLongestTaskMs). The
  // same figures as the observer last read them (after a layout, so not forced) serve instead.
  let extent: [[number, number], [number, number]] | null = null;
  const observer = new ResizeObserver(() => void (extent = [[0, 0], [el.clientWidth, el.clientHeight]]));
  observer.observe(el);
  const behaviour: ZoomBehavior<HTMLElement, unknown> = zoom<HTMLElement, unknown>()
    .extent(() => extent ?? [[0, 0], [el.clientWidth, el.clientHeight]])
    .scaleExtent(ZOOM_EXTENT)
    .filter(zoomFilter(wheel))
    .on('zoom', (e: { transform: { k: number; x: number; y: number } }) => {
      camera = { k: e.transform.k, x: e.transform.x, y: e.transform.y };
      onChange(camera);
    });
  const sel = select(el);
  sel.call(behaviour).on('dblclick.zoom', null);
  return {
    get camera() {
      return camera;
    },
    centreOn(sx, sy, k, width, height) {
      const kk = Math.max(ZOOM_EXTENT[0], Math.min(ZOOM_EXTENT[1], k));
      behaviour.transform(sel, zoomIdentity.translate(width / 2 - kk * sx, height / 2 - kk * sy).scale(kk));
    },
    reset() {
      behaviour.transform(sel, zoomIdentity);
    },
    detach() {
      observer.disconnect();
      sel.on('.zoom', null);
    },
  };
}
