// The run on one line: where the narrative's steps fall, when faults start and end (each a band
// in a lane under the track, so overlapping ones read apart), and where the simulation is now. A
// click or a drag anywhere on its band (useBandSeek: the timeline's height over the track, not the
// track's 8 px alone; hovering it shows the moment under the pointer) runs the simulation to that time, continuously while dragging (back in time:
// again from 0, the injected faults replayed); the step and fault markers stay buttons that seek
// to their time (three or more faults starting at one moment share one, with their count).
import { Suspense, lazy, useLayoutEffect, useRef, useState } from 'react';
import { formatClock } from '../format';
import { faultFamily } from '../faults/faultName';
import { faultBand, faultBandTitle, faultLanes } from './faultBand';
import { stepAt } from '../narrative/steps';
import { useAppStore, useController } from '../state/useAppStore';
import { SHIFT_SEEK_MS } from './useShortcuts';
import { belowRowsDrop, handleGroups, rowOffset, spreadMarkers, stackMarkers, STEP_AIR, STEP_HALF } from './timelineStack';
import { useBandSeek } from './useBandSeek';
import { TimelineHover } from './TimelineHover';
import { faultMarkerLabel, faultMarkerTitle, sharedMarkerLabel, sharedMarkerTitle, stepMarkerTitle } from './timelineTitles';
import { refusalMarks } from './expiredHandshakesWords';

const NO_STEPS: never[] = [];
/** The marks at a first refused handshake: the expiry's lazy chunk, loaded once one was refused. */
const FirstRefusalMarks = lazy(() => import('./expiryParts').then((m) => ({ default: m.FirstRefusalMarks })));
const HANDLE_LEFT = 3;
const HANDLE_RIGHT = 6;
/** A shared handle's reach right of its time, CSS px: 17 px wide with its count (recipe.css .timeline-fault-shared). */
const SHARED_RIGHT = 14;
/** A first-refusal tick's reach either side of its time, CSS px (expiredHandshakes.css .timeline-refusal: 9 px wide). */
const REFUSAL_LEFT = 4;
const REFUSAL_RIGHT = 5;
/**
 * How far a marker on the track reaches above and below the track's top, CSS px: a step circle
 * is 20 px from 11 px above to 9 px under it (the track is 8 px), a handle's top 7 px above it
 * and its bottom at 9 too (styles.css .timeline-step, recipe.css). Both end 1 px over the
 * track's line and 1 px above the first fault lane (LANE_TOP): a circle centred on the track
 * reached 15 px down and covered that lane's start where a fault began at a step's time
 * (control-plane-outage's control plane and CA at step 2's 10 s).
 */
const MARKER_TOP = -11;
const MARKER_BOTTOM = 9;
/** Height of a row of stacked markers, CSS px: a circle's 20; circles a row apart meet, never overlap. */
const ROW_PX = 20;
/**
 * How much higher a handle raised above the track stands than its row, CSS px: its 16 px in a 20
 * px row sat edge to edge on a step circle under it (retry-storm's fault at step 2's 10 s); lifted
 * 4 px, its top is a raised circle's, and 4 px of air part them.
 */
const HANDLE_LIFT = 4;
/** Clear space past the outermost row of stacked markers, CSS px. */
const ROW_AIR = 4;
/**
 * Air between the timeline's marks and its edges, CSS px: above the highest row (under the drawer's tabs) and under
 * the lowest lane or row (over the counters). With none, a handle at a step's time sat on the tab line and the row
 * read as crushed (trial T4, 7). styles.css .timeline's padding holds it for one row and one lane. None in presenter
 * mode, where no drawer gives the 6 px back (charts.css) and the story column needs them (presenter.spec).
 */
const EDGE_AIR = { top: 4, bottom: 2 };
const NO_AIR = { top: 0, bottom: 0 };
/** The track's top under the top of the timeline's content box, CSS px: an 8 px track centred in the label's 14 px line. */
const TRACK_IN_LINE = 3;
/**
 * Fault lanes under the track, CSS px (styles.css .timeline-fault-lane): the first starts 2 px
 * under the track's 8, each 4 tall and 2 apart. One lane fits the timeline's own padding; each
 * more adds LANE_STEP, at most MAX_FAULT_LANES of them.
 */
const LANE_TOP = 10;
const LANE_STEP = 6;
const LANE_PX = 4;

export function Timeline() {
  const controller = useController();
  const duration = useAppStore((s) => s.info?.durationMs ?? 0);
  const steps = useAppStore((s) => s.info?.narrative ?? NO_STEPS);
  const faults = useAppStore((s) => s.faults);
  const air = useAppStore((s) => (s.presenter ? NO_AIR : EDGE_AIR));
  const simTime = useAppStore((s) => s.stats.simTime);
  const refused = useAppStore((s) => (s.stats.expiredHandshakes ?? 0) > 0);
  const runRefusedMs = useAppStore((s) => s.stats.expiredHandshakeFirstMs ?? -1);
  const seekingTo = useAppStore((s) => s.seekingTo);
  const trackRef = useRef<HTMLDivElement>(null);
  const [trackWidth, setTrackWidth] = useState(0);
  const measuredRef = useRef(false);
  const band = useBandSeek(trackRef, duration, (ms) => void controller.seek(ms));
  const scrubbing = band.scrubbing;
  useLayoutEffect(() => {
    const track = trackRef.current;
    if (!track) return;
    // Read once, before the first paint, so the bands are drawn at their width from the start.
    // NOTE: not again for another scenario (a new duration): the track keeps its width, and a
    // read here forced the layout of the whole page in the task that renders the opened scenario
    // (99 ms of 1,000 services' panels, bench:ui openLongestTaskMs); the observer reports a change.
    if (!measuredRef.current) setTrackWidth(track.getBoundingClientRect().width);
    measuredRef.current = true;
    const ro = new ResizeObserver((entries) => setTrackWidth(entries[entries.length - 1].target.getBoundingClientRect().width));
    ro.observe(track);
    return () => ro.disconnect();
  }, [duration]);
  if (duration <= 0) return <div className="timeline" />;
  const at = (ms: number) => `${(100 * Math.min(duration, Math.max(0, ms))) / duration}%`;
  const current = stepAt(steps, simTime);
  // Markers that would cover each other (a fault at a step's time) go on rows above and below.
  const px = (ms: number) => (trackWidth * Math.min(duration, Math.max(0, ms))) / duration;
  // Three or more faults starting at one moment share a handle with their count (handleGroups).
  const handles = handleGroups(faults.map((f) => f.startMs)).map((g) => g.map((i) => faults[i]));
  // Step circles too close for one another stand side by side round their times (spreadMarkers), on the
  // track: gateway-and-mesh's step 2, 3 s after step 1, was lifted above the track at 1024 px (N7's trial).
  // Before the track is measured, where they are.
  const stepX = trackWidth ? spreadMarkers(steps.map((s) => px(s.at)), 2 * STEP_HALF + STEP_AIR, 0, trackWidth) : steps.map((s) => px(s.at));
  const stepLeft = (i: number) => (trackWidth ? `calc(${at(steps[i].at)} + ${(stepX[i] - px(steps[i].at)).toFixed(1)}px)` : at(steps[i].at));
  // The first-refusal ticks stack with them: the bridge's 9.25 s tick stood against its fault's 9 s handle at
  // 1024 px (two-meshes-via-gateway, session 46), and now goes a row up, at its own time.
  const refusals = refused ? refusalMarks(faults, runRefusedMs) : [];
  const rows = stackMarkers([
    ...steps.map((_, i) => ({ x: stepX[i], left: STEP_HALF, right: STEP_HALF })),
    ...handles.map((h) => ({ x: px(h[0].startMs), left: HANDLE_LEFT, right: h.length > 1 ? SHARED_RIGHT : HANDLE_RIGHT })),
    ...refusals.map((m) => ({ x: px(m.ms), left: REFUSAL_LEFT, right: REFUSAL_RIGHT })),
  ]);
  const stepRow = (i: number) => rows[i];
  const handleRow = (i: number) => rows[steps.length + i];
  const refusalRow = (i: number) => rows[steps.length + handles.length + i];
  const up = Math.ceil(Math.max(0, ...rows.filter((r) => r % 2 === 1)) / 2);
  const down = Math.max(0, ...rows.filter((r) => r > 0 && r % 2 === 0)) / 2;
  // Each fault's band in a lane of its own under the track, so overlapping faults read apart and
  // the track keeps the played part; a fault takes the first lane free over its span.
  const bands = faults.map((f) => faultBand(f, simTime, duration));
  // In px, as drawn (a band is 3 px wider than its time); before the track is measured, as on a 1,000 px one.
  const bandPx = (ms: number) => (trackWidth ? px(ms) : (1000 * Math.min(duration, Math.max(0, ms))) / duration);
  const lanes = faultLanes(bands.map((b) => ({ from: bandPx(b.fromMs), to: bandPx(b.toMs) + 3 })));
  const laneCount = faults.length ? Math.max(...lanes) + 1 : 0;
  const lanesEnd = laneCount ? LANE_TOP + (laneCount - 1) * LANE_STEP + LANE_PX : 0;
  // Rows below the track start under the lanes, so a handle there covers no band (it sat across
  // the lanes at its own time).
  const drop = down > 0 ? belowRowsDrop(lanesEnd, MARKER_TOP, ROW_PX) : 0;
  const shift = (row: number, lift = 0) => (row ? { transform: `translateY(${rowOffset(row, ROW_PX, drop) - (row % 2 === 1 ? lift : 0)}px)` } : undefined);
  // Padding under the track's line (14 px, the track 3 px from its top) for the lanes and 1 px of
  // air, and for the lowest row's markers; above it, for the highest row's (styles.css's 28 px
  // holds one row: a raised circle's top at the padding's).
  const lineEnd = TRACK_IN_LINE + 8 + TRACK_IN_LINE;
  const lanesBottom = laneCount ? lanesEnd + TRACK_IN_LINE + 1 - lineEnd : 0;
  // ROW_AIR between a stacked row and the counters (or the tabs) past it: 6 faults at one time
  // stacked a handle down onto the counter bar's edge.
  const rowsBottom = down > 0 ? MARKER_BOTTOM + down * ROW_PX + drop + TRACK_IN_LINE - lineEnd + ROW_AIR : 0;
  const bottom = Math.max(4, rowsBottom, lanesBottom) + air.bottom;
  const top = -MARKER_TOP + Math.max(1, up) * ROW_PX - TRACK_IN_LINE + (up > 1 ? ROW_AIR : 0) + air.top;
  return (
    <div
      className={`timeline${band.hoverMs !== null || scrubbing ? ' timeline-band-live' : ''}`}
      aria-label="Timeline"
      {...band.handlers}
      data-rows-up={up}
      data-rows-down={down}
      data-lanes={laneCount}
      // Room for the stacked rows and the fault lanes, so none reaches over the picture or the
      // counters: one row above the track and one lane under it are kept from the first paint
      // (styles.css), more grow the timeline (lanes by 6 px each, at most five more (MAX_FAULT_LANES); a row below
      // the track by ROW_PX and what it drops to clear the lanes: 19 px under control-plane-outage's three).
      style={up > 1 || bottom > 4 + air.bottom ? { paddingTop: top, paddingBottom: bottom } : undefined}
    >
      <span className="timeline-label">timeline</span>
      <div
        className={`timeline-track${scrubbing ? ' scrubbing' : ''}`}
        data-testid="timeline"
        ref={trackRef}
        role="slider"
        aria-label="Simulated time; click or drag to run to a time (Shift+← / Shift+→: 1 s)"
        aria-valuemin={0}
        aria-valuemax={duration}
        aria-valuenow={Math.round(simTime)}
        aria-valuetext={formatClock(simTime)}
        // Reachable by Tab (it was not: N-report 9); focused, plain ← / → seek 1 s as Shift+arrows do
        // anywhere (the window's n/p meaning of the arrows is kept off the focused slider).
        tabIndex={0}
        onKeyDown={(e) => {
          if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
          if (e.altKey || e.ctrlKey || e.metaKey) return;
          e.preventDefault();
          e.stopPropagation();
          const from = seekingTo ?? simTime;
          void controller.seek(Math.max(0, Math.min(duration, from + (e.key === 'ArrowRight' ? SHIFT_SEEK_MS : -SHIFT_SEEK_MS))));
        }}
      >
        <div className="timeline-done" style={{ width: at(simTime) }} />
        {/* Each fault a band of its planned length (faultBand) in its lane under the track, light
            ahead of the run, solid where the run has been through it. */}
        {faults.map((f, i) => {
          const b = bands[i];
          // The share of the band the run has been through (the band is 3 px wider than its time).
          const done = b.doneToMs === null ? 0 : (b.doneToMs - b.fromMs) / Math.max(1e-9, b.toMs - b.fromMs);
          // One that lasts until cleared fades out toward the run's end: it may be cleared before.
          const fade = b.open ? `linear-gradient(to right, #000 ${(100 * done).toFixed(2)}%, rgb(0 0 0 / 0.2) 100%)` : undefined;
          return (
            <div
              key={f.id}
              className={`timeline-fault timeline-fault-lane${f.pending ? ' timeline-fault-pending' : ''}${b.open ? ' timeline-fault-open' : ''}`}
              data-from-ms={b.fromMs}
              data-to-ms={b.toMs}
              data-lane={lanes[i]}
              data-fault-type={f.type}
              data-fault-family={faultFamily(f.type)}
              style={{ left: at(b.fromMs), top: LANE_TOP + lanes[i] * LANE_STEP, width: `calc(${at(b.toMs - b.fromMs)} + 3px)`, maskImage: fade, WebkitMaskImage: fade }}
              title={faultBandTitle(f, b)}
            >
              {b.doneToMs !== null && <div className="timeline-fault-done" style={{ width: `calc(${(100 * done).toFixed(3)}% - ${(3 * done).toFixed(3)}px + 3px)` }} />}
            </div>
          );
        })}
        {/* The bars let drags through; a small handle at each fault's start seeks there. */}
        {handles.map((h, i) => {
          const f = h[0];
          const families = new Set(h.map((x) => faultFamily(x.type)));
          return (
            <button
              key={f.id}
              type="button"
              className={`timeline-fault-handle${h.length > 1 ? ' timeline-fault-shared' : ''}`}
              data-testid="timeline-fault"
              data-fault-family={families.size === 1 ? faultFamily(f.type) : 'mixed'}
              data-faults={h.length}
              data-row={handleRow(i)}
              style={{ left: at(f.startMs), ...shift(handleRow(i), HANDLE_LIFT) }}
              title={h.length > 1 ? sharedMarkerTitle(h) : faultMarkerTitle(f)}
              aria-label={h.length > 1 ? sharedMarkerLabel(h) : faultMarkerLabel(f)}
              onClick={(e) => {
                e.stopPropagation();
                void controller.seek(f.startMs);
              }}
            >
              {h.length > 1 ? h.length : null}
            </button>
          );
        })}
        {steps.map((s, i) => (
          <button
            key={i}
            type="button"
            className={`timeline-step${i === current ? ' current' : i < current ? ' past' : ''}`}
            data-row={stepRow(i)}
            style={{ left: stepLeft(i), ...shift(stepRow(i)) }}
            title={stepMarkerTitle(i, s)}
            onClick={(e) => {
              e.stopPropagation();
              void controller.seek(s.at);
            }}
          >
            {i + 1}
          </button>
        ))}
        {refused && (
          <Suspense fallback={null}>
            <FirstRefusalMarks at={at} marks={refusals} place={(i) => ({ row: refusalRow(i), style: shift(refusalRow(i)) })} />
          </Suspense>
        )}
        {band.hoverMs !== null && <TimelineHover at={at(band.hoverMs)} ms={band.hoverMs} />}
        {seekingTo !== null && <div className="timeline-seeking" data-testid="timeline-seeking" style={{ left: at(seekingTo) }} />}
        {/* Under the step markers (a step at the head's time keeps its number readable), and taller
            than them, so the head still shows above and below a marker it passes. */}
        <div className="timeline-head" data-testid="timeline-head" style={{ left: at(simTime), zIndex: 0, top: MARKER_TOP - 3, height: MARKER_BOTTOM - MARKER_TOP + 3 + 9 }} />
      </div>
    </div>
  );
}
