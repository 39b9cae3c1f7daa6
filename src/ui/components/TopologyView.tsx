// The topology picture: an SVG drawn by renderTopology and a canvas of moving dots laid
// exactly over it. React only mounts them and reacts to a new topology or a resize; frames
// reach the canvas through the frame channel, outside React renders.
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { PASSED_STRIDE } from '../../workers/protocol';
import { computeLayout } from '../topology/layout';
import { renderTopology, type TopologyScene } from '../topology/renderTopology';
import { drawTraffic, fitCanvas } from '../traffic/drawTraffic';
import { createPulses, feedPulses, type Pulses } from '../traffic/pulses';
import { useAppStore, useServices } from '../state/useAppStore';
import { stepAt } from '../narrative/steps';
import { createEdgeRates } from '../topology/edgeRates';
import { dotOutline } from '../theme/theme';
import { Legend } from './Legend';

const NO_HIGHLIGHT: readonly string[] = [];

/** Load indicators are SVG; update them at most this often while frames stream in. */
const LOAD_INTERVAL_MS = 80;

export function TopologyView() {
  const topology = useAppStore((s) => s.info?.topology ?? null);
  const title = useAppStore((s) => s.info?.title ?? '');
  // The narrative's current step says what to highlight; re-rendered only when the step changes.
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
  const { frames } = useServices();
  const boxRef = useRef<HTMLDivElement>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const sceneRef = useRef<TopologyScene | null>(null);
  const drawnTopologyRef = useRef<unknown>(null);
  const pulsesRef = useRef<Pulses | null>(null);
  const ratesRef = useRef(createEdgeRates());
  const theme = useAppStore((s) => s.theme);
  const outlineRef = useRef('#ffffff');
  const paintRef = useRef<() => void>(() => {});
  const [size, setSize] = useState<{ width: number; height: number } | null>(null);

  useLayoutEffect(() => {
    const box = boxRef.current!;
    const measure = () => {
      const r = box.getBoundingClientRect();
      const width = Math.floor(r.width);
      const height = Math.floor(r.height);
      setSize((s) => (s && s.width === width && s.height === height ? s : { width, height }));
    };
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(box);
    return () => ro.disconnect();
  }, []);

  // The painter: draws the latest frame's dots every time, the load indicators throttled.
  useEffect(() => {
    let raf = 0;
    let lastLoad = Number.NEGATIVE_INFINITY;
    let trailing = 0;
    const paint = () => {
      raf = 0;
      const canvas = canvasRef.current;
      const scene = sceneRef.current;
      if (!canvas || !scene) return;
      const dpr = fitCanvas(canvas, scene.layout.width, scene.layout.height);
      const ctx = canvas.getContext('2d');
      const now = performance.now();
      if (ctx) drawTraffic(ctx, scene, frames.latest, pulsesRef.current, dpr, now, outlineRef.current);
      const loadNow = () => {
        trailing = 0;
        lastLoad = performance.now();
        sceneRef.current?.updateLoad(frames.latest?.nodes ?? null);
        sceneRef.current?.updateEdgeLabels(ratesRef.current.rate);
      };
      if (now - lastLoad >= LOAD_INTERVAL_MS) loadNow();
      else if (!trailing) trailing = window.setTimeout(loadNow, LOAD_INTERVAL_MS - (now - lastLoad));
    };
    paintRef.current = () => {
      if (!raf) raf = requestAnimationFrame(paint);
    };
    // Every frame's fast traffic is counted, even when several frames share one paint.
    const unsubscribe = frames.subscribe((frame) => {
      if (pulsesRef.current) feedPulses(pulsesRef.current, frame.passed, frame.simTime, performance.now());
      ratesRef.current.sample(frame);
      paintRef.current();
    });
    // The window moved to a screen with another pixel ratio: redraw the canvas sharp.
    let dprQuery: MediaQueryList | null = null;
    const onDpr = () => {
      dprQuery?.removeEventListener('change', onDpr);
      dprQuery = matchMedia(`(resolution: ${window.devicePixelRatio}dppx)`);
      dprQuery.addEventListener('change', onDpr);
      paintRef.current();
    };
    onDpr();
    return () => {
      dprQuery?.removeEventListener('change', onDpr);
      unsubscribe();
      cancelAnimationFrame(raf);
      clearTimeout(trailing);
    };
  }, [frames]);

  useEffect(() => {
    const svg = svgRef.current;
    if (!svg || !size || size.width < 10 || size.height < 10) return;
    if (!topology) {
      ratesRef.current.clear();
      svg.replaceChildren();
      sceneRef.current = null;
      pulsesRef.current = null;
      return;
    }
    // Redrawn for a new size, the same run keeps its control planes' pulse counts.
    const carried = drawnTopologyRef.current === topology ? sceneRef.current?.controlState() : undefined;
    drawnTopologyRef.current = topology;
    sceneRef.current = renderTopology(svg, computeLayout(topology, size.width, size.height), carried);
    sceneRef.current.updateLoad(frames.latest?.nodes ?? null);
    if (pulsesRef.current?.level.length !== topology.edges.length * PASSED_STRIDE) {
      pulsesRef.current = createPulses(topology.edges.length);
    }
    paintRef.current();
  }, [topology, size, frames]);

  // The dots' outline follows the theme (App applies it to <html> in its own effect first).
  useEffect(() => {
    requestAnimationFrame(() => {
      outlineRef.current = dotOutline();
      paintRef.current();
    });
  }, [theme]);

  // Figures of another topology's edges mean nothing here.
  useEffect(() => ratesRef.current.clear(), [topology]);

  // After the drawing, so a redrawn topology keeps the step's highlight.
  useEffect(() => {
    sceneRef.current?.highlight(highlight);
  }, [highlight, topology, size]);

  useEffect(() => {
    const faults = faultKey ? faultKey.split('\u0001').map((k) => ({ type: k.split('\u0000')[0], target: k.split('\u0000')[1] })) : [];
    sceneRef.current?.showFaults(faults);
  }, [faultKey, topology, size]);

  return (
    <section className="topology" aria-label="Topology and traffic">
      <Legend />
      <div className="topology-stage" ref={boxRef}>
        <svg data-testid="topology" ref={svgRef} role="img" aria-label={title ? `Topology of ${title}` : 'Topology'} />
        <canvas data-testid="traffic" ref={canvasRef} aria-hidden="true" />
      </div>
    </section>
  );
}
