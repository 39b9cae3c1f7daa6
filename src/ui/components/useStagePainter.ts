// The topology picture's painter: one animation frame at a time, it draws the latest frame's
// dots on the traffic canvas every time, the canvas scene when it is dirty, and the load
// indicators and figures of the frame on show, the one the clock and counters show
// (FrameChannel.shown; figureSchedule.ts). Frames arrive through the frame channel, outside React.
import { useEffect, type RefObject } from 'react';
import { DOT_STRIDE, PASSED_STRIDE, type Frame } from '../../workers/protocol';
import type { FrameChannel } from '../state/frameChannel';
import type { TopologyScene } from '../topology/renderTopology';
import type { CanvasTopologyScene } from '../topology/canvasScene';
import { nextTask } from '../sim/nextTask';
import { warmCanvasFonts } from '../topology/canvasFontWarm';
import { IDENTITY_CAMERA, type CameraControl } from '../topology/camera';
import type { EdgeRates } from '../topology/edgeRates';
import { drawTraffic, fitCanvas, type TrafficView } from '../traffic/drawTraffic';
import { ringedDots } from '../traffic/dotAt';
import { feedPulses, litLanes, momentPulses, type Pulses } from '../traffic/pulses';
import { FigureSchedule } from './figureSchedule';

/**
 * A small topology's load indicators and link labels (SVG) follow each frame put on show, as the
 * counters and the clock do (STATS_INTERVAL_MS, 100 ms, while playing): no timer of their own.
 */
const LOAD_INTERVAL_MS = 0;
/** A large topology's figures (tile titles, failing rings) change at most this often. */
const RATES_INTERVAL_MS = 250;
/**
 * A large topology's node marks follow the frames at most this often. NOTE: each redraw of the
 * canvas scene costs a software-rasterised canvas 4-5 ms at 1,000 services; at 80 ms it was a
 * good part of every other frame's budget while playing (issue 11: no task over 50 ms).
 */
const BIG_LOAD_INTERVAL_MS = 200;

/** Large scenes whose canvases have their pixels (or are being drawn anyway). */
const prepared = new WeakSet<CanvasTopologyScene>();
/** Stage canvases a large scene was drawn on: resized, they keep showing it until the next draw. */
const shownScene = new WeakSet<HTMLCanvasElement>();

/** What the painter reads of TopologyView, as refs; it sets `paintRef` to ask for a paint. */
export interface PainterRefs {
  canvasRef: RefObject<HTMLCanvasElement | null>;
  sceneCanvasRef: RefObject<HTMLCanvasElement | null>;
  viewRef: RefObject<TrafficView | null>;
  cameraRef: RefObject<CameraControl | null>;
  bigRef: RefObject<CanvasTopologyScene | null>;
  sceneRef: RefObject<TopologyScene | null>;
  /** The canvas scene needs drawing again (the camera moved, a figure changed). */
  dirtyRef: RefObject<boolean>;
  ratesRef: RefObject<EdgeRates>;
  pulsesRef: RefObject<Pulses | null>;
  outlineRef: RefObject<string>;
  ringRef: RefObject<string>;
  paintRef: RefObject<() => void>;
  /** Whether play streams frames now (figures throttled); otherwise each new frame's figures are drawn in its first paint. */
  playing: () => boolean;
}

/**
 * Paints the stage of `size` from `frames` (again when either changes): each frame's fast
 * traffic is counted, even when several frames share one paint, and a change of the window's
 * pixel ratio redraws the canvases sharp. `r` must be the same object from render to render.
 */
export function useStagePainter(frames: FrameChannel, size: { width: number; height: number } | null, r: PainterRefs): void {
  useEffect(() => {
    const { canvasRef, sceneCanvasRef, viewRef, cameraRef, bigRef, sceneRef, dirtyRef, ratesRef, pulsesRef, outlineRef, ringRef, paintRef, playing } = r;
    let raf = 0;
    let trailing = 0;
    // The scene the figures were last drawn into: a scene drawn anew (unfolded, folded, another
    // mode) gets the figures on show in its first paint, whether or not a new frame came.
    let figuresScene: unknown = null;
    // A large topology's figures change less often (RATES_INTERVAL_MS) than its marks.
    const small = new FigureSchedule(LOAD_INTERVAL_MS);
    const large = new FigureSchedule(BIG_LOAD_INTERVAL_MS, RATES_INTERVAL_MS);
    // At rest the lanes are the moment's (momentPulses), built once per frame.
    let rest: { frame: Frame; pulses: Pulses } | null = null;
    const lanesFor = (frame: Frame | null): Pulses | null => {
      const live = pulsesRef.current;
      if (!live || !frame || playing()) return live;
      if (rest?.frame !== frame) rest = { frame, pulses: momentPulses(live.level.length / PASSED_STRIDE, frame.recent, frame.dots, frame.simTime) };
      return rest.pulses;
    };
    const paint = () => {
      raf = 0;
      const canvas = canvasRef.current;
      const view = viewRef.current;
      if (!canvas || !view || !size) return;
      const camera = cameraRef.current?.camera ?? IDENTITY_CAMERA;
      const now = performance.now();
      const big = bigRef.current;
      const loadNow = () => {
        trailing = 0;
        const shown = frames.shown;
        const scene = bigRef.current ?? sceneRef.current;
        const newScene = scene !== figuresScene;
        figuresScene = scene;
        if (bigRef.current) {
          const rates = large.draw(performance.now(), shown, playing()) || newScene;
          if (bigRef.current.updateLoad(shown?.nodes ?? null)) dirtyRef.current = true;
          if (rates && bigRef.current.updateRates(ratesRef.current.rate)) dirtyRef.current = true;
          if (dirtyRef.current) paintRef.current();
        } else {
          small.draw(performance.now(), shown, playing());
          sceneRef.current?.updateLoad(shown?.nodes ?? null);
          sceneRef.current?.updateEdgeLabels(ratesRef.current.rate);
        }
        // What the figures drawn are for, for tests and tools: the frame's time and the labels' window.
        if (shown) {
          canvas.dataset.figuresAt = String(shown.simTime);
          canvas.dataset.figuresFrom = String(shown.recentFromMs);
          canvas.dataset.figuresTo = String(shown.recentToMs);
        }
      };
      const wait = (big ?? sceneRef.current) !== figuresScene ? 0 : (big ? large : small).wait(now, frames.shown, playing());
      if (wait <= 0) loadNow();
      else if (wait !== Number.POSITIVE_INFINITY && !trailing) trailing = window.setTimeout(loadNow, wait);
      const dpr = fitCanvas(canvas, size.width, size.height);
      if (big && dirtyRef.current && sceneCanvasRef.current && !ready(big, sceneCanvasRef.current, dpr)) {
        // Drawn once its canvases have their pixels, each made in a task of its own (prepareStep).
      } else if (big && dirtyRef.current && sceneCanvasRef.current) {
        dirtyRef.current = false;
        fitCanvas(sceneCanvasRef.current, size.width, size.height);
        const sctx = sceneCanvasRef.current.getContext('2d');
        if (sctx) big.draw(sctx, camera, dpr);
        // The stage's size this picture was drawn at, CSS px ("1600x912"), for tests: after a
        // resize the old size's picture stays up until this draw (prepareStep), its marks the old layout's.
        sceneCanvasRef.current.dataset.drawnAt = `${size.width}x${size.height}`;
        shownScene.add(sceneCanvasRef.current);
      }
      const ctx = canvas.getContext('2d');
      const lanes = lanesFor(frames.latest);
      if (ctx) drawTraffic(ctx, view, frames.latest, lanes, dpr, now, outlineRef.current, camera, ringRef.current);
      // The lanes lit at rest, for tests and tools ("edge:slot ..."; absent while playing).
      if (lanes === rest?.pulses) canvas.dataset.lanes = litLanes(lanes);
      else delete canvas.dataset.lanes;
      canvas.dataset.dots = String((frames.latest?.dots.length ?? 0) / DOT_STRIDE);
      canvas.dataset.ringed = ringedDots(frames.latest, view, camera);
      canvas.dataset.failed = ringedDots(frames.latest, view, camera, 20, true);
    };
    paintRef.current = () => {
      if (!raf) raf = requestAnimationFrame(paint);
    };
    // A new large scene's canvases get their pixels one a task (CanvasTopologyScene.prepare), the
    // stage's own first while it has shown no scene (resized later, it keeps its picture until
    // the draw); then the scene is drawn in the next paint.
    let preparing: CanvasTopologyScene | null = null;
    let live = true;
    const prepareStep = (big: CanvasTopologyScene, screen: HTMLCanvasElement, dpr: number) => {
      if (!live || bigRef.current !== big || !size) return;
      const w = Math.max(1, Math.round(size.width * dpr));
      const h = Math.max(1, Math.round(size.height * dpr));
      const first = !shownScene.has(screen) && (screen.width !== w || screen.height !== h);
      if (first) {
        fitCanvas(screen, size.width, size.height);
        screen.getContext('2d')?.setTransform(1, 0, 0, 1, 0, 0);
      }
      if (first || big.prepare(w, h)) {
        void nextTask().then(() => prepareStep(big, screen, dpr));
        return;
      }
      // Then its cached layers, in a task of their own before the draw that puts them on screen.
      const sctx = screen.getContext('2d');
      if (sctx) big.draw(sctx, cameraRef.current?.camera ?? IDENTITY_CAMERA, dpr, true);
      prepared.add(big);
      preparing = null;
      paintRef.current();
    };
    const ready = (big: CanvasTopologyScene, screen: HTMLCanvasElement, dpr: number) => {
      if (prepared.has(big)) return true;
      if (preparing !== big) {
        preparing = big;
        void nextTask().then(() => prepareStep(big, screen, dpr));
      }
      return false;
    };
    // Every frame's fast traffic is counted, even when several frames share one paint.
    const unsubscribe = frames.subscribe((frame) => {
      if (pulsesRef.current) feedPulses(pulsesRef.current, frame.passed, frame.simTime, performance.now());
      paintRef.current();
    });
    // The figures are those of the frame on show (the clock's and the counters').
    if (frames.shown) ratesRef.current.sample(frames.shown);
    const unsubscribeShown = frames.subscribeShown((frame) => {
      ratesRef.current.sample(frame);
      paintRef.current();
    });
    // The window moved to a screen with another pixel ratio: redraw the canvas sharp.
    let dprQuery: MediaQueryList | null = null;
    const onDpr = () => {
      dprQuery?.removeEventListener('change', onDpr);
      dprQuery = matchMedia(`(resolution: ${window.devicePixelRatio}dppx)`);
      dprQuery.addEventListener('change', onDpr);
      dirtyRef.current = true;
      paintRef.current();
    };
    onDpr();
    paintRef.current();
    warmCanvasFonts();
    return () => {
      live = false;
      dprQuery?.removeEventListener('change', onDpr);
      unsubscribe();
      unsubscribeShown();
      cancelAnimationFrame(raf);
      clearTimeout(trailing);
    };
  }, [frames, size, r]);
}
