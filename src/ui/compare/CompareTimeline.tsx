// The compare view's one timeline: both runs' progress on the shared clock, the faults, where
// the runs first differ, and a press or a drag anywhere on its band (useBandSeek: over the track
// and the row of step markers under it, not the track's 8 px alone) to seek both.
import { CompareVerdict } from './CompareVerdict';
import { useLayoutEffect, useRef, useState } from 'react';
import { useBandSeek } from '../components/useBandSeek';
import { TimelineHover } from '../components/TimelineHover';
import { formatClock, formatMoment } from '../format';
import type { CompareController } from './compareController';
import type { CompareState } from './compareStore';
import { DIVERGENCE_RULE, DIVERGENCE_RULE_SHORT, divergenceHeadline } from './divergence';
import { ownStepHeads, storyMarkerText, storySteps, type StoryStep } from './useCompareKeys';
import { stepMarkerTitle } from '../components/timelineTitles';
import { spreadMarkers } from '../components/timelineStack';
import { useStore } from 'zustand';
import type { ComparePane } from './compareController';
import { sideFaultBands } from './compareFaultBands';
import { faultBandTitle } from '../components/faultBand';
import { faultFamily } from '../faults/faultName';
import { CompareRefusalMarks } from './CompareRefusalMarks';
import '../components/expiredHandshakes.css';

/** A step circle's width here (compare.css) and the air between two side by side, CSS px. */
const STEP_PX = 18;
const STEP_AIR = 6;
/**
 * How far under the track the band reaches, CSS px: its step markers hang 12 px under the track's
 * top, 18 px tall (compare.css), 22 px under its 8; the sentence below them is not the band.
 */
const BAND_BELOW = 24;

/** The shared timeline; a press or a drag on it seeks both runs. */
export function CompareTimeline({ controller, s }: { controller: CompareController; s: CompareState }) {
  const track = useRef<HTMLDivElement>(null);
  const [trackWidth, setTrackWidth] = useState(0);
  useLayoutEffect(() => {
    const el = track.current;
    if (!el) return;
    setTrackWidth(el.getBoundingClientRect().width);
    const ro = new ResizeObserver((entries) => setTrackWidth(entries[entries.length - 1].target.getBoundingClientRect().width));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  const at = (ms: number) => `${(100 * Math.min(1, ms / Math.max(1, s.durationMs))).toFixed(3)}%`;
  // Both runs at their end with no difference found: said for the whole run, not "yet".
  const ended = s.durationMs > 0 && s.simTime >= s.durationMs;
  // One scenario on both sides, not a branch: one recipe, so the runs are the same event for event
  // (a fault from the view's form strikes both). Said, rather than "no visible difference yet"
  // for the whole run (session 36's trial opened ?compare=retry-storm,retry-storm).
  const same = s.pair !== null && s.pair[0] === s.pair[1] && s.labels === null && !s.divergence;
  const divergenceText = same
    ? 'A and B are one scenario with one seed, so they run event for event alike: pick another scenario for B, or branch B with a config change'
    : s.divergence
    ? divergenceHeadline(s.divergence)
    : ended
      ? `No visible difference in the whole run (to ${formatMoment(s.durationMs)}): ${DIVERGENCE_RULE_SHORT}`
      : `No visible difference yet: ${DIVERGENCE_RULE_SHORT}`;
  // The rule after "No visible difference…", apart, so a pane-fitted view can leave it to the tooltip.
  const ruleAt = s.divergence ? -1 : divergenceText.lastIndexOf(`: ${DIVERGENCE_RULE_SHORT}`);
  // The story's steps, as n / p move through them (session 37's trial N6, F8: n moved both runs to steps named nowhere):
  // marked on the track, numbered as each pane numbers its own (A4, B5 where one side alone has a step then), and each
  // run's current step named where the label says "timeline", by its own story: the merged story's "Step 6 of 7"
  // matched neither file (trial N10, finding 2). Current is where both runs stand (the shared clock), as in the single
  // view (Timeline's stepAt): mid-seek the head named the step the seek went to over panes still at 0.000 s (N8).
  const steps = storySteps(controller.panes);
  const current = steps.filter((x) => x.at <= s.simTime).length - 1;
  const bothTold = controller.panes.length === 2 && controller.panes.every((p) => (p.info.narrative ?? []).length > 0);
  // Steps closer than a circle stand side by side round their times: gateway-only vs mesh-only's 3 and 4, a
  // second apart, were drawn one over the other at 1024 px (N7's trial).
  const stepPx = (ms: number) => (trackWidth * Math.min(1, ms / Math.max(1, s.durationMs)));
  const marks = steps.map((x) => storyMarkerText(x.own, bothTold));
  // A marker of two to five characters (A4, A5 B4) is wider than the circle: 7 px a character more.
  const markPx = STEP_PX + 7 * (Math.max(1, ...marks.map((m) => m.length)) - 1);
  const stepX = spreadMarkers(steps.map((x) => stepPx(x.at)), markPx + STEP_AIR, 0, trackWidth);
  const stepLeft = (i: number) => (trackWidth ? `calc(${at(steps[i].at)} + ${(stepX[i] - stepPx(steps[i].at)).toFixed(1)}px)` : at(steps[i].at));
  const heads = ownStepHeads(controller.panes, s.simTime);
  const band = useBandSeek(track, s.durationMs, (ms) => void controller.seek(ms), BAND_BELOW);
  return (
    <div
      className={`timeline compare-timeline${steps.length > 0 ? ' compare-timeline-steps' : ''}${band.hoverMs !== null || band.scrubbing ? ' timeline-band-live' : ''}`}
      aria-label="Shared timeline"
      {...band.handlers}
    >
      {heads.length === 0 ? (
        <span className="timeline-label">timeline</span>
      ) : (
        <span className={`timeline-label compare-step-head${heads.length > 1 ? ' compare-step-head-two' : ''}`} data-testid="compare-step" title={`${heads.map((h) => h.text).join('\n')}\nn / p: the next or previous step`}>
          {heads.map((h) => (
            <span key={h.side ?? 'AB'} className="compare-step-line" data-testid="compare-step-side" data-side={h.side ?? 'AB'}>
              {h.text}
            </span>
          ))}
        </span>
      )}
      <div
        ref={track}
        className="timeline-track"
        data-testid="timeline"
        // The single run's timeline's slider (Timeline.tsx): a screen reader hears the shared
        // clock; the keys are the view's (useCompareKeys), so the track takes no focus of its own.
        role="slider"
        aria-label="Simulated time of both runs; click or drag to run both to a time (Shift+← / Shift+→: 1 s)"
        aria-valuemin={0}
        aria-valuemax={s.durationMs}
        aria-valuenow={Math.round(s.simTime)}
        aria-valuetext={formatClock(s.simTime)}
        tabIndex={-1}
      >
        <div className="timeline-done" style={{ width: at(s.simTime) }} />
        {controller.panes.length === 2 && <SideFaults panes={controller.panes} at={at} nowMs={s.simTime} durationMs={s.durationMs} />}
        {controller.panes.length === 2 && <CompareRefusalMarks controller={controller} panes={controller.panes} at={at} />}
        {s.faults.map((f) => (
          <div key={f.n} className="timeline-fault" style={{ left: at(f.atMs), width: 3 }} title={`${f.label} at ${formatMoment(f.atMs)}`} />
        ))}
        {s.divergence && (
          <div className={`compare-divergence compare-divergence-${s.divergence.kind}`} data-testid="divergence-marker" data-ms={s.divergence.ms} style={{ left: at(s.divergence.ms) }} title={`The runs first differ: ${s.divergence.text}. The rule: ${DIVERGENCE_RULE}`} />
        )}
        {steps.map((x, i) => (
          <button
            key={x.at}
            type="button"
            className={`timeline-step${marks[i].length > 1 ? ' compare-step-wide' : ''}${i === current ? ' current' : i < current ? ' past' : ''}`}
            data-testid="compare-step-marker"
            data-side={bothTold && (x.own[0] === null) !== (x.own[1] === null) ? (x.own[0] === null ? 'B' : 'A') : undefined}
            style={{ left: stepLeft(i) }}
            title={storyMarkerTitle(x, bothTold)}
            onPointerDown={(e) => e.stopPropagation()}
            onClick={(e) => {
              e.stopPropagation();
              void controller.seek(x.at);
            }}
          >
            {marks[i].includes(' ') ? <MarkParts text={marks[i]} /> : marks[i]}
          </button>
        ))}
        {band.hoverMs !== null && <TimelineHover at={at(band.hoverMs)} ms={band.hoverMs} />}
        {s.seekingTo !== null && <div className="timeline-seeking" data-testid="timeline-seeking" style={{ left: at(s.seekingTo) }} />}
        <div className="timeline-head" style={{ left: at(s.simTime) }} />
      </div>
      <span className="compare-divergence-text" data-testid="divergence-text" title={`${divergenceText}. The rule: ${DIVERGENCE_RULE}`}>
        {ruleAt < 0 ? (
          divergenceText
        ) : (
          <>
            {divergenceText.slice(0, ruleAt)}
            <span className="compare-divergence-rule">{divergenceText.slice(ruleAt)}</span>
          </>
        )}
      </span>
      <CompareVerdict controller={controller} s={s} />
    </div>
  );
}

/**
 * Both runs' faults as bands on the track, as the single view draws a run's (pink, solid where
 * the clock has been): a fault both runs have across the track's height, one only A has in its
 * upper half and one only B has in its lower half, each of those tagged A or B above the track.
 */
function SideFaults({ panes, at, nowMs, durationMs }: { panes: readonly ComparePane[]; at: (ms: number) => string; nowMs: number; durationMs: number }) {
  const a = useStore(panes[0].services.store, (x) => x.faults);
  const b = useStore(panes[1].services.store, (x) => x.faults);
  return (
    <>
      {sideFaultBands(a, b, nowMs, durationMs).map(({ key, fault, band, sides }) => {
        const done = band.doneToMs === null ? 0 : (band.doneToMs - band.fromMs) / Math.max(1e-9, band.toMs - band.fromMs);
        const whose = sides === 'AB' ? 'in both runs' : `in ${sides} only`;
        return (
          <div
            key={key}
            className={`compare-side-fault compare-side-fault-${sides}`}
            data-testid="compare-side-fault"
            data-sides={sides}
            data-fault-family={faultFamily(fault.type)}
            data-from-ms={band.fromMs}
            data-to-ms={band.toMs}
            style={{ left: at(band.fromMs), width: `calc(${at(band.toMs - band.fromMs)} + 3px)` }}
            title={`${faultBandTitle(fault, band)} (${whose})`}
          >
            {band.doneToMs !== null && <div className="timeline-fault-done" style={{ width: `calc(${(100 * done).toFixed(3)}% - ${(3 * done).toFixed(3)}px + 3px)` }} />}
            {sides !== 'AB' && <span className="compare-side-fault-tag">{sides}</span>}
          </div>
        );
      })}
    </>
  );
}

/** A marker for two sides' steps at one time ("A5 B4"): each side's part apart, a gap between them. */
function MarkParts({ text }: { text: string }) {
  const [a, b] = text.split(' ');
  return (
    <>
      <span className="compare-step-part">{a}</span> <span className="compare-step-part">{b}</span>
    </>
  );
}

/** A merged step's marker title, by each side's own numbering: "A's step 4, B's step 4: The failure … (25.0 s)". Pure. */
function storyMarkerTitle(x: StoryStep, bothTold: boolean): string {
  if (!bothTold) return stepMarkerTitle((x.own[0] ?? x.own[1] ?? 0), x);
  const whose = x.own.flatMap((k, i) => (k === null ? [] : [`${'AB'[i]}'s step ${k + 1}`])).join(', ');
  return `${whose}: ${x.title} (${formatClock(x.at)})`;
}
