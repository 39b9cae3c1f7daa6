// The compare view (`compare-view`): two runs side by side on one clock under one set of
// controls, each pane drawn by the single view's TopologyView from a store of its own, the
// figures of both with their ratio, charts overlaid in two colours, one timeline marking where
// the runs first differ, and one fault form that hits the node of that name in both.
import { lazy, Suspense, useEffect, useLayoutEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { useStore } from 'zustand';
import { applyTheme, savedTheme } from '../theme/theme';
import type { CompareController } from './compareController';
import { KeepUnits } from '../narrative/KeepUnits';
import { READY_PAIRS, noPair, pairHref } from './pairs';
import { sideLabel } from './sideLabel';
import { presenterArrangement, type PaneArrangement } from './presenterArrange';
import { COMPARE_PRESENTER_FLOOR, PresenterFloorContext } from '../topology/presenterFloor';
import { CompareHeader } from './CompareHeader';
import { Pane } from './ComparePane';
import { CompareTimeline } from './CompareTimeline';
import { MetricsDiff } from './MetricsDiff';
import { scopeInUse } from './compareStore';
import { StoryWindowFigures } from './StoryWindowFigures';
import { sharedFigureSteps, soleClient } from './storyWindows';
import { CompareWindowFigures } from './CompareWindowFigures';
import { OverlayCharts } from './OverlayCharts';
import { CompareFaults } from './CompareFaults';
import { CompareOpening } from './CompareOpening';
import { useCompareKeys } from './useCompareKeys';
import { linkPaneScales } from './paneScale';
import './compare.css';
import { useMatchMedia } from '../components/useMatchMedia';
import { LinkProblemList } from '../components/LinkProblemList';

/** A branch's warning when B's change reaches no request (loaded on first use: it reads the scenario). */
const BranchReach = lazy(() => import('../changes/BranchReach').then((m) => ({ default: m.BranchReach })));

/** The compare view: the header, both panes, the shared timeline, the figures, the charts and the fault form. */
export function CompareView({ controller }: { controller: CompareController }) {
  const s = useStore(controller.store);
  useEffect(() => applyTheme(s.presenter ? 'light' : savedTheme(), !s.presenter), [s.presenter]);
  useCompareKeys(controller);
  const panesRef = useRef<HTMLDivElement>(null);
  // A narrow window fits both panes in it as presenter mode does (side by side or stacked,
  // whichever draws larger; node text at 12 px or more), the figures below (compare.css).
  const narrow = useMatchMedia(FIT_QUERY);
  const fit = s.presenter || narrow;
  const arrangement = usePresenterArrangement(controller, fit, panesRef);
  // Again on leaving presenter mode: setPresenter(false) sets the panes' flag off, and a narrow
  // window's `fit` stays true across it (its panes were then drawn with 11.6 px names, not 12.9).
  useEffect(() => {
    for (const p of controller.panes) p.services.store.setState((d) => void (d.presenter = fit));
  }, [fit, s.presenter, controller.panes]);
  // One scale for both pictures, the smaller fit: a service is one size in A and in B (paneScale.ts).
  useEffect(() => linkPaneScales(controller.panes.map((p) => p.services.store)), [controller.panes]);
  // Each pane's dock for the other's inspector (inspectorDock.ts), used where the panes are
  // drawn as presenter mode draws them: there a panel beside a pane's picture folded it.
  const [docks, setDocks] = useState<{ A: HTMLElement | null; B: HTMLElement | null }>({ A: null, B: null });
  const dockRefs = useMemo(
    () => ({
      A: (el: HTMLElement | null) => setDocks((d) => (d.A === el ? d : { ...d, A: el })),
      B: (el: HTMLElement | null) => setDocks((d) => (d.B === el ? d : { ...d, B: el })),
    }),
    [],
  );
  const rootRef = useRef<HTMLDivElement>(null);
  useChromeHeight(rootRef, fit && !s.presenter && controller.panes.length === 2);
  useHeaderHeight(rootRef);
  // Both panes show one figure both stories measure over one window, in presenter mode (trial N17, 4) and out of it
  // (session 53's T4 trial, 5: A's "33.4% failing while the replica hangs" beside B's CPU figure read as two answers).
  // The counters under the panes count the client the figures are for (trial T4, 1).
  const scope = scopeInUse(s);
  const sharedSteps = controller.panes.length === 2 ? sharedFigureSteps([controller.panes[0].info.narrative, controller.panes[1].info.narrative], s.paneTimes, [soleClient(controller.panes[0].info), soleClient(controller.panes[1].info)]) : null;
  // Presenter mode fills the window from its top: the page does not scroll there.
  useEffect(() => void (s.presenter && window.scrollTo(0, 0)), [s.presenter]);
  return (
    <div
      ref={rootRef}
      className={`compare${s.presenter ? ' compare-presenter' : fit ? ' compare-fit' : ''}`}
      data-testid="compare-view"
      data-presenter={s.presenter ? 'on' : 'off'}
      data-arrange={fit ? arrangement : undefined}
    >
      <CompareHeader controller={controller} s={s} />
      {s.linkProblems.length > 0 && (
        <section className="alert compare-problems" role="alert" data-testid="link-problems">
          <h2>Problems with this link</h2>
          <LinkProblemList problems={s.linkProblems} />
          <button type="button" className="button button-quiet" onClick={() => controller.store.setState((d) => void (d.linkProblems = []))}>
            Dismiss
          </button>
        </section>
      )}
      <CompareOpening controller={controller} s={s} />
      {s.error && (
        <section className="alert" role="alert" data-testid="compare-error">
          <p>{s.error}</p>
        </section>
      )}
      {noPair(controller.panes, s) && <PairList />}
      {controller.panes.length === 2 && (
        <>
          {s.labels && !s.presenter && (
            <Suspense fallback={null}>
              <BranchReach controller={controller} />
            </Suspense>
          )}
          <div className="compare-panes" ref={panesRef}>
            <PresenterFloorContext.Provider value={COMPARE_PRESENTER_FLOOR}>
              {controller.panes.map((p) => (
                <Pane
                  key={p.side}
                  pane={p}
                  controller={controller}
                  label={sideLabel(s, p.side === 'A' ? 0 : 1)}
                  inspecting={s.inspecting === p.side}
                  dockRef={dockRefs[p.side]}
                  dockOver={fit ? docks[p.side === 'A' ? 'B' : 'A'] : null}
                  sharedStep={sharedSteps?.[p.side === 'A' ? 0 : 1]}
                  scope={scope}
                  client={(scope !== null && s.figures?.[p.side === 'A' ? 0 : 1].summary.clients?.[scope]) || null}
                />
              ))}
            </PresenterFloorContext.Provider>
          </div>
          <CompareTimeline controller={controller} s={s} />
          <div className="compare-lower">
            <div className="compare-figures">
              <StoryWindowFigures controller={controller} s={s} />
              <CompareWindowFigures controller={controller} s={s} />
              <MetricsDiff s={s} onScope={(scope) => controller.store.setState((d) => void (d.scope = scope))} />
            </div>
            <div className="compare-side">
              <OverlayCharts controller={controller} s={s} />
              <CompareFaults controller={controller} s={s} />
            </div>
          </div>
        </>
      )}
    </div>
  );
}

/**
 * Windows this narrow, or this low, fit both panes in the window (`compare-fit`): at 1024x768 the
 * panes stacked at 48vh each left B and its figures below the fold with 6-10 px node text (session
 * 9's new-user pass); at 1280x720 the panes at 54vh (389 px, less their titles, tools, counters and
 * story) drew each picture about 620x180 px, names about 10 px and rate labels about 8 px (trial
 * N17, 5). Wider and taller windows (1600x1000) keep the panes side by side at 54vh, the figures
 * under them.
 */
const FIT_QUERY = '(max-width: 1100px), (max-height: 800px)';

/**
 * Keeps `--compare-header-h` on the view, CSS px: the sticky header's height, under which the
 * figures table's column heads stick while the page scrolls to its lower rows (at 1024x768 the
 * heads A and B scrolled away with the rows below 'links with calls'). Read on every resize.
 */
function useHeaderHeight(rootRef: RefObject<HTMLDivElement | null>): void {
  useEffect(() => {
    const root = rootRef.current;
    const header = root?.querySelector<HTMLElement>('.compare-header');
    if (!root || !header) return;
    const ro = new ResizeObserver(() => root.style.setProperty('--compare-header-h', `${header.offsetHeight}px`));
    ro.observe(header);
    return () => ro.disconnect();
  }, [rootRef]);
}

/**
 * Sets `--compare-chrome` on the view: what stands above the panes (the header, and a branch's
 * reach banner or a link's problems when shown, with their margins) plus the shared timeline's
 * height, CSS px, which `compare-fit` leaves the panes the rest of the window without (both stay
 * in sight, the header at the top and the timeline at the bottom, as the page scrolls to the
 * figures). The banner loads and appears after the panes (BranchReach): counting only the header
 * put each pane's counters under the timeline at 1024x768 (session 10's no-effect branch).
 * `on` once both panes (and so the timeline) are drawn.
 */
function useChromeHeight(rootRef: RefObject<HTMLDivElement | null>, on: boolean): void {
  useEffect(() => {
    const root = rootRef.current;
    if (!on || !root) return;
    const measure = () => {
      const panes = root.querySelector<HTMLElement>('.compare-panes');
      const timeline = root.querySelector<HTMLElement>('.compare-timeline')?.offsetHeight ?? 0;
      const above = panes ? Math.ceil(panes.getBoundingClientRect().top - root.getBoundingClientRect().top) : (root.querySelector<HTMLElement>('.compare-header')?.offsetHeight ?? 0);
      root.style.setProperty('--compare-chrome', `${above + timeline}px`);
    };
    const ro = new ResizeObserver(measure);
    // Everything before the panes, and the timeline; again when a banner comes or goes.
    const observe = () => {
      ro.disconnect();
      for (const el of root.children) {
        if (el.classList.contains('compare-panes')) break;
        ro.observe(el);
      }
      const timeline = root.querySelector('.compare-timeline');
      if (timeline) ro.observe(timeline);
      measure();
    };
    observe();
    const mo = new MutationObserver(observe);
    mo.observe(root, { childList: true });
    return () => {
      mo.disconnect();
      ro.disconnect();
      root.style.removeProperty('--compare-chrome');
    };
  }, [rootRef, on]);
}

/**
 * Presenter mode's arrangement of the panes (presenterArrange.ts), from the room the panes have
 * now and what a pane takes besides its picture, measured. 'side' outside presenter mode (the
 * CSS stacks the panes below 1,100 px there).
 *
 * The chrome is measured on the panes drawn, and differs by arrangement (stacked, a pane's
 * counters sit on its title's row). So a room is always judged as opening at its size judges it:
 * from the panes side by side first, then the largest chrome seen in that room (a counters line
 * that wraps in one arrangement and not the other would otherwise flip the panes back and forth).
 * A new room (the window resized) seen while the panes are stacked is not measured there: the
 * panes are drawn side by side for it (before the paint: a layout effect) and measured then.
 * Made 1024x768 from 1600x1000 the panes stayed stacked, judged by the stacked panes' one-row
 * chrome, where opening at 1024x768 puts them side by side.
 */
function usePresenterArrangement(controller: CompareController, presenter: boolean, panesRef: RefObject<HTMLDivElement | null>): PaneArrangement {
  /** `chrome` null: this room is not measured yet, and is drawn side by side to be. */
  const [room, setRoom] = useState<{ area: { width: number; height: number }; chrome: { width: number; height: number } | null; gap: number; story: number } | null>(null);
  const ready = controller.panes.length === 2;
  const arrangement = useMemo(() => {
    if (!room || !room.chrome || controller.panes.length < 2) return 'side';
    const [a, b] = controller.panes;
    return presenterArrangement([a.info.topology, b.info.topology], room.area, room.chrome, room.gap, room.story).arrangement;
  }, [room, controller.panes]);
  // Again after each arrangement drawn (a layout effect: measured before the paint), as well as
  // on a resize of the panes' area.
  useLayoutEffect(() => {
    const el = panesRef.current;
    if (!presenter || !ready || !el) return void setRoom(null);
    const measure = () => {
      const cs = getComputedStyle(el);
      const px = (v: string) => parseFloat(v) || 0;
      const area = { width: Math.round(el.clientWidth - px(cs.paddingLeft) - px(cs.paddingRight)), height: Math.round(el.clientHeight - px(cs.paddingTop) - px(cs.paddingBottom)) };
      const pane = el.querySelector<HTMLElement>('.compare-pane');
      const picture = pane?.querySelector<HTMLElement>('.topology-stage');
      if (!pane || !picture) return;
      const gap = px(cs.columnGap) || 10;
      const drawn = el.closest('[data-arrange]')?.getAttribute('data-arrange') ?? 'side';
      setRoom((r) => {
        const sameRoom = r !== null && r.area.width === area.width && r.area.height === area.height;
        const seen = sameRoom ? r.chrome : null;
        // A room first seen with the panes stacked: draw them side by side and measure that.
        if (seen === null && drawn !== 'side') return sameRoom && r.chrome === null ? r : { area, chrome: null, gap, story: 0 };
        // The step text's lines past its first (paneStory.css gives it two in a tall window) are not
        // counted: the arrangement is the one a one-line story chooses (config-rollout side by side at
        // 1600x1000, keyboard.spec), the second line taken from the picture's room as it stands.
        const stepText = drawn === 'side' ? pane.querySelector<HTMLElement>('.compare-story-text') : null;
        const lineHeight = stepText ? Number.parseFloat(getComputedStyle(stepText).lineHeight) : 0;
        const extra = stepText && lineHeight > 0 ? Math.max(0, Math.round(stepText.clientHeight - lineHeight)) : 0;
        const now = { width: Math.round(pane.offsetWidth - picture.clientWidth), height: Math.round(pane.offsetHeight - picture.clientHeight) - extra };
        const chrome = seen ? { width: Math.max(seen.width, now.width), height: Math.max(seen.height, now.height) } : now;
        // The pane's own story under its picture side by side (stacked panes set it beside).
        const story = drawn === 'side' ? Math.round(pane.querySelector<HTMLElement>('.compare-story')?.offsetHeight ?? 0) - extra : (r?.story ?? 0);
        return r && sameRoom && r.chrome && r.chrome.width === chrome.width && r.chrome.height === chrome.height && r.story === story ? r : { area, chrome, gap, story };
      });
    };
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, [presenter, ready, panesRef, arrangement]);
  return arrangement;
}

function PairList() {
  return (
    <section className="compare-pairs" data-testid="compare-pairs">
      <h2 className="section-title">Ready-made pairs</h2>
      <ul>
        {READY_PAIRS.map((p) => (
          <li key={`${p.a},${p.b}`}>
            <a href={pairHref(p.a, p.b, undefined, p.scope)}>{p.label}</a> <span className="muted">
              ({p.a} vs {p.b}
              {p.about ? (
                <>
                  : <KeepUnits text={p.about} />
                </>
              ) : null}
              )
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
